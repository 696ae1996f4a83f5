// issue 15: user indicator ids that do not collide, and old (32-bit) ids that still resolve.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../src/core/indicators.ts';
import type { UnitInfo } from '../../src/core/types.ts';
import {
  hash32,
  legacyUserIndicatorId,
  parseUserTable,
  readStoredTablesChecked,
  userIndicatorId,
  writeStoredTables,
} from '../../src/core/user-indicators.ts';
import { migrateUserLink } from '../../src/state/user-tables.svelte.ts';

const BAD = join(import.meta.dirname, '../fixtures/bad-inputs');
const units = [
  { code: '130100', name_zh: '石家庄市', name_en: 'Shijiazhuang', levels: ['city'] },
  { code: '130200', name_zh: '唐山市', name_en: 'Tangshan', levels: ['city'] },
] as unknown as UnitInfo[];

describe('user indicator ids', () => {
  it('two names with one 32-bit hash get different ids', () => {
    expect(hash32('指标52204')).toBe(hash32('指标703300'));
    const text = readFileSync(join(BAD, 'colliding-names-2020.csv'), 'utf8');
    const { table } = parseUserTable(text, units, { fileName: 'colliding-names-2020.csv' });
    const ids = table!.indicators.map((i) => i.id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });

  it('stored tables with old ids are migrated to the new ids', () => {
    const name = '医院数';
    const old = {
      indicators: [{ id: legacyUserIndicatorId(name), name, unit: '' }],
      fileName: 'x.csv',
      values: [[0, '130100', 2020, 1]],
      layout: 'long',
      keyColumn: 'code',
      keyKind: 'code',
    };
    const read = readStoredTablesChecked(JSON.stringify({ version: 1, tables: [old] }));
    expect(read.dropped).toBe(false);
    expect(read.migrated).toBe(true);
    expect(read.tables[0]!.indicators[0]!.id).toBe(userIndicatorId(name));
    // A forged id (neither the old nor the new hash of the name) is still refused.
    const forged = { ...old, indicators: [{ id: 'user:00000000', name, unit: '' }] };
    expect(readStoredTablesChecked(JSON.stringify({ version: 1, tables: [forged] })).dropped).toBe(true);
    // Links holding the old id point at the migrated indicator.
    expect(migrateUserLink(`?lvl=city&ind=${legacyUserIndicatorId(name)}`, read.tables)).toBe(
      `?lvl=city&ind=${encodeURIComponent(userIndicatorId(name))}`,
    );
    expect(migrateUserLink('?ind=user:0badc0de', read.tables)).toBe('?ind=user:0badc0de');
    expect(writeStoredTables(read.tables)).toContain(userIndicatorId(name));
  });

  it('a facility file can repeat one message on one line (the panel keys its list by position)', () => {
    const text = readFileSync(join(BAD, 'facilities/repeated-messages.csv'), 'utf8');
    const errors = csvRecords(text).errors.map((e) => `${e.line}${e.reason}`);
    expect(new Set(errors).size).toBeLessThan(errors.length);
  });
});
