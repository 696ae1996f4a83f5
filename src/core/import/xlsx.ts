/**
 * Spreadsheets (.xlsx, as yearbook tables and data-portal exports come) → cell grids, through the
 * maintained `read-excel-file` reader (universal build: the same code in the browser and in Node).
 * Numbers are kept as the text Excel stored, so 5.94 stays 5.94. Old binary .xls files are refused with
 * a message to save them as .xlsx or CSV.
 */
import readXlsxFile from 'read-excel-file/universal';
import { MAX_ROWS, checkFileSize, type UserIssue } from '../user-indicators.ts';
import { isLegacyXls, isXlsx } from './grid.ts';
import type { GridRow } from './layout.ts';

export { isLegacyXls, isXlsx };

export interface SheetRows {
  /** Names of every sheet of the workbook, in order. */
  sheets: string[];
  /** The sheet that was read. */
  sheet: string;
  rows: GridRow[];
}

const issue = (key: string, params: Record<string, string> = {}): UserIssue => ({ line: 0, key, params });

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v).trim();
}

/**
 * Read one sheet (the named one, else the first with any cell) as rows of cell texts; row n is line n.
 * @example const r = await readXlsxRows(bytes); if (!('error' in r)) r.rows[0].cells // ['数据库：分省年度数据']
 */
export async function readXlsxRows(
  bytes: Uint8Array,
  sheetName?: string,
): Promise<SheetRows | { error: UserIssue }> {
  const tooBig = checkFileSize(bytes.length);
  if (tooBig) return { error: tooBig };
  if (isLegacyXls(bytes)) return { error: issue('userData.err.legacyXls') };
  if (!isXlsx(bytes)) return { error: issue('userData.err.xlsx') };
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    const copy = bytes.slice().buffer;
    sheets = (await readXlsxFile(copy, { parseNumber: (s: string) => s })) as typeof sheets;
  } catch {
    return { error: issue('userData.err.xlsx') };
  }
  if (sheets.length === 0) return { error: issue('userData.err.empty') };
  const chosen =
    sheets.find((s) => s.sheet === sheetName) ??
    sheets.find((s) => s.data.some((r) => r.some((c) => cellText(c) !== ''))) ??
    sheets[0]!;
  if (chosen.data.length > MAX_ROWS)
    return {
      error: issue('userData.err.tooManyRows', { n: String(chosen.data.length), max: String(MAX_ROWS) }),
    };
  const rows = chosen.data.map((r, i) => ({ cells: r.map(cellText), line: i + 1 }));
  if (!rows.some((r) => r.cells.some((c) => c !== ''))) return { error: issue('userData.err.empty') };
  return { sheets: sheets.map((s) => s.sheet), sheet: chosen.sheet, rows };
}
