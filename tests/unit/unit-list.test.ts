import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UnitInfo } from '../../src/core/types.ts';
import { describeValues, searchUnits, sortTable } from '../../src/core/unit-list.ts';

const units = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../geo/build/units.json'), 'utf8')) as {
    units: UnitInfo[];
  }
).units;
const byCode = new Map(units.map((u) => [u.code, u]));
const cities = units.filter((u) => u.levels.includes('city')).map((u) => u.code);

describe('unit lists', () => {
  it('searches by zh, en (any case, no spaces) and code at a level', () => {
    expect(searchUnits(byCode, cities, '石家', 'zh')[0]!.code).toBe('130100');
    expect(searchUnits(byCode, cities, 'SHI jia', 'en')[0]!.code).toBe('130100');
    expect(searchUnits(byCode, cities, '1301', 'en').map((u) => u.code)).toEqual(['130100']);
    expect(searchUnits(byCode, cities, "xiong'an", 'en')[0]!.code).toBe('XIONGAN');
    expect(searchUnits(byCode, cities, '', 'zh').length).toBe(cities.length);
    // Counties are not offered at city level.
    expect(searchUnits(byCode, cities, '长安区', 'zh')).toEqual([]);
  });
  it('sorts the table with missing values last in both directions', () => {
    const rows = [
      { code: 'a', name: 'B', value: 1 },
      { code: 'b', name: 'A', value: undefined },
      { code: 'c', name: 'C', value: 9 },
    ];
    expect(sortTable(rows, 'value', 'desc', 'en').map((r) => r.code)).toEqual(['c', 'a', 'b']);
    expect(sortTable(rows, 'value', 'asc', 'en').map((r) => r.code)).toEqual(['a', 'c', 'b']);
    expect(sortTable(rows, 'name', 'asc', 'en').map((r) => r.name)).toEqual(['A', 'B', 'C']);
    expect(rows[0]!.code).toBe('a');
  });
  it('describes highest, lowest and missing', () => {
    const d = describeValues([
      { code: 'a', name: 'A', value: 1 },
      { code: 'b', name: 'B', value: undefined },
      { code: 'c', name: 'C', value: 9 },
    ]);
    expect(d.high.map((r) => r.name)).toEqual(['C']);
    expect(d.low.map((r) => r.name)).toEqual(['A']);
    expect(d.missing).toBe(1);
    expect(describeValues([])).toEqual({ high: [], low: [], missing: 0 });
  });
});
