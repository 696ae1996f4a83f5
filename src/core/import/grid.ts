// Cell grids from delimited text (CSV/TSV exports) and back. Pure.
import Papa from 'papaparse';
import type { GridRow } from './layout.ts';

/**
 * The delimiter that splits the most lines into the same number of cells; data-portal exports start with
 * single-cell metadata lines, so the first line alone cannot tell.
 */
export function gridDelimiter(text: string): ',' | ';' | '\t' {
  const lines = text.split(/\r\n?|\n/, 30).map((l) => l.replace(/"[^"]*"/g, ''));
  const score = (d: string) => lines.reduce((n, l) => n + (l.split(d).length - 1), 0);
  const best = ([',', '\t', ';'] as const).map((d) => [d, score(d)] as const).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

/**
 * Text → rows of trimmed cells with their 1-based file lines (a quoted line break counts).
 * @example gridFromText('数据库：分省年度数据\n地区,2020年\n')[1] // { cells: ['地区', '2020年'], line: 2 }
 */
export function gridFromText(text: string): GridRow[] {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const out: GridRow[] = [];
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(src, {
    delimiter: gridDelimiter(src),
    skipEmptyLines: false,
    step: (res) => {
      out.push({ cells: res.data.map((c) => c.trim()), line });
      const end = res.meta.cursor;
      for (let i = start; i < end; i++) if (src.charCodeAt(i) === 10) line++;
      start = end;
    },
  });
  return out;
}

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Rows → CSV text (for a spreadsheet without a recognised layout: it goes to the ordinary parser). */
export function gridToCsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
}

/** A zip container (PK\x03\x04): what every .xlsx is. */
export const isXlsx = (bytes: Uint8Array): boolean =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
/** The OLE2 header of a legacy .xls workbook. */
export const isLegacyXls = (bytes: Uint8Array): boolean =>
  bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
