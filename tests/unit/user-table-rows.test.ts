// A 100 k-row indicator table (issue 15) is read — every name unknown, suggestions for the first rows
// only — and one row more is refused with the limit in the message.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UnitInfo } from '../../src/core/types.ts';
import { keepFirstIssues, MAX_ROWS, parseUserTable } from '../../src/core/user-indicators.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const units = (JSON.parse(readFileSync(join(ROOT, 'geo/build/units.json'), 'utf8')) as { units: UnitInfo[] })
  .units;

/** Real unit names with one character changed, so that no row matches. */
function table(rows: number): string {
  const lines = ['地区,2020'];
  for (let i = 0; i < rows; i++) {
    const n = units[i % units.length]!.name_zh;
    const k = i % n.length;
    lines.push(`${n.slice(0, k)}${'甲乙丙丁戊己庚辛'[i % 8]}${n.slice(k + 1)},${i}`);
  }
  return lines.join('\n');
}

describe('big indicator tables', () => {
  it(`reads ${MAX_ROWS} rows with every name unknown, with bounded suggestions and progress`, () => {
    expect(MAX_ROWS).toBe(100_000);
    const seen: number[] = [];
    const r = parseUserTable(table(MAX_ROWS), units, {
      fileName: 'unknown.csv',
      yearMin: 2008,
      yearMax: 2024,
      onProgress: (done) => seen.push(done),
    });
    expect(r.rowsRead).toBe(MAX_ROWS);
    const unknown = r.issues.filter((i) => i.key === 'userData.err.unknownName');
    expect(unknown.length).toBeGreaterThan(MAX_ROWS * 0.9);
    const suggested = r.issues.filter((i) => i.suggestions?.length).length;
    expect(suggested).toBeGreaterThan(0);
    expect(suggested).toBeLessThanOrEqual(500);
    expect(seen.length).toBeGreaterThan(10);
  });

  it('refuses one row more, saying how many and the limit', () => {
    const r = parseUserTable(table(MAX_ROWS + 1), units, { fileName: 'big.csv' });
    expect(r.table).toBeNull();
    expect(r.issues).toEqual([
      {
        line: 0,
        key: 'userData.err.tooManyRows',
        params: { n: String(MAX_ROWS + 1), max: String(MAX_ROWS) },
      },
    ]);
  });
});

describe('keepFirstIssues', () => {
  it('keeps file-level issues and the first row issues, and counts them all', () => {
    const r = parseUserTable(table(5000), units, { fileName: 'x.csv' });
    const kept = keepFirstIssues(r, 100);
    expect(kept.issueCount).toBe(r.issues.length);
    expect(kept.issues.filter((i) => i.line !== 0)).toEqual(
      r.issues.filter((i) => i.line !== 0).slice(0, 100),
    );
    expect(kept.issues.filter((i) => i.line === 0)).toEqual(r.issues.filter((i) => i.line === 0));
    expect(keepFirstIssues(r, 1e6)).toBe(r);
  });
});
