import type { Lang } from '../core/format.ts';
import type { IndicatorMeta, UnitInfo } from '../core/types.ts';

export const unitName = (u: Pick<UnitInfo, 'name_zh' | 'name_en'>, lang: Lang) =>
  lang === 'zh' ? u.name_zh : u.name_en;
export const indicatorName = (m: IndicatorMeta, lang: Lang) => (lang === 'zh' ? m.name_zh : m.name_en);
export const indicatorUnit = (m: IndicatorMeta, lang: Lang) => (lang === 'zh' ? m.unit_zh : m.unit_en);
