// Consistency of the committed data (issue 11 §4): city sums against province totals per series and
// vintage, per-capita values against counts ÷ population, unique source titles, every value's year inside
// its source's coverage, a theme for every indicator and a kind for every source, a quote for every cited
// value, and the build report accounting for every staged value.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_OUTPUTS, readIndicatorParts } from '../../data/scripts/lib/inputs.ts';
import { RAIL_SOURCE, REGISTER_SOURCE, isCitedValue } from '../../data/scripts/lib/sources.ts';
import { SOURCE_KINDS, THEMES, type IndicatorMeta, type SourceInfo } from '../../src/core/types.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const file = (f: string) => resolve(ROOT, 'data', f);
const have = DATA_OUTPUTS.every((f) => existsSync(file(f)));

/**
 * Additive series whose Hebei city values (with Xiong'an where present) should add up to Hebei's, with the
 * tolerance allowed for each vintage: census counts exactly; first-release GDP 1 % (cities and province
 * publish their first estimates separately).
 */
const SUM_TOLERANCE: Record<string, number> = { census_population: 0, gdp_first_release: 0.01, gdp: 0.02 };

/** Count, per-capita id, persons per per-capita unit, tolerance (cited per-capita values use other denominators: mid-year or average population). */
const PER_CAPITA: [string, string, number, number][] = [
  ['hospital_beds', 'beds_per_1000', 1000, 0.05],
  ['licensed_doctors', 'doctors_per_1000', 1000, 0.05],
  ['registered_nurses', 'nurses_per_1000', 1000, 0.05],
  ['health_technicians', 'health_technicians_per_1000', 1000, 0.05],
];

const HEBEI_CITIES = [
  '130100',
  '130200',
  '130300',
  '130400',
  '130500',
  '130600',
  '130700',
  '130800',
  '130900',
  '131000',
  '131100',
];

describe.skipIf(!have)('data consistency (committed files)', () => {
  const { rows, errors } = readIndicatorParts(resolve(ROOT, 'data'));
  const catalog = (JSON.parse(readFileSync(file('catalog.json'), 'utf8')) as { indicators: IndicatorMeta[] })
    .indicators;
  const sources = (JSON.parse(readFileSync(file('sources.json'), 'utf8')) as { sources: SourceInfo[] })
    .sources;
  const report = JSON.parse(readFileSync(file('build-report.json'), 'utf8')) as {
    accounting: { read: number; shown: number; rejected: number };
    rejected: { reason: string; detail: string }[];
  };
  const shown = rows.filter((r) => r.rank === 1);
  const value = new Map(shown.map((r) => [`${r.unit_code}|${r.indicator}|${r.year}`, r]));
  const get = (u: string, i: string, y: number) => value.get(`${u}|${i}|${y}`);

  it('parses cleanly', () => expect(errors).toEqual([]));

  it('Hebei city sums match the province total within the tolerance of each series and vintage', () => {
    let checked = 0;
    for (const [id, tol] of Object.entries(SUM_TOLERANCE)) {
      for (const y of new Set(shown.filter((r) => r.indicator === id).map((r) => r.year))) {
        const prov = get('130000', id, y);
        const cities = HEBEI_CITIES.map((c) => get(c, id, y));
        if (!prov || cities.some((c) => c === undefined)) continue;
        const sum = cities.reduce((s, c) => s + c!.value, 0) + (get('XIONGAN', id, y)?.value ?? 0);
        expect(
          Math.abs(sum / prov.value - 1),
          `${id} ${y}: cities ${sum} vs Hebei ${prov.value}`,
        ).toBeLessThanOrEqual(tol + 1e-12);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2); // census 2020 and first-release GDP 2013 at least
  });

  it('keeps one GDP vintage per series: Hebei city first releases of 2016 are not in the revised gdp series', () => {
    for (const c of HEBEI_CITIES) expect(get(c, 'gdp', 2016), c).toBeUndefined();
    // Beijing 2013 in gdp is the 4th-census vintage of the NBS export (21,134.6), never the 3rd-census 19,800.8.
    expect(get('110000', 'gdp', 2013)?.value).toBe(21134.6);
    expect(get('110000', 'gdp_3rd_census_revision', 2013)?.value).toBe(19800.8);
  });

  it('per-capita values agree with counts ÷ population (computed ones exactly)', () => {
    let checked = 0;
    for (const [count, per, scale, tol] of PER_CAPITA) {
      for (const r of shown.filter((x) => x.indicator === per)) {
        const n = get(r.unit_code, count, r.year);
        const pop = get(r.unit_code, 'resident_population', r.year);
        if (!n || !pop) continue;
        const expected = (n.value / (pop.value * 10_000)) * scale;
        const t = r.note.startsWith('computed') ? 0.005 / r.value : tol;
        expect(
          Math.abs(r.value / expected - 1),
          `${r.unit_code} ${per} ${r.year}: ${r.value} vs ${expected}`,
        ).toBeLessThanOrEqual(t);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  it('no two sources share a title; every source has a kind and a publisher', () => {
    const titles = sources.map((s) => s.title);
    expect(new Set(titles).size).toBe(titles.length);
    for (const s of sources) {
      expect(SOURCE_KINDS, s.id).toContain(s.kind);
      expect(s.publisher ?? '', s.id).not.toBe('');
      expect(s.title, s.id).not.toMatch(/\bI (identified|read)\b/);
    }
  });

  it("every value's year lies inside its source's coverage", () => {
    const byId = new Map(sources.map((s) => [s.id, s]));
    for (const r of rows) {
      const cov = byId.get(r.source_id)?.coverage;
      expect(cov, r.source_id).toBeDefined();
      expect(r.year, `${r.unit_code} ${r.indicator} ${r.source_id}`).toBeGreaterThanOrEqual(cov![0]);
      expect(r.year, `${r.unit_code} ${r.indicator} ${r.source_id}`).toBeLessThanOrEqual(cov![1]);
    }
  });

  it('every indicator has a theme; every cited value keeps its quote; computed values say so', () => {
    for (const m of catalog) expect(THEMES, m.id).toContain(m.theme);
    for (const r of rows) {
      if (!isCitedValue(r)) continue;
      expect(r.quote ?? '', `${r.unit_code} ${r.indicator} ${r.year} ${r.source_id}`).not.toBe('');
    }
    for (const r of rows.filter((x) => x.source_id === RAIL_SOURCE.id || x.source_id === REGISTER_SOURCE.id))
      expect(catalog.find((m) => m.id === r.indicator)?.kind).toBe('derived');
  });

  it('the build report accounts for every staged value: shown or rejected with a reason', () => {
    expect(report.accounting.read).toBe(report.accounting.shown + report.accounting.rejected);
    expect(report.rejected).toHaveLength(report.accounting.rejected);
    for (const r of report.rejected) {
      expect(['duplicate', 'definition break', 'weak copy', 'partial year', 'not a map unit']).toContain(
        r.reason,
      );
      expect(r.detail).not.toBe('');
    }
  });
});
