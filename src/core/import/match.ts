/**
 * Indicator names in official tables → catalogue ids. A yearbook or data-portal name matches when, after
 * normalising (full-width forms, spaces, brackets, a trailing unit in brackets), it equals a catalogue
 * name (zh or en) or one of the synonyms below. Synonyms name the same definition only: 医院、卫生院床位数
 * (hospitals and health centres) is not 医疗卫生机构床位数 (all medical institutions) and stays unmatched.
 */
import { splitHeader } from '../user-indicators.ts';

/** Names official tables use for catalogue indicators (ids missing from the catalogue are ignored). */
export const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  beds_per_1000: [
    '每千人口医疗卫生机构床位数',
    '每千人口床位数',
    '每千常住人口医疗卫生机构床位数',
    '每千常住人口床位数',
    '每千常住人口实有床位数',
  ],
  doctors_per_1000: ['每千人口执业(助理)医师数', '每千人口执业(助理)医师', '每千常住人口执业(助理)医师数'],
  nurses_per_1000: ['每千人口注册护士数', '每千人口注册护士', '每千常住人口注册护士数'],
  hospital_beds: ['医疗卫生机构床位数', '医疗卫生机构床位', '卫生机构床位数'],
  licensed_doctors: ['执业(助理)医师数', '执业(助理)医师'],
  medical_institutions: ['医疗卫生机构数', '医疗卫生机构'],
  hospitals: ['医院数', '医院'],
  public_libraries: ['公共图书馆数', '公共图书馆', '公共图书馆机构数'],
  museums: ['博物馆数', '博物馆'],
  primary_schools: ['小学数', '小学学校数', '普通小学学校数'],
  colleges_universities: ['普通高等学校数', '普通高校数', '普通高等学校'],
  pm25_annual_mean: ['PM2.5年均浓度', '细颗粒物(PM2.5)年均浓度', 'PM2.5平均浓度', '细颗粒物年均浓度'],
  pm10_annual_mean: ['PM10年均浓度', '可吸入颗粒物(PM10)年均浓度'],
  good_air_days_share: ['空气质量优良天数比例', '优良天数比例', '空气质量达到及好于二级的天数比例'],
  good_air_days: ['空气质量优良天数', '优良天数', '空气质量达到及好于二级的天数'],
  heavy_pollution_days: ['重污染天数', '重度及以上污染天数'],
  resident_population: ['常住人口', '年末常住人口', '年末常住人口数'],
  gdp: ['地区生产总值', '生产总值'],
  gdp_per_capita: ['人均地区生产总值', '人均生产总值'],
  disposable_income_per_capita: ['居民人均可支配收入', '全体居民人均可支配收入', '全省居民人均可支配收入'],
  urbanisation_rate: ['常住人口城镇化率', '城镇化率'],
};

/**
 * A name for comparison: NFKC, lower case, no spaces, no brackets (their content kept), no trailing unit.
 * @example normIndicatorName('每千人口执业（助理）医师数(人)') // '每千人口执业助理医师数'
 */
export function normIndicatorName(name: string): string {
  return splitHeader(name.normalize('NFKC'))
    .name.toLowerCase()
    .replace(/[\s()[\]【】（）,，、·'’"]/g, '');
}

export interface CatalogueName {
  id: string;
  name_zh: string;
  name_en: string;
}

/**
 * A matcher from table names to catalogue ids, built once per catalogue.
 * @example indicatorMatcher([{ id: 'beds_per_1000', name_zh: '每千常住人口床位数', name_en: 'Beds' }])('每千人口医疗卫生机构床位数(张)') // 'beds_per_1000'
 */
export function indicatorMatcher(catalogue: readonly CatalogueName[]): (name: string) => string | undefined {
  const byName = new Map<string, string>();
  const put = (name: string, id: string) => {
    const k = normIndicatorName(name);
    if (k && !byName.has(k)) byName.set(k, id);
  };
  // Catalogue names first: they win over a synonym of another id.
  for (const m of catalogue) {
    put(m.name_zh, m.id);
    put(m.name_en, m.id);
  }
  const ids = new Set(catalogue.map((m) => m.id));
  for (const [id, names] of Object.entries(SYNONYMS)) if (ids.has(id)) for (const n of names) put(n, id);
  return (name) => byName.get(normIndicatorName(name));
}
