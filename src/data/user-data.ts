// The user's own tables in the browser: read a dropped or picked file, keep the tables in localStorage
// (size-limited) and merge them into the Dataset. Nothing is sent anywhere.
import {
  checkFileSize,
  decodeTable,
  parseUserTable,
  readStoredTables,
  writeStoredTables,
  type ParseOutcome,
  type UserTable,
} from '../core/user-indicators.ts';
import type { UnitInfo } from '../core/types.ts';
import type { Notice } from '../state/url.ts';
import { YEAR_MAX, YEAR_MIN } from '../state/schema.ts';

const STORAGE_KEY = 'jjj-explorer.user-tables.v1';
/** About 2 MB of text: well inside every browser's localStorage quota, shared with nothing else. */
export const MAX_STORED_CHARS = 2_000_000;

/** Tables kept from an earlier visit; [] when there are none or storage is unavailable or corrupt. */
export function loadStoredTables(storage: Storage | undefined = globalThis.localStorage): UserTable[] {
  try {
    return readStoredTables(storage?.getItem(STORAGE_KEY) ?? null);
  } catch {
    return [];
  }
}

/** Keep the tables for the next visit. Returns a notice when they could not be kept. */
export function saveTables(
  tables: readonly UserTable[],
  storage: Storage | undefined = globalThis.localStorage,
): Notice | null {
  const text = writeStoredTables(tables);
  try {
    if (tables.length === 0) {
      storage?.removeItem(STORAGE_KEY);
      return null;
    }
    if (text.length > MAX_STORED_CHARS) {
      storage?.removeItem(STORAGE_KEY);
      return {
        key: 'userData.notSaved',
        params: { size: String(Math.ceil(text.length / 1000)), max: String(MAX_STORED_CHARS / 1000) },
      };
    }
    storage?.setItem(STORAGE_KEY, text);
    return null;
  } catch (err) {
    return { key: 'userData.storageError', params: { reason: err instanceof Error ? err.name : 'error' } };
  }
}

/** Read a file the user chose or dropped. Too-large files are refused before their bytes are read. */
export async function readUserFile(
  file: Blob & { name: string },
  units: readonly UnitInfo[],
  year?: number,
): Promise<ParseOutcome> {
  const none = (issue: ParseOutcome['issues'][number]): ParseOutcome => ({
    table: null,
    issues: [issue],
    rowsRead: 0,
    rowsMatched: 0,
  });
  const tooBig = checkFileSize(file.size);
  if (tooBig) return none(tooBig);
  const decoded = decodeTable(new Uint8Array(await file.arrayBuffer()));
  if ('error' in decoded) return none(decoded.error);
  return parseUserTable(decoded.text, units, {
    fileName: file.name,
    year,
    yearMin: YEAR_MIN,
    yearMax: YEAR_MAX,
  });
}
