// Keeping the user's tables in the browser: size limit and a refusing store give a clear notice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userIndicatorId, writeStoredTables, type UserTable } from '../../src/core/user-indicators.ts';
import {
  CORRUPT_KEY,
  MAX_STORED_BYTES,
  MAX_STORED_CHARS,
  STORAGE_KEY,
  dropCorrupt,
  forgetTable,
  keepTable,
  loadStoredTables,
  openStoredTables,
  saveTables,
} from '../../src/data/user-data.ts';

const BAD = join(import.meta.dirname, '../fixtures/bad-inputs');

class MemoryStorage implements Storage {
  items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
}

const table = (n: number): UserTable => ({
  indicators: [{ id: 'user:00000000', name: 'x', unit: '' }],
  fileName: 'x.csv',
  values: Array.from(
    { length: n },
    (_, i) => [0, '130100', 2008 + (i % 17), i] as [number, string, number, number],
  ),
  layout: 'wide-years',
  keyColumn: 'code',
  keyKind: 'code',
});

describe('stored user tables', () => {
  it('round-trips through storage (forged ids are dropped on reading)', () => {
    const s = new MemoryStorage();
    expect(saveTables([table(3)], s)).toBeNull();
    // 'user:00000000' is not the hash of 'x', so the reader refuses it.
    expect(loadStoredTables(s)).toEqual([]);
  });
  it('refuses to keep more than the limit, with the sizes in the notice', () => {
    const s = new MemoryStorage();
    const notice = saveTables([table(MAX_STORED_CHARS / 10)], s);
    expect(notice?.key).toBe('userData.notSaved');
    expect(Number(notice!.params!.size)).toBeGreaterThan(Number(notice!.params!.max));
    expect(s.length).toBe(0);
  });
  it('reports a store that throws (quota, private mode)', () => {
    const s = new MemoryStorage();
    s.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    expect(saveTables([table(2)], s)?.key).toBe('userData.storageError');
    expect(loadStoredTables(undefined)).toEqual([]);
  });
});

// issue 15: blocked storage, oversize saves, corrupt stored text and two tabs.
describe('stored user tables under hostile conditions', () => {
  const named = (name: string, n = 2, fileName = `${name}.csv`): UserTable => ({
    ...table(n),
    indicators: [{ id: userIndicatorId(name), name, unit: '' }],
    fileName,
  });

  it('starts when reading localStorage itself throws (private mode, sandboxed iframe)', () => {
    const had = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    try {
      expect(loadStoredTables()).toEqual([]);
      const kept = openStoredTables();
      expect(kept.tables).toEqual([]);
      expect(kept.notices.map((n) => n.key)).toEqual(['userData.storageBlocked']);
      expect(saveTables([named('a')])?.key).toBe('userData.storageBlocked');
      const added = keepTable([], named('a'));
      expect(added.added).toBe(true);
      expect(added.tables).toHaveLength(1);
      expect(added.notice?.key).toBe('userData.storageBlocked');
    } finally {
      if (had) Object.defineProperty(globalThis, 'localStorage', had);
      else delete (globalThis as { localStorage?: Storage }).localStorage;
    }
  });

  it('an oversize save keeps what was stored and refuses only the new table, with size and limit', () => {
    const s = new MemoryStorage();
    expect(keepTable([], named('small'), s).added).toBe(true);
    const before = s.getItem(STORAGE_KEY);
    const big = named('big', MAX_STORED_BYTES / 10);
    const r = keepTable(loadStoredTables(s), big, s);
    expect(r.added).toBe(false);
    expect(r.tables.map((x) => x.fileName)).toEqual(['small.csv']);
    expect(s.getItem(STORAGE_KEY)).toBe(before);
    expect(r.notice?.key).toBe('userData.notAdded');
    expect(r.notice?.params?.file).toBe('big.csv');
    expect(r.notice?.params?.max).toBe('2.00');
    // The size is the UTF-8 size of what would have been stored, in MB.
    const bytes = new TextEncoder().encode(writeStoredTables([named('small'), big])).length;
    expect(r.notice?.params?.size).toBe((bytes / 1048576).toFixed(2));
    // saveTables with a too-large set leaves the store as it was too.
    expect(saveTables([named('small'), big], s)?.key).toBe('userData.notSaved');
    expect(s.getItem(STORAGE_KEY)).toBe(before);
  });

  it('keeps corrupt stored text aside under .corrupt, says so, and never overwrites it', () => {
    const s = new MemoryStorage();
    const raw = readFileSync(join(BAD, 'stored-tables-truncated.json'), 'utf8');
    s.setItem(STORAGE_KEY, raw);
    const kept = openStoredTables(s);
    expect(kept.tables).toEqual([]);
    expect(kept.corrupt).toBe(raw);
    expect(kept.notices.map((n) => n.key)).toEqual(['userData.corrupt']);
    expect(s.getItem(CORRUPT_KEY)).toBe(raw);
    keepTable(kept.tables, named('new'), s);
    expect(s.getItem(CORRUPT_KEY)).toBe(raw);
    expect(openStoredTables(s).notices).toEqual([]);
    dropCorrupt(s);
    expect(s.getItem(CORRUPT_KEY)).toBeNull();
  });

  it('keeps the readable tables when only some stored tables are bad', () => {
    const s = new MemoryStorage();
    const good = named('good');
    s.setItem(STORAGE_KEY, writeStoredTables([good, { ...named('bad'), values: [[0, 'x', 2020, NaN]] }]));
    const kept = openStoredTables(s);
    expect(kept.tables.map((x) => x.fileName)).toEqual(['good.csv']);
    expect(kept.notices[0]).toEqual({ key: 'userData.corrupt', params: { n: '1' } });
    expect(kept.corrupt).toContain('bad.csv');
  });

  it('two tabs adding and removing tables never drop each other’s', () => {
    const s = new MemoryStorage();
    // Both tabs opened on an empty store.
    const tabA = openStoredTables(s).tables;
    const tabB = openStoredTables(s).tables;
    const a = keepTable(tabA, named('a'), s);
    const b = keepTable(tabB, named('b'), s);
    expect(b.tables.map((x) => x.fileName)).toEqual(['a.csv', 'b.csv']);
    expect(loadStoredTables(s).map((x) => x.fileName)).toEqual(['a.csv', 'b.csv']);
    // Tab A still shows only its table; removing it leaves B's.
    const left = forgetTable(a.tables, named('a'), s);
    expect(left.tables.map((x) => x.fileName)).toEqual(['b.csv']);
    expect(loadStoredTables(s).map((x) => x.fileName)).toEqual(['b.csv']);
  });
});
