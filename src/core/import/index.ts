/**
 * Official tables into user indicators (issue 11 §5): recognise a data-portal export or a yearbook table,
 * run the ordinary parser on it (same unit matching, checks and preview), then keep the source line and
 * map indicator names to catalogue ids. Plain tables go to the parser unchanged. Pure.
 */
import {
  clip,
  parseUserTable,
  type ParseOptions,
  type ParseOutcome,
  type UserIssue,
} from '../user-indicators.ts';
import type { UnitInfo } from '../types.ts';
import { gridFromText, gridToCsv } from './grid.ts';
import { recogniseLayout, type GridRow, type ImportLayout, type TableMeta } from './layout.ts';
import { indicatorMatcher, type CatalogueName } from './match.ts';

export { gridFromText, gridToCsv } from './grid.ts';
export { recogniseLayout, type GridRow, type ImportLayout, type TableMeta } from './layout.ts';
export { indicatorMatcher, normIndicatorName } from './match.ts';

// Problems that refuse a whole row (its unit could not be told).
const KEY_ISSUES = new Set([
  'userData.err.unknownName',
  'userData.err.unknownCode',
  'userData.err.ambiguous',
  'userData.err.emptyKey',
]);

export interface ImportOutcome extends ParseOutcome {
  /** The recognised official layout and what its metadata said; absent for a plain table. */
  recognised?: { layout: ImportLayout; meta: TableMeta };
}

export interface ImportOptions extends ParseOptions {
  /** Name of the spreadsheet's sheet that was read (kept with the table). */
  sheet?: string;
}

/**
 * Parse a table given as text (CSV/TSV) or as spreadsheet rows.
 * @example
 * importTable('数据库：分省年度数据\n指标：每千人口医疗卫生机构床位数(张)\n地区,2020年\n河北省,5.94\n', units, catalogue, { fileName: 'x.csv' })
 * // → recognised.layout 'nbs-regions', table.indicators[0].catalogId 'beds_per_1000'
 */
export function importTable(
  input: string | readonly GridRow[],
  units: readonly UnitInfo[],
  catalogue: readonly CatalogueName[],
  opts: ImportOptions,
): ImportOutcome {
  const rows = typeof input === 'string' ? gridFromText(input) : input;
  const found = recogniseLayout(rows);
  if (!found) {
    const text = typeof input === 'string' ? input : gridToCsv(input.map((r) => r.cells));
    const plain = parseUserTable(text, units, opts);
    // Spreadsheet rows keep their own numbers: the CSV has one line per row (blank rows included).
    return plain;
  }
  const outcome = parseUserTable(found.csv, units, opts);
  const remap = (i: UserIssue): UserIssue => (i.line > 0 ? { ...i, line: found.lines[i.line] ?? i.line } : i);
  // One file row gives several long rows (one per cell): say each problem of a row once.
  const seen = new Set<string>();
  const issues = outcome.issues.map(remap).filter((i) => {
    const k = `${i.line}|${i.key}|${JSON.stringify(i.params)}`;
    return !seen.has(k) && (seen.add(k), true);
  });
  const table = outcome.table;
  if (table) {
    const match = indicatorMatcher(catalogue);
    table.indicators = table.indicators.map((ind) => {
      const id = match(ind.name);
      return id ? { ...ind, catalogId: id } : ind;
    });
    if (found.keyHeader) table.keyColumn = clip(found.keyHeader);
    table.origin = {
      layout: found.layout,
      ...(found.meta.source ? { source: found.meta.source } : {}),
      ...(found.meta.title ? { title: found.meta.title } : {}),
      ...(opts.sheet ? { sheet: opts.sheet } : {}),
    };
  }
  // Rows as the analyst sees them: file rows, not the long rows they became.
  const dataLines = new Set(found.lines.slice(2));
  const refused = new Set(issues.filter((i) => KEY_ISSUES.has(i.key)).map((i) => i.line));
  const rowsRead = dataLines.size;
  const rowsMatched = table ? [...dataLines].filter((l) => !refused.has(l)).length : 0;
  return {
    ...outcome,
    issues,
    rowsRead,
    rowsMatched,
    recognised: { layout: found.layout, meta: found.meta },
  };
}
