// The fast road walk of 2SFCA / E2SFCA (src/core/access/cell-fca.ts) against the (cell, facility) pair
// list it replaces (travel.ts cellFacilityPairs + fca.ts twoStepFca), on the real grid: random small
// facility sets (seeded), every method and decay, odd catchments, unknown capacities, points stacked on
// one spot, on cell edges and outside the region; and the built facility files.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRailContext } from '../../src/cli/isochrone.ts';
import {
  accessibility,
  accessJobReport,
  type AccessOptions,
  type AccessReport,
} from '../../src/core/access/analysis.ts';
import { roadCellFca } from '../../src/core/access/cell-fca.ts';
import { supplyPoints } from '../../src/core/access/facilities.ts';
import { twoStepFca, weightFunction, weightZones, type FcaOptions } from '../../src/core/access/fca.ts';
import { cellFacilityPairs, nearestFacilityMinutes, travelSetup } from '../../src/core/access/travel.ts';
import type { FacilityCollection, SupplyPoint } from '../../src/core/access/types.ts';
import { unitLayout, type UnitName } from '../../src/core/access/units.ts';
import { cellCenter } from '../../src/core/rail/grid.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ctx = loadRailContext();
const setup = travelSetup(ctx, { mode: 'road', year: 2024 });
const units = JSON.parse(readFileSync(join(ROOT, 'geo/build/units.json'), 'utf8')) as { units: UnitName[] };
const layout = unitLayout(ctx.grid, new Map(units.units.map((u) => [u.code, u])));

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random facilities over (and a little beyond) the region, some on cell centres, edges, or stacked. */
function randomFacilities(seed: number, n: number): SupplyPoint[] {
  const r = rng(seed);
  const { spec } = ctx.grid;
  const out: SupplyPoint[] = [];
  for (let k = 0; k < n; k++) {
    let lon = spec.lonMin - 0.2 + r() * (spec.nx * spec.dlon + 0.4);
    let lat = spec.latMax + 0.2 - r() * (spec.ny * spec.dlat + 0.4);
    const kind = r();
    if (kind < 0.15 && out.length)
      [lon, lat] = [out.at(-1)!.lon, out.at(-1)!.lat]; // stacked
    else if (kind < 0.3) [lon, lat] = cellCenter(spec, Math.floor(r() * spec.nx), Math.floor(r() * spec.ny));
    else if (kind < 0.4) lon = spec.lonMin + Math.round((lon - spec.lonMin) / spec.dlon) * spec.dlon; // edge
    const capacity = r() < 0.1 ? NaN : Math.round(r() * 800);
    out.push({ id: `r${k}`, name: `r${k}`, lon, lat, capacity });
  }
  return out;
}

const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

/** Same finite values to 1e-9 relative, NaN in the same places. */
function expectClose(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  const wrong: number[] = [];
  for (let k = 0; k < a.length; k++) {
    if (Number.isNaN(a[k]!) !== Number.isNaN(b[k]!) || (a[k] === 0) !== (b[k] === 0)) wrong.push(k);
    else if (!Number.isNaN(a[k]!)) worst = Math.max(worst, rel(a[k]!, b[k]!));
  }
  expect(wrong, 'NaN or exact 0 in other places').toEqual([]);
  expect(worst).toBeLessThan(1e-9);
}

function expectSameReport(fast: AccessReport, pairs: AccessReport): void {
  expect(fast.pairs).toBe(pairs.pairs);
  expect(fast.coverage).toEqual(pairs.coverage);
  expectClose(
    fast.scores.map((s) => s.value),
    pairs.scores.map((s) => s.value),
  );
  const eq = (s: AccessReport) => [s.equity.region.gini ?? NaN, s.equity.region.theil ?? NaN];
  expectClose(eq(fast), eq(pairs));
  expect(fast.counties.map((c) => c.share_within)).toEqual(pairs.counties.map((c) => c.share_within));
}

const OPTIONS: FcaOptions[] = [
  { method: '2sfca', decay: 'step', catchment: 30 },
  { method: 'e2sfca', decay: 'step', catchment: 60 },
  { method: 'e2sfca', decay: 'step', catchment: 17.5 },
  { method: 'e2sfca', decay: 'gaussian', catchment: 45 },
  { method: '2sfca', decay: 'step', catchment: 7 },
];

describe('fast road walk = pair list', () => {
  it('per cell and per facility, on random sets (both steps, every method)', () => {
    for (const [k, o] of OPTIONS.entries()) {
      const facilities = randomFacilities(100 + k, 60);
      const cap = Float64Array.from(facilities, (f, j) => (j % 2 ? f.capacity : 1));
      const weight = weightFunction(o);
      const fast = roadCellFca(setup, facilities, cap, weight, o.catchment, weightZones(o));
      const list = cellFacilityPairs(setup, facilities, o.catchment);
      const ref = twoStepFca(list, setup.grid.pop, cap, weight);
      expect(fast.pairs).toBe(list.length);
      expectClose(fast.ratio, ref.ratio);
      expectClose(fast.access, ref.access);
      // "within" = the nearest facility is within the catchment.
      const nearest = nearestFacilityMinutes(setup, facilities, o.catchment);
      const differ = [...setup.grid.inside].filter(
        (c) => fast.within[c] !== (nearest[c]! <= o.catchment ? 1 : 0),
      );
      expect(differ).toEqual([]);
      // The Gaussian path walks the very same pairs in the same order: bit for bit.
      if (o.decay === 'gaussian') {
        expect(fast.access).toEqual(ref.access);
        expect(fast.ratio).toEqual(ref.ratio);
      }
    }
  });

  it('whole reports on random sets, facility counts and beds', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const o: AccessOptions = { ...OPTIONS[seed % OPTIONS.length]!, supply: seed % 2 ? 'count' : 'beds' };
      const facilities = randomFacilities(seed, 5 + seed * 15);
      expectSameReport(
        accessibility(setup, layout, facilities, o),
        accessibility(setup, layout, facilities, o, { pairList: true }),
      );
    }
  });

  it('the built facility files give the same reports', () => {
    for (const type of ['hospital', 'university'] as const) {
      const fc = JSON.parse(
        readFileSync(join(ROOT, `geo/build/facilities/${type}.geojson`), 'utf8'),
      ) as FacilityCollection;
      const points = supplyPoints(fc, type);
      for (const o of [OPTIONS[0]!, OPTIONS[1]!]) {
        const run = (pairList: boolean) =>
          accessibility(setup, layout, points, { ...o, supply: 'beds' }, { pairList });
        expectSameReport(run(false), run(true));
      }
    }
  });

  it('no facilities, and facilities all outside the region', () => {
    const o = OPTIONS[1]!;
    const far: SupplyPoint[] = [{ id: 'x', name: 'x', lon: 100, lat: 20, capacity: 5 }];
    for (const facilities of [[], far]) {
      const r = roadCellFca(setup, facilities, [5], weightFunction(o), 60, weightZones(o));
      expect(r.pairs).toBe(0);
      expect(r.access.every((x) => x === 0)).toBe(true);
    }
  });

  it('reports progress up to the end', () => {
    const seen: [number, number][] = [];
    const facilities = randomFacilities(9, 3000);
    const o = OPTIONS[1]!;
    roadCellFca(
      setup,
      facilities,
      new Float64Array(3000).fill(1),
      weightFunction(o),
      60,
      weightZones(o),
      (d, t) => seen.push([d, t]),
    );
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toEqual([6000, 6000]);
    expect(seen.every(([d], k) => k === 0 || d >= seen[k - 1]![0])).toBe(true);
  });

  it('a job for the worker survives structured cloning and gives the same report', () => {
    const facilities = randomFacilities(21, 80);
    const options: AccessOptions = { method: 'e2sfca', decay: 'step', catchment: 60, supply: 'beds' };
    const job = structuredClone({
      setup,
      layout,
      lon: Float64Array.from(facilities, (f) => f.lon),
      lat: Float64Array.from(facilities, (f) => f.lat),
      capacity: Float64Array.from(facilities, (f) => f.capacity),
      options,
    });
    const seen: number[] = [];
    const viaJob = accessJobReport(job, (d) => seen.push(d));
    expect(JSON.stringify(viaJob)).toBe(JSON.stringify(accessibility(setup, layout, facilities, options)));
    expect(seen.at(-1)).toBe(160);
  });
});
