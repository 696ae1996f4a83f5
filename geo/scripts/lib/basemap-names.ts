// Label names the basemap adds or corrects. Natural Earth 4.0.0 has Chinese names (NAME_ZH) only on
// populated places, and the context province file has no English names, so these tables give the
// zh/en names of the few physical features and provinces drawn. Every entry is keyed by the upstream
// name (or adcode) so a renamed upstream feature fails loudly instead of being mislabelled.

export interface LabelName {
  en: string;
  zh: string;
}

/** NE 10m rivers_lake_centerlines `name` → label. */
export const RIVER_NAMES: Record<string, LabelName> = {
  Hai: { en: 'Hai River', zh: '海河' },
  Yongding: { en: 'Yongding River', zh: '永定河' },
  Sanggan: { en: 'Sanggan River', zh: '桑干河' },
  Luan: { en: 'Luan River', zh: '滦河' },
  Huang: { en: 'Yellow River', zh: '黄河' },
  Zhang: { en: 'Zhang River', zh: '漳河' },
  Qin: { en: 'Qin River', zh: '沁河' },
  Daling: { en: 'Daling River', zh: '大凌河' },
  Shandian: { en: 'Shandian River', zh: '闪电河' },
  'Xar Moron': { en: 'Xar Moron River', zh: '西拉木伦河' },
  Fen: { en: 'Fen River', zh: '汾河' },
  Yi: { en: 'Yi River', zh: '沂河' },
};

/** GSHHG class `major_canal` in this box is the Grand Canal (North and South Canal sections). */
export const CANAL_NAME: LabelName = { en: 'Grand Canal', zh: '大运河' };

/** NE 10m lakes `name` → label (NE spells 北大港 "Baidagang"; the pinyin is Beidagang). */
export const LAKE_NAMES: Record<string, LabelName> = {
  'Dongping Hu': { en: 'Dongping Lake', zh: '东平湖' },
  'Guanting Shuiku': { en: 'Guanting Reservoir', zh: '官厅水库' },
  'Baidagang Shuiku': { en: 'Beidagang Reservoir', zh: '北大港水库' },
};

/** GSHHG lakes have no names; SOURCES.md identifies Miyun Reservoir by this point (lon, lat). */
export const MIYUN: LabelName & { at: [number, number] } = {
  en: 'Miyun Reservoir',
  zh: '密云水库',
  at: [116.93, 40.5],
};

/** NE 10m geography_marine_polys `name` → label. */
export const MARINE_NAMES: Record<string, LabelName> = {
  'Bo Hai': { en: 'Bohai Sea', zh: '渤海' },
  'Yellow Sea': { en: 'Yellow Sea', zh: '黄海' },
};

/** NE 10m geography_regions_polys `name` → label (NE abbreviates and upper-cases some). */
export const REGION_NAMES: Record<string, LabelName> = {
  'Taihang Mts.': { en: 'Taihang Mountains', zh: '太行山' },
  'Lüliang Mts.': { en: 'Lüliang Mountains', zh: '吕梁山' },
  'Shandong Pen.': { en: 'Shandong Peninsula', zh: '山东半岛' },
  'GREATER KHINGAN RANGE': { en: 'Greater Khingan Range', zh: '大兴安岭' },
  'MANCHURIAN PLAIN': { en: 'Manchurian Plain', zh: '东北平原' },
  'NORTH CHINA PLAIN': { en: 'North China Plain', zh: '华北平原' },
  'GOBI DESERT': { en: 'Gobi Desert', zh: '戈壁' },
};

/** NE 10m geography_regions_elevation_points `name` → label (elevation comes from the data). */
export const PEAK_NAMES: Record<string, LabelName> = {
  'Wutai Shan': { en: 'Wutai Shan', zh: '五台山' },
  'Yunwu Shan': { en: 'Yunwu Shan', zh: '云雾山' },
};

/** English names of the neighbouring provinces by GB/T 2260 adcode (zh comes from `short_name`). */
export const PROVINCE_EN: Record<number, string> = {
  140000: 'Shanxi',
  150000: 'Inner Mongolia',
  210000: 'Liaoning',
  370000: 'Shandong',
  410000: 'Henan',
};

/**
 * Corrections to NE 4.0.0 populated places, keyed by NE `NAME` (errors listed in SOURCES.md):
 * "Hangu" carries Lunan's NAME_EN/NAME_ZH; Anyang's NAME_ZH is traditional; Yishui's has the 县
 * suffix; seven places have no NAME_ZH (Jinxi's NAME_EN is Lianshan, the district it became).
 */
export const PLACE_FIXES: Record<string, Partial<LabelName>> = {
  Hangu: { en: 'Hangu', zh: '汉沽' },
  Anyang: { zh: '安阳' },
  Yishui: { zh: '沂水' },
  Xuanhua: { zh: '宣化' },
  Shangdu: { zh: '商都' },
  Changping: { zh: '昌平' },
  Pingyi: { zh: '平邑' },
  Yuci: { zh: '榆次' },
  Jining: { zh: '集宁' },
  Jinxi: { zh: '连山' },
};
