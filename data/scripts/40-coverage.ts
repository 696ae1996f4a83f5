// Step 40: the coverage of the built data — printed as tables (series × province × year; cities ×
// series) and written as data/coverage.json for the app's coverage view: for every series, unit and year
// filled / derived / missing, and for each missing block the table that would hold it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NATION_CODE } from '../../src/core/indicators.ts';
import type { IndicatorMeta, Theme } from '../../src/core/types.ts';
import { GENERATED_NOTE, outDir, writeOutput } from '../../geo/scripts/lib/build-io.ts';
import { BUILD_CMD, fullBuild, jsonText, readShownValues, readUnits, unitsInput } from './lib/inputs.ts';
import { isCitedValue } from './lib/sources.ts';

if (!fullBuild()) process.exit(0); // coverage describes the full data only
const out = outDir('data');
const { shown, at } = readShownValues(out);
const catalog = (
  JSON.parse(readFileSync(join(out, 'catalog.json'), 'utf8')) as { indicators: IndicatorMeta[] }
).indicators;
const units = readUnits(unitsInput());

const PROVINCES = ['110000', '120000', '130000'];
const cityUnits = units.filter((u) => u.province === '130000' && u.levels.includes('city'));
const unitList = [
  ...PROVINCES.map((c) => units.find((u) => u.code === c)!),
  { code: NATION_CODE, name_zh: '全国', name_en: 'China', levels: ['province'] },
  ...cityUnits,
].map((u) => ({
  code: u.code,
  name_zh: u.name_zh,
  name_en: u.name_en,
  level: u.code === NATION_CODE ? 'nation' : u.levels.includes('province') ? 'province' : 'city',
}));

const series = catalog.filter((m) => m.kind === 'cited' || m.public_service || m.theme === 'health');
const lastYear = Math.max(
  ...shown.filter((r) => series.some((s) => s.id === r.indicator && s.public_service)).map((r) => r.year),
);
const years = Array.from({ length: lastYear - 2013 + 1 }, (_, k) => 2013 + k);
type Status = 'filled' | 'derived' | 'missing';
const status = (m: IndicatorMeta, u: string, y: number): Status => {
  const r = at(u, m.id, y);
  if (!r) return 'missing';
  return m.kind === 'derived' || r.note.startsWith('computed') ? 'derived' : 'filled';
};

/** Where the missing values would be found (tables named in LEADS.md and the staged SOURCES.md files). */
const WHERE: Record<Theme, { zh: string; en: string }> = {
  health: {
    zh: '北京：北京市卫生健康委信息中心《卫生统计资料简编》；天津、河北：《天津统计年鉴》《河北统计年鉴》卫生章、《卫生健康事业发展统计公报》；国家统计局“国家数据”分省年度数据（卫生）',
    en: 'Beijing: health information centre digest (卫生统计资料简编); Tianjin, Hebei: statistical yearbooks, health chapter, and the health bulletins; NBS data portal, annual data by province (health)',
  },
  education: {
    zh: '各省（市）统计年鉴教育章、《教育事业发展统计公报》；《中国教育统计年鉴》分地区表；国家统计局“国家数据”分省年度数据（教育）',
    en: 'Provincial statistical yearbooks, education chapter, and education bulletins; China Education Statistical Yearbook, tables by region; NBS data portal, annual data by province (education)',
  },
  culture: {
    zh: '各省（市）统计年鉴文化章；《中国文化文物和旅游统计年鉴》分地区表；国家统计局“国家数据”分省年度数据（文化）',
    en: 'Provincial statistical yearbooks, culture chapter; China Culture, Heritage and Tourism Statistical Yearbook, tables by region; NBS data portal, annual data by province (culture)',
  },
  social_security: {
    zh: '各省（市）《人力资源和社会保障事业发展统计公报》、统计年鉴社会保障章、民政统计；国家统计局“国家数据”分省年度数据（社会服务）',
    en: 'Provincial human-resources and social-security bulletins, statistical yearbooks (social security), civil-affairs statistics; NBS data portal, annual data by province',
  },
  environment: {
    zh: '各省（市）《生态环境状况公报》；生态环境部《中国生态环境状况公报》及城市空气质量月报、年报',
    en: 'Provincial ecology and environment bulletins (生态环境状况公报); MEE national bulletin and city air-quality reports',
  },
  economy: {
    zh: '各省（市）统计公报、统计年鉴人民生活章；国家统计局“国家数据”分省年度数据（人民生活）',
    en: 'Provincial statistical communiqués and yearbooks (living standards); NBS data portal, annual data by province',
  },
  population: {
    zh: '各省（市）统计公报、统计年鉴人口章',
    en: 'Provincial statistical communiqués and yearbooks, population chapter',
  },
  transport: { zh: '由数据构建计算', en: 'computed by the data build' },
  sharing: { zh: '京津冀协同发展相关部门发布', en: 'releases of the Jing-Jin-Ji coordination offices' },
};
const CITY_WHERE = {
  zh: '《河北经济年鉴》各市表、各市统计年鉴和统计公报；《中国城市统计年鉴》',
  en: 'Hebei Economic Yearbook city tables, city yearbooks and communiqués; China City Statistical Yearbook',
};

const out2 = series.map((m) => {
  const st: Record<string, Status[]> = {};
  for (const u of unitList) st[u.code] = years.map((y) => status(m, u.code, y));
  const filled = PROVINCES.reduce((s, u) => s + st[u]!.slice(0, 10).filter((x) => x !== 'missing').length, 0);
  return {
    indicator: m.id,
    theme: m.theme!,
    public_service: m.public_service === true,
    status: st,
    filled_share_3prov_2013_2022: Number((filled / 30).toFixed(3)),
  };
});

const gaps: { indicator: string; unit_code: string; years: number[]; where_zh: string; where_en: string }[] =
  [];
for (const s of out2) {
  if (!s.public_service) continue;
  for (const u of unitList) {
    let block: number[] = [];
    const flush = () => {
      if (block.length) {
        const w = u.level === 'city' ? CITY_WHERE : WHERE[s.theme];
        gaps.push({
          indicator: s.indicator,
          unit_code: u.code,
          years: block,
          where_zh: w.zh,
          where_en: w.en,
        });
      }
      block = [];
    };
    s.status[u.code]!.forEach((x, i) => (x === 'missing' ? block.push(years[i]!) : flush()));
    flush();
  }
}
const ps = out2.filter((s) => s.public_service);
const common = ps.filter((s) => years.some((_, i) => PROVINCES.every((u) => s.status[u]![i] !== 'missing')));
const eighty = ps.filter((s) => s.filled_share_3prov_2013_2022 >= 0.8);
// Source quality: rank-1 cited values (census and computed series excluded) by the kind of their page.
const kinds = new Map(
  (
    JSON.parse(readFileSync(join(out, 'sources.json'), 'utf8')) as {
      sources: { id: string; kind?: string }[];
    }
  ).sources.map((x) => [x.id, x.kind ?? '']),
);
const citedShown = shown.filter(isCitedValue);
const byKind: Record<string, number> = {};
for (const r of citedShown) byKind[kinds.get(r.source_id)!] = (byKind[kinds.get(r.source_id)!] ?? 0) + 1;
const officialShare = Number(
  (((byKind.official ?? 0) + (byKind.official_reprint ?? 0)) / citedShown.length).toFixed(3),
);
const summary = {
  cited_values_shown: citedShown.length,
  cited_values_by_kind: Object.fromEntries(Object.entries(byKind).sort()),
  official_share_cited: officialShare,
  public_service_series: ps.length,
  series_all_three_common_year: common.length,
  series_80pct_2013_2022: eighty.length,
  series_all_three_common_year_ids: common.map((s) => s.indicator),
  series_80pct_2013_2022_ids: eighty.map((s) => s.indicator),
};
writeOutput(
  join(out, 'coverage.json'),
  jsonText({ generated: GENERATED_NOTE(BUILD_CMD), years, units: unitList, series: out2, gaps, summary }),
);

// Printed tables: ■ cited, ◆ computed, · missing.
const mark = (x: Status) => (x === 'filled' ? '■' : x === 'derived' ? '◆' : '·');
const yr = years.map((y) => String(y).slice(2)).join('');
console.log(
  `  coverage (■ cited, ◆ computed, · missing), years ${years[0]}–${lastYear}, columns BJ | TJ | HB | CN:`,
);
console.log(
  `    ${'series'.padEnd(36)} ${[0, 1, 2, 3]
    .map(() =>
      yr
        .replace(/(..)/g, '$1'.slice(0, 2))
        .slice(0, years.length * 2)
        .replace(/\d\d/g, (m) => m[1]!),
    )
    .join(' | ')}`,
);
for (const s of ps)
  console.log(
    `    ${s.indicator.padEnd(36)} ${[...PROVINCES, NATION_CODE].map((u) => s.status[u]!.map(mark).join('')).join(' | ')}  ${(s.filled_share_3prov_2013_2022 * 100).toFixed(0)} %`,
  );
console.log(`  cities × series (years with a value, ${years[0]}–${lastYear}):`);
const citySeries = out2.filter((s) => cityUnits.some((u) => s.status[u.code]!.some((x) => x !== 'missing')));
console.log(
  `    ${'city'.padEnd(10)} ${citySeries.map((s) => s.indicator.slice(0, 12).padStart(12)).join(' ')}`,
);
for (const u of cityUnits)
  console.log(
    `    ${u.name_zh.padEnd(8, '　')} ${citySeries.map((s) => String(s.status[u.code]!.filter((x) => x !== 'missing').length).padStart(12)).join(' ')}`,
  );
console.log(
  `  sources of the ${citedShown.length} shown cited values: ${Object.entries(byKind)
    .sort()
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')} — official or official reprint ${(officialShare * 100).toFixed(1)} % (target ≥70 %)`,
);
console.log(
  `  target: ${common.length} public-service series with BJ, TJ and HB in a common year (≥12), ${eighty.length} series ≥80 % filled 2013–2022 (≥4); ${gaps.length} missing blocks in coverage.json`,
);
