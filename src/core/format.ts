export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

/**
 * Format a number for display: grouping, and significant digits that suit its size.
 * @example formatValue(1284.5, 'en') // → "1,284.5"
 */
export function formatValue(value: number | undefined, lang: Lang, maxFractionDigits?: number): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const digits = maxFractionDigits ?? (abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3);
  return numberFormat(lang, digits).format(value);
}

// One formatter per language and digits: making an Intl.NumberFormat costs far more than using one
// (it was most of the script time of a drag of the isochrone origin, which formats every reached unit).
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}|${digits}`;
  let f = formats.get(key);
  if (!f)
    formats.set(
      key,
      (f = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits })),
    );
  return f;
}

/**
 * Short label for a class range in a legend, e.g. "10–20".
 * @example formatRange(10, 20, 'en') // → "10–20"
 */
export function formatRange(lo: number, hi: number, lang: Lang): string {
  const span = Math.abs(hi - lo);
  const digits = span >= 100 ? 0 : span >= 10 ? 1 : span >= 1 ? 2 : 3;
  return `${formatValue(lo, lang, digits)}–${formatValue(hi, lang, digits)}`;
}
