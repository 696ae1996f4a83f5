// English names for counties: pinyin of the name stem (pinyin-pro) + an English generic term.
// Provinces, cities and Xiong'an take their English names from the cited indicator files instead.
import { pinyin } from 'pinyin-pro';

/** Generic terms, longest first so 满族自治县 wins over 县. */
const SUFFIXES: readonly (readonly [string, string])[] = [
  ['满族蒙古族自治县', 'Manchu and Mongol Autonomous County'],
  ['满族自治县', 'Manchu Autonomous County'],
  ['回族自治县', 'Hui Autonomous County'],
  ['矿区', 'Mining District'],
  ['新区', 'New Area'],
  ['区', 'District'],
  ['县', 'County'],
  ['市', 'City'],
];

/**
 * Stems where pinyin-pro's default reading is wrong for the place name. Found by listing every
 * polyphonic character in the 199 county names (pinyin-pro `polyphonic`) and checking each reading;
 * the other polyphonic ones (朝阳 Chao-, 宝坻 -di, 长安 Chang-, 行唐 Xing-, 新乐 -le, 柏乡 Bai-,
 * 泊头 Bo-, 蠡县 Li, 曲周/曲阳 Qu-, 大名/大兴/大厂 Da-) come out right and need no entry.
 * The Chinese name is repeated so a renamed code cannot silently pick up a stale override.
 */
export const PINYIN_OVERRIDES: Readonly<Record<string, { name_zh: string; stem: string }>> = {
  // 乐 is lào in 乐亭 (pinyin-pro: le).
  '130225': { name_zh: '乐亭县', stem: 'Laoting' },
  // 都 is dū in place names (pinyin-pro: dou).
  '130502': { name_zh: '襄都区', stem: 'Xiangdu' },
  '130503': { name_zh: '信都区', stem: 'Xindu' },
  '130631': { name_zh: '望都县', stem: 'Wangdu' },
  // 蔚 is yù in 蔚县 (pinyin-pro: wei).
  '130726': { name_zh: '蔚县', stem: 'Yu' },
  // 大 is dà in 大城 (pinyin-pro: dai).
  '131025': { name_zh: '大城县', stem: 'Dacheng' },
};

/** Pinyin of a stem as one capitalised word, with an apostrophe before a, o, e syllables (Chang'an). */
export function stemPinyin(stem: string): string {
  const syllables = pinyin(stem, { toneType: 'none', type: 'array' });
  const word = syllables
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join('')
    .toLowerCase();
  if (!/^[a-zü']+$/.test(word)) throw new Error(`no pinyin for "${stem}" (got "${word}")`);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * English name of a county-level unit.
 * @example countyNameEn('110101', '东城区') // "Dongcheng District"
 * @example countyNameEn('130826', '丰宁满族自治县') // "Fengning Manchu Autonomous County"
 */
export function countyNameEn(code: string, nameZh: string): string {
  const suffix = SUFFIXES.find(([zh]) => nameZh.endsWith(zh) && nameZh.length > zh.length);
  if (!suffix) throw new Error(`county ${code} ${nameZh}: no known generic term (区/县/市/…) at the end`);
  const [zh, en] = suffix;
  const override = PINYIN_OVERRIDES[code];
  if (override && override.name_zh !== nameZh)
    throw new Error(`pinyin override for ${code} is for ${override.name_zh}, but the data says ${nameZh}`);
  const stem = override?.stem ?? stemPinyin(nameZh.slice(0, -zh.length));
  return `${stem} ${en}`;
}
