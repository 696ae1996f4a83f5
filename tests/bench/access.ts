// Accessibility benchmark: npx tsx tests/bench/access.ts
// Prints (never asserts), as the median of REPEAT runs after one warm-up: 2SFCA / E2SFCA for all
// counties × all hospital points (scores only, and the full run with coverage and equity), by road and
// by road + rail, with grid-cell demand and with one point per county; the coverage recompute after a
// threshold change; and the raw / gzip sizes of geo/build/facilities. Budget (DESIGN.md): ≤ 100 ms.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { loadRailContext } from '../../src/cli/isochrone.ts';
import {
  accessibility,
  cellFacilityPairs,
  countySums,
  coverage,
  nearestFacilityMinutes,
  rollUp,
  supplyPoints,
  travelSetup,
  twoStepFca,
  unitLayout,
  weightFunction,
  type AccessOptions,
  type FacilityCollection,
  type SupplyPoint,
  type TravelSetup,
  type UnitLayout,
  type UnitName,
} from '../../src/core/access/index.ts';

const ROOT = join(import.meta.dirname, '../..');
const FACILITIES = join(ROOT, 'geo/build/facilities');
const REPEAT = 9;
const YEAR = 2024;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Median and max of REPEAT timed runs after one warm-up run. */
function bench(f: () => unknown): { med: number; max: number } {
  f();
  const ts: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return { med: median(ts), max: Math.max(...ts) };
}

const fmt = (r: { med: number; max: number }) => `median ${r.med.toFixed(1)} ms (max ${r.max.toFixed(1)})`;

/** Pairs + both steps + county means: the 2SFCA part alone. */
function scoresOnly(
  setup: TravelSetup,
  layout: UnitLayout,
  pts: SupplyPoint[],
  o: AccessOptions,
): Float64Array {
  const pairs = cellFacilityPairs(setup, pts, o.catchment);
  const cap = new Float64Array(pts.length).fill(1);
  const { access } = twoStepFca(pairs, setup.grid.pop, cap, weightFunction(o));
  return rollUp(
    layout,
    countySums(setup.grid, (c) => access[c]!),
  ).county;
}

function main(): void {
  const t0 = performance.now();
  const ctx = loadRailContext();
  const fc = JSON.parse(readFileSync(join(FACILITIES, 'hospital.geojson'), 'utf8')) as FacilityCollection;
  const hospitals = supplyPoints(fc, 'hospital');
  const units = JSON.parse(readFileSync(join(ROOT, 'geo/build/units.json'), 'utf8')) as { units: UnitName[] };
  const layout = unitLayout(ctx.grid, new Map(units.units.map((u) => [u.code, u])));
  console.log(
    `loaded in ${(performance.now() - t0).toFixed(0)} ms: ${ctx.grid.inside.length} cells, ${ctx.grid.counties.length} counties, ${hospitals.length} hospitals; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const o: AccessOptions = { method: 'e2sfca', decay: 'step', catchment: 60, supply: 'count' };
  for (const mode of ['road', 'rail'] as const) {
    console.log(
      `\n${mode === 'road' ? 'road only' : `road + rail (${YEAR} network)`}, E2SFCA, catchment 60 min`,
    );
    console.log(
      `  travel setup (station matrix):      ${fmt(bench(() => travelSetup(ctx, { mode, year: YEAR })))}`,
    );
    const setup = travelSetup(ctx, { mode, year: YEAR });
    const pairs = cellFacilityPairs(setup, hospitals, 60).length;
    console.log(
      `  2SFCA scores, cell demand:          ${fmt(bench(() => scoresOnly(setup, layout, hospitals, o)))}, ${pairs} pairs`,
    );
    const full = bench(() => accessibility(setup, layout, hospitals, o));
    console.log(`  full run (scores+coverage+equity):  ${fmt(full)}  (budget 100 ms)`);
    const pts = bench(() => accessibility(setup, layout, hospitals, { ...o, demand: 'county-points' }));
    console.log(`  full run, one point per county:     ${fmt(pts)}`);
    const field = bench(() => nearestFacilityMinutes(setup, hospitals, 120));
    console.log(`  nearest-hospital field (cap 120):   ${fmt(field)}`);
    const f = { minutes: nearestFacilityMinutes(setup, hospitals, 120), cap: 120 };
    let t = 30;
    const cov = bench(() => coverage(ctx.grid, layout, f, (t = t === 30 ? 45 : 30)));
    console.log(`  coverage after a threshold change:  ${fmt(cov)}`);
    const r = accessibility(setup, layout, hospitals, o);
    const g = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
    console.log(
      `  Gini / Theil region ${g(r.equity.region.gini)} / ${g(r.equity.region.theil)}; ${r.equity.provinces
        .map((p) => `${p.name_en} ${g(p.gini)} / ${g(p.theil)}`)
        .join('; ')}`,
    );
  }
  console.log('\nfacility files (geo/build/facilities): raw / gzip -9 bytes');
  let raw = 0;
  let gz = 0;
  for (const name of readdirSync(FACILITIES).sort()) {
    const buf = readFileSync(join(FACILITIES, name));
    const z = gzipSync(buf, { level: 9 }).length;
    raw += buf.length;
    gz += z;
    console.log(`  ${name.padEnd(22)} ${String(buf.length).padStart(8)} / ${String(z).padStart(6)}`);
  }
  console.log(`  ${'total'.padEnd(22)} ${String(raw).padStart(8)} / ${String(gz).padStart(6)}`);
}

main();
