// Keeping the user's tables in the browser: size limit and a refusing store give a clear notice.
import { describe, expect, it } from 'vitest';
import type { UserTable } from '../../src/core/user-indicators.ts';
import { MAX_STORED_CHARS, loadStoredTables, saveTables } from '../../src/data/user-data.ts';

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
