// issue 15: numbers that are not what they seem — Infinity, ±1.8e308, 1e-400 (reads as 0), hex, a
// negative year, a comparison year after the year, and `at=,,` — each a clear row or parameter error.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { numberCell, parseUserFacilities, type FacilityMessage } from '../../src/core/access/csv.ts';
import type { UnitInfo } from '../../src/core/types.ts';
import { parseNumber, parseUserTable } from '../../src/core/user-indicators.ts';
import { linkNumber, queryToState } from '../../src/state/url.ts';
import { facilityMessage } from '../../src/i18n/facility-messages.ts';

const en = (m: FacilityMessage) => facilityMessage(m, 'en');

const ROOT = resolve(import.meta.dirname, '../..');
const BAD = join(ROOT, 'tests/fixtures/bad-inputs');
const region = { bbox: [113, 36, 120, 43] as [number, number, number, number], countyAt: () => '110101' };
const units = [
  { code: '130100', name_zh: '石家庄市', name_en: 'Shijiazhuang', levels: ['city'] },
  { code: '130600', name_zh: '保定市', name_en: 'Baoding', levels: ['city'] },
] as unknown as UnitInfo[];

describe('facility files: capacities and coordinates that do not read as written', () => {
  it('refuses Infinity, ±1.8e308, 1e-400 and hex with the line and the reason', () => {
    const text = readFileSync(join(BAD, 'facilities/number-extremes.csv'), 'utf8');
    const r = parseUserFacilities(text, { crs: 'wgs84', region });
    expect(r.rows.map((x) => x.name)).toEqual(['Good']);
    const by = new Map(r.errors.map((e) => [e.line, en(e.message)]));
    expect(by.get(2)).toMatch(/capacity "1e309" is too large/);
    expect(by.get(3)).toMatch(/capacity "1.8e308" is too large/);
    expect(by.get(4)).toMatch(/capacity "-1.8e308" is too large/);
    expect(by.get(5)).toMatch(/capacity "1e-400" is too small \(reads as 0\)/);
    expect(by.get(6)).toMatch(/capacity "0x10" is not a number/);
    expect(by.get(7)).toMatch(/longitude "0x74" is not a number/);
    expect(numberCell('12.5')).toBe(12.5);
  });
});

describe('user tables', () => {
  it('1e-400 is not silently 0', () => {
    expect(parseNumber('1e-400')).toBeUndefined();
    expect(parseNumber('0.000')).toBe(0);
  });
  it('a year of −5 (typed in the preview) is one file-level error, not an error per row', () => {
    const r = parseUserTable('name,医院数\n石家庄,5\n保定,6\n', units, {
      fileName: 'x.csv',
      year: -5,
      yearMin: 2008,
      yearMax: 2024,
    });
    expect(r.table).toBeNull();
    expect(r.issues[0]).toMatchObject({ line: 0, key: 'userData.err.yearRange', params: { year: '-5' } });
  });
});

describe('links', () => {
  const bad = (q: string) =>
    queryToState(q)
      .notices.filter((n) => n.key === 'url.badParam')
      .map((n) => n.params!.param);
  it('`at=,,` is a bad parameter, not 0,0,0', () => {
    const { state, notices } = queryToState('?at=,,');
    expect(notices[0]).toMatchObject({ key: 'url.badParam', params: { param: 'at' } });
    expect(state.view.lon).not.toBe(0);
  });
  it('hex, Infinity and underflow are refused in every number parameter', () => {
    expect(bad('?y=0x7e8')).toEqual(['y']);
    expect(bad('?k=0x5')).toEqual(['k']);
    expect(bad('?ac=0x3c')).toEqual(['ac']);
    expect(bad('?b=0x1e')).toEqual(['b']);
    expect(bad('?at=116,1e-400,5')).toEqual(['at']);
    expect(bad('?y=-5')).toEqual(['y']);
    expect(linkNumber('1e309')).toBeNaN();
    expect(linkNumber('-12.5')).toBe(-12.5);
  });
  it('a comparison year later than the year is refused', () => {
    expect(bad('?y=2013&cmp=2020')).toEqual(['cmp']);
    expect(bad('?y=2020&cmp=2013')).toEqual([]);
  });
});

describe.skipIf(!existsSync(join(ROOT, 'geo/build/rail/access-grid.json')))('isochrone CLI', () => {
  it('--compare later than --year is a bad argument', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'src/cli/isochrone.ts'),
        '--origin',
        '北京西',
        '--year',
        '2013',
        '--compare',
        '2020',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--compare 2020 is later than the year 2013/);
  }, 70_000);
});
