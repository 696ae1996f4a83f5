// The user's own tables in the browser (files are read by import-file.ts): keep the tables in localStorage
// (size-limited) and merge them into the Dataset. Nothing is sent anywhere. Why localStorage and not
// IndexedDB: see README.md in this folder.
import {
  readStoredTablesChecked,
  sameTable,
  withTable,
  writeStoredTables,
  type UserTable,
} from '../core/user-indicators.ts';
import type { Notice } from '../state/url.ts';

export const STORAGE_KEY = 'jjj-explorer.user-tables.v1';
/** Where stored text that could not be read is kept aside (never overwritten by a later save). */
export const CORRUPT_KEY = `${STORAGE_KEY}.corrupt`;
/** 2 MB of stored text (UTF-8 bytes): well inside every browser's localStorage quota. */
export const MAX_STORED_BYTES = 2 * 1024 * 1024;
/** @deprecated kept for callers of the old name; the limit is counted in bytes. */
export const MAX_STORED_CHARS = MAX_STORED_BYTES;

/**
 * The browser's localStorage, or undefined when it is missing or refuses access (private mode,
 * sandboxed iframe, blocked cookies: reading `localStorage` itself throws a SecurityError there).
 */
export function browserStorage(): Storage | undefined {
  try {
    const s = globalThis.localStorage;
    // Some browsers hand out the object but throw on first use.
    s?.getItem(STORAGE_KEY);
    return s ?? undefined;
  } catch {
    return undefined;
  }
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(2);
const byteLength = (text: string) => new TextEncoder().encode(text).length;

export interface KeptTables {
  tables: UserTable[];
  /** Notices for the user: storage blocked, or stored text unreadable (kept aside under CORRUPT_KEY). */
  notices: Notice[];
  /** Raw stored text that could not be read, for the user to download; null when there is none. */
  corrupt: string | null;
}

/** Tables kept from an earlier visit, with a notice when storage is blocked or what it holds is unreadable. */
export function openStoredTables(storage: Storage | undefined = browserStorage()): KeptTables {
  if (!storage) return { tables: [], notices: [{ key: 'userData.storageBlocked' }], corrupt: null };
  try {
    const raw = storage.getItem(STORAGE_KEY);
    const read = readStoredTablesChecked(raw);
    let corrupt = storage.getItem(CORRUPT_KEY);
    const notices: Notice[] = [];
    if (raw !== null && read.dropped) {
      // Keep the unreadable text before anything can overwrite it; an older copy set aside stays.
      if (corrupt === null) {
        storage.setItem(CORRUPT_KEY, raw);
        corrupt = raw;
      }
      // Rewrite the readable part so the bad text is not read (and reported) again on every visit.
      if (read.tables.length) storage.setItem(STORAGE_KEY, writeStoredTables(read.tables));
      else storage.removeItem(STORAGE_KEY);
      notices.push({ key: 'userData.corrupt', params: { n: String(read.tables.length) } });
    } else if (read.migrated) storage.setItem(STORAGE_KEY, writeStoredTables(read.tables));
    return { tables: read.tables, notices, corrupt };
  } catch (err) {
    return { tables: [], notices: [storageError(err)], corrupt: null };
  }
}

/** Tables kept from an earlier visit; [] when there are none or storage is unavailable or corrupt. */
export function loadStoredTables(storage: Storage | undefined = browserStorage()): UserTable[] {
  return openStoredTables(storage).tables;
}

/** Forget the unreadable stored text once the user has downloaded or dismissed it. */
export function dropCorrupt(storage: Storage | undefined = browserStorage()): void {
  try {
    storage?.removeItem(CORRUPT_KEY);
  } catch {
    // Nothing to do: storage went away.
  }
}

const storageError = (err: unknown): Notice => ({
  key: 'userData.storageError',
  params: { reason: err instanceof Error ? err.name : 'error' },
});

/** The refusal for a set of tables that is too large to keep, with its size and the limit in MB. */
function tooLarge(bytes: number, file?: string): Notice {
  const params = { size: mb(bytes), max: mb(MAX_STORED_BYTES) };
  return file
    ? { key: 'userData.notAdded', params: { ...params, file } }
    : { key: 'userData.notSaved', params };
}

/**
 * Keep the tables for the next visit. Returns a notice when they could not be kept. A set that is too
 * large is refused and what was stored stays as it was.
 */
export function saveTables(
  tables: readonly UserTable[],
  storage: Storage | undefined = browserStorage(),
): Notice | null {
  if (!storage) return tables.length ? { key: 'userData.storageBlocked' } : null;
  const text = writeStoredTables(tables);
  try {
    if (tables.length === 0) {
      storage.removeItem(STORAGE_KEY);
      return null;
    }
    const bytes = byteLength(text);
    if (bytes > MAX_STORED_BYTES) return tooLarge(bytes);
    storage.setItem(STORAGE_KEY, text);
    return null;
  } catch (err) {
    return storageError(err);
  }
}

/** What the store holds now (another tab may have changed it); `fallback` when it cannot be read. */
function current(storage: Storage, fallback: readonly UserTable[]): UserTable[] {
  try {
    return readStoredTablesChecked(storage.getItem(STORAGE_KEY)).tables;
  } catch {
    return [...fallback];
  }
}

export interface KeepResult {
  /** The tables to show from now on. */
  tables: UserTable[];
  /** False when the new table was refused (too large to keep); the shown and stored sets are unchanged. */
  added: boolean;
  notice: Notice | null;
}

/**
 * Add a table to the kept set. The store is read again just before writing, so a table another tab
 * added since this tab loaded is kept too (two tabs never drop each other's tables). When the set
 * with the new table is too large, only the new table is refused.
 */
export function keepTable(
  shown: readonly UserTable[],
  table: UserTable,
  storage: Storage | undefined = browserStorage(),
): KeepResult {
  if (!storage)
    return { tables: withTable(shown, table), added: true, notice: { key: 'userData.storageBlocked' } };
  const next = withTable(current(storage, shown), table);
  const text = writeStoredTables(next);
  const bytes = byteLength(text);
  if (bytes > MAX_STORED_BYTES)
    return { tables: current(storage, shown), added: false, notice: tooLarge(bytes, table.fileName) };
  try {
    storage.setItem(STORAGE_KEY, text);
    return { tables: next, added: true, notice: null };
  } catch (err) {
    // Quota or a store that went away: the table is shown for this visit only.
    return { tables: withTable(shown, table), added: true, notice: storageError(err) };
  }
}

/** Remove one table from the kept set (read again first, so other tabs' tables stay). */
export function forgetTable(
  shown: readonly UserTable[],
  table: UserTable,
  storage: Storage | undefined = browserStorage(),
): { tables: UserTable[]; notice: Notice | null } {
  const without = (list: readonly UserTable[]) => list.filter((t) => !sameTable(t, table));
  if (!storage) return { tables: without(shown), notice: null };
  const next = without(current(storage, shown));
  return { tables: next, notice: saveTables(next, storage) };
}
