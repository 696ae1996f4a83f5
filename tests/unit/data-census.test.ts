// Census-derived indicators, recomputed by hand from the census CSV rows, and their coverage of units.json.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexIndicators, parseIndicatorCsv, valueFor } from '../../src/core/indicators.ts';
import type { UnitInfo } from '../../src/core/types.ts';
import { CENSUS_INDICATORS, deriveCensus, parseCensus, roundedRatio } from '../../data/scripts/lib/census.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIX = resolve(ROOT, 'tests/fixtures/data');
const CENSUS = resolve(ROOT, '../shared/data/facilities/population_county_census2020_jjj.csv');
const UNITS = resolve(ROOT, 'geo/build/units.json');
const DATA = resolve(ROOT, 'data/indicators.csv');

/** The census file has no quoted fields: a plain split is an independent reader for the checks. */
function censusRows(text: string): Map<string, Record<string, string>> {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head!.split(',');
  return new Map(
    lines.map((l) => {
      const f = l.split(',');
      return [f[0]!, Object.fromEntries(cols.map((c, i) => [c, f[i]!]))];
    }),
  );
}
const n = (r: Record<string, string> | undefined, c: string) => Number(r![c]);

describe('census derivation on fixtures (always runs)', () => {
  const text = readFileSync(resolve(FIX, 'census-mini.csv'), 'utf8');
  const csv = censusRows(text);
  const units = (JSON.parse(readFileSync(resolve(FIX, 'units-mini.json'), 'utf8')) as { units: UnitInfo[] })
    .units;
  const parsed = parseCensus(text, 'census-mini.csv');
  const derived = deriveCensus(parsed.rows, units);
  const idx = indexIndicators(derived.rows);
  const v = (u: string, i: string) => valueFor(idx, u, i, 2020)?.value;

  it('parses without errors and matches every unit', () => {
    expect(parsed.errors).toEqual([]);
    expect(derived.problems).toEqual([]);
    expect(derived.unplaced.map((r) => r.code)).toEqual(['130671']); // a Baoding development zone
  });

  it('东城区: share aged 65+ and 60+, urban share, density from its own row', () => {
    const r = csv.get('110101');
    expect(v('110101', 'census_share_65plus')).toBe(Math.round((129249 / 708829) * 10000) / 100);
    expect(v('110101', 'census_share_65plus')).toBe(18.23);
    expect(n(r, 'pop_age_65plus')).toBe(129249);
    expect(v('110101', 'census_share_60plus')).toBe(
      Math.round((n(r, 'pop_age_60plus') / n(r, 'pop_total_2020')) * 10000) / 100,
    );
    expect(v('110101', 'census_urban_share')).toBe(100);
    const area = units.find((u) => u.code === '110101')!.area_km2;
    expect(v('110101', 'census_density')).toBe(Math.round((708829 / area) * 10) / 10);
    expect(v('110101', 'census_household_size')).toBe(n(r, 'household_size'));
  });

  it("Xiong'an = sum of its three counties; Baoding = prefecture row minus them", () => {
    const xa = ['130629', '130632', '130638'].map((c) => csv.get(c));
    const sum = (c: string) => xa.reduce((s, r) => s + n(r, c), 0);
    expect(v('XIONGAN', 'census_population')).toBe(273164 + 453723 + 478553);
    expect(v('XIONGAN', 'census_population')).toBe(1205440);
    expect(v('XIONGAN', 'census_share_65plus')).toBe(
      Math.round((sum('pop_age_65plus') / 1205440) * 10000) / 100,
    );
    const hs =
      xa.reduce((s, r) => s + n(r, 'household_size') * n(r, 'family_households'), 0) /
      sum('family_households');
    expect(v('XIONGAN', 'census_household_size')).toBe(Math.round(hs * 100) / 100);
    const bd = csv.get('130600');
    expect(v('130600', 'census_population')).toBe(n(bd, 'pop_total_2020') - 1205440);
    expect(v('130600', 'census_population')).toBe(10338596);
    expect(v('130600', 'census_urban_share')).toBe(
      Math.round(((n(bd, 'pop_urban') - sum('pop_urban')) / 10338596) * 10000) / 100,
    );
  });

  it('cities and provinces use the census prefecture/province rows (with development zones)', () => {
    expect(v('130500', 'census_population')).toBe(n(csv.get('130500'), 'pop_total_2020'));
    expect(v('130000', 'census_population')).toBe(74610235);
    expect(v('110000', 'census_population')).toBe(21893095);
  });

  it('fails loudly for a county the census cannot match', () => {
    const extra: UnitInfo = { ...units.find((u) => u.code === '110101')!, code: '110199', name_zh: '测试区' };
    expect(deriveCensus(parsed.rows, [...units, extra]).problems).toEqual([
      'county 110199 测试区 has no county row in the census table',
    ]);
    const renamed = units.map((u) => (u.code === '110102' ? { ...u, name_zh: '西城' } : u));
    expect(deriveCensus(parsed.rows, renamed).problems).toEqual([
      "county 110102: census name '西城区' ≠ map name '西城'",
    ]);
  });

  it('rounds without binary drift', () => {
    expect(roundedRatio(1005, 1000, 1, 2)).toBe(1.01);
    expect(roundedRatio(1, 3, 100, 2)).toBe(33.33);
  });
});

describe.skipIf(!existsSync(CENSUS))('census derivation on the full census table', () => {
  const text = readFileSync(CENSUS, 'utf8');
  const csv = censusRows(text);
  const parsed = parseCensus(text, CENSUS);

  it('has 238 rows: 3 provinces, 13 prefectures, 222 county-level units, 23 development zones', () => {
    expect(parsed.errors).toEqual([]);
    const lv = (l: string) => parsed.rows.filter((r) => r.level === l).length;
    expect([lv('province'), lv('prefecture'), lv('county')]).toEqual([3, 13, 222]);
    expect(parsed.rows.filter((r) => r.level === 'county' && /^\d{4}7\d$/.test(r.code))).toHaveLength(23);
  });

  it('county rows add up to the province rows (as facilities/SOURCES.md §6 says)', () => {
    for (const p of ['110000', '120000', '130000']) {
      const counties = parsed.rows.filter(
        (r) => r.level === 'county' && r.code.slice(0, 2) === p.slice(0, 2),
      );
      expect(counties.reduce((s, r) => s + r.counts.pop_total_2020, 0)).toBe(n(csv.get(p), 'pop_total_2020'));
    }
  });

  it.skipIf(!existsSync(UNITS))('matches all 199 counties by code and name, Xingtai included', () => {
    const units = (JSON.parse(readFileSync(UNITS, 'utf8')) as { units: UnitInfo[] }).units;
    const d = deriveCensus(parsed.rows, units);
    expect(d.problems).toEqual([]);
    expect(units.filter((u) => u.levels.includes('county'))).toHaveLength(199);
    expect(d.unplaced).toHaveLength(23);
    expect(d.unplaced.every((r) => /^\d{4}7\d$/.test(r.code))).toBe(true);
    // Xingtai's June 2020 districts are in the census under the same codes as on the map.
    for (const [code, name] of [
      ['130502', '襄都区'],
      ['130503', '信都区'],
      ['130505', '任泽区'],
      ['130506', '南和区'],
    ]) {
      expect(csv.get(code!)?.county).toBe(name);
      expect(units.find((u) => u.code === code)?.name_zh).toBe(name);
    }
    // The tabulated 65+ share agrees with ours for every county (it is rounded to 2 decimals upstream).
    const idx = indexIndicators(d.rows);
    for (const u of units.filter((x) => x.levels.includes('county')))
      expect(valueFor(idx, u.code, 'census_share_65plus', 2020)?.value).toBeCloseTo(
        n(csv.get(u.code), 'share_65plus_pct'),
        6,
      );
  });
});

describe.skipIf(!existsSync(UNITS) || !existsSync(DATA))('data/indicators.csv covers every unit', () => {
  it('every unit in units.json has the six census-derived indicators for 2020', () => {
    const units = (JSON.parse(readFileSync(UNITS, 'utf8')) as { units: UnitInfo[] }).units;
    const { rows, errors } = parseIndicatorCsv(readFileSync(DATA, 'utf8'), DATA);
    expect(errors).toEqual([]);
    const idx = indexIndicators(rows);
    const missing: string[] = [];
    for (const u of units)
      for (const ind of Object.keys(CENSUS_INDICATORS))
        if (valueFor(idx, u.code, ind, 2020) === undefined) missing.push(`${u.code} ${ind}`);
    expect(missing).toEqual([]);
    expect(units).toHaveLength(214);
  });

  it("东城区 65+ share and Xiong'an population in the committed file", () => {
    const { rows } = parseIndicatorCsv(readFileSync(DATA, 'utf8'), DATA);
    const idx = indexIndicators(rows);
    expect(valueFor(idx, '110101', 'census_share_65plus', 2020)?.value).toBe(18.23);
    expect(valueFor(idx, 'XIONGAN', 'census_population', 2020)?.value).toBe(1205440);
  });
});
