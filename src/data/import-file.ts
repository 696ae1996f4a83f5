// A file the analyst chose or dropped → an import outcome: .xlsx through the spreadsheet reader (loaded
// only when a workbook is opened, so the default view carries none of it), text through the decoder, both
// through the layout recognition of src/core/import. Nothing is sent anywhere.
import { importTable, type ImportOutcome } from '../core/import/index.ts';
import { isLegacyXls, isXlsx } from '../core/import/grid.ts';
import type { CatalogueName } from '../core/import/match.ts';
import { checkFileSize, decodeTable } from '../core/user-indicators.ts';
import type { UnitInfo } from '../core/types.ts';
import { YEAR_MAX, YEAR_MIN } from '../state/schema.ts';

const SPREADSHEET = /\.(xlsx|xlsm|xls)$/i;

export async function readImportFile(
  file: Blob & { name: string },
  units: readonly UnitInfo[],
  catalogue: readonly CatalogueName[],
  year?: number,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportOutcome> {
  const none = (issue: ImportOutcome['issues'][number]): ImportOutcome => ({
    table: null,
    issues: [issue],
    rowsRead: 0,
    rowsMatched: 0,
  });
  const tooBig = checkFileSize(file.size);
  if (tooBig) return none(tooBig);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const opts = {
    fileName: file.name,
    year,
    yearMin: YEAR_MIN,
    yearMax: YEAR_MAX,
    ...(onProgress ? { onProgress } : {}),
  };
  if (isXlsx(bytes) || isLegacyXls(bytes) || SPREADSHEET.test(file.name)) {
    const { readXlsxRows } = await import('../core/import/xlsx.ts');
    const sheet = await readXlsxRows(bytes);
    if ('error' in sheet) return none(sheet.error);
    return importTable(sheet.rows, units, catalogue, { ...opts, sheet: sheet.sheet });
  }
  const decoded = decodeTable(bytes);
  if ('error' in decoded) return none(decoded.error);
  return importTable(decoded.text, units, catalogue, opts);
}
