// Catalogue entries added for issue 11: the public-service series of the round-3 and round-4 inputs
// (cited) and the series the build computes (derived: per-capita from counts, rail minutes, register
// densities). Notes state definition breaks in both languages; rows carry their own scope notes.
import type { Def } from './catalog.ts';

type Spec = Omit<Def, 'kind' | 'good'> & Partial<Pick<Def, 'good'>>;
const cited = (d: Spec): Def => ({ good: 'higher', ...d, kind: 'cited' });
const derived = (d: Spec): Def => ({ good: 'higher', ...d, kind: 'derived' });

const COUNT_ZH = '总量指标，跨地区比较请看人均指标。';
const COUNT_EN = 'Absolute count — compare per-capita values across units.';

export const EXTRA: Def[] = [
  cited({
    id: 'nurses_per_1000',
    name_zh: '每千常住人口注册护士数',
    name_en: 'Registered nurses per 1,000 residents',
    unit_zh: '人/千人',
    unit_en: 'persons per 1,000 residents',
    unitAliases: [
      'persons per 1,000 population',
      'persons per 1,000 resident population',
      'registered nurses per 1,000 population',
    ],
    notes_zh:
      '注册护士。北京2015年为卫生统计简编数，含驻京部队和武警医院；河北2015、2020年取自“十四五”医疗卫生服务体系规划，未说明分母是常住还是户籍人口；全国为卫生健康事业发展统计公报数。',
    notes_en:
      'Registered nurses. Beijing 2015 is from the health digest and includes military and armed-police hospitals; Hebei 2015 and 2020 come from its 14th five-year health-service plan, which does not say whether the denominator is resident or registered population; national values are from the health bulletins.',
    theme: 'health',
    public_service: true,
  }),
  cited({
    id: 'registered_nurses',
    name_zh: '注册护士数',
    name_en: 'Registered nurses',
    unit_zh: '人',
    unit_en: 'persons',
    good: 'neutral',
    notes_zh: `${COUNT_ZH}以“万人”公布的数值按原值换算为人数。全国2017年为统计公报初步数，后被卫生统计公报修订。`,
    notes_en: `${COUNT_EN} Values published in units of 10,000 are converted to persons as published. National 2017 is the NBS communiqué's preliminary figure, later revised by the health bulletin.`,
    theme: 'health',
  }),
  cited({
    id: 'health_technicians',
    name_zh: '卫生技术人员数',
    name_en: 'Health technicians',
    unit_zh: '人',
    unit_en: 'persons',
    good: 'neutral',
    notes_zh: `${COUNT_ZH}以“万人”公布的数值按原值换算。全国2017年为统计公报初步数。`,
    notes_en: `${COUNT_EN} Values published in units of 10,000 are converted as published. National 2017 is the NBS communiqué's preliminary figure.`,
    theme: 'health',
  }),
  cited({
    id: 'health_technicians_per_1000',
    name_zh: '每千常住人口卫生技术人员数',
    name_en: 'Health technicians per 1,000 residents',
    unit_zh: '人/千人',
    unit_en: 'persons per 1,000 residents',
    unitAliases: ['persons per 1,000 resident population', 'persons per 1,000 population'],
    notes_zh: '北京2015年为卫生统计简编数，含驻京部队和武警医院。',
    notes_en: 'Beijing 2015 is from the health digest and includes military and armed-police hospitals.',
    theme: 'health',
    public_service: true,
  }),
  cited({
    id: 'tertiary_hospitals',
    name_zh: '三级医院数',
    name_en: 'Tertiary (grade III) hospitals',
    unit_zh: '个',
    unit_en: 'hospitals',
    good: 'neutral',
    notes_zh:
      '总量指标。北京2012—2014年含驻京部队医院（2014年简编三级医疗机构89个，含14家部队医院）；天津2014年取自医疗卫生服务体系规划，未说明是否含部队医院。',
    notes_en:
      'Absolute count. Beijing 2012–2014 include military hospitals in Beijing (the 2014 digest counts 89 tertiary institutions including 14 military hospitals); Tianjin 2014 is from its health-service plan, which does not say whether military hospitals are counted.',
    theme: 'health',
    public_service: true,
  }),
  cited({
    id: 'pupils_per_teacher_primary',
    name_zh: '小学生师比',
    name_en: 'Pupils per full-time teacher, primary',
    unit_zh: '人/专任教师',
    unit_en: 'pupils per full-time teacher',
    good: 'lower',
    notes_zh:
      '取自 GitHub 仓库 XiaoyueZ-cloud/jingjinji-education-network 的整理表（注明来自 EPS 中国统计年鉴），未能与年鉴页面核对；部分数值有4—5位小数，似由学生数和教师数重新计算。第三方来源，低可信度。',
    notes_en:
      'From a compiled table in the GitHub repository XiaoyueZ-cloud/jingjinji-education-network (which cites the EPS extract of the China Statistical Yearbook); not checked against a yearbook page. Some values have 4–5 decimals and look recomputed from enrolment and teacher counts. Third-party source, low confidence.',
    theme: 'education',
    public_service: true,
  }),
  cited({
    id: 'pupils_per_teacher_junior',
    name_zh: '初中生师比',
    name_en: 'Pupils per full-time teacher, junior secondary',
    unit_zh: '人/专任教师',
    unit_en: 'pupils per full-time teacher',
    good: 'lower',
    notes_zh: '来源和可信度同“小学生师比”。',
    notes_en: 'Same source and confidence as the primary ratio.',
    theme: 'education',
    public_service: true,
  }),
  cited({
    id: 'primary_students',
    name_zh: '小学在校生数',
    name_en: 'Primary-school pupils',
    unit_zh: '人',
    unit_en: 'students',
    good: 'neutral',
    notes_zh: `${COUNT_ZH}以“万人”公布的数值按原值换算为人数。全国2021年为“小学阶段”（含教学点），口径宽于普通小学。天津2017—2018、2020—2021年取自未注明出处的第三方表格。`,
    notes_en: `${COUNT_EN} Values published in units of 10,000 are converted to persons as published. National 2021 is the whole primary stage (including teaching points), wider than regular primary schools. Tianjin 2017–18 and 2020–21 come from an unattributed third-party table.`,
    theme: 'education',
  }),
  cited({
    id: 'junior_students',
    name_zh: '初中在校生数',
    name_en: 'Junior-secondary students',
    unit_zh: '人',
    unit_en: 'students',
    good: 'neutral',
    notes_zh: `${COUNT_ZH}以“万人”公布的数值按原值换算为人数。`,
    notes_en: `${COUNT_EN} Values published in units of 10,000 are converted to persons as published.`,
    theme: 'education',
  }),
  cited({
    id: 'higher_ed_students',
    name_zh: '普通高校在校生数（本专科）',
    name_en: 'Higher-education students (regular, undergraduate and college)',
    unit_zh: '人',
    unit_en: 'students',
    good: 'neutral',
    notes_zh: `${COUNT_ZH}只含普通本专科，不含研究生。以“万人”公布的数值按原值换算。`,
    notes_en: `${COUNT_EN} Regular undergraduate and college students only, postgraduates excluded. Values published in units of 10,000 are converted as published.`,
    theme: 'education',
  }),
  cited({
    id: 'museums',
    name_zh: '博物馆数',
    name_en: 'Museums',
    unit_zh: '个',
    unit_en: 'museums',
    unitAliases: ['units'],
    good: 'neutral',
    notes_zh:
      '口径不一：北京为备案博物馆（各类所有制）；河北2018年为“博物馆(纪念馆)”，2022年为登记备案博物馆，两者口径不同，差值不代表增长；全国2021年为全部博物馆。2022年全国“文物系统国有博物馆3782个”口径更窄，未收录。',
    notes_en:
      'Scopes differ: Beijing counts registered museums of all owners; Hebei 2018 counts “museums (memorial halls)” and 2022 registered museums — different scopes, so the gap is not growth; national 2021 counts all museums. The national 2022 figure of 3,782 state-owned museums of the cultural-heritage system is narrower and not included.',
    theme: 'culture',
    public_service: true,
  }),
  cited({
    id: 'cultural_centres',
    name_zh: '文化馆数',
    name_en: 'Cultural centres',
    unit_zh: '个',
    unit_en: 'cultural centres',
    unitAliases: ['units'],
    good: 'neutral',
    notes_zh:
      '北京2022年为群众艺术馆与文化馆合计；天津只计文化馆，不含街道乡镇综合文化站；全国不含乡镇文化站。',
    notes_en:
      'Beijing 2022 counts mass-art centres and cultural centres together; Tianjin counts cultural centres only, not street/township cultural stations; the national value excludes township cultural stations.',
    theme: 'culture',
    public_service: true,
  }),
  cited({
    id: 'library_holdings',
    name_zh: '公共图书馆总藏量',
    name_en: 'Public-library holdings',
    unit_zh: '万册',
    unit_en: '10k volumes',
    unitAliases: ['10k volumes/items'],
    good: 'neutral',
    notes_zh:
      '北京为市文化和旅游局所属公共图书馆，不含国家图书馆。全国2022年年鉴单位为“万册/件”，2023年为“14.4亿册”的取整值。',
    notes_en:
      'Beijing counts the public libraries under the municipal culture bureau, excluding the National Library. National 2022 uses 10k volumes/items (yearbook); 2023 is “1.44 billion”, rounded.',
    theme: 'culture',
  }),
  cited({
    id: 'library_holdings_per_capita',
    name_zh: '人均公共图书馆藏量',
    name_en: 'Public-library holdings per resident',
    unit_zh: '册/人',
    unit_en: 'volumes per resident',
    unitAliases: ['items per resident'],
    notes_zh: '北京不含国家图书馆。',
    notes_en: 'Beijing excludes the National Library.',
    theme: 'culture',
    public_service: true,
  }),
  cited({
    id: 'pension_participants_employees',
    name_zh: '城镇职工基本养老保险参保人数',
    name_en: 'Employees in the basic pension scheme',
    unit_zh: '万人',
    unit_en: '10k persons',
    good: 'neutral',
    notes_zh: '年末参保人数。2021年统计公报为48075万人，2022年国家统计局成就报告为48074万人。',
    notes_en:
      'Year-end participants. The 2021 communiqué gives 48,075 (10k), the NBS 2022 achievements report 48,074.',
    theme: 'social_security',
    public_service: true,
  }),
  cited({
    id: 'pension_participants_residents',
    name_zh: '城乡居民基本养老保险参保人数',
    name_en: 'Residents in the basic pension scheme',
    unit_zh: '万人',
    unit_en: '10k persons',
    good: 'neutral',
    notes_zh: '年末参保人数。',
    notes_en: 'Year-end participants.',
    theme: 'social_security',
    public_service: true,
  }),
  cited({
    id: 'medical_insurance_participants',
    name_zh: '基本医疗保险参保人数',
    name_en: 'Basic medical insurance participants',
    unit_zh: '万人',
    unit_en: '10k persons',
    good: 'neutral',
    notes_zh:
      '2017年起含城乡居民医保合并后的全部基本医疗保险。2022年国家医保局总数低于2021年，是因为剔除了重复参保。2016年“城镇基本医疗保险”只含城镇制度，另列为单独指标。',
    notes_en:
      'From 2017 all basic medical insurance including the merged urban-rural residents scheme. The 2022 NHSA total is lower than 2021 because duplicate enrolments were removed. The 2016 urban-only figure is a separate series.',
    theme: 'social_security',
    public_service: true,
  }),
  cited({
    id: 'urban_medical_insurance_participants',
    name_zh: '城镇基本医疗保险参保人数',
    name_en: 'Urban basic medical insurance participants',
    unit_zh: '万人',
    unit_en: '10k persons',
    good: 'neutral',
    notes_zh: '只含城镇职工和城镇居民医保，不含新农合；与2017年起的“基本医疗保险参保人数”口径不同。',
    notes_en:
      'Urban schemes only (employees and urban residents), excluding the rural cooperative scheme; not the same basis as the basic medical insurance total from 2017.',
    theme: 'social_security',
  }),
  cited({
    id: 'unemployment_insurance_participants',
    name_zh: '失业保险参保人数',
    name_en: 'Unemployment insurance participants',
    unit_zh: '万人',
    unit_en: '10k persons',
    good: 'neutral',
    notes_zh: '年末参保人数。',
    notes_en: 'Year-end participants.',
    theme: 'social_security',
    public_service: true,
  }),
  cited({
    id: 'dibao_urban',
    name_zh: '城市最低生活保障人数',
    name_en: 'Urban minimum-living-allowance recipients',
    unit_zh: '万人',
    unit_en: '10k persons',
    good: 'neutral',
    notes_zh: '年末享受城市低保人数。',
    notes_en: 'Year-end recipients of the urban minimum living allowance (dibao).',
    theme: 'social_security',
    public_service: true,
  }),
  cited({
    id: 'dibao_rural',
    name_zh: '农村最低生活保障人数',
    name_en: 'Rural minimum-living-allowance recipients',
    unit_zh: '万人',
    unit_en: '10k persons',
    good: 'neutral',
    notes_zh: '年末享受农村低保人数。',
    notes_en: 'Year-end recipients of the rural minimum living allowance (dibao).',
    theme: 'social_security',
    public_service: true,
  }),
  cited({
    id: 'disposable_income_urban',
    name_zh: '城镇居民人均可支配收入',
    name_en: 'Per-capita disposable income, urban residents',
    unit_zh: '元',
    unit_en: 'yuan',
    notes_zh: '现价。2013年起为城乡一体化住户调查口径。',
    notes_en: 'Current prices. On the integrated urban-rural household survey basis from 2013.',
    theme: 'economy',
    public_service: true,
  }),
  cited({
    id: 'disposable_income_rural',
    name_zh: '农村居民人均可支配收入',
    name_en: 'Per-capita disposable income, rural residents',
    unit_zh: '元',
    unit_en: 'yuan',
    notes_zh: '现价。2013年起为城乡一体化住户调查口径。',
    notes_en: 'Current prices. On the integrated urban-rural household survey basis from 2013.',
    theme: 'economy',
    public_service: true,
  }),
  cited({
    id: 'good_water_share',
    name_zh: '地表水优良断面比例',
    name_en: 'Share of surface-water sections of good quality',
    unit_zh: '%',
    unit_en: '%',
    notes_zh: '河北2020年为74个国考断面，2021年为127个，两者不可比。',
    notes_en: 'Hebei 2020 covers 74 national sections, 2021 covers 127: not comparable.',
    theme: 'environment',
  }),
  cited({
    id: 'heavy_pollution_days_share',
    name_zh: '重度及以上污染天数比例',
    name_en: 'Share of heavy-pollution days',
    unit_zh: '%',
    unit_en: '%',
    good: 'lower',
    notes_zh: '全国为地级及以上城市的城市—天数比例，不是天数。',
    notes_en: 'National share of city-days of prefecture-level and larger cities, not a day count.',
    theme: 'environment',
  }),
];

export const DERIVED: Def[] = [
  derived({
    id: 'higher_ed_students_per_10k',
    name_zh: '每万人普通高校在校生数（计算）',
    name_en: 'Higher-education students per 10,000 residents (computed)',
    unit_zh: '人/万人',
    unit_en: 'students per 10,000 residents',
    notes_zh: '由数据构建计算：普通本专科在校生数 ÷ 同年年末常住人口；两个数值的来源见各行说明。',
    notes_en:
      'Computed by the data build: regular higher-education students ÷ year-end resident population of the same year; the sources of both figures are in each row’s note.',
    theme: 'education',
    public_service: true,
  }),
  derived({
    id: 'hospitals_per_100k',
    name_zh: '每十万常住人口医院数（名录计算）',
    name_en: 'Hospitals per 100,000 residents (register)',
    unit_zh: '个/十万人',
    unit_en: 'hospitals per 100,000 residents',
    notes_zh:
      '由数据构建根据北京医院名录（724家，医院类，约2019—2021年，含区县代码和等级，不含驻京部队和武警医院）按区计数，除以2020年普查常住人口。名录完整性见各行说明。',
    notes_en:
      'Computed by the data build from the Beijing hospital register (724 hospitals, category 医院, c. 2019–2021, with district codes and grades, no military or armed-police hospitals), counted by district and divided by the 2020 census population. Register completeness is in each row’s note.',
    theme: 'health',
  }),
  derived({
    id: 'tertiary_hospitals_per_100k',
    name_zh: '每十万常住人口三级医院数（名录计算）',
    name_en: 'Tertiary hospitals per 100,000 residents (register)',
    unit_zh: '个/十万人',
    unit_en: 'hospitals per 100,000 residents',
    notes_zh: '同“每十万常住人口医院数（名录计算）”，只计等级为三级（含甲等、乙等、合格和未评等次）的医院。',
    notes_en:
      'As hospitals per 100,000 (register), counting only grade-III hospitals (class A, B, “qualified” and not yet classed).',
    theme: 'health',
  }),
  derived({
    id: 'rail_minutes_to_beijing',
    name_zh: '铁路门到门时间：至北京站（计算）',
    name_en: 'Rail door-to-door minutes to central Beijing (computed)',
    unit_zh: '分钟',
    unit_en: 'minutes',
    good: 'lower',
    notes_zh:
      '由应用的铁路等时圈引擎（src/core/rail，校准参数见 geo/build/rail/calibration.json）按年末路网计算：以北京站为起点，求每个网格单元的门到门分钟数（公路接驳+高铁），再取区县内各单元的平均值（各单元人口相同，等于人口加权平均）；市和省为人口加权平均。只含高速铁路和城际铁路；某地通高铁之前，时间为公路直线距离×1.3、40公里/小时的接驳时间，普速铁路不计。假设往返时间相同。不含时刻表和等车时间。',
    notes_en:
      'Computed with the app’s rail isochrone engine (src/core/rail, calibrated parameters in geo/build/rail/calibration.json) on the network open at the end of each year: door-to-door minutes (road access + high-speed rail) from 北京站 (Beijing railway station) to every grid cell, averaged over the county’s cells (equal population per cell, so a population-weighted mean); cities and provinces are population-weighted means. High-speed and intercity lines only: before a place had HSR its time is road access (straight line × 1.3 at 40 km/h); conventional rail is not modelled. Assumes the same time in both directions; no timetable or waiting time.',
    theme: 'transport',
  }),
  derived({
    id: 'rail_minutes_to_nearest_hub',
    name_zh: '铁路门到门时间：至京、津、石最近者（计算）',
    name_en: 'Rail door-to-door minutes to the nearest of Beijing, Tianjin, Shijiazhuang (computed)',
    unit_zh: '分钟',
    unit_en: 'minutes',
    good: 'lower',
    notes_zh: '同上，起点为北京站、天津站、石家庄站，每个网格单元取三者中最短者，再按区县平均。',
    notes_en:
      'As above from 北京站, 天津站 and 石家庄站 (Beijing, Tianjin and Shijiazhuang railway stations): per grid cell the shortest of the three, averaged over the county.',
    theme: 'transport',
  }),
  derived({
    id: 'share_within_60min_beijing',
    name_zh: '铁路60分钟内可达北京站的常住人口比例（计算）',
    name_en: 'Residents within 60 rail minutes of central Beijing (computed)',
    unit_zh: '%',
    unit_en: '%',
    notes_zh:
      '由铁路等时圈引擎计算：门到门不超过60分钟的网格单元的人口（2020年普查人口均摊到区县网格）占该省（市）网格人口的比例。河北23个开发区和管理区的普查人口不在任何网格中。',
    notes_en:
      'Computed with the rail isochrone engine: residents of grid cells within 60 door-to-door minutes (2020 census population spread evenly over each county’s cells) as a share of the province’s residents on the grid. Hebei’s 23 development zones and management areas have no cells.',
    theme: 'transport',
  }),
];

EXTRA.push(
  cited({
    id: 'gdp_3rd_census_revision',
    name_zh: '地区生产总值（第三次经济普查后修订）',
    name_en: 'GDP, revised after the 3rd economic census',
    unit_zh: '亿元',
    unit_en: '100 million yuan',
    notes_zh:
      '2014年第三次全国经济普查后修订的数值（北京2013年19800.8亿元）。“地区生产总值”序列采用第四次经济普查（2018年）后的修订口径，两者不能混在一个序列中比较。',
    notes_en:
      'Values revised after the 3rd national economic census of 2014 (Beijing 2013: 19,800.8). The gdp series uses the vintage revised after the 4th economic census (2018); the two are not mixed in one series.',
    theme: 'economy',
  }),
);

EXTRA.push(
  cited({
    id: 'gdp_5th_census_revision',
    name_zh: '地区生产总值（第五次经济普查后修订）',
    name_en: 'GDP, revised after the 5th economic census',
    unit_zh: '亿元',
    unit_en: '100 million yuan',
    notes_zh:
      '国家统计局第五次全国经济普查（2023年）后对1992—2023年地区生产总值的系统修订，见国家统计局分省年度数据导出文件（北京2013年21746.0亿元）。“地区生产总值”序列仍为第四次经济普查后修订口径，两者不能混在一个序列中比较。',
    notes_en:
      'The NBS revision of regional GDP for 1992–2023 after the 5th national economic census (2023), as in the NBS provincial-annual-data export (Beijing 2013: 21,746.0). The gdp series keeps the vintage revised after the 4th census; the two are not mixed in one series.',
    theme: 'economy',
  }),
);

EXTRA.push(
  cited({
    id: 'museums_culture_system',
    name_zh: '文化（文物）系统博物馆数',
    name_en: 'Museums of the culture and heritage system',
    unit_zh: '个',
    unit_en: 'museums',
    good: 'neutral',
    notes_zh:
      '文化和旅游统计中“文物系统”（文化文物部门）所属博物馆，口径窄于全部备案博物馆，单列，不与“博物馆数”混用。',
    notes_en:
      'Museums of the culture and cultural-heritage administration as counted in the culture statistics: narrower than all registered museums, kept as its own series, not joined with museums.',
    theme: 'culture',
  }),
  cited({
    id: 'pension_participants_total',
    name_zh: '基本养老保险参保人数',
    name_en: 'Basic pension insurance participants (all schemes)',
    unit_zh: '万人',
    unit_en: '10k persons',
    good: 'neutral',
    notes_zh: '城镇职工与城乡居民基本养老保险合计，年末数。',
    notes_en: 'Employees’ and residents’ basic pension schemes together, year-end.',
    theme: 'social_security',
    public_service: true,
  }),
);

EXTRA.push(
  cited({
    id: 'higher_ed_students_per_100k',
    name_zh: '每十万人口高等学校平均在校生数',
    name_en: 'Higher-education students per 100,000 residents',
    unit_zh: '人/十万人',
    unit_en: 'students per 100,000 residents',
    notes_zh:
      '国家统计局口径，含研究生、普通本专科和成人本专科等。与由普通本专科在校生数计算的“每万人普通高校在校生数（计算）”口径不同。',
    notes_en:
      'NBS definition, including postgraduates, regular and adult higher education. Not the same basis as the computed “higher-education students per 10,000”, which counts regular undergraduate and college students only.',
    theme: 'education',
    public_service: true,
  }),
);
