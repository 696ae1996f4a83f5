// Rail isochrone benchmark: npx tsx tests/bench/rail.ts
// Prints (never asserts) the time of an any-origin isochrone — Dijkstra + per-cell min over stations +
// d3-contour bands + reachable units — median over the origins, against the naive way (a Turf buffer
// around each reachable station with radius = remaining minutes × road speed / detour, unioned per
// band; also with @turf/circle discs, which are cheaper than buffers), and their ratio. Also the cost
// of loading the stored grid vs rasterising it at run time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { buffer } from '@turf/buffer';
import { circle } from '@turf/circle';
import { union } from '@turf/union';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { loadRailContext, RAIL_DIR } from '../../src/cli/isochrone.ts';
import { stationTimes, weigh } from '../../src/core/rail/graph.ts';
import {
  buildAccessGrid,
  loadAccessGrid,
  type AccessGridFile,
  type GridCounty,
} from '../../src/core/rail/grid.ts';
import {
  DEFAULT_BANDS,
  isochrone,
  topologyForYear,
  type Origin,
  type RailContext,
} from '../../src/core/rail/isochrone.ts';
import { crossValidate, TRIP_SEARCH, type ErrorStats } from '../../src/core/rail/calibrate.ts';
import { ASSUMED_PARAMS, roadMinutes } from '../../src/core/rail/model.ts';
import type { CalibrationPair, Confidence, PairKind } from '../../src/core/rail/types.ts';
import { haversineKm } from '../../src/core/rail/util.ts';
import type { Areal } from '../../src/core/rail/geo.ts';

const YEAR = 2024;
const ORIGINS = 24;
const REPEAT = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

/** Every k-th in-region located station in service, plus county interior points, ORIGINS in all. */
function origins(ctx: RailContext): Origin[] {
  const topo = topologyForYear(ctx, YEAR);
  const stations = ctx.network.stations.filter((s, i) => s.lon !== null && s.in_region && topo.inService[i]);
  const picked: Origin[] = [];
  const k = Math.max(1, Math.floor(stations.length / (ORIGINS - 4)));
  for (let i = 0; i < stations.length && picked.length < ORIGINS - 4; i += k)
    picked.push({ kind: 'station', station: stations[i]! });
  const g = ctx.grid;
  for (let q = 1; picked.length < ORIGINS; q++) {
    const c = g.inside[Math.floor((q * g.inside.length) / 5)]!;
    const i = c % g.spec.nx;
    const j = Math.floor(c / g.spec.nx);
    picked.push({
      kind: 'point',
      lon: g.spec.lonMin + (i + 0.5) * g.spec.dlon,
      lat: g.spec.latMax - (j + 0.5) * g.spec.dlat,
    });
  }
  return picked;
}

type Disc = (lon: number, lat: number, km: number) => Feature<Polygon | MultiPolygon>;
const bufferDisc: Disc = (lon, lat, km) =>
  buffer({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [lon, lat] } }, km, {
    units: 'kilometers',
  })!;
const circleDisc: Disc = (lon, lat, km) => circle([lon, lat], km, { steps: 64, units: 'kilometers' });

/** The naive isochrone: discs of remaining time around each reachable station, unioned per band. */
function naive(ctx: RailContext, o: Origin, disc: Disc): Feature<Polygon | MultiPolygon>[] {
  const p = ctx.defaults;
  const g = weigh(topologyForYear(ctx, YEAR), p);
  const [lon, lat] = o.kind === 'point' ? [o.lon, o.lat] : [o.station.lon!, o.station.lat!];
  const maxBand = Math.max(...DEFAULT_BANDS);
  const seeds = ctx.network.stations.flatMap((s, i) => {
    if (s.lon === null || s.lat === null || !g.inService[i]) return [];
    const t = roadMinutes(haversineKm(lon, lat, s.lon, s.lat), p);
    return t <= maxBand ? [{ station: s.id, minutes: t }] : [];
  });
  const times = stationTimes(g, seeds);
  const out: Feature<Polygon | MultiPolygon>[] = [];
  for (const band of DEFAULT_BANDS) {
    const discs = [disc(lon, lat, (band * p.accessSpeedKmh) / 60 / p.detourFactor)];
    ctx.network.stations.forEach((s, i) => {
      const left = band - times[i]!;
      if (s.lon === null || s.lat === null || !(left > 0)) return;
      discs.push(disc(s.lon, s.lat, (left * p.accessSpeedKmh) / 60 / p.detourFactor));
    });
    const fc: FeatureCollection<Polygon | MultiPolygon> = { type: 'FeatureCollection', features: discs };
    const u = discs.length > 1 ? union(fc) : discs[0]!;
    if (u) out.push(u);
  }
  return out;
}

function main(): void {
  const [ctx, loadMs] = time(() => loadRailContext());
  const gridText = readFileSync(join(RAIL_DIR, 'access-grid.json'), 'utf8');
  const [, decodeMs] = time(() => loadAccessGrid(JSON.parse(gridText) as AccessGridFile));
  const countyFc = JSON.parse(
    readFileSync(join(RAIL_DIR, '../boundaries-county.geojson'), 'utf8'),
  ) as FeatureCollection<Areal, { code: string; name_zh: string; name_en: string }>;
  const gridFile = JSON.parse(gridText) as AccessGridFile;
  const byCode = new Map(gridFile.counties.map((c) => [c.code, c]));
  const feats = countyFc.features
    .map((f) => ({ ...f, properties: { ...(byCode.get(f.properties.code) as GridCounty) } }))
    .sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1));
  const [, rasterMs] = time(() => buildAccessGrid(feats, gridFile.cities, gridFile.cell_km));
  const os = origins(ctx);
  // Phases apart (the naive way allocates a lot; its garbage collection would land in our timings);
  // each isochrone REPEAT times, keeping the per-origin median, to damp noise from other processes.
  for (const o of os) isochrone(ctx, { origin: o, year: YEAR }); // warm-up (JIT, topology cache)
  const fast: number[] = [];
  let cells = 0;
  for (const o of os) {
    const runs: number[] = [];
    for (let r = 0; r < REPEAT; r++) {
      const [iso, ms] = time(() => isochrone(ctx, { origin: o, year: YEAR }));
      runs.push(ms);
      cells = iso.minutes.length;
    }
    fast.push(median(runs));
  }
  const slow: number[] = [];
  const circles: number[] = [];
  for (const o of os) {
    slow.push(time(() => naive(ctx, o, bufferDisc))[1]);
    circles.push(time(() => naive(ctx, o, circleDisc))[1]);
  }
  const f = median(fast);
  const s = median(slow);
  const c = median(circles);
  console.log(
    `rail isochrone bench (${YEAR}, bands ${DEFAULT_BANDS.join('/')} min, ${os.length} origins, ${ctx.grid.inside.length} cells in region of ${cells}; load average ${loadavg()[0]!.toFixed(2)})`,
  );
  console.log(
    `  load network + grid + calibration: ${loadMs.toFixed(1)} ms (grid decode ${decodeMs.toFixed(1)} ms; rasterising the grid at run time instead: ${rasterMs.toFixed(1)} ms)`,
  );
  console.log(
    `  isochrone (Dijkstra + grid min + contours + units): median ${f.toFixed(2)} ms, max ${Math.max(...fast).toFixed(2)} ms  [budget ≤ 50 ms]`,
  );
  console.log(
    `  naive (@turf/buffer per station + @turf/union):       median ${s.toFixed(2)} ms, max ${Math.max(...slow).toFixed(2)} ms`,
  );
  console.log(
    `  naive with @turf/circle discs instead of buffers:     median ${c.toFixed(2)} ms, max ${Math.max(...circles).toFixed(2)} ms`,
  );
  console.log(
    `  ratio naive / isochrone: ${(s / f).toFixed(1)}× with buffers, ${(c / f).toFixed(1)}× with circles  [target ≥ 20×]`,
  );
  console.log(
    '  (the naive way gives polygons only; the isochrone also gives per-cell minutes and population by county and city)',
  );
}

/**
 * Travel-time validation (issue 13): the calibration of build step 71 repeated on the pairs stored in
 * calibration.json, with in-sample, leave-one-out and leave-one-line-out errors and the fold spread.
 */
function validation(): void {
  interface StoredPair {
    from: string;
    to: string;
    observed: number;
    as_of: string;
    source_id: string;
    confidence: Confidence;
    bound: PairKind;
    lines: string[];
  }
  const ctx = loadRailContext();
  const cal = JSON.parse(readFileSync(join(RAIL_DIR, 'calibration.json'), 'utf8')) as { pairs: StoredPair[] };
  const pairs: CalibrationPair[] = cal.pairs.map((p) => ({
    from: p.from,
    to: p.to,
    minutes: p.observed,
    kind: p.bound,
    as_of: p.as_of,
    source_id: p.source_id,
    confidence: p.confidence,
    bound: p.bound,
    lines: p.lines,
  }));
  const t0 = performance.now();
  const cv = crossValidate(
    ctx.network,
    pairs,
    { ...ASSUMED_PARAMS, tripMin: 0, speedFactor: 1, dwellMin: 0, linkSpeedKmh: 1 },
    TRIP_SEARCH,
  );
  const ms = performance.now() - t0;
  const line = (name: string, s: ErrorStats) =>
    `  ${name.padEnd(20)} n ${s.n}: mean |error| ${s.mape.toFixed(1)} % (${s.mae.toFixed(1)} min), worst ${s.max_pct.toFixed(1)} %, bias ${s.bias_pct.toFixed(1)} %`;
  const p = cv.fit.params;
  console.log(
    `rail travel-time validation (${pairs.length} published times; fit + ${cv.loo.folds.length} + ${cv.lolo.folds.length} refits in ${(ms / 1000).toFixed(1)} s)`,
  );
  console.log(
    `  fitted: tripMin ${p.tripMin} min, speedFactor ${p.speedFactor}, dwellMin ${p.dwellMin} min, linkSpeedKmh ${p.linkSpeedKmh}`,
  );
  console.log(line('in-sample', cv.fit.stats));
  console.log(`${line('leave-one-out', cv.loo.stats)}  [target ≤ 10 %, worst ≤ 30 %]`);
  console.log(line('leave-one-line-out', cv.lolo.stats));
  console.log(
    `  spread over folds: ${Object.entries(cv.spread)
      .map(([k, [a, b]]) => `${k} ${a}–${b}`)
      .join(', ')}`,
  );
}

main();
validation();
