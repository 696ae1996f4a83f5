// The indicator catalogue: names, units, direction and definition caveats (from indicators/SOURCES.md and
// facilities/SOURCES.md §6). Cited rows must use one of these ids and its unit (or a listed alias).
import type { IndicatorMeta, Theme } from '../../../src/core/types.ts';
import { DERIVED, EXTRA } from './catalog-extra.ts';

export interface Def extends IndicatorMeta {
  theme: Theme;
  /** Other spellings of unit_en found in the inputs; rows are written with unit_en. */
  unitAliases?: string[];
}

/** Development-zone figures used in the census notes (computed from the census table). */
export interface DevZoneStats {
  count: number;
  population: number;
}

const CITED: Def[] = [
  {
    id: 'gdp',
    name_zh: '地区生产总值',
    name_en: 'Gross regional product (GDP)',
    unit_zh: '亿元',
    unit_en: '100 million yuan',
    good: 'higher',
    notes_zh:
      '现价。取所找到的最新口径：2013—2021年为国家统计局第四次经济普查后修订序列（分省年度数据导出，北京2013年21134.6，河北24259.6；第三次经济普查口径见“地区生产总值（第三次经济普查修订）”），初次公布值见“地区生产总值（初步核算）”。2024年均为统计公报初步数。河北各市2016年和2021年数值来自二手网页，为初次公布或公报口径，非修订序列，不宜与省级修订序列比较；石家庄2016年未说明是否含辛集。京津冀2024年为“11.5万亿元”的四舍五入值。',
    notes_en:
      'Current prices. The latest vintage found: 2013–2021 are the NBS series revised after the 4th economic census (provincial annual data exports: Beijing 2013 21,134.6, Hebei 24,259.6; the 3rd-census vintage is under gdp_3rd_census_revision) — first releases are under gdp_first_release. All 2024 values are preliminary communiqué figures. Hebei city values for 2016 and 2021 come from secondary pages and are first-release/communiqué-era values, not the revised series: do not compare them with the revised provincial series. Shijiazhuang 2016 does not say whether Xinji is included. JJJ 2024 is "11.5 trillion", rounded.',
    kind: 'cited',
    theme: 'economy',
  },
  {
    id: 'gdp_first_release',
    name_zh: '地区生产总值（初步核算）',
    name_en: 'GDP, first release',
    unit_zh: '亿元',
    unit_en: '100 million yuan',
    good: 'higher',
    notes_zh:
      '初次公布的初步核算数，未经后续修订，与“地区生产总值”不是同一口径。河北各市2013年数值来自第三方排名网页（部分为统计初值并经取整，低可信度）。北京2014年“突破2.133万亿元”为取整的下限。',
    notes_en:
      'Preliminary figure as first published, before later revisions; not on the same basis as gdp. Hebei city values for 2013 come from a third-party ranking page (early, partly rounded; low confidence). Beijing 2014 ("topped 2.133 trillion") is a rounded lower bound.',
    kind: 'cited',
    theme: 'economy',
  },
  {
    id: 'gdp_real_growth',
    name_zh: '地区生产总值实际增速',
    name_en: 'Real GDP growth',
    unit_zh: '%',
    unit_en: '%',
    good: 'higher',
    notes_zh: '按可比价格计算，与同一来源的地区生产总值口径一致（初步核算值随初次公布）。',
    notes_en:
      'At comparable prices, from the same release as the GDP value (preliminary where the GDP is a first release).',
    kind: 'cited',
    theme: 'economy',
  },
  {
    id: 'gdp_per_capita',
    name_zh: '人均地区生产总值',
    name_en: 'GDP per capita',
    unit_zh: '元',
    unit_en: 'yuan',
    good: 'higher',
    notes_zh:
      '口径说明同地区生产总值。北京2024年报道为“22.8万元”（取整到千元）；河北各市2016年为二手网页的初次公布值（低可信度）。',
    notes_en:
      'Same vintage caveats as gdp. Beijing 2024 was reported as 22.8万元 (rounded to 1,000 yuan); Hebei city values for 2016 are first-release values from a secondary page (low confidence).',
    kind: 'cited',
    theme: 'economy',
  },
  {
    id: 'resident_population',
    name_zh: '常住人口',
    name_en: 'Resident population',
    unit_zh: '万人',
    unit_en: '10k persons',
    good: 'neutral',
    notes_zh:
      '除注明外为年末数。2020年普查数（11月1日）不是年末数，统一放在“常住人口（2020年普查）”中。口径不一：石家庄2017年含辛集，2019年似不含；保定2019年不含定州和雄安三县，2021年口径未说明，两者不可比。',
    notes_en:
      'Year-end estimates unless the note says otherwise. Census counts (1 Nov 2020) are not year-end figures and are under census_population. Scopes differ: Shijiazhuang 2017 includes Xinji, 2019 apparently not; Baoding 2019 excludes Dingzhou and the three Xiong’an counties, Baoding 2021 has an unstated scope — not comparable.',
    kind: 'cited',
    theme: 'population',
  },
  {
    id: 'urbanisation_rate',
    name_zh: '常住人口城镇化率',
    name_en: 'Urbanisation rate',
    unit_zh: '%',
    unit_en: '%',
    good: 'neutral',
    notes_zh: '城镇常住人口占常住人口的比重，年末数。2020年普查值见“城镇人口占比（2020年普查）”。',
    notes_en:
      'Urban share of the resident population, year-end. The 2020 census value is under census_urban_share.',
    kind: 'cited',
    theme: 'population',
  },
  {
    id: 'pm25_annual_mean',
    name_zh: 'PM2.5年均浓度',
    name_en: 'PM2.5 annual mean',
    unit_zh: '微克/立方米',
    unit_en: 'µg/m³',
    good: 'lower',
    notes_zh:
      '尽量采用官方公布值。2013年天津和河北大多数城市的数值为绿色和平根据环保部门数据计算的74城市排名，并非官方公报值；已有官方值的（北京89.5、邢台160）将绿色和平值列为备选。河北2024年37.8（中国日报）与37.7（省政府新闻办转载）两值并存。河北、京津冀为城市平均值。',
    notes_en:
      'Official values where found. 2013 values for Tianjin and most Hebei cities are Greenpeace computations from MEP/EPB data (74-city ranking), not official bulletin values; where an official value exists (Beijing 89.5, Xingtai 160) the Greenpeace value is listed as an alternative. Hebei 2024: 37.8 (China Daily) and 37.7 (reprint of the provincial press office) are both kept. Hebei and JJJ values are averages over cities.',
    kind: 'cited',
    theme: 'environment',
    public_service: true,
  },
  {
    id: 'pm25_change_vs_2013',
    name_zh: 'PM2.5浓度较2013年变化',
    name_en: 'PM2.5 change since 2013',
    unit_zh: '%',
    unit_en: '%',
    good: 'lower',
    notes_zh: '相对2013年的变化百分比，负值表示下降。',
    notes_en: 'Percentage change relative to 2013; negative means lower concentrations.',
    kind: 'cited',
    theme: 'environment',
  },
  {
    id: 'pm10_annual_mean',
    name_zh: 'PM10年均浓度',
    name_en: 'PM10 annual mean',
    unit_zh: '微克/立方米',
    unit_en: 'µg/m³',
    good: 'lower',
    notes_zh: '河北和京津冀为城市平均值（河北11市，京津冀13市）。',
    notes_en: 'Hebei and JJJ values are averages over cities (Hebei 11, JJJ 13).',
    kind: 'cited',
    theme: 'environment',
  },
  {
    id: 'good_air_days',
    name_zh: '空气质量优良天数',
    name_en: 'Days with good air quality',
    unit_zh: '天',
    unit_en: 'days',
    good: 'higher',
    notes_zh: '河北为各市平均。天津2024年只找到1—10月数据，未收录。',
    notes_en:
      'Hebei values are averages across its cities. Tianjin 2024 was found for January–October only and is left out.',
    kind: 'cited',
    theme: 'environment',
    public_service: true,
  },
  {
    id: 'good_air_days_share',
    name_zh: '空气质量优良天数比例',
    name_en: 'Share of days with good air quality',
    unit_zh: '%',
    unit_en: '%',
    good: 'higher',
    notes_zh:
      '北京2013年显示北京市环保局的48.2%（与2024年同一机构序列）；原环境保护部考核为48%，列为备选。京津冀2013年为13个城市平均。',
    notes_en:
      'Beijing 2013 shows the Beijing EPB figure 48.2% (same agency series as 2024); the Ministry of Environmental Protection assessment gives 48%, listed as an alternative. JJJ 2013 is the average over 13 cities.',
    kind: 'cited',
    theme: 'environment',
    public_service: true,
  },
  {
    id: 'heavy_pollution_days',
    name_zh: '重污染天数',
    name_en: 'Heavy-pollution days',
    unit_zh: '天',
    unit_en: 'days',
    good: 'lower',
    notes_zh: '北京2014年无数据（来源分别为47天和45天）。石家庄2013年为重度及以上污染天数。',
    notes_en:
      'Beijing 2014 is not in the data (sources give 47 and 45 days). Shijiazhuang 2013 counts heavy or worse pollution days.',
    kind: 'cited',
    theme: 'environment',
    public_service: true,
  },
  {
    id: 'hospital_beds',
    name_zh: '医疗卫生机构床位数',
    name_en: 'Hospital beds',
    unit_zh: '张',
    unit_en: 'beds',
    good: 'neutral',
    notes_zh:
      '总量指标，跨地区比较请看每千人床位数。北京2013—2017年为卫生统计简编序列，不含军队和武警医院；2023年公报值“13.9万张”为取整值，口径可能不同。',
    notes_en:
      'Absolute count — compare beds per 1,000 residents across units. Beijing 2013–2017: health-digest series excluding military and armed-police hospitals; the 2023 communiqué value (13.9万, rounded) may use a different scope.',
    kind: 'cited',
    theme: 'health',
    public_service: true,
  },
  {
    id: 'beds_per_1000',
    name_zh: '每千常住人口床位数',
    name_en: 'Beds per 1,000 residents',
    unit_zh: '张/千人',
    unit_en: 'beds per 1,000 residents',
    good: 'higher',
    notes_zh: '北京2015年为实有床位，不含军队医院。',
    notes_en: 'Beijing 2015: actual beds, excluding military hospitals.',
    kind: 'cited',
    theme: 'health',
    public_service: true,
  },
  {
    id: 'doctors_per_1000',
    name_zh: '每千常住人口执业（助理）医师数',
    name_en: 'Doctors per 1,000 residents',
    unit_zh: '人/千人',
    unit_en: 'persons per 1,000 residents',
    good: 'higher',
    notes_zh: '执业医师和执业助理医师。北京2015年含军队医院。',
    notes_en: 'Licensed and assistant doctors. Beijing 2015 includes military hospitals.',
    kind: 'cited',
    theme: 'health',
    public_service: true,
  },
  {
    id: 'licensed_doctors',
    name_zh: '执业（助理）医师数',
    name_en: 'Licensed (assistant) doctors',
    unit_zh: '人',
    unit_en: 'persons',
    good: 'neutral',
    notes_zh: '总量指标。天津数值以“万人”报道，已按原值换算（取整）。',
    notes_en:
      'Absolute count. Tianjin values were reported in units of 10,000 and converted exactly (rounded).',
    kind: 'cited',
    theme: 'health',
    public_service: true,
  },
  {
    id: 'medical_institutions',
    name_zh: '医疗卫生机构数',
    name_en: 'Medical and health institutions',
    unit_zh: '个',
    unit_en: 'institutions',
    unitAliases: ['units'],
    good: 'neutral',
    notes_zh: '总量指标。',
    notes_en: 'Absolute count.',
    kind: 'cited',
    theme: 'health',
    public_service: true,
  },
  {
    id: 'hospitals',
    name_zh: '医院数',
    name_en: 'Hospitals',
    unit_zh: '个',
    unit_en: 'hospitals',
    good: 'neutral',
    notes_zh: '总量指标。',
    notes_en: 'Absolute count.',
    kind: 'cited',
    theme: 'health',
    public_service: true,
  },
  {
    id: 'colleges_universities',
    name_zh: '普通高等学校数',
    name_en: 'Colleges and universities',
    unit_zh: '所',
    unit_en: 'units',
    good: 'neutral',
    notes_zh: '只有天津2019年。',
    notes_en: 'Tianjin 2019 only.',
    kind: 'cited',
    theme: 'education',
  },
  {
    id: 'general_secondary_schools',
    name_zh: '普通中学数',
    name_en: 'General secondary schools',
    unit_zh: '所',
    unit_en: 'units',
    good: 'neutral',
    notes_zh: '只有天津2019年。',
    notes_en: 'Tianjin 2019 only.',
    kind: 'cited',
    theme: 'education',
  },
  {
    id: 'primary_schools',
    name_zh: '小学数',
    name_en: 'Primary schools',
    unit_zh: '所',
    unit_en: 'units',
    good: 'neutral',
    notes_zh: '只有天津2019年。',
    notes_en: 'Tianjin 2019 only.',
    kind: 'cited',
    theme: 'education',
  },
  {
    id: 'public_libraries',
    name_zh: '公共图书馆数',
    name_en: 'Public libraries',
    unit_zh: '个',
    unit_en: 'units',
    good: 'neutral',
    notes_zh: '只有北京2022年和天津2019年。原文“193个图书馆”未能核实。',
    notes_en: 'Beijing 2022 and Tianjin 2019 only. The source text’s "193 libraries" could not be verified.',
    kind: 'cited',
    theme: 'culture',
    public_service: true,
  },
  {
    id: 'disposable_income_per_capita',
    name_zh: '居民人均可支配收入',
    name_en: 'Per-capita disposable income',
    unit_zh: '元',
    unit_en: 'yuan',
    good: 'higher',
    notes_zh: '按来源报道的居民人均可支配收入，现价。',
    notes_en: 'Per-capita disposable income of residents as reported, current prices.',
    kind: 'cited',
    theme: 'economy',
    public_service: true,
  },
  {
    id: 'hsr_length',
    name_zh: '高速铁路营业里程',
    name_en: 'High-speed rail in operation',
    unit_zh: '公里',
    unit_en: 'km',
    good: 'higher',
    notes_zh: '只有京津冀区域合计，无分省或分市数据。',
    notes_en: 'Region total (JJJ) only; none by province or city.',
    kind: 'cited',
    theme: 'transport',
  },
  {
    id: 'land_area',
    name_zh: '规划面积',
    name_en: 'Planned area',
    unit_zh: '平方公里',
    unit_en: 'km²',
    good: 'neutral',
    notes_zh:
      '雄安新区规划面积1770平方公里（2018年规划纲要），含周边县的部分区域；地图上雄县、容城、安新三县合并的多边形约1551平方公里。',
    notes_en:
      'Xiong’an’s planned area of 1,770 km² (Planning Outline 2018) includes parts of neighbouring counties; the map polygon (union of Xiong, Rongcheng and Anxin counties) is about 1,551 km².',
    kind: 'cited',
    theme: 'population',
  },
  {
    id: 'developed_area',
    name_zh: '已开发建设面积',
    name_en: 'Developed area',
    unit_zh: '平方公里',
    unit_en: 'km²',
    good: 'neutral',
    notes_zh: '截至报道时（2025年初）。',
    notes_en: 'As of the report (early 2025).',
    kind: 'cited',
    theme: 'economy',
  },
  {
    id: 'cumulative_investment',
    name_zh: '累计完成投资',
    name_en: 'Cumulative investment completed',
    unit_zh: '亿元',
    unit_en: '100 million yuan',
    good: 'neutral',
    notes_zh: '自2017年设立新区以来累计。2022年为“超过4000亿元”（下限）。',
    notes_en:
      'Cumulative since the New Area was set up in 2017. 2022 is "over 400 billion yuan" (a lower bound).',
    kind: 'cited',
    theme: 'economy',
  },
];

function censusDefs(dz: DevZoneStats): Def[] {
  const pop = dz.population.toLocaleString('en-US');
  const common_en =
    `Computed by the data build from the 7th National Population Census (1 Nov 2020) county tabulation ` +
    `(github.com/leiii/census; cite Dong, Du & Liu 2022). Counties use their own rows; cities and provinces ` +
    `use the census prefecture/province rows; Xiong’an = sum of Rongcheng, Anxin and Xiong counties; Baoding = ` +
    `its prefecture row minus those three counties. Hebei's ${dz.count} development zones and management ` +
    `areas (${pop} residents) have census rows but no polygon: they are counted in their city's and Hebei's ` +
    `totals but in no county, so county values do not add up to city values.`;
  const common_zh =
    `由数据构建根据第七次全国人口普查（2020年11月1日）分县数据计算（github.com/leiii/census；请引用 Dong, Du & Liu 2022）。` +
    `区县用本身的普查行；市和省用普查的地级/省级行；雄安新区＝容城、安新、雄县三县之和；保定市＝保定市普查行减去这三县。` +
    `河北${dz.count}个开发区、管理区等（常住人口${pop}人）在普查中单列，但没有对应的区县多边形：` +
    `计入所在市和河北省合计，不计入任何区县，所以区县数值加总不等于市的数值。`;
  const d = (
    id: string,
    name_zh: string,
    name_en: string,
    unit_zh: string,
    unit_en: string,
    extra_zh: string,
    extra_en: string,
  ): Def => ({
    id,
    name_zh,
    name_en,
    unit_zh,
    unit_en,
    good: 'neutral',
    notes_zh: `${extra_zh}${common_zh}`,
    notes_en: `${extra_en} ${common_en}`,
    kind: 'derived',
    theme: 'population',
  });
  return [
    d(
      'census_population',
      '常住人口（2020年普查）',
      'Population (2020 census)',
      '人',
      'persons',
      '普查标准时点常住人口。',
      'Residents at the census moment.',
    ),
    d(
      'census_density',
      '人口密度（2020年普查）',
      'Population density (2020 census)',
      '人/平方公里',
      'persons per km²',
      '普查人口除以地图多边形面积（未简化多边形的椭球面积），保留1位小数。雄安新区按三县多边形约1551平方公里计算，而非1770平方公里规划面积。',
      'Census population divided by the area of the unsimplified map polygon (geodesic), rounded to 1 decimal. Xiong’an uses its three-county polygon (about 1,551 km²), not the 1,770 km² planned area.',
    ),
    d(
      'census_share_60plus',
      '60岁及以上人口占比（2020年普查）',
      'Share aged 60+ (2020 census)',
      '%',
      '%',
      '60岁及以上人口除以常住人口，保留2位小数。',
      'Residents aged 60 and over divided by all residents, rounded to 2 decimals.',
    ),
    d(
      'census_share_65plus',
      '65岁及以上人口占比（2020年普查）',
      'Share aged 65+ (2020 census)',
      '%',
      '%',
      '65岁及以上人口除以常住人口，保留2位小数。',
      'Residents aged 65 and over divided by all residents, rounded to 2 decimals.',
    ),
    d(
      'census_urban_share',
      '城镇人口占比（2020年普查）',
      'Urban share (2020 census)',
      '%',
      '%',
      '城镇人口除以常住人口（即普查城镇化率），保留2位小数。',
      'Urban residents divided by all residents (the census urbanisation rate), rounded to 2 decimals.',
    ),
    d(
      'census_household_size',
      '平均家庭户规模（2020年普查）',
      'Average family-household size (2020 census)',
      '人/户',
      'persons per household',
      '直接取普查表中的数值（2位小数）；雄安新区和保定市按家庭户数加权各县数值计算，输入已取整到2位小数，误差约±0.01。',
      'As tabulated (2 decimals); for Xiong’an and Baoding, county values weighted by family households — the inputs are rounded to 2 decimals, so the result is good to about ±0.01.',
    ),
  ];
}

/** All catalogue entries (cited then derived), sorted by id. */
export function catalogDefs(dz: DevZoneStats): Def[] {
  return [...CITED, ...EXTRA, ...DERIVED, ...censusDefs(dz)].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

/** The public IndicatorMeta (drops build-only fields), keys in the order of the type. */
export function toMeta(d: Def): IndicatorMeta {
  return {
    id: d.id,
    name_zh: d.name_zh,
    name_en: d.name_en,
    unit_zh: d.unit_zh,
    unit_en: d.unit_en,
    good: d.good,
    notes_zh: d.notes_zh,
    notes_en: d.notes_en,
    kind: d.kind,
    theme: d.theme,
    ...(d.public_service ? { public_service: true } : {}),
  };
}

/** Cited ids only (no census numbers needed), for checking the inputs. */
export function citedDefs(): ReadonlyMap<string, Def> {
  return new Map([...CITED, ...EXTRA].map((d) => [d.id, d]));
}
