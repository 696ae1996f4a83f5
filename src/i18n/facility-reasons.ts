// Chinese for the messages of a facility file check (src/core/access/csv.ts writes them in English,
// as the CLI prints them). Each pattern matches one message shape exactly; tests/unit/facility-reasons
// checks that every message the checker writes on the test files has a translation here.
import type { Lang } from '../core/format.ts';

const AXIS: Record<string, string> = { longitude: '经度', latitude: '纬度' };
const NUMBER_ERROR: Record<string, string> = {
  'is not a number': '不是数字',
  'is too large (reads as infinity)': '过大（会读作无穷大）',
  'is too small (reads as 0)': '过小（会读作0）',
};

const TYPE_ZH: Record<string, string> = {
  hospital: '医院',
  university: '大学',
  attraction: '景区',
  library: '图书馆',
};

const RULES: [RegExp, (m: RegExpExecArray) => string | null][] = [
  [/^name is empty$/, () => '名称为空'],
  [/^name is longer than (\d+) characters$/, (m) => `名称超过${m[1]}个字符`],
  [/^type is empty$/, () => '类型为空'],
  [
    /^unknown type "(.*)" \(use hospital, university, attraction or library \/ 医院, 大学, 景区, 图书馆\)$/,
    (m) => `未知类型"${m[1]}"（可用 医院、大学、景区、图书馆 或 hospital、university、attraction、library）`,
  ],
  [/^(longitude|latitude) is missing$/, (m) => `${AXIS[m[1]!]}缺失`],
  [
    /^(longitude|latitude) "(.*)" (is not a number|is too large \(reads as infinity\)|is too small \(reads as 0\))$/,
    (m) => `${AXIS[m[1]!]}"${m[2]}"${NUMBER_ERROR[m[3]!]}`,
  ],
  [
    /^(longitude|latitude) (\S+) is out of range ±(\d+)$/,
    (m) => `${AXIS[m[1]!]} ${m[2]} 超出 ±${m[3]} 的范围`,
  ],
  [/^longitude and latitude swapped\?$/, () => '经度和纬度是否颠倒？'],
  [
    /^capacity "(.*)" (is not a number|is too large \(reads as infinity\)|is too small \(reads as 0\)); give a number ≥ 0$/,
    (m) => `容量"${m[1]}"${NUMBER_ERROR[m[2]!]}；请填写≥0的数字`,
  ],
  [/^capacity "(.*)" is not a number ≥ 0$/, (m) => `容量"${m[1]}"不是≥0的数字`],
  [
    /^\((.*)\) is outside the region \(Beijing–Tianjin–Hebei bbox lon (.*), lat (.*)\)(; longitude and latitude swapped\?)?$/,
    (m) => `（${m[1]}）在京津冀范围（经度 ${m[2]}，纬度 ${m[3]}）之外${m[4] ? '；经度和纬度是否颠倒？' : ''}`,
  ],
  [
    /^\((.*)\) is inside the bbox but in no county of Beijing, Tianjin or Hebei$/,
    (m) => `（${m[1]}）在范围框内，但不在京津冀的任何县区内`,
  ],
  [
    /^duplicate of line (\d+) \(same name, (\d+) m apart\)$/,
    (m) => `与第${m[1]}行重复（同名，相距${m[2]}米）`,
  ],
  [/^CSV syntax: (.*)$/, (m) => `CSV格式错误：${m[1]}`],
  [/^the file is empty$/, () => '文件为空'],
  [/^the file has a header but no data rows$/, () => '文件只有表头，没有数据行'],
  [
    /^the file has (\d+) data rows; at most (\d+) are accepted$/,
    (m) => `文件有${m[1]}行数据；最多接受${m[2]}行`,
  ],
  [
    /^the file is larger than (.*) \((.*)\); split it or keep only the columns needed$/,
    (m) => `文件大于${m[1]}（${m[2]}）；请拆分文件或只保留需要的列`,
  ],
  [/^file too large \((.*)\)$/, (m) => `文件过大（${m[1]}）`],
  [
    /^line (\d+): header not recognised; need columns for name, longitude and latitude \(e\.g\. name,type,lon,lat,capacity or 名称,类型,经度,纬度,床位数\)$/,
    (m) =>
      `第${m[1]}行：无法识别表头；需要名称、经度和纬度列（例如 名称,类型,经度,纬度,床位数 或 name,type,lon,lat,capacity）`,
  ],
  [
    /^no header row: columns read as name, type, lon, lat\[, capacity\]$/,
    () => '没有表头行：各列按 名称、类型、经度、纬度[、容量] 读取',
  ],
  [/^no type column: every row is a (\w+)$/, (m) => `没有类型列：每行都按“${TYPE_ZH[m[1]!] ?? m[1]}”读取`],
];

/** The message in Chinese, or null when no pattern knows it. */
export function facilityReasonZh(reason: string): string | null {
  for (const [re, zh] of RULES) {
    const m = re.exec(reason);
    if (m) return zh(m);
  }
  return null;
}

/** The message in the interface language (English as written; Chinese where known, else English). */
export function facilityReason(reason: string, lang: Lang): string {
  return lang === 'zh' ? (facilityReasonZh(reason) ?? reason) : reason;
}
