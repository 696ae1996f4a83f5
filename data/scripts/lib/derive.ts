// Series the build computes (catalogue kind "derived", or computed rows inside a cited series):
// per-capita values from counts ÷ population where the page gives only the count; rail door-to-door
// minutes and the 60-minute population share from the rail isochrone engine; hospital densities by
// Beijing district from the hospital register. Everything is computed here from files, never typed in.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cellKey, csvRecords } from '../../../src/core/indicators.ts';
import { isochrone, loadAccessGrid, railContext, type AccessGridFile } from '../../../src/core/rail/index.ts';
import type { RailNetworkData, TravelParams } from '../../../src/core/rail/index.ts';
import type { UnitInfo } from '../../../src/core/types.ts';
import { REPO_ROOT, sharedPath } from '../../../geo/scripts/lib/build-io.ts';
import type { CensusRow } from './census.ts';
import type { Candidate } from './cited.ts';
import { RAIL_SOURCE, REGISTER_SOURCE } from './sources.ts';

const round = (x: number, d: number) =>
  Number((Math.round(Number((x * 10 ** d).toPrecision(12))) / 10 ** d).toFixed(d));

/** Count → per-capita pairs: count id, per-capita id, persons per unit of the per-capita figure. */
export const PER_CAPITA: {
  count: string;
  per: string;
  scale: number;
  decimals: number;
  what: [string, string];
}[] = [
  { count: 'hospital_beds', per: 'beds_per_1000', scale: 1000, decimals: 2, what: ['beds', '床位'] },
  {
    count: 'licensed_doctors',
    per: 'doctors_per_1000',
    scale: 1000,
    decimals: 2,
    what: ['doctors', '执业（助理）医师'],
  },
  {
    count: 'registered_nurses',
    per: 'nurses_per_1000',
    scale: 1000,
    decimals: 2,
    what: ['nurses', '注册护士'],
  },
  {
    count: 'health_technicians',
    per: 'health_technicians_per_1000',
    scale: 1000,
    decimals: 2,
    what: ['health technicians', '卫生技术人员'],
  },
  {
    count: 'higher_ed_students',
    per: 'higher_ed_students_per_10k',
    scale: 10_000,
    decimals: 1,
    what: ['students', '普通本专科在校生'],
  },
];

/**
 * Per-capita rows computed from a count and the year-end resident population (the 2020 census count for
 * 2020 when no year-end figure exists, said in the note), for cells without a cited per-capita value.
 * The row takes the count's source; the note names both figures and the population's source.
 */
export function perCapitaRows(
  best: ReadonlyMap<string, Candidate>,
  census: readonly CensusRow[],
  sourceOf: (url: string) => string,
): Candidate[] {
  const censusPop = new Map(census.map((r) => [r.code, r.counts.pop_total_2020]));
  const out: Candidate[] = [];
  let i = 0;
  for (const b of [...best.values()].sort((x, y) => x.order - y.order)) {
    const pair = PER_CAPITA.find((p) => p.count === b.row.indicator);
    if (!pair) continue;
    const { unit_code: u, year } = b.row;
    if (best.has(cellKey(u, pair.per, year))) continue;
    const pop = best.get(cellKey(u, 'resident_population', year));
    let persons: number | undefined;
    let popEn = '';
    let popZh = '';
    if (pop) {
      persons = pop.row.value * 10_000;
      popEn = `${pop.row.value} 10k year-end residents (${sourceOf(pop.url)})`;
      popZh = `年末常住人口${pop.row.value}万人（${sourceOf(pop.url)}）`;
    } else if (year === 2020 && censusPop.has(u)) {
      persons = censusPop.get(u)!;
      popEn = `${persons} residents of the 2020 census (1 Nov, census2020; no year-end figure)`;
      popZh = `2020年普查常住人口${persons}人（11月1日，无年末数）`;
    }
    if (persons === undefined) continue;
    const value = round((b.row.value / persons) * pair.scale, pair.decimals);
    const order = ['high', 'medium', 'low'] as const;
    const conf =
      order[Math.max(order.indexOf(b.row.confidence), pop ? order.indexOf(pop.row.confidence) : 0)]!;
    out.push({
      ...b,
      row: {
        ...b.row,
        indicator: pair.per,
        value,
        unit: '',
        confidence: conf,
        rank: 1,
        note: `computed: ${b.row.value} ${pair.what[0]} ÷ ${popEn} × ${pair.scale.toLocaleString('en-US')}`,
        note_zh: `计算值：${pair.what[1]}${b.row.value} ÷ ${popZh} × ${pair.scale}`,
        quote: b.row.quote,
      },
      computed: true,
      variant: true,
      order: 5e11 + i++,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Rail: minutes from every county to central Beijing and to the nearest of three hubs, 2008–2024.

export const RAIL_YEARS = Array.from({ length: 17 }, (_, k) => 2008 + k);
/** Hub stations (names in geo/build/rail/network.json): 北京站 in Dongcheng, 天津站, 石家庄站. */
export const HUBS = ['北京', '天津', '石家庄'] as const;
/** Largest band: beyond any door-to-door time in the region, so every cell gets a time (road at worst). */
const CAP_MINUTES = 1440;

function readJson<T>(p: string): T {
  return JSON.parse(readFileSync(p, 'utf8')) as T;
}

function derivedRow(
  unit_code: string,
  indicator: string,
  year: number,
  value: number,
  unit: string,
  source_id: string,
  note: string,
  note_zh: string,
  order: number,
): Candidate {
  return {
    row: {
      unit_code,
      indicator,
      year,
      value,
      unit,
      source_id,
      confidence: 'medium',
      rank: 1,
      note,
      note_zh,
      quote: '',
    },
    file: 'derived',
    line: 0,
    url: '',
    variant: false,
    official: false,
    order,
    computed: true,
  };
}

/**
 * County, city and province mean minutes (population-weighted over grid cells) to 北京站 and to the nearest
 * hub, and the share of each province's residents within 60 minutes of 北京站, per year.
 */
export function railRows(railDir = resolve(REPO_ROOT, 'geo/build/rail')): {
  rows: Candidate[];
  summary: string[];
} {
  const network = readJson<RailNetworkData>(resolve(railDir, 'network.json'));
  const grid = loadAccessGrid(readJson<AccessGridFile>(resolve(railDir, 'access-grid.json')));
  const params = readJson<{ params: TravelParams }>(resolve(railDir, 'calibration.json')).params;
  const ctx = railContext(network, grid, params);
  const hubs = HUBS.map((name) => {
    const s = network.stations.find((x) => x.name_zh === name);
    if (!s || s.lon === null || s.lat === null)
      throw new Error(`hub station ${name} not located in network.json`);
    return s;
  });
  const rows: Candidate[] = [];
  const summary: string[] = [];
  const nc = grid.counties.length;
  let order = 6e11;
  summary.push(
    `rail parameters (calibration.json): ${Object.entries(params)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  for (const year of RAIL_YEARS) {
    const fields = hubs.map(
      (station) =>
        isochrone(ctx, { origin: { kind: 'station', station }, year, bands: [60, CAP_MINUTES] }).minutes,
    );
    const toBj = fields[0]!;
    // Population-weighted sums per county, for Beijing and for the nearest hub.
    const sumBj = new Float64Array(nc);
    const sumNear = new Float64Array(nc);
    const popIn = new Float64Array(nc);
    const within60 = new Map<string, number>();
    const provPop = new Map<string, number>();
    for (const c of grid.inside) {
      const k = grid.unit[c]! - 1;
      const p = grid.pop[c]!;
      const tb = toBj[c]!;
      const tn = Math.min(...fields.map((f) => f[c]!));
      if (!Number.isFinite(tb) || !Number.isFinite(tn))
        throw new Error(`cell ${c} beyond ${CAP_MINUTES} min in ${year}`);
      sumBj[k]! += tb * p;
      sumNear[k]! += tn * p;
      popIn[k]! += p;
      const prov = grid.counties[k]!.code.slice(0, 2) + '0000';
      provPop.set(prov, (provPop.get(prov) ?? 0) + p);
      if (tb <= 60) within60.set(prov, (within60.get(prov) ?? 0) + p);
    }
    const note = (to: string) => `rail engine, network at the end of ${year}, to ${to}`;
    const noteZh = (to: string) => `铁路等时圈引擎，${year}年末路网，至${to}`;
    const emit = (code: string, sb: number, sn: number, p: number) => {
      if (p <= 0) return;
      rows.push(
        derivedRow(
          code,
          'rail_minutes_to_beijing',
          year,
          round(sb / p, 1),
          'minutes',
          RAIL_SOURCE.id,
          note('北京站'),
          noteZh('北京站'),
          order++,
        ),
      );
      rows.push(
        derivedRow(
          code,
          'rail_minutes_to_nearest_hub',
          year,
          round(sn / p, 1),
          'minutes',
          RAIL_SOURCE.id,
          note('the nearest hub'),
          noteZh('最近枢纽'),
          order++,
        ),
      );
    };
    const byCity = new Map<string, [number, number, number]>();
    const byProv = new Map<string, [number, number, number]>();
    grid.counties.forEach((c, k) => {
      emit(c.code, sumBj[k]!, sumNear[k]!, popIn[k]!);
      const city = grid.cities[grid.countyCity[k]!]!.code;
      const prov = c.code.slice(0, 2) + '0000';
      for (const [m, key] of [
        [byCity, city],
        [byProv, prov],
      ] as const) {
        const a = m.get(key) ?? [0, 0, 0];
        m.set(key, [a[0] + sumBj[k]!, a[1] + sumNear[k]!, a[2] + popIn[k]!]);
      }
    });
    for (const [code, a] of byCity) if (!byProv.has(code)) emit(code, ...a);
    for (const [code, a] of byProv) emit(code, ...a);
    for (const [prov, total] of [...provPop].sort()) {
      const share = round(((within60.get(prov) ?? 0) / total) * 100, 2);
      rows.push(
        derivedRow(
          prov,
          'share_within_60min_beijing',
          year,
          share,
          '%',
          RAIL_SOURCE.id,
          `${note('北京站')}; residents on the grid: ${Math.round(total)}`,
          `${noteZh('北京站')}，60分钟以内；网格人口${Math.round(total)}人`,
          order++,
        ),
      );
      summary.push(`${year} ${prov} within 60 min of 北京站: ${share} %`);
    }
  }
  return { rows, summary };
}

// ---------------------------------------------------------------------------------------------------
// Beijing hospital register → hospitals and tertiary hospitals per 100,000 residents by district.

export const REGISTER_YEAR = 2021;

export function registerRows(
  census: readonly CensusRow[],
  units: readonly UnitInfo[],
  path = sharedPath('facilities', 'round3', 'hospitals_beijing_register_zym66_c2021_nocoords.csv'),
): { rows: Candidate[]; summary: string[] } {
  const { records } = csvRecords(readFileSync(path, 'utf8'));
  const header = records.shift()!.fields;
  const ci = header.indexOf('county_code');
  const gi = header.indexOf('grade');
  const all = new Map<string, number>();
  const tertiary = new Map<string, number>();
  let n = 0;
  let nT = 0;
  for (const { fields } of records) {
    if (fields.length < header.length) continue;
    const code = fields[ci]!.trim();
    all.set(code, (all.get(code) ?? 0) + 1);
    n++;
    if (fields[gi]!.startsWith('三级')) {
      tertiary.set(code, (tertiary.get(code) ?? 0) + 1);
      nT++;
    }
  }
  const pop = new Map(census.map((r) => [r.code, r.counts.pop_total_2020]));
  const districts = units.filter((u) => u.province === '110000' && u.levels.includes('county'));
  const rows: Candidate[] = [];
  let order = 7e11;
  const completeness =
    `register of ${n} Beijing hospitals (category 医院, ${nT} grade III), c. 2019–2021, without military and armed-police hospitals; ` +
    `no official civilian hospital total for the same year was found to compare (the 2014 health digest counts 672 hospitals including 15 military)`;
  const completenessZh = `名录共${n}家医院（其中三级${nT}家），约2019—2021年，不含驻京部队和武警医院；未找到同年官方的地方医院总数可比（2014年简编为672家，含15家部队医院）`;
  for (const u of [...districts, units.find((x) => x.code === '110000')!]) {
    const p = pop.get(u.code);
    if (!p) continue;
    const count = u.code === '110000' ? n : (all.get(u.code) ?? 0);
    const countT = u.code === '110000' ? nT : (tertiary.get(u.code) ?? 0);
    const unitText = 'hospitals per 100,000 residents';
    rows.push(
      derivedRow(
        u.code,
        'hospitals_per_100k',
        REGISTER_YEAR,
        round((count / p) * 1e5, 2),
        unitText,
        REGISTER_SOURCE.id,
        `computed: ${count} hospitals in the register ÷ ${p} residents (2020 census) × 100,000; ${completeness}`,
        `计算值：名录医院${count}家 ÷ 2020年普查常住人口${p}人 × 10万；${completenessZh}`,
        order++,
      ),
    );
    rows.push(
      derivedRow(
        u.code,
        'tertiary_hospitals_per_100k',
        REGISTER_YEAR,
        round((countT / p) * 1e5, 3),
        unitText,
        REGISTER_SOURCE.id,
        `computed: ${countT} grade-III hospitals in the register ÷ ${p} residents (2020 census) × 100,000; ${completeness}`,
        `计算值：名录三级医院${countT}家 ÷ 2020年普查常住人口${p}人 × 10万；${completenessZh}`,
        order++,
      ),
    );
  }
  const unknown = [...all.keys()].filter((c) => !districts.some((d) => d.code === c));
  return {
    rows,
    summary: [
      `register: ${n} hospitals, ${nT} grade III, ${all.size} district codes${unknown.length ? `, not matched: ${unknown.join(' ')}` : ''}`,
    ],
  };
}
