// issue 15: the command-line tools under hostile arguments. Each run is a child process (tsx) with a
// bounded timeout, so a CLI that hangs (FIFO) or reads forever (/dev/zero) fails the test instead of
// stalling it. Every failure must be one line naming the argument or file, with exit 2 for bad
// arguments and 1 for failed work, and no stack trace unless --debug is given.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInputFile, isCalendarDate, jsonErrorAt, readInputFile } from '../../src/cli/run-cli.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI_FIX = join(ROOT, 'tests/fixtures/bad-inputs/cli');
const tmp = mkdtempSync(join(tmpdir(), 'jjj-cli-'));
const fifo = join(tmp, 'pipe.csv');
execFileSync('mkfifo', [fifo]);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const built = existsSync(join(ROOT, 'geo/build/rail/access-grid.json'));

function cli(name: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, `src/cli/${name}.ts`), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: tmp },
    timeout: 40_000,
    killSignal: 'SIGKILL',
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** One line on stderr, no stack frames. */
function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe('shared CLI helpers', () => {
  it('refuses folders, devices and FIFOs without opening them, and big files before reading', () => {
    expect(() => checkInputFile(tmp, '--x')).toThrow(/--x: .* is a folder/);
    expect(() => checkInputFile('/dev/zero', '--x')).toThrow(/not a regular file/);
    expect(() => readInputFile(fifo, '--x')).toThrow(/not a regular file/);
    expect(() => checkInputFile(join(tmp, 'nope.csv'), '--x')).toThrow(/not found/);
    const big = join(tmp, 'big.csv');
    writeFileSync(big, 'x'.repeat(2000));
    expect(() => readInputFile(big, '--x', 1000)).toThrow(/at most 0\.0 MB/);
  });
  it('finds the line of a JSON syntax error', () => {
    const text = '[\n  {"a": 1},\n  {"b": 2,}\n]';
    let err: unknown;
    try {
      JSON.parse(text);
    } catch (e) {
      err = e;
    }
    expect(jsonErrorAt(text, err)?.line).toBe(3);
  });
  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-13-01')).toBe(false);
    expect(isCalendarDate('0000-01-01')).toBe(false);
  });
});

describe('snapshot: bad arguments are refused before a browser starts', () => {
  it.each([
    [['--batch', join(CLI_FIX, 'bad-batch.json')], /--batch: .*bad-batch\.json:3:\d+: not valid JSON/],
    [['--batch', join(CLI_FIX, 'bad-url-batch.json')], /item 1: --url is not a valid URL/],
    [['--batch', tmp], /--batch: .* is a folder/],
    [['--batch', '/dev/zero'], /--batch: \/dev\/zero is not a regular file/],
    [['--batch', fifo], /--batch: .*pipe\.csv is not a regular file/],
    [['--url', 'http://[::1', '--preset', 'screen', '--out', join(tmp, 'a.png')], /--url is not a valid URL/],
    [
      ['--url', '?lvl=city', '--preset', 'screen', '--out', join(tmp, 'a.png'), '--date', '2024-02-30'],
      /--date must be a real date/,
    ],
    [['--nonsense'], /unknown option '--nonsense'.*see --help/i],
  ])(
    '%j',
    (args, message) => {
      const r = cli('snapshot', args);
      expect(r.signal, 'timed out').toBeNull();
      expect(r.status, r.stderr).toBe(2);
      expect(oneLine(r.stderr)).toMatch(message);
    },
    60_000,
  );
});

describe.skipIf(!built)('accessibility and isochrone: files that are not files', () => {
  it.each([
    [['--facilities', tmp], /--facilities: .* is a folder/],
    [['--facilities', '/dev/zero'], /--facilities: \/dev\/zero is not a regular file/],
    [['--facilities', fifo], /--facilities: .*pipe\.csv is not a regular file/],
  ])(
    'accessibility %j',
    (args, message) => {
      const r = cli('accessibility', ['--service', 'hospital', '--crs', 'wgs84', ...args]);
      expect(r.signal, 'timed out').toBeNull();
      expect(r.status, r.stderr).toBe(2);
      expect(oneLine(r.stderr)).toMatch(message);
    },
    60_000,
  );

  it('accessibility refuses a 64 GB --facilities file by its size, without reading it', () => {
    // Sparse: no disk is used; reading it would take minutes and the run's SIGKILL would show it.
    const huge = join(tmp, 'huge.csv');
    writeFileSync(huge, '');
    truncateSync(huge, 64 * 1024 ** 3);
    const r = cli('accessibility', ['--service', 'hospital', '--crs', 'wgs84', '--facilities', huge]);
    expect(r.signal, 'timed out: the file was read').toBeNull();
    expect(r.status, r.stderr).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/--facilities: .*huge\.csv .*at most 10\.0 MB/);
  }, 60_000);

  it('accessibility with a --data folder that is not a build says so (no "build the data" hint)', () => {
    const r = cli('accessibility', ['--service', 'hospital', '--data', tmp]);
    expect(r.status).toBe(1);
    const line = oneLine(r.stderr);
    expect(line).toMatch(/--data: .* not found; is --data a build folder/);
    expect(line).not.toMatch(/npm run build:geo/);
  }, 60_000);

  it('isochrone --geojson into a folder that does not exist names --geojson, not the rail build', () => {
    const r = cli('isochrone', ['--origin', '北京西', '--geojson', join(tmp, 'no/such/dir/x.geojson')]);
    expect(r.status).toBe(2);
    const line = oneLine(r.stderr);
    expect(line).toMatch(/--geojson: cannot write .*the folder .* does not exist/);
    expect(line).not.toMatch(/build the rail data/);
  }, 60_000);

  it('isochrone --geojson that is a folder: one line, exit 2 (no EISDIR stack)', () => {
    const r = cli('isochrone', ['--origin', '北京西', '--geojson', tmp]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/--geojson: cannot write .* it is a folder/);
  }, 60_000);

  it('isochrone --data with no rail build in it, and a bad argument', () => {
    const a = cli('isochrone', ['--origin', '北京西', '--data', tmp]);
    expect(a.status).toBe(1);
    expect(oneLine(a.stderr)).toMatch(/--data: .* has no network\.json; is it a rail build folder/);
    const b = cli('isochrone', ['--origin', '北京西', '--data', '/dev/zero']);
    expect(b.status).toBe(2);
    expect(oneLine(b.stderr)).toMatch(/--data: \/dev\/zero is not a folder/);
    const c = cli('isochrone', ['--origin', '北京西', '--minutes', 'abc']);
    expect(c.status).toBe(2);
    expect(oneLine(c.stderr)).toMatch(/--minutes needs a number .*see --help/);
  }, 60_000);

  it('--debug adds the stack', () => {
    const r = cli('isochrone', ['--origin', '北京西', '--geojson', tmp, '--debug']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^\s+at /m);
  }, 60_000);
});
