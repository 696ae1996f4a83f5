// Step 50: the claims check. For each headline claim of the region (data/sources/claims/headline_facts.csv,
// the figure as staged with its quoted sentence) the figure the project finds — computed by the rail engine
// (in-region HSR km, cities on HSR), summed from data/indicators.csv, or read from the staged card /
// medical-cooperation tables — and a verdict. Writes data/claims.json.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import {
  compareClaim,
  parseClaimed,
  type ClaimEntry,
  type TimelineEntry,
  type Verdict,
} from '../../src/core/claims.ts';
import { csvRecords } from '../../src/core/indicators.ts';
import { citiesOnHsr } from '../../src/core/rail/coverage.ts';
import { kmByYear, sectionKm } from '../../src/core/rail/km.ts';
import type { RailNetworkData, SectionCollection } from '../../src/core/rail/types.ts';
import { GENERATED_NOTE, REPO_ROOT, fail, outDir, writeOutput } from '../../geo/scripts/lib/build-io.ts';
import { BUILD_CMD, fullBuild, jsonText, readShownValues, readUnits, unitsInput } from './lib/inputs.ts';

if (!fullBuild()) process.exit(0); // claims are checked against the full data only
const out = outDir('data');
const RAW = resolve(REPO_ROOT, 'data/sources/claims');
const GEO = resolve(REPO_ROOT, 'geo/build');
const readJson = <T>(p: string) => JSON.parse(readFileSync(p, 'utf8')) as T;

/** A staged CSV as objects keyed by the named columns (all must be in the header), with the file line. */
function table<K extends string>(
  name: string,
  cols: readonly K[],
): (Record<K, string> & { _line: string })[] {
  const path = join(RAW, name);
  const { records, errors } = csvRecords(readFileSync(path, 'utf8'));
  if (errors.length) fail(path, errors[0]!.line, errors[0]!.reason);
  const [head, ...rest] = records;
  const at = cols.map((c) => head!.fields.indexOf(c));
  const missing = cols.filter((_, k) => at[k]! < 0);
  if (missing.length) fail(path, 1, `missing columns: ${missing.join(', ')}`);
  return rest
    .filter((r) => r.fields.some((f) => f !== ''))
    .map(
      (r) =>
        ({
          ...Object.fromEntries(cols.map((c, k) => [c, r.fields[at[k]!] ?? ''])),
          _line: String(r.line),
        }) as Record<K, string> & { _line: string },
    );
}
const facts = table('headline_facts.csv', [
  'figure',
  'unit',
  'year',
  'scope',
  'quoted_sentence',
  'source',
  'verification_status',
  'note',
]);
const card = table('card_programme_figures_jjj.csv', [
  'date_published',
  'as_of',
  'hrss_service_items',
  'medical_institutions',
  'transport_routes',
  'attractions',
  'museums',
  'libraries',
  'cardholders',
  'quote',
  'source_url',
  'source_kind',
  'note',
]);
const medical = table('jjj_medical_cooperation_counts_by_year.csv', [
  'indicator',
  'as_of',
  'value',
  'unit',
  'beijing',
  'tianjin',
  'hebei',
  'shandong',
  'items',
  'quote',
  'source_url',
  'source_kind',
  'note',
]);

/** The staged headline row of a figure (figure as written, unit prefix, scope words). */
function fact(figure: string, unitStart: string, scopeHas: string, year?: string) {
  const hits = facts.filter(
    (f) =>
      f.figure === figure &&
      f.unit.startsWith(unitStart) &&
      f.scope.includes(scopeHas) &&
      (year === undefined || f.year === year),
  );
  if (hits.length !== 1)
    fail(
      join(RAW, 'headline_facts.csv'),
      0,
      `expected one row ${figure} ${unitStart} "${scopeHas}", found ${hits.length}`,
    );
  const f = hits[0]!;
  // "(same sentence …)" refers to the row above with the same source.
  let quote = f.quoted_sentence;
  if (quote.startsWith('(same sentence')) {
    const i = facts.indexOf(f);
    for (let k = i - 1; k >= 0; k--)
      if (facts[k]!.source === f.source && !facts[k]!.quoted_sentence.startsWith('(')) {
        quote = facts[k]!.quoted_sentence;
        break;
      }
  }
  if (quote.startsWith('(no source') || quote.startsWith('(not found')) quote = '';
  return { ...f, quote };
}

// ---- the project's own figures ----------------------------------------------------------------------
const network = readJson<RailNetworkData>(join(GEO, 'rail/network.json'));
const sections = readJson<SectionCollection>(join(GEO, 'rail/sections.geojson'));
const qinshen = readJson<{ qinshen: { line: string; excluded: boolean } }>(
  join(GEO, 'rail/km-by-year.json'),
).qinshen;
const provinces = readJson<{ features: { geometry: Polygon | MultiPolygon }[] }>(
  join(GEO, 'boundaries-province.geojson'),
).features.map((f) => f.geometry);
const geometry = new Map<string, LineString>(
  sections.features.map((f) => [f.properties.section_id, f.geometry]),
);
const perSection = sectionKm(network.sections, geometry, provinces);
const km = (year: number) => kmByYear(perSection, [year], qinshen.excluded ? [qinshen.line] : [])[0]!.km;

const units = readUnits(unitsInput());
const prefectures = [
  '110000',
  '120000',
  ...units
    .filter((u) => u.province === '130000' && u.levels.includes('city') && /^13\d{2}00$/.test(u.code))
    .map((u) => u.code),
];
const onHsr = (year: number) => new Set(citiesOnHsr(network, year).map((c) => c.city));

const { at } = readShownValues(out);
const val = (ind: string, unit: string, year: number) => at(unit, ind, year) ?? null;
const sourcesJson = readJson<{ sources: { id: string; url: string }[] }>(join(out, 'sources.json')).sources;

// ---- sources of the claims: the ids of data/sources.json where the page is there ---------------------
const claimSources = new Map<string, { id: string; url: string; kind: string }>();
function sourceId(url: string, kind: string): string {
  const known = sourcesJson.find((s) => s.url === url);
  if (known) return known.id;
  const host = new URL(url).hostname.replace(/^www\./, '');
  const base = `claim-${host.replace(/[^a-z0-9]+/gi, '-')}`;
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    const have = claimSources.get(id);
    if (!have) claimSources.set(id, { id, url, kind });
    if (!have || have.url === url) return id;
  }
}
const kindOf = (status: string) => (status.includes('third-party') ? 'third_party' : 'media');

// ---- the claims -----------------------------------------------------------------------------------------
type Claim = ClaimEntry;
const claims: Claim[] = [];
const pct = (a: number, b: number) => Math.round((a / b - 1) * 1000) / 10;
const r1 = (x: number) => Math.round(x * 10) / 10;

function add(
  id: string,
  row: ReturnType<typeof fact>,
  text: { zh: string; en: string },
  found: number | null,
  how: 'computed' | 'stored',
  why: (v: Verdict) => { zh: string; en: string },
  url: string | null,
  tolerance = 0,
  extraSources: string[] = [],
) {
  const c = parseClaimed(row.figure);
  if (!c) fail(join(RAW, 'headline_facts.csv'), Number(row._line), `figure '${row.figure}' is not a number`);
  const verdict = compareClaim(c, found, how, tolerance);
  const reason = why(verdict);
  const year = /^\d{4}$/.test(row.year) ? Number(row.year) : null;
  claims.push({
    id,
    claim_zh: text.zh,
    claim_en: text.en,
    claimed: c.value,
    claimed_text: row.figure,
    unit: row.unit,
    year,
    quote: row.quote,
    verification: row.verification_status,
    found,
    verdict,
    reason_zh: reason.zh,
    reason_en: reason.en,
    source_ids: [
      ...new Set([
        ...(row.source ? [sourceId(row.source, kindOf(row.verification_status))] : []),
        ...extraSources,
      ]),
    ],
    url_state: url,
  });
}
const cannot = (zh: string, en: string) => () => ({ zh, en });

// Rail: in-region km from the rail engine (as the app's km chart computes it).
for (const year of [2013, 2024]) {
  const row = fact(year === 2013 ? '1284' : '2669', 'km', 'high-speed rail');
  const k = km(year);
  add(
    `hsr_km_${year}`,
    row,
    { zh: `${year} 年京津冀区域高铁里程`, en: `HSR length in the region, ${year}` },
    k,
    'computed',
    (v) => ({
      zh: `应用按线路几何裁剪到三省市边界计算：${year} 年底 ${k} 公里（与所称相差 ${pct(k, Number(row.figure))}%）。${v === 'reproduced' ? '在 1% 以内。' : ''}`,
      en: `Computed by the app from the section geometry clipped to the region: ${k} km at the end of ${year} (${pct(k, Number(row.figure))} % from the claim).${v === 'reproduced' ? ' Within 1 %.' : ''}`,
    }),
    `?rail=1&y=${year}&lvl=city`,
    0.01,
  );
}
{
  const row = fact('100', '% of prefecture', 'HSR coverage');
  const on = onHsr(2024);
  const n = prefectures.filter((c) => on.has(c)).length;
  const missing = prefectures.filter((c) => !on.has(c));
  const share = r1((n / prefectures.length) * 100);
  add(
    'hsr_all_cities_2024',
    row,
    { zh: '区域内所有地级及以上城市通高铁', en: 'Every prefecture-level city of the region on HSR' },
    share,
    'computed',
    () => ({
      zh: `2024 年底有高铁车站在运营线路上的城市：${n}/${prefectures.length}（北京、天津及河北 11 个设区市）${missing.length ? `；未通：${missing.join('、')}` : ''}。`,
      en: `Cities with a station on an open HSR section at the end of 2024: ${n} of ${prefectures.length} (Beijing, Tianjin and Hebei's 11 prefecture cities)${missing.length ? `; not covered: ${missing.join(', ')}` : ''}.`,
    }),
    '?rail=1&y=2024&lvl=city',
  );
}
{
  const row = fact('1', 'hour', '1-hour');
  const s = (u: string, y: number) => val('share_within_60min_beijing', u, y)?.value ?? null;
  add(
    'one_hour_circle',
    row,
    { zh: '京津冀“1 小时交通圈”', en: 'A "1-hour transport circle" in the region' },
    null,
    'computed',
    () => ({
      zh: `“1 小时交通圈”没有界定范围，无法核对。应用的铁路模型：2024 年距北京站 60 分钟以内的常住人口占比 北京 ${s('110000', 2024)}%、天津 ${s('120000', 2024)}%、河北 ${s('130000', 2024)}%（2013 年 ${s('110000', 2013)}% / ${s('120000', 2013)}% / ${s('130000', 2013)}%）。`,
      en: `A "1-hour circle" has no stated extent and cannot be checked. The app's rail model: residents within 60 minutes of Beijing station in 2024 — Beijing ${s('110000', 2024)} %, Tianjin ${s('120000', 2024)} %, Hebei ${s('130000', 2024)} % (2013: ${s('110000', 2013)} / ${s('120000', 2013)} / ${s('130000', 2013)} %).`,
    }),
    '?rail=1&o=ST069&b=60&y=2024&cmp=2013',
    0,
    ['rail-engine'],
  );
}

// Air quality: the decrease of each province's annual PM2.5 mean, 2013 → 2024, from indicators.csv.
{
  const row = fact('>60', '% decrease', 'PM2.5');
  const parts = ['110000', '120000', '130000'].map((u) => {
    const a = val('pm25_annual_mean', u, 2013);
    const b = val('pm25_annual_mean', u, 2024);
    return { u, a, b, d: a && b ? -pct(b.value, a.value) : null };
  });
  const ds = parts.map((p) => p.d);
  const found = ds.every((d) => d !== null) ? Math.min(...(ds as number[])) : null;
  const names: Record<string, [string, string]> = {
    '110000': ['北京', 'Beijing'],
    '120000': ['天津', 'Tianjin'],
    '130000': ['河北', 'Hebei'],
  };
  add(
    'pm25_down_60pct',
    row,
    { zh: 'PM2.5 年均浓度比 2013 年下降 60% 以上', en: 'Annual PM2.5 more than 60 % below 2013' },
    found,
    'computed',
    () => ({
      zh: `按应用数据计算 2013→2024 年降幅：${parts.map((p) => `${names[p.u]![0]} ${p.a?.value}→${p.b?.value}（−${p.d}%）`).join('，')}；表中为最小降幅。区域 13 城 2024 年均值未收录。`,
      en: `Decrease 2013→2024 computed from the app's data: ${parts.map((p) => `${names[p.u]![1]} ${p.a?.value}→${p.b?.value} (−${p.d} %)`).join(', ')}; the smallest is shown. No 13-city regional mean for 2024 is held.`,
    }),
    '?ind=pm25_annual_mean&lvl=province&y=2024',
    0,
    [...new Set(parts.flatMap((p) => [p.a?.source_id, p.b?.source_id]).filter((x): x is string => !!x))],
  );
}
{
  const row = fact('~75', '% good-air', 'good-air');
  const bj = val('good_air_days_share', '110000', 2024);
  const hb = val('good_air_days_share', '130000', 2024);
  add(
    'good_air_share_2024',
    row,
    {
      zh: '2024 年京津冀优良天数比率接近 75%',
      en: 'Good-air days close to 75 % of the year in 2024 (region)',
    },
    null,
    'stored',
    cannot(
      `应用未收录区域整体比率（13 城逐日数据）。分省：北京 ${bj?.value}%、河北 ${hb?.value}%（2024）。`,
      `No region-wide ratio (13-city daily data) is held. By province: Beijing ${bj?.value} %, Hebei ${hb?.value} % (2024).`,
    ),
    '?ind=good_air_days_share&lvl=province&y=2024',
  );
}

// GDP 2024 and growth, from indicators.csv; the regional total is summed from the three provinces.
const prov: [string, string, string][] = [
  ['110000', '北京', 'Beijing'],
  ['120000', '天津', 'Tianjin'],
  ['130000', '河北', 'Hebei'],
];
for (const [code, zh, en] of prov) {
  const gdpRow = val('gdp', code, 2024);
  const claimedGdp = facts.find((f) => f.scope === `${en} GDP` && f.year === '2024')!;
  const g = fact(claimedGdp.figure, '100 million', `${en} GDP`);
  const same = gdpRow && sourcesJson.find((s) => s.id === gdpRow.source_id)?.url === g.source;
  add(
    `gdp_2024_${code}`,
    g,
    { zh: `${zh} 2024 年地区生产总值（亿元）`, en: `${en} GDP 2024 (100 million yuan)` },
    gdpRow?.value ?? null,
    'stored',
    () => ({
      zh: `应用数据：${gdpRow?.value} 亿元（来源 ${gdpRow?.source_id}${same ? '，与所称为同一页面，非独立核对' : ''}）。`,
      en: `App data: ${gdpRow?.value} (source ${gdpRow?.source_id}${same ? ', the same page as the claim: not an independent check' : ''}).`,
    }),
    `?ind=gdp&lvl=province&y=2024&sel=${code}`,
    0,
    gdpRow ? [gdpRow.source_id] : [],
  );
  const grRow = val('gdp_real_growth', code, 2024);
  const gr = facts.find((f) => f.scope.startsWith(`${en} GDP growth`) && f.year === '2024')!;
  const growth = fact(gr.figure, '% real growth', `${en} GDP growth`);
  const same2 = grRow && sourcesJson.find((s) => s.id === grRow.source_id)?.url === growth.source;
  add(
    `gdp_growth_2024_${code}`,
    growth,
    { zh: `${zh} 2024 年地区生产总值实际增长（%）`, en: `${en} real GDP growth 2024 (%)` },
    grRow?.value ?? null,
    'stored',
    () => ({
      zh: `应用数据：${grRow?.value}%（来源 ${grRow?.source_id}${same2 ? '，与所称为同一页面' : ''}）。`,
      en: `App data: ${grRow?.value} % (source ${grRow?.source_id}${same2 ? ', the same page as the claim' : ''}).`,
    }),
    `?ind=gdp_real_growth&lvl=province&y=2024&sel=${code}`,
    0,
    grRow ? [grRow.source_id] : [],
  );
}
{
  const parts = prov.map(([c]) => val('gdp', c, 2024));
  const sum = parts.every((p) => p) ? r1(parts.reduce((t, p) => t + p!.value, 0)) : null;
  const row = fact('11.5', 'trillion', 'regional GDP');
  add(
    'jjj_gdp_2024',
    row,
    { zh: '2024 年京津冀地区生产总值 11.5 万亿元', en: 'Regional GDP 11.5 trillion yuan in 2024' },
    sum === null ? null : Math.round(sum / 100) / 100,
    'computed',
    () => ({
      zh: `三省市 2024 年数值之和：${sum} 亿元。`,
      en: `Sum of the three provinces' 2024 values: ${sum} × 10^8 yuan.`,
    }),
    '?ind=gdp&lvl=province&y=2024',
    0,
    parts.flatMap((p) => (p ? [p.source_id] : [])),
  );
  const base = val('gdp', 'JJJ', 2013);
  const ratio = sum !== null && base ? Math.round((sum / base.value) * 1000) / 1000 : null;
  add(
    'jjj_gdp_ratio_2013',
    fact('2.1', 'times', 'JJJ GDP ratio'),
    {
      zh: '2024 年区域生产总值为 2013 年的 2.1 倍（现价）',
      en: 'Regional GDP 2024 = 2.1 × 2013 (current prices)',
    },
    ratio,
    'computed',
    () => ({
      zh: `三省市 2024 年之和 ${sum} ÷ 2013 年区域值 ${base?.value}（国家统计局修订，来源 ${base?.source_id}）= ${ratio}。`,
      en: `The provinces' 2024 sum ${sum} ÷ the 2013 regional value ${base?.value} (NBS revised, source ${base?.source_id}) = ${ratio}.`,
    }),
    '?ind=gdp&lvl=province&y=2024',
    0,
    base ? [base.source_id] : [],
  );
}

// Social-security card figures: compared with the staged releases (card and medical tables).
const cardRow = (date: string) => card.find((r) => r.date_published === date)!;
const may9 = cardRow('2024-05-09');
const may14 = cardRow('2024-05-14');
const num = (s: string) => Number((/[\d,]+/.exec(s)?.[0] ?? '').replace(/,/g, ''));
const cardSrc = (r: Record<string, string>) =>
  sourceId(r.source_url!, r.source_kind!.startsWith('official') ? 'official_reprint' : 'media');
/** "1.16亿 (…)" → 116000000. */
const yi = (s: string) => Math.round(Number(/([\d.]+)亿/.exec(s)?.[1] ?? NaN) * 1e8);
{
  add(
    'card_items_44',
    fact('44', 'service items', 'social security card'),
    { zh: '社保卡“一卡通”：44 项人社服务', en: 'Social-security card: 44 service items' },
    null,
    'stored',
    cannot(
      `所称仅见于第三方摘要；暂存的原始发布为 ${may9.date_published} 新华社 “${may9.hrss_service_items}项” 和 ${may14.date_published} China Daily “${may14.hrss_service_items}”。44 项的发布日期与原文未见。`,
      `Stated only in a third-party summary; the staged releases give ${may9.hrss_service_items} items (Xinhua, ${may9.date_published}) and ${may14.hrss_service_items} (China Daily, ${may14.date_published}). The date and original of "44" were not found.`,
    ),
    null,
    0,
    [cardSrc(may9), cardSrc(may14)],
  );
  const med = medical.find((r) => r.indicator === 'jjj_social_security_card_hospitals')!;
  add(
    'card_medical_64000',
    fact('>64000', 'medical', 'direct medical settlement'),
    {
      zh: '社保卡“一卡通”：6.4 万余家医疗机构结算',
      en: 'Social-security card: settlement at over 64,000 medical institutions',
    },
    Number(med.value),
    'stored',
    () => ({
      zh: `China Daily（${may14.date_published}）：“${may14.medical_institutions}”；新华社（${may9.date_published}）：“${may9.medical_institutions}”。`,
      en: `China Daily (${may14.date_published}): "${may14.medical_institutions}"; Xinhua (${may9.date_published}): "${may9.medical_institutions}".`,
    }),
    null,
    0,
    [cardSrc(may14), cardSrc(may9)],
  );
  add(
    'card_routes_3900',
    fact('>3900', 'transport', 'public transport'),
    { zh: '社保卡“一卡通”：3900 余条交通线路', en: 'Social-security card: over 3,900 transport routes' },
    num(may14.transport_routes!),
    'stored',
    () => ({
      zh: `China Daily（${may14.date_published}）：“${may14.transport_routes}”；新华社（${may9.date_published}）：“${may9.transport_routes}”。`,
      en: `China Daily (${may14.date_published}): "${may14.transport_routes}"; Xinhua (${may9.date_published}): "${may9.transport_routes}".`,
    }),
    null,
    0,
    [cardSrc(may14), cardSrc(may9)],
  );
  add(
    'card_attractions_193',
    fact('193', 'tourist', 'tourist areas'),
    { zh: '社保卡“一卡通”：193 家旅游景区', en: 'Social-security card: 193 tourist attractions' },
    Number(may14.attractions),
    'stored',
    () => ({
      zh: `China Daily（${may14.date_published}）：${may14.attractions}；五天前新华社（${may9.date_published}）为 ${may9.attractions} 家。`,
      en: `China Daily (${may14.date_published}): ${may14.attractions}; Xinhua five days earlier (${may9.date_published}): ${may9.attractions}.`,
    }),
    null,
    0,
    [cardSrc(may14), cardSrc(may9)],
  );
  add(
    'card_libraries_193',
    fact('193', 'libraries', 'libraries'),
    { zh: '社保卡“一卡通”：193 家图书馆', en: 'Social-security card: 193 libraries' },
    Number(may14.libraries),
    'stored',
    () => ({
      zh: `未找到写有 193 家图书馆的来源；China Daily（${may14.date_published}）为 ${may14.libraries} 家，新华社（${may9.date_published}）为 ${may9.libraries} 家。193 与同一报道中的景区数相同。`,
      en: `No source stating 193 libraries was found; China Daily (${may14.date_published}) gives ${may14.libraries}, Xinhua (${may9.date_published}) ${may9.libraries}. 193 equals the attraction count of the same report.`,
    }),
    null,
    0,
    [cardSrc(may14), cardSrc(may9)],
  );
  const aug = cardRow('2024-09-29');
  const census = prov.reduce((t, [c]) => t + (val('census_population', c, 2020)?.value ?? NaN), 0);
  add(
    'residents_1_17_billion',
    fact('1.17', 'billion', '1.17 billion'),
    {
      zh: '跨省服务惠及“11.7 亿”居民（英文原文 1.17 billion）',
      en: 'Cross-province services "benefiting over 1.17 billion residents"',
    },
    Number.isFinite(yi(aug.cardholders!)) ? Math.round(yi(aug.cardholders!) / 1e5) / 1e4 : null,
    'stored',
    () => ({
      zh: `“1.17 billion”应为 1.17 亿之误：三省市 2020 年普查常住人口合计 ${census} 人；暂存数据为持卡人 ${cardRow('2024-02-18').cardholders}（2024-02）、${aug.cardholders!.split(' ')[0]}（截至 2024 年 8 月）。表中“找到”值为 ${aug.cardholders!.split(' ')[0]} = ${Math.round(yi(aug.cardholders!) / 1e5) / 1e4} billion。`,
      en: `"1.17 billion" reads as a mistranslation of 1.17亿 (117 million): the three provinces' 2020 census population is ${census}; the staged figures are ${cardRow('2024-02-18').cardholders} cardholders (2024-02) and ${aug.cardholders!.split(' ')[0]} (by August 2024). Found is ${aug.cardholders!.split(' ')[0]} = ${Math.round(yi(aug.cardholders!) / 1e5) / 1e4} billion.`,
    }),
    null,
    0,
    [cardSrc(cardRow('2024-02-18')), cardSrc(aug)],
  );
}

// Claims the project holds no data for.
const none: [string, string, string, string, { zh: string; en: string }, string, string][] = [
  [
    'relocated_manufacturers_3000',
    '>3000',
    'general manufacturing',
    'relocated/closed',
    {
      zh: '北京疏解一般制造业企业 3000 余家',
      en: 'Over 3,000 general manufacturing firms relocated from Beijing',
    },
    '应用没有企业名录或疏解统计。',
    'The app holds no firm register or relocation statistics.',
  ],
  [
    'tech_share_2013',
    '40.7',
    '% of newly',
    'market entities',
    {
      zh: '北京新设经营主体中科技、商务服务业占比 2013 年 40.7%',
      en: "Share of tech/commerce in Beijing's new market entities, 2013: 40.7 %",
    },
    '应用没有市场主体登记数据。',
    'The app holds no business registration data.',
  ],
  [
    'tech_share_2024',
    '67.7',
    '% of newly',
    'market entities',
    { zh: '同上占比 2024 年 67.7%', en: 'The same share, 2024: 67.7 %' },
    '应用没有市场主体登记数据。',
    'The app holds no business registration data.',
  ],
  [
    'auto_output_840bn',
    '>840',
    'billion',
    'automotive',
    { zh: '三地汽车产业产值超 8400 亿元', en: 'Automotive output of the three over 840 bn yuan' },
    '应用没有产业产值数据。',
    'The app holds no industrial output data.',
  ],
  [
    'railway_11000km',
    '>11000',
    'km',
    'operating railway',
    { zh: '区域铁路营业里程 1.1 万公里以上', en: 'Over 11,000 km of railway in operation in the region' },
    '应用只建模高铁/城际网络，不含普速铁路，无法核对总营业里程。',
    'The app models the HSR/intercity network only (no conventional rail), so the total cannot be checked.',
  ],
  [
    'highway_11000km',
    '~11000',
    'km',
    'expressway',
    { zh: '高速公路总里程近 1.1 万公里', en: 'Nearly 11,000 km of expressways' },
    '应用没有公路网络数据。',
    'The app holds no road network data.',
  ],
  [
    'subway_line22',
    '22',
    '(line',
    'Line 22',
    {
      zh: '北京地铁 22 号线（平谷线）跨省进入河北、即将建成',
      en: 'Beijing Subway Line 22 (Pinggu line) into Hebei nearing completion',
    },
    '应用的规划线路表中没有地铁；暂存来源只说首条跨省地铁预计 2025 年全线开通，未写线路编号。',
    "The app's planned-line table holds no metro lines; the staged source only says the first cross-provincial metro is expected to open fully in 2025, without the line number.",
  ],
];
for (const [id, figure, unit, scope, text, zh, en] of none) {
  add(
    id,
    fact(figure, unit, scope),
    text,
    null,
    'stored',
    cannot(zh, en),
    id === 'subway_line22' ? '?rail=1&planned=1&y=2024' : null,
  );
}

// ---- the sharing timeline: every dated figure of the co-construction measures, as staged -----------------
type Entry = TimelineEntry;
/** Sort key of a staged date text: the announcement date when given, else the first date in it. */
function dateKey(text: string): string {
  const ann = /(?:announced|reported) (\d{4}-\d{2}(?:-\d{2})?)/.exec(text);
  if (ann) return ann[1]!;
  const ym = /(\d{4})年(\d{1,2})月/.exec(text);
  if (ym) return `${ym[1]}-${ym[2]!.padStart(2, '0')}`;
  const m = /(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?!\d)/.exec(text);
  return m ? [m[1], m[2], m[3]].filter(Boolean).join('-') : '';
}
/** A number as written: "3,909 bus routes" → 3909, "5万多家" → 50000, "1.16亿 (…)" → 116000000. */
function written(text: string): number | null {
  const y = /([\d.]+)亿/.exec(text);
  if (y) return Math.round(Number(y[1]) * 1e8);
  const wan = /([\d.]+)万/.exec(text);
  if (wan) return Math.round(Number(wan[1]) * 1e4);
  const m = /([\d,]+(?:\.\d+)?)/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : null;
}
const MEASURES: {
  id: string;
  zh: string;
  en: string;
  unit_zh: string;
  unit_en: string;
  card?:
    | 'hrss_service_items'
    | 'medical_institutions'
    | 'transport_routes'
    | 'attractions'
    | 'museums'
    | 'libraries'
    | 'cardholders';
  medical?: string;
  fact?: [string, string, string][];
}[] = [
  {
    id: 'card_service_items',
    zh: '社保卡人社服务事项',
    en: 'Social-security card: HR & social-security service items',
    unit_zh: '项',
    unit_en: 'items',
    card: 'hrss_service_items',
    fact: [['44', 'service items', 'social security card']],
  },
  {
    id: 'card_medical_institutions',
    zh: '社保卡结算医疗机构',
    en: 'Social-security card: medical institutions settling',
    unit_zh: '家',
    unit_en: 'institutions',
    card: 'medical_institutions',
    fact: [['>64000', 'medical', 'direct medical settlement']],
  },
  {
    id: 'card_transport_routes',
    zh: '社保卡乘车交通线路',
    en: 'Social-security card: transport routes',
    unit_zh: '条',
    unit_en: 'routes',
    card: 'transport_routes',
    fact: [['>3900', 'transport', 'public transport']],
  },
  {
    id: 'card_attractions',
    zh: '社保卡旅游景区',
    en: 'Social-security card: tourist attractions',
    unit_zh: '家',
    unit_en: 'attractions',
    card: 'attractions',
    fact: [['193', 'tourist', 'tourist areas']],
  },
  {
    id: 'card_museums',
    zh: '社保卡博物馆',
    en: 'Social-security card: museums',
    unit_zh: '家',
    unit_en: 'museums',
    card: 'museums',
  },
  {
    id: 'card_libraries',
    zh: '社保卡图书馆',
    en: 'Social-security card: libraries',
    unit_zh: '家',
    unit_en: 'libraries',
    card: 'libraries',
    fact: [['193', 'libraries', 'libraries']],
  },
  {
    id: 'cardholders',
    zh: '京津冀社保卡持卡人数',
    en: 'Social-security cardholders in the region',
    unit_zh: '人',
    unit_en: 'people',
    card: 'cardholders',
    fact: [['1.17', 'billion', '1.17 billion']],
  },
  {
    id: 'lab_results',
    zh: '临床检验结果互认医疗机构',
    en: 'Medical institutions mutually recognising lab results',
    unit_zh: '家',
    unit_en: 'institutions',
    medical: 'lab_result_mutual_recognition_institutions',
  },
  {
    id: 'imaging_sharing',
    zh: '医学影像检查资料共享医疗机构',
    en: 'Medical institutions sharing imaging records',
    unit_zh: '家',
    unit_en: 'institutions',
    medical: 'imaging_record_sharing_institutions',
  },
  {
    id: 'insurance_designated',
    zh: '异地就医医保定点医疗机构互认',
    en: 'Cross-province insurance: mutually designated institutions',
    unit_zh: '家',
    unit_en: 'institutions',
    medical: 'cross_province_insurance_designated_institutions',
  },
  {
    id: 'direct_settlement',
    zh: '跨省异地就医直接结算试点',
    en: 'Cross-province direct settlement pilot',
    unit_zh: '',
    unit_en: '',
    medical: 'cross_province_direct_settlement_pilot',
  },
  {
    id: 'medical_alliances',
    zh: '京津冀区域医联体',
    en: 'Regional medical alliances',
    unit_zh: '个',
    unit_en: 'alliances',
    medical: 'jjj_medical_alliances',
  },
];
const timeline = MEASURES.map((m) => {
  const entries: Entry[] = [];
  if (m.card)
    for (const r of card) {
      const v = r[m.card]!;
      if (!v) continue;
      entries.push({
        date: dateKey(r.as_of!) || r.date_published!,
        as_of: r.as_of || r.date_published!,
        value: written(v),
        value_text: v,
        quote: r.quote!,
        source_url: r.source_url!,
        source_kind: r.source_kind!,
        verified: true,
        note: r.note!,
      });
    }
  if (m.medical)
    for (const r of medical.filter((x) => x.indicator === m.medical)) {
      const split = [
        ['北京', r.beijing],
        ['天津', r.tianjin],
        ['河北', r.hebei],
        ['山东', r.shandong],
      ]
        .filter(([, v]) => v)
        .map(([k, v]) => `${k} ${v}`)
        .join(' / ');
      const text = r.value ? `${r.value}${split ? ` (${split})` : ''}` : split;
      entries.push({
        date: dateKey(r.as_of!),
        as_of: r.as_of!,
        value: r.value ? Number(r.value) : split ? null : null,
        value_text: text,
        quote: r.quote!,
        source_url: r.source_url!,
        source_kind: r.source_kind!,
        verified: true,
        note: r.note!,
      });
    }
  for (const [figure, unit, scope] of m.fact ?? []) {
    const f = fact(figure, unit, scope);
    if (f.source && entries.some((e) => e.source_url === f.source)) continue; // same page already listed
    const verified = !f.verification_status.startsWith('NOT VERIFIED');
    entries.push({
      date: f.year.includes('/') || f.year === '?' ? '' : f.year,
      as_of: f.year,
      value: (parseClaimed(f.figure)?.value ?? NaN) * (f.unit.startsWith('billion') ? 1e9 : 1) || null,
      value_text: `${f.figure} ${f.unit}`,
      quote: f.quote,
      source_url: f.source,
      source_kind: f.verification_status,
      verified,
      note: f.note,
    });
  }
  // Undated figures go last; otherwise by date.
  entries.sort((a, b) =>
    a.date === b.date ? 0 : a.date === '' ? 1 : b.date === '' ? -1 : a.date < b.date ? -1 : 1,
  );
  // Discrepancies: different figures published within 31 days of each other, and figures no source states.
  const days = (d: string) =>
    Date.parse(d.length === 7 ? `${d}-01` : d.length === 4 ? `${d}-01-01` : d) / 864e5;
  const clash: string[] = [];
  for (let i = 0; i < entries.length; i++)
    for (let j = i + 1; j < entries.length; j++) {
      const a = entries[i]!;
      const b = entries[j]!;
      if (a.value === null || b.value === null || a.value === b.value || !a.date || !b.date) continue;
      if (Math.abs(days(a.date) - days(b.date)) <= 31)
        clash.push(`${a.value_text} (${a.date}) / ${b.value_text} (${b.date})`);
    }
  const unverified = entries.filter((e) => !e.verified);
  const discrepancy_en = [
    ...clash.map((c) => `releases within a month differ: ${c}`),
    ...unverified.map((e) => `"${e.value_text}": ${e.source_kind}; ${e.note}`),
  ].join('. ');
  const discrepancy_zh = [
    ...clash.map((c) => `一个月内的发布数字不同：${c}`),
    ...unverified.map((e) => `“${e.value_text}”：未找到写有该数字的来源（${e.note}）`),
  ].join('。');
  return {
    id: m.id,
    name_zh: m.zh,
    name_en: m.en,
    unit_zh: m.unit_zh,
    unit_en: m.unit_en,
    entries,
    discrepancy_zh,
    discrepancy_en,
  };
});

const text = jsonText({
  generated: GENERATED_NOTE(BUILD_CMD),
  verdicts: {
    reproduced: 'computed by the project and matching',
    consistent: 'another stored figure agrees',
    differs: 'the figure found does not agree',
    cannot_check: 'no data here measures the claim',
  },
  claims,
  timeline,
  sources: [...claimSources.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
});
writeOutput(join(out, 'claims.json'), text);
const count = (v: Verdict) => claims.filter((c) => c.verdict === v).length;
console.log(
  `claims.json: ${claims.length} claims — reproduced ${count('reproduced')}, consistent ${count('consistent')}, differs ${count('differs')}, cannot check ${count('cannot_check')}`,
);
