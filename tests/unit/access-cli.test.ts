// The accessibility CLI: arguments, the JSON report, user files, and exit codes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, parseArgs, run, UsageError } from '../../src/cli/accessibility.ts';
import { loadRailContext } from '../../src/cli/isochrone.ts';
import type { RailContext } from '../../src/core/rail/isochrone.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIX = join(ROOT, 'tests/fixtures/access');
const built =
  existsSync(join(ROOT, 'geo/build/rail/access-grid.json')) &&
  existsSync(join(ROOT, 'geo/build/facilities/hospital.geojson'));

describe('arguments', () => {
  it('has defaults and reads every option', () => {
    const a = parseArgs(['--service', 'hospital']);
    expect([a.method, a.catchment, a.decay, a.supply, a.mode, a.demand]).toEqual([
      'e2sfca',
      60,
      'step',
      'count',
      'rail',
      'cells',
    ]);
    const b = parseArgs(
      [
        '--service',
        'university',
        '--method',
        '2sfca',
        '--catchment',
        '45',
        '--supply',
        'beds',
        '--year',
        '2015',
      ].concat([
        '--mode',
        'road',
        '--facilities',
        'x.csv',
        '--crs',
        'BD-09',
        '--add',
        '--param',
        'accessSpeedKmh=30',
      ]),
    );
    expect([b.service, b.method, b.catchment, b.supply, b.year, b.mode, b.crs, b.add, b.params]).toEqual([
      'university',
      '2sfca',
      45,
      'beds',
      2015,
      'road',
      'bd09',
      true,
      { accessSpeedKmh: 30 },
    ]);
  });

  it('refuses bad arguments with a message', () => {
    const bad: [string[], RegExp][] = [
      [[], /--service is required/],
      [['--service', 'school'], /--service must be one of/],
      [['--service', 'hospital', '--method', '3sfca'], /--method must be one of/],
      [['--service', 'hospital', '--catchment', '0'], /--catchment must be > 0/],
      [['--service', 'hospital', '--catchment', 'abc'], /needs a number/],
      [['--service', 'hospital', '--catchment', '500'], /≤ 180/],
      [['--service', 'hospital', '--method', '2sfca', '--decay', 'gaussian'], /applies to --method e2sfca/],
      [['--service', 'hospital', '--facilities', 'a.csv'], /needs --crs/],
      [['--service', 'hospital', '--crs', 'bd09'], /go with --facilities/],
      [['--service', 'hospital', '--crs'], /needs a value/],
      [['--service', 'hospital', '--year', '24'], /year such as 2024/],
      [['--service', 'hospital', '--param', 'speed=3'], /unknown parameter/],
      [['--service', 'hospital', '--frobnicate'], /unknown argument/],
    ];
    for (const [argv, msg] of bad) expect(() => parseArgs(argv), argv.join(' ')).toThrow(msg);
    expect(() => parseArgs(['--service', 'hospital', '--mode', 'bus'])).toThrow(UsageError);
  });
});

describe.skipIf(!built)('report on the built data (needs geo/build)', () => {
  const ctx: RailContext = built ? loadRailContext() : (null as unknown as RailContext);

  it('prints one row per county and the equity summary', () => {
    const r = run(['--service', 'hospital', '--catchment', '30', '--mode', 'road'], ctx) as {
      counties: { code: string; population: number; score: number; share_within: number }[];
      equity: { region: { gini: number; theil: number }; provinces: { code: string; gini: number }[] };
      method: string;
      method_text: string;
    };
    expect(r.counties.length).toBe(ctx.grid.counties.length);
    expect(r.counties[0]).toEqual({
      code: '110101',
      name_zh: '东城区',
      name_en: 'Dongcheng District',
      population: expect.any(Number),
      score: expect.any(Number),
      share_within: 1,
    });
    expect(r.method).toBe('e2sfca');
    expect(r.method_text).toMatch(/Luo & Qi 2009/);
    expect(r.equity.region.gini).toBeGreaterThan(0);
    expect(r.equity.provinces.map((p) => p.code)).toEqual(['110000', '120000', '130000']);
  });

  it('uses the good rows of a user file with --skip-bad-rows and lists the bad ones', () => {
    const file = join(FIX, 'facilities-bad.csv');
    expect(() => run(['--service', 'hospital', '--facilities', file, '--crs', 'bd09'], ctx)).toThrow(
      /9 row\(s\) rejected[\s\S]*facilities-bad\.csv:4: name is empty/,
    );
    const r = run(
      ['--service', 'hospital', '--facilities', file, '--crs', 'bd09', '--skip-bad-rows', '--mode', 'road'],
      ctx,
    ) as { facilities: { used: number; user_file: { rejected: unknown[] } } };
    expect(r.facilities.used).toBe(5);
    expect(r.facilities.user_file.rejected.length).toBeGreaterThanOrEqual(9);
  });

  it('says why there is nothing to compute', () => {
    expect(() => run(['--service', 'library'], ctx)).toThrow(DataError);
    expect(() => run(['--service', 'library'], ctx)).toThrow(/flagged display-only/);
    expect(() =>
      run(['--service', 'hospital', '--facilities', join(FIX, 'missing.csv'), '--crs', 'wgs84'], ctx),
    ).toThrow(/not found/);
  });

  it('prints indicator rows when asked', () => {
    const r = run(
      ['--service', 'attraction', '--catchment', '90', '--mode', 'road', '--indicators'],
      ctx,
    ) as {
      indicators: { unit_code: string; indicator: string }[];
    };
    expect(new Set(r.indicators.map((x) => x.indicator))).toEqual(
      new Set(['access_attraction_e2sfca_90min', 'coverage_attraction_90min']),
    );
  });
});

describe.skipIf(!built)('exit codes (a child process)', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/accessibility.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });

  it('exits 2 with usage on a bad argument, 1 on a bad file', { timeout: 60_000 }, () => {
    const a = cli(['--service', 'hospital', '--method', 'x']);
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/error: --method must be one of/);
    expect(a.stdout).toBe('');
    const b = cli([
      '--service',
      'hospital',
      '--facilities',
      join(FIX, 'facilities-bad.csv'),
      '--crs',
      'bd09',
    ]);
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(/facilities-bad\.csv:13: .*in no county/);
  });
});
