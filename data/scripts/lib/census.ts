// 2020 census (7th National Population Census) → six derived indicators for every map unit.
// Counties use their own county row; cities and provinces use the census prefecture/province rows, which
// include development-zone residents that belong to no county polygon; Xiong'an = sum of its counties;
// a city that lost counties to Xiong'an (Baoding) = its prefecture row minus those counties.
import { readFileSync } from 'node:fs';
import { csvRecords, type RowError } from '../../../src/core/indicators.ts';
import type { IndicatorRow, UnitInfo } from '../../../src/core/types.ts';
import { CENSUS_SOURCE_ID } from './sources.ts';

export const CENSUS_YEAR = 2020;

/** The numeric columns the build uses (all are whole counts except household_size). */
const COUNT_COLUMNS = [
  'pop_total_2020',
  'pop_urban',
  'family_households',
  'pop_age_60plus',
  'pop_age_65plus',
] as const;
type CountColumn = (typeof COUNT_COLUMNS)[number];

export interface CensusRow {
  code: string;
  level: 'province' | 'prefecture' | 'county';
  province: string;
  city: string;
  county: string;
  counts: Record<CountColumn, number>;
  household_size: number;
  line: number;
}

/** A census county-level row whose code has 7 in the fifth digit (GB/T 2260 xx7x: development zones etc.). */
export function isDevelopmentZoneCode(code: string): boolean {
  return /^\d{4}7\d$/.test(code);
}

/** Parse the census table; problems come back as errors with file lines. */
export function parseCensus(text: string, file: string): { rows: CensusRow[]; errors: RowError[] } {
  const { records, errors: syntax } = csvRecords(text);
  const errors: RowError[] = syntax.map((e) => ({ file, line: e.line, reason: e.reason }));
  const header = records.shift()?.fields.map((h) => h.trim()) ?? [];
  const need = ['code', 'level', 'province', 'city', 'county', ...COUNT_COLUMNS, 'household_size'];
  const missing = need.filter((c) => !header.includes(c));
  if (missing.length) {
    for (const c of missing) errors.push({ file, line: 1, reason: `missing column '${c}'` });
    return { rows: [], errors };
  }
  const idx = (c: string) => header.indexOf(c);
  const rows: CensusRow[] = [];
  const seen = new Map<string, number>();
  for (const { fields, line } of records) {
    if (fields.length === 1 && fields[0]!.trim() === '') continue;
    const err = (reason: string) => errors.push({ file, line, reason });
    if (fields.length !== header.length) {
      err(`expected ${header.length} fields, found ${fields.length}`);
      continue;
    }
    const get = (c: string) => fields[idx(c)]!.trim();
    const code = get('code');
    const level = get('level');
    if (!/^\d{6}$/.test(code)) err(`code '${code}' is not a 6-digit division code`);
    if (level !== 'province' && level !== 'prefecture' && level !== 'county')
      err(`level '${level}' is not province, prefecture or county`);
    const counts = {} as Record<CountColumn, number>;
    for (const c of COUNT_COLUMNS) {
      const t = get(c);
      if (!/^\d+$/.test(t)) err(`${c} '${t}' is not a whole number`);
      counts[c] = Number(t);
    }
    const hs = get('household_size');
    if (!/^\d+(\.\d+)?$/.test(hs)) err(`household_size '${hs}' is not a number`);
    const dup = seen.get(code);
    if (dup !== undefined) err(`code ${code} repeated (first on line ${dup})`);
    seen.set(code, line);
    if (errors.some((e) => e.line === line)) continue;
    rows.push({
      code,
      level: level as CensusRow['level'],
      province: get('province'),
      city: get('city'),
      county: get('county'),
      counts,
      household_size: Number(hs),
      line,
    });
  }
  return { rows, errors };
}

/** Census-derived indicator ids, with the unit written in each row. */
export const CENSUS_INDICATORS = {
  census_population: 'persons',
  census_density: 'persons per km²',
  census_share_60plus: '%',
  census_share_65plus: '%',
  census_urban_share: '%',
  census_household_size: 'persons per household',
} as const;
export type CensusIndicator = keyof typeof CENSUS_INDICATORS;

/** Decimals written for each derived indicator (stated in the catalog). */
export const CENSUS_DECIMALS: Record<CensusIndicator, number> = {
  census_population: 0,
  census_density: 1,
  census_share_60plus: 2,
  census_share_65plus: 2,
  census_urban_share: 2,
  census_household_size: 2,
};

/** Round num/den·scale to `decimals` places, half away from zero, without binary drift (1.005 → 1.01). */
export function roundedRatio(num: number, den: number, scale: number, decimals: number): number {
  const x = (num * scale) / den;
  const p = 10 ** decimals;
  // toPrecision(15) removes the float noise (e.g. 100.49999999999999) before rounding.
  const r = Math.round(Number((Math.abs(x) * p).toPrecision(15))) / p;
  return x < 0 ? -r : r;
}

/** Where a unit's census figures came from, for the row note. */
interface Aggregate {
  counts: Record<CountColumn, number>;
  /** Σ household_size × family_households (household_size is rounded to 2 decimals in the source). */
  hsWeighted: number;
  /** household_size straight from one census row, when the unit is exactly that row. */
  hsDirect?: number;
  how: string;
}

function fromRow(r: CensusRow, how: string): Aggregate {
  return {
    counts: { ...r.counts },
    hsWeighted: r.household_size * r.counts.family_households,
    hsDirect: r.household_size,
    how,
  };
}

function combine(base: Aggregate | undefined, parts: CensusRow[], sign: 1 | -1, how: string): Aggregate {
  const counts = base
    ? { ...base.counts }
    : (Object.fromEntries(COUNT_COLUMNS.map((c) => [c, 0])) as Record<CountColumn, number>);
  let hsWeighted = base?.hsWeighted ?? 0;
  for (const p of parts) {
    for (const c of COUNT_COLUMNS) counts[c] += sign * p.counts[c];
    hsWeighted += sign * p.household_size * p.counts.family_households;
  }
  return { counts, hsWeighted, how };
}

export interface CensusDerivation {
  rows: IndicatorRow[];
  /** Units that could not be matched (the build fails on these). */
  problems: string[];
  /** Census county-level rows with no unit (development zones), sorted by code. */
  unplaced: CensusRow[];
}

/**
 * Six derived rows per unit. `units` is units.json; every unit must find its census figures, and every
 * census county row must be either a unit or a development zone, else it is reported in `problems`.
 */
export function deriveCensus(census: readonly CensusRow[], units: readonly UnitInfo[]): CensusDerivation {
  const problems: string[] = [];
  const byCode = new Map(census.map((r) => [r.code, r]));
  const unitCodes = new Set(units.map((u) => u.code));
  const rows: IndicatorRow[] = [];

  // Counties whose map parent is not their census prefecture (the Xiong'an counties under Baoding).
  const movedOut = new Map<string, CensusRow[]>();
  const childrenOf = new Map<string, UnitInfo[]>();
  for (const u of units) {
    if (u.parent) childrenOf.set(u.parent, [...(childrenOf.get(u.parent) ?? []), u]);
  }

  for (const u of units) {
    if (!u.levels.includes('county')) continue;
    const r = byCode.get(u.code);
    if (!r || r.level !== 'county') {
      problems.push(`county ${u.code} ${u.name_zh} has no county row in the census table`);
      continue;
    }
    if (r.county !== u.name_zh)
      problems.push(`county ${u.code}: census name '${r.county}' ≠ map name '${u.name_zh}'`);
    const pref = `${u.code.slice(0, 4)}00`;
    if (unitCodes.has(pref) && u.parent !== pref) movedOut.set(pref, [...(movedOut.get(pref) ?? []), r]);
  }

  const aggregates = new Map<string, Aggregate>();
  for (const u of units) {
    let agg: Aggregate | undefined;
    const own = byCode.get(u.code);
    if (u.levels.includes('county')) {
      if (own?.level === 'county') agg = fromRow(own, `county row ${u.code}`);
    } else if (u.levels.includes('province')) {
      if (own?.level === 'province') agg = fromRow(own, `province row ${u.code} (incl. development zones)`);
      else problems.push(`province ${u.code} ${u.name_zh} has no province row in the census table`);
    } else if (own?.level === 'prefecture') {
      const out = movedOut.get(u.code) ?? [];
      const base = fromRow(own, `prefecture row ${u.code} (incl. development zones)`);
      agg =
        out.length === 0
          ? base
          : combine(
              base,
              out,
              -1,
              `prefecture row ${u.code} (incl. development zones) minus Xiong'an counties ` +
                out.map((r) => r.code).join('+'),
            );
    } else {
      // A unit with no census row of its own (Xiong'an): the sum of its map counties.
      const kids = (childrenOf.get(u.code) ?? []).map((k) => byCode.get(k.code));
      if (kids.length === 0 || kids.some((k) => k?.level !== 'county')) {
        problems.push(`unit ${u.code} ${u.name_zh} has no census row and no census county children`);
      } else {
        const parts = kids as CensusRow[];
        agg = combine(undefined, parts, 1, `sum of county rows ${parts.map((r) => r.code).join('+')}`);
      }
    }
    if (agg) aggregates.set(u.code, agg);
  }

  const unplaced = census
    .filter((r) => r.level === 'county' && !unitCodes.has(r.code))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  for (const r of unplaced) {
    if (!isDevelopmentZoneCode(r.code))
      problems.push(`census county row ${r.code} ${r.county} (line ${r.line}) matches no map unit`);
  }

  for (const u of units) {
    const a = aggregates.get(u.code);
    if (!a) continue;
    const c = a.counts;
    const pop = c.pop_total_2020;
    if (!(pop > 0) || !(u.area_km2 > 0)) {
      problems.push(`unit ${u.code}: population ${pop} or area ${u.area_km2} km² is not positive`);
      continue;
    }
    const mk = (indicator: CensusIndicator, value: number, note: string): IndicatorRow => ({
      unit_code: u.code,
      indicator,
      year: CENSUS_YEAR,
      value,
      unit: CENSUS_INDICATORS[indicator],
      source_id: CENSUS_SOURCE_ID,
      confidence: 'high',
      rank: 1,
      note: `${a.how}; ${note}`,
    });
    const share = (n: number) => roundedRatio(n, pop, 100, 2);
    rows.push(
      mk('census_population', pop, 'residents on 1 Nov 2020'),
      mk('census_density', roundedRatio(pop, u.area_km2, 1, 1), `${pop} residents / ${u.area_km2} km²`),
      mk('census_share_60plus', share(c.pop_age_60plus), `${c.pop_age_60plus} aged 60+ of ${pop}`),
      mk('census_share_65plus', share(c.pop_age_65plus), `${c.pop_age_65plus} aged 65+ of ${pop}`),
      mk('census_urban_share', share(c.pop_urban), `${c.pop_urban} urban residents of ${pop}`),
      a.hsDirect !== undefined
        ? mk('census_household_size', a.hsDirect, 'as tabulated')
        : mk(
            'census_household_size',
            roundedRatio(a.hsWeighted, c.family_households, 1, 2),
            `county sizes weighted by ${c.family_households} family households (inputs rounded to 2 decimals)`,
          ),
    );
  }
  return { rows, problems, unplaced };
}

/** Read and parse the census file, returning rows or the errors. */
export function readCensus(path: string): { rows: CensusRow[]; errors: RowError[] } {
  return parseCensus(readFileSync(path, 'utf8'), path);
}
