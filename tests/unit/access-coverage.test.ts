// Travel to facilities, coverage and the whole accessibility run on the real grid, network and hospital
// points (skipped when geo/build has not been built).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRailContext } from '../../src/cli/isochrone.ts';
import {
  accessibility,
  accessIndicatorRows,
  cellFacilityPairs,
  confidenceFrom,
  coverage,
  nearestFacilityMinutes,
  pointFacilityPairs,
  supplyPoints,
  travelSetup,
  unitLayout,
  type CompletenessFile,
  type FacilityCollection,
  type SupplyPoint,
  type TravelSetup,
} from '../../src/core/access/index.ts';
import { cellCenter, type AccessGridFile } from '../../src/core/rail/grid.ts';
import type { RailContext } from '../../src/core/rail/isochrone.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILD = join(ROOT, 'geo/build');
const built =
  existsSync(join(BUILD, 'rail/access-grid.json')) && existsSync(join(BUILD, 'facilities/hospital.geojson'));
const read = <T>(rel: string): T => JSON.parse(readFileSync(join(BUILD, rel), 'utf8')) as T;

describe.skipIf(!built)('access on the real grid and hospital points (needs geo/build)', () => {
  const ctx: RailContext = built ? loadRailContext() : (null as unknown as RailContext);
  const hospitals: SupplyPoint[] = built
    ? supplyPoints(read<FacilityCollection>('facilities/hospital.geojson'), 'hospital')
    : [];
  const layout = built ? unitLayout(ctx.grid) : null!;
  const road: TravelSetup = built ? travelSetup(ctx, { mode: 'road', year: 2024 }) : null!;
  const rail: TravelSetup = built ? travelSetup(ctx, { mode: 'rail', year: 2024 }) : null!;

  it('coverage share never falls as the threshold grows (every unit, road and rail)', () => {
    for (const setup of [road, rail]) {
      const field = { minutes: nearestFacilityMinutes(setup, hospitals, 120), cap: 120 };
      let prev = coverage(ctx.grid, layout, field, 5);
      for (let t = 10; t <= 120; t += 5) {
        const cur = coverage(ctx.grid, layout, field, t);
        cur.forEach((u, k) =>
          expect(u.value, `${u.code} at ${t} min`).toBeGreaterThanOrEqual(prev[k]!.value),
        );
        prev = cur;
      }
      const region = prev.at(-1)!;
      expect(region.level).toBe('region');
      expect(region.value).toBeGreaterThan(0.5);
      expect(region.value).toBeLessThanOrEqual(1);
    }
  });

  it('counts the grid’s placed population (census 2020 spread over cells)', () => {
    const placed = read<AccessGridFile>('rail/access-grid.json').population.placed;
    const field = { minutes: nearestFacilityMinutes(road, hospitals, 60), cap: 60 };
    const region = coverage(ctx.grid, layout, field, 60).at(-1)!;
    expect(Math.abs(region.population - placed)).toBeLessThan(1);
    expect(() => coverage(ctx.grid, layout, field, 61)).toThrow(/cap/);
  });

  it('is never slower with rail than by road alone', () => {
    const a = nearestFacilityMinutes(road, hospitals, 90);
    const b = nearestFacilityMinutes(rail, hospitals, 90);
    let faster = 0;
    for (const c of ctx.grid.inside) {
      if (a[c]! <= 90) expect(b[c]!).toBeLessThanOrEqual(a[c]! + 1e-4);
      if (b[c]! < a[c]! - 1) faster++;
    }
    expect(faster).toBeGreaterThan(0);
  });

  it('gives per-facility pairs whose minimum per cell is the nearest-facility field (road and rail)', () => {
    for (const setup of [road, rail]) {
      const pairs = cellFacilityPairs(setup, hospitals, 45);
      const best = new Float32Array(ctx.grid.unit.length).fill(Infinity);
      for (let k = 0; k < pairs.length; k++)
        best[pairs.demand[k]!] = Math.min(best[pairs.demand[k]!]!, pairs.minutes[k]!);
      const field = nearestFacilityMinutes(setup, hospitals, 45);
      let checked = 0;
      for (const c of ctx.grid.inside) {
        if (field[c]! <= 45 || best[c]! <= 45) {
          expect(Math.abs(best[c]! - field[c]!), `${setup.mode} cell ${c}`).toBeLessThan(1e-3);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(1000);
    }
  });

  it('times a point at a cell centre like that cell', () => {
    const { nx } = ctx.grid.spec;
    const some = cellFacilityPairs(road, hospitals, 90); // cells with a hospital within 90 min by road
    const cells = [0, 0.5, 0.99].map((q) => some.demand[Math.floor(q * (some.length - 1))]!);
    const pts = cells.map((c) => {
      const [lon, lat] = cellCenter(ctx.grid.spec, c % nx, Math.floor(c / nx));
      return { lon, lat };
    });
    for (const setup of [road, rail]) {
      const byCell = cellFacilityPairs(setup, hospitals, 90);
      const byPoint = pointFacilityPairs(setup, pts, hospitals, 90);
      cells.forEach((c, i) => {
        const want = new Map<number, number>();
        for (let k = 0; k < byCell.length; k++)
          if (byCell.demand[k] === c) want.set(byCell.supply[k]!, byCell.minutes[k]!);
        const got = new Map<number, number>();
        for (let k = 0; k < byPoint.length; k++)
          if (byPoint.demand[k] === i) got.set(byPoint.supply[k]!, byPoint.minutes[k]!);
        // Cells use the grid's local planar distance (as rail cellMinutes), points haversine: ≪ 1 % apart.
        const close = (a: number | undefined, b: number) =>
          a !== undefined && Math.abs(a - b) < 0.002 * b + 1e-3;
        for (const [j, t] of got) if (t < 89) expect(close(want.get(j), t), `${setup.mode} ${j}`).toBe(true);
        for (const [j, t] of want) if (t < 89) expect(close(got.get(j), t), `${setup.mode} ${j}`).toBe(true);
        expect(got.size).toBeGreaterThan(0);
      });
    }
  });

  it('runs E2SFCA for all counties with scores, shares and equity in range, inputs untouched', () => {
    const before = structuredClone(hospitals);
    const popSum = ctx.grid.pop.reduce((t, x) => t + x, 0);
    const r = accessibility(rail, layout, hospitals, {
      method: 'e2sfca',
      decay: 'step',
      catchment: 60,
      supply: 'count',
    });
    expect(r.counties.length).toBe(ctx.grid.counties.length);
    for (const c of r.counties) {
      expect(c.score).not.toBeNull();
      expect(c.score!).toBeGreaterThanOrEqual(0);
      expect(c.share_within).toBeGreaterThanOrEqual(0);
      expect(c.share_within).toBeLessThanOrEqual(1);
    }
    const { region, provinces } = r.equity;
    expect(region.gini!).toBeGreaterThan(0);
    expect(region.gini!).toBeLessThan(1);
    expect(provinces.map((p) => p.code)).toEqual(['110000', '120000', '130000']);
    expect(Math.abs(r.equity.theil_between! + r.equity.theil_within! - region.theil!)).toBeLessThan(1e-9);
    expect(hospitals).toEqual(before);
    expect(ctx.grid.pop.reduce((t, x) => t + x, 0)).toBe(popSum);
  });

  it('with beds as supply, gives no score where a hospital without beds is in reach', () => {
    const r = accessibility(road, layout, hospitals, {
      method: '2sfca',
      decay: 'step',
      catchment: 30,
      supply: 'beds',
    });
    expect(r.facilities.capacity_missing).toBeGreaterThan(0);
    const dongcheng = r.counties.find((c) => c.code === '110101')!; // Beijing hospitals have no beds
    expect(dongcheng.score).toBeNull();
    expect(r.equity.region.no_data).toBeGreaterThan(0);
  });

  it('gives indicator rows for every unit with a value, with method text and confidence', () => {
    const r = accessibility(road, layout, hospitals, {
      method: '2sfca',
      decay: 'step',
      catchment: 30,
      supply: 'count',
    });
    const conf = confidenceFrom(read<CompletenessFile>('facilities/completeness.json').rows, 'hospital');
    const rows = accessIndicatorRows(r, { service: 'hospital', year: 2024, confidence: conf });
    const ids = [...new Set(rows.map((x) => x.indicator))];
    expect(ids).toEqual(['access_hospital_2sfca_30min', 'coverage_hospital_30min']);
    expect(rows.every((x) => Number.isFinite(x.value) && x.method.length > 20 && x.year === 2024)).toBe(true);
    expect(rows.filter((x) => x.unit_code === 'JJJ').length).toBe(2);
    expect(rows.find((x) => x.unit_code === 'XIONGAN')).toBeDefined();
  });

  it('also runs with one demand point per county', () => {
    const r = accessibility(road, layout, hospitals, {
      method: 'e2sfca',
      decay: 'gaussian',
      catchment: 60,
      supply: 'count',
      demand: 'county-points',
    });
    expect(r.method).toMatch(/one population-weighted point per county/);
    expect(r.equity.region.gini!).toBeGreaterThan(0);
  });
});
