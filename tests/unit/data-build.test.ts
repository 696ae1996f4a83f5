// The data build as a program: it fails with file:line and a reason on bad input, and rebuilding
// reproduces the committed data/ files byte for byte.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIndicatorCsv } from '../../src/core/indicators.ts';
import { DATA_OUTPUTS } from '../../data/scripts/lib/inputs.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIX = resolve(ROOT, 'tests/fixtures/data');
const SHARED = resolve(ROOT, '../shared/data');
const tmp = mkdtempSync(join(tmpdir(), 'jjj-data-build-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const mini = (out: string) => [
  '--out',
  out,
  '--units',
  join(FIX, 'units-mini.json'),
  '--census',
  join(FIX, 'census-mini.csv'),
];

describe('data build on fixtures', () => {
  it('fails on an unknown unit code, naming file, line and reason', { timeout: 60_000 }, () => {
    const input = join(FIX, 'upstream-unknown.csv');
    const r = run('data/scripts/30-indicators.ts', [...mini(join(tmp, 'unknown')), '--indicators', input]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`${input}:3: unknown unit code '990000'`);
    expect(r.stderr).toContain(`${input}:5: unknown unit code '990000'`);
    expect(existsSync(join(tmp, 'unknown', 'indicators.csv'))).toBe(false);
  });

  it('fails on a malformed row (input given by environment variable)', { timeout: 60_000 }, () => {
    const input = join(FIX, 'upstream-malformed.csv');
    const r = run('data/scripts/30-indicators.ts', mini(join(tmp, 'bad')), { JJJ_INDICATOR_INPUTS: input });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`${input}:3: value '37.8x' is not a number`);
  });

  it('writes ranked rows and census rows for good input', { timeout: 60_000 }, () => {
    const out = join(tmp, 'good');
    const r = run('data/scripts/30-indicators.ts', [
      ...mini(out),
      '--indicators',
      join(FIX, 'upstream-good.csv'),
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const { rows, errors } = parseIndicatorCsv(readFileSync(join(out, 'indicators.csv'), 'utf8'), 'out');
    expect(errors).toEqual([]);
    const pick = (u: string, i: string, y: number) =>
      rows
        .filter((x) => x.unit_code === u && x.indicator === i && x.year === y)
        .map((x) => [x.rank, x.value, x.source_id]);
    expect(pick('XIONGAN', 'census_population', 2020)).toEqual([
      [1, 1205440, 'census2020'],
      [2, 1205440, 'src-zhaofangba'],
    ]);
    expect(pick('130500', 'pm25_annual_mean', 2013)).toEqual([
      [1, 160, 'src-news-huanbohainews'],
      [2, 155.2, 'src-respromasks'],
    ]);
    expect(pick('110000', 'good_air_days_share', 2013)).toEqual([
      [1, 48.2, 'src-cn-chinagate'],
      [2, 48, 'src-news-sina'],
    ]);
    expect(pick('JJJ', 'gdp', 2024)).toEqual([[1, 115000, 'src-english-beijing']]);
    // 11 units × 6 census indicators, plus the 13 cited rows of the fixture.
    expect(rows.filter((x) => x.source_id === 'census2020')).toHaveLength(66);
    expect(rows).toHaveLength(66 + 13);
  });
});

const canRebuild = existsSync(SHARED) && existsSync(resolve(ROOT, 'geo/build/units.json'));
describe.skipIf(!canRebuild)('rebuild (needs ../shared/data and geo/build/units.json)', () => {
  it(
    `reproduces ${DATA_OUTPUTS.map((f) => `data/${f}`).join(', ')} byte for byte`,
    { timeout: 120_000 },
    () => {
      const out = join(tmp, 'rebuild');
      const r = run('data/scripts/build-all.ts', ['--out', out]);
      expect(r.status, r.stderr).toBe(0);
      for (const f of DATA_OUTPUTS) {
        const fresh = readFileSync(join(out, f));
        const committed = readFileSync(resolve(ROOT, 'data', f));
        expect(fresh.equals(committed), `${f} differs from the committed file: run npm run build:data`).toBe(
          true,
        );
      }
    },
  );
});
