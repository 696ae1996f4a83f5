/**
 * Layouts of official tables that analysts bring (issue 11 §5), recognised on a grid of cell texts:
 *
 * - `nbs-regions`: the national statistics office's data-portal export for one indicator — metadata lines
 *   (数据库：分省年度数据 / 指标：… / 时间：…), a header 地区 | 2022年 | 2021年 …, one row per region, then
 *   注：… / 数据来源：… footer lines.
 * - `nbs-indicators`: the same export for one region (地区：河北省), a header 指标 | 2022年 …, one row per indicator.
 * - `yearbook`: a title line (4-6 各市文化、卫生、社会保障情况(2008年)), an optional unit line (单位：张), a header
 *   (地区/城市/区县 | indicator columns, or year columns for one indicator), unit rows, and footer lines
 *   (注 / 资料来源).
 *
 * A recognised table is re-expressed as a long CSV (name,indicator,计量单位,year,value) so the ordinary
 * parser applies the same unit matching, checks and preview; `lines` maps its lines back to the file's.
 * Anything else is `plain` and goes to the parser unchanged. Pure.
 */
import { splitHeader } from '../user-indicators.ts';

export type ImportLayout = 'nbs-regions' | 'nbs-indicators' | 'yearbook';

export interface TableMeta {
  database?: string;
  region?: string;
  indicator?: string;
  time?: string;
  title?: string;
  /** From a 单位：… line, for columns without their own unit. */
  unit?: string;
  /** The 数据来源 / 资料来源 line's text, kept as the table's source. */
  source?: string;
  notes: string[];
}

export interface Recognised {
  layout: ImportLayout;
  meta: TableMeta;
  /** The table as a long CSV for parseUserTable. */
  csv: string;
  /** File line (1-based) of each CSV line (index 0 unused, 1 = CSV header). */
  lines: number[];
  /** Year read from the title, when the columns are indicators of one year. */
  year?: number;
  /** The header cell of the unit column (地区, 城市…), or the region of a one-region export. */
  keyHeader: string;
}

/** One row of the file: its cells (trimmed text) and its 1-based line in the file. */
export interface GridRow {
  cells: string[];
  line: number;
}

const META = /^(数据库|指标|地区|时间|地区名称|指标名称)\s*[：:]\s*(.*)$/;
const FOOTER = /^(注|说明|数据来源|资料来源|来源)\s*[0-9一二三四五六七八九十]*\s*[：:、.．]?/;
const SOURCE = /^(数据来源|资料来源|来源)\s*[：:]\s*(.+)$/;
const UNIT_LINE = /^(计量)?单位\s*[：:]\s*(.+)$/;
const YEAR_CELL = /^((?:19|20)\d{2})\s*年?$/;
const REGION_HEAD =
  /^(地区|地\s*区|城市|城\s*市|市别|市\s*别|区县|区\s*县|区域|县\s*市|县市|市县|单位名称|地名|省份|省市)$/;
const INDICATOR_HEAD = /^(指标|指标名称|项目|项\s*目)$/;
const HAS_CJK = /[\u3400-\u9fff]/;

const nonEmpty = (cells: readonly string[]) => cells.filter((c) => c !== '').length;

/** "石家庄市 Shijiazhuang" → 石家庄市; "承 德 市" → 承德市 (yearbooks pad names with spaces). */
export function cleanUnitName(cell: string): string {
  const s = cell.normalize('NFKC').trim();
  const zh = /^([\u3400-\u9fff][\u3400-\u9fff\s]*?)\s+[A-Za-z].*$/.exec(s);
  const name = zh ? zh[1]! : s;
  return HAS_CJK.test(name) ? name.replace(/\s+/g, '') : name;
}

/** The Chinese part of a bilingual header cell ("床位数(张) Number of Beds" → 床位数(张)). */
function zhPart(cell: string): string {
  const s = cell.normalize('NFKC').trim();
  if (!HAS_CJK.test(s)) return s;
  const m = /^(.*?[\u3400-\u9fff)）])\s+[A-Za-z][A-Za-z\s,.&'()-]*$/.exec(s);
  return (m ? m[1]! : s).replace(/\s+/g, '');
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * Recognise an official layout, or null for a plain table.
 * @example
 * recogniseLayout([
 *   { cells: ['数据库：分省年度数据'], line: 1 }, { cells: ['指标：每千人口医疗卫生机构床位数(张)'], line: 2 },
 *   { cells: ['地区', '2020年'], line: 3 }, { cells: ['河北省', '5.94'], line: 4 },
 * ])?.layout // 'nbs-regions'
 */
export function recogniseLayout(rows: readonly GridRow[]): Recognised | null {
  const body = rows.filter((r) => nonEmpty(r.cells) > 0);
  const meta: TableMeta = { notes: [] };
  let i = 0;
  let preamble = 0;
  // Preamble: metadata, title and unit lines (rows with one filled cell) before the header.
  for (; i < body.length; i++) {
    const filled = body[i]!.cells.filter((c) => c !== '');
    const first = filled[0]!;
    const m = META.exec(first);
    if (filled.length === 1 && m) {
      const v = m[2]!.trim();
      if (m[1] === '数据库') meta.database = v;
      else if (m[1]!.startsWith('指标')) meta.indicator = v;
      else if (m[1]!.startsWith('地区')) meta.region = v;
      else meta.time = v;
      preamble++;
      continue;
    }
    const u = filled.length === 1 ? UNIT_LINE.exec(first) : null;
    if (u) {
      meta.unit = u[2]!.trim();
      preamble++;
      continue;
    }
    // A title may share its row with a unit cell at the right ("… 单位：张").
    // Title and subtitle lines (often one zh, one en) are single text cells.
    const text = !/^[-+]?[\d.,]+$/.test(first) && !REGION_HEAD.test(first) && !INDICATOR_HEAD.test(first);
    if (filled.length <= 2 && text) {
      const unitCell = filled[1] ? UNIT_LINE.exec(filled[1]) : null;
      if (filled.length === 1 || unitCell) {
        if (meta.title === undefined || (!HAS_CJK.test(meta.title) && HAS_CJK.test(first)))
          meta.title = first;
        if (unitCell) meta.unit = unitCell[2]!.trim();
        preamble++;
        continue;
      }
    }
    break;
  }
  if (preamble === 0 || i >= body.length) return null;

  // Footer: from the first row whose first filled cell is a note or source line.
  let end = body.length;
  for (let j = i + 1; j < body.length; j++) {
    const first = body[j]!.cells.find((c) => c !== '') ?? '';
    if (FOOTER.test(first) && nonEmpty(body[j]!.cells) <= 2) {
      end = j;
      break;
    }
  }
  for (const r of body.slice(end)) {
    const text = r.cells.filter((c) => c !== '').join(' ');
    const s = SOURCE.exec(text);
    if (s) meta.source = s[2]!.trim();
    else meta.notes.push(text);
  }

  const header = body[i]!;
  let data = body.slice(i + 1, end);
  const head = header.cells.map((c) => c.normalize('NFKC').trim());
  const firstHead = head[0] ?? '';
  // Header continuation rows (units in brackets, English names) until the first row with a number.
  const names = head.map(zhPart);
  while (
    data.length &&
    data[0]!.cells[0]?.trim() === '' &&
    !data[0]!.cells.some((c) => /\d/.test(c) && !/[(（]/.test(c))
  ) {
    data[0]!.cells.forEach((c, k) => {
      const z = zhPart(c);
      if (k > 0 && z && HAS_CJK.test(z)) names[k] = `${names[k] ?? ''}${z}`;
    });
    data = data.slice(1);
  }
  const yearCols = head
    .map((c, k) => ({ k, m: YEAR_CELL.exec(c) }))
    .filter((x) => x.k > 0 && x.m)
    .map((x) => ({ k: x.k, year: Number(x.m![1]) }));

  const out: string[] = ['name,indicator,计量单位,year,value'];
  const lines: number[] = [0, header.line];
  const push = (line: number, name: string, indicator: string, unit: string, year: number, value: string) => {
    out.push([name, indicator, unit, String(year), value].map(csvCell).join(','));
    lines.push(line);
  };
  const nbs =
    meta.database !== undefined ||
    (meta.indicator !== undefined && REGION_HEAD.test(firstHead)) ||
    (meta.region !== undefined && INDICATOR_HEAD.test(firstHead));
  let layout: ImportLayout;
  let titleYear: number | undefined;
  if (yearCols.length > 0 && INDICATOR_HEAD.test(firstHead) && meta.region) {
    // One region, one row per indicator.
    layout = 'nbs-indicators';
    for (const r of data) {
      const h = splitHeader(zhPart(r.cells[0] ?? ''));
      for (const y of yearCols)
        push(r.line, meta.region, h.name, h.unit || meta.unit || '', y.year, r.cells[y.k] ?? '');
    }
  } else if (yearCols.length > 0) {
    // One indicator (named by the metadata or the title), one row per region.
    layout = nbs ? 'nbs-regions' : 'yearbook';
    const named = splitHeader(meta.indicator ?? titleIndicator(meta.title ?? ''));
    if (!named.name) return null;
    for (const r of data)
      for (const y of yearCols)
        push(
          r.line,
          cleanUnitName(r.cells[0] ?? ''),
          named.name,
          named.unit || meta.unit || '',
          y.year,
          r.cells[y.k] ?? '',
        );
  } else {
    // Yearbook: one row per unit, one column per indicator, the year from the title or the metadata.
    layout = 'yearbook';
    const y = /((?:19|20)\d{2})\s*年?/.exec(`${meta.title ?? ''} ${meta.time ?? ''}`);
    titleYear = y ? Number(y[1]) : undefined;
    if (titleYear === undefined) return null;
    const cols = names.map((n, k) => ({ k, h: splitHeader(n) })).filter((x) => x.k > 0 && x.h.name !== '');
    if (cols.length === 0) return null;
    for (const r of data)
      for (const c of cols)
        push(
          r.line,
          cleanUnitName(r.cells[0] ?? ''),
          c.h.name,
          c.h.unit || meta.unit || '',
          titleYear,
          r.cells[c.k] ?? '',
        );
  }
  if (out.length === 1) return null;
  const keyHeader = layout === 'nbs-indicators' ? `${firstHead}（${meta.region}）` : firstHead;
  return { layout, meta, csv: `${out.join('\n')}\n`, lines, year: titleYear, keyHeader };
}

/** "21-5 医疗卫生机构床位数(2015—2020年)" → 医疗卫生机构床位数: table number and year range dropped. */
export function titleIndicator(title: string): string {
  return title
    .normalize('NFKC')
    .replace(/^\s*[0-9A-Za-z]+\s*[-—–]\s*[0-9]+\s*/, '')
    .replace(/^\s*(各地区|分地区|各省份|各市|分市|各区县|分区县)/, '')
    .replace(/[(（][^()（）]*\d{4}[^()（）]*[)）]\s*$/, '')
    .replace(/\s+/g, '')
    .trim();
}
