/**
 * Isochrones ("1-hour circle") from any origin:
 * 1. access: from the origin point to every station in service by road (straight line × detour /
 *    road speed); a station origin is its own point, so it starts at 0 there;
 * 2. Dijkstra over the network open at the end of the year (graph.ts) from those seeds;
 * 3. per grid cell: min over stations (t_station + egress by road), and direct road from the origin;
 *    each station only touches the cells its remaining time can reach (a box of rows × columns);
 * 4. bands (default 30/60/90 min) contoured with d3-contour (marching squares, linear interpolation)
 *    into nested MultiPolygons in lon/lat; reachable counties and cities with population per band.
 */
import { contours } from 'd3-contour';
import type { Feature, FeatureCollection, MultiPolygon, Position } from 'geojson';
import { buildTopology, stationTimes, weigh, type RailTopology } from './graph.ts';
import { forEachCellWithin, type AccessGrid } from './grid.ts';
import { assertParams, roadMinutes, validateBands, type TravelParams } from './model.ts';
import type { RailNetworkData, RailStation } from './types.ts';
import { haversineKm, KM_PER_DEG, round, yearEnd } from './util.ts';

export const DEFAULT_BANDS: readonly number[] = [30, 60, 90];

/** Everything an isochrone needs, loaded once. */
export interface RailContext {
  network: RailNetworkData;
  grid: AccessGrid;
  /** Calibrated defaults (calibration.json). */
  defaults: TravelParams;
  topologies: Map<string, RailTopology>;
}

/**
 * @example const ctx = railContext(network, loadAccessGrid(gridFile), calibration.params);
 */
export function railContext(network: RailNetworkData, grid: AccessGrid, defaults: TravelParams): RailContext {
  return { network, grid, defaults: assertParams(defaults), topologies: new Map() };
}

/**
 * The graph structure of the network at the end of a year (cached on the context).
 * @example weigh(topologyForYear(ctx, 2024), ctx.defaults) // the weighted graph of 2024
 */
export function topologyForYear(ctx: RailContext, year: number): RailTopology {
  const date = yearEnd(year);
  let t = ctx.topologies.get(date);
  if (!t) ctx.topologies.set(date, (t = buildTopology(ctx.network, date)));
  return t;
}

export type Origin = { kind: 'station'; station: RailStation } | { kind: 'point'; lon: number; lat: number };

function originPoint(o: Origin): [number, number] {
  return o.kind === 'point' ? [o.lon, o.lat] : [o.station.lon!, o.station.lat!];
}

export interface ReachedStation {
  id: string;
  name_zh: string;
  name_en: string;
  minutes: number;
}

export interface UnitReach {
  code: string;
  name_zh: string;
  name_en: string;
  /** Residents within the band, and of the whole unit (placed on the grid). */
  population: number;
  total: number;
  share: number;
}

export interface BandSummary {
  minutes: number;
  cells: number;
  population: number;
  counties: UnitReach[];
  cities: UnitReach[];
}

export interface IsochroneResult {
  year: number;
  params: TravelParams;
  bands: number[];
  origin: { lon: number; lat: number; station: string | null };
  /** Stations reachable within the largest band, fastest first. */
  stations: ReachedStation[];
  /** Minutes per grid cell (Infinity: beyond the largest band; NaN: outside the region). */
  minutes: Float32Array;
  polygons: FeatureCollection<MultiPolygon, { minutes: number; population: number }>;
  summary: BandSummary[];
}

export interface IsochroneRequest {
  origin: Origin;
  year: number;
  bands?: readonly number[];
  params?: TravelParams;
}

/** Minutes to every station: road access from the origin point, then rail. */
function stationMinutes(ctx: RailContext, req: IsochroneRequest, p: TravelParams, cap: number): Float64Array {
  const g = weigh(topologyForYear(ctx, req.year), p);
  const [lon, lat] = originPoint(req.origin);
  const seeds = ctx.network.stations.flatMap((s, i) => {
    if (s.lon === null || s.lat === null || !g.inService[i]) return [];
    const t = roadMinutes(haversineKm(lon, lat, s.lon, s.lat), p);
    return t <= cap ? [{ station: s.id, minutes: t }] : [];
  });
  return seeds.length > 0
    ? stationTimes(g, seeds)
    : new Float64Array(ctx.network.stations.length).fill(Infinity);
}

/**
 * Minutes per cell: the min over sources (lon, lat, start minutes) of start + road time, for the cells
 * within `cap` minutes (Infinity beyond, NaN outside the region). Only the rows and columns a source's
 * remaining time can reach are visited.
 * @example cellMinutes(grid, [[116.32, 39.89, 0], [117.2, 39.13, 38]], params, 100)
 */
export function cellMinutes(
  grid: AccessGrid,
  sources: readonly (readonly [number, number, number])[],
  p: TravelParams,
  cap: number,
): Float32Array {
  const f = new Float32Array(grid.spec.nx * grid.spec.ny).fill(Infinity);
  const kmPerMin = p.accessSpeedKmh / 60 / p.detourFactor; // straight-line km per minute
  for (const [lon, lat, t0] of sources) {
    if (!(t0 < cap)) continue;
    forEachCellWithin(grid, lon, lat, (cap - t0) * kmPerMin, (c, km) => {
      const t = t0 + km / kmPerMin;
      if (t < f[c]!) f[c] = t;
    });
  }
  for (let c = 0; c < f.length; c++) if (grid.unit[c] === 0) f[c] = NaN;
  return f;
}

/** Signed area (lon/lat, ×2) of a ring: > 0 counter-clockwise. */
function ringArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return s;
}

/** Window of grid cells to contour: rows/columns [i0, i1] × [j0, j1]. */
interface Window {
  i0: number;
  j0: number;
  w: number;
  h: number;
}

/** d3-contour coordinates in a window (pixel edges at integers) → lon/lat, RFC 7946 winding. */
function toLonLat(grid: AccessGrid, win: Window, mp: number[][][][]): Position[][][] {
  const { lonMin, latMax, dlon, dlat } = grid.spec;
  return mp.map((poly) =>
    poly.map((ring, k) => {
      const r = ring.map(([x, y]) => [
        round(lonMin + (x! + win.i0) * dlon, 5),
        round(latMax - (y! + win.j0) * dlat, 5),
      ]);
      const ccw = ringArea2(r) > 0;
      return ccw === (k === 0) ? r : r.reverse();
    }),
  );
}

/**
 * Per threshold, the bbox of the cells at or below it plus one cell: every cell whose value can move
 * that contour is inside, so contouring the window gives the same rings as the whole grid.
 */
function windowsOf(grid: AccessGrid, field: Float32Array, thresholds: readonly number[]): (Window | null)[] {
  const { nx, ny } = grid.spec;
  const n = thresholds.length;
  const box = Array.from({ length: n }, () => [nx, ny, -1, -1]);
  const top = Math.max(...thresholds);
  for (let j = 0; j < ny; j++) {
    for (let i = 0, c = j * nx; i < nx; i++, c++) {
      const t = field[c]!;
      if (!(t <= top)) continue;
      for (let k = 0; k < n; k++) {
        if (t > thresholds[k]!) continue;
        const b = box[k]!;
        if (i < b[0]!) b[0] = i;
        if (j < b[1]!) b[1] = j;
        if (i > b[2]!) b[2] = i;
        b[3] = j;
      }
    }
  }
  return box.map(([i0, j0, i1, j1]) => {
    if (i1! < 0) return null;
    const x0 = Math.max(0, i0! - 1);
    const y0 = Math.max(0, j0! - 1);
    return { i0: x0, j0: y0, w: Math.min(nx - 1, i1! + 1) - x0 + 1, h: Math.min(ny - 1, j1! + 1) - y0 + 1 };
  });
}

/**
 * Contour a cell field into one MultiPolygon per threshold: the area where field ≤ threshold.
 * Cells outside the region or beyond `cap` count as `cap`, so the polygons stop at the region edge.
 * Each threshold is contoured on its own window (the rest of the grid cannot change its rings).
 * @example contourBands(grid, minutes, [30, 60], 75).map((p) => p.coordinates.length)
 */
export function contourBands(
  grid: AccessGrid,
  field: Float32Array,
  thresholds: readonly number[],
  cap: number,
): MultiPolygon[] {
  const { nx } = grid.spec;
  const wins = windowsOf(grid, field, thresholds);
  return thresholds.map((threshold, k): MultiPolygon => {
    const win = wins[k];
    if (!win) return { type: 'MultiPolygon', coordinates: [] };
    const v = new Float64Array(win.w * win.h);
    for (let y = 0; y < win.h; y++) {
      for (let x = 0; x < win.w; x++) {
        const t = field[(y + win.j0) * nx + x + win.i0]!;
        v[y * win.w + x] = -(Number.isFinite(t) ? Math.min(t, cap) : cap); // d3 keeps values ≥ threshold: negate
      }
    }
    // d3 only indexes the values, so the typed array can be passed as is.
    const m = contours()
      .size([win.w, win.h])
      .smooth(true)
      .contour(v as unknown as number[], -threshold);
    return { type: 'MultiPolygon', coordinates: toLonLat(grid, win, m.coordinates) };
  });
}

/**
 * Population within each of `bands` (minutes, ascending), per county and city, from a cell field — one
 * pass over the cells.
 * @example summarizeBands(grid, iso.minutes, [30, 60])[1].population // residents within 60 min
 */
export function summarizeBands(
  grid: AccessGrid,
  field: Float32Array,
  bands: readonly number[],
): BandSummary[] {
  const nb = bands.length;
  const nc = grid.counties.length;
  const byCounty = new Float64Array(nb * nc); // residents whose cell is in band b exactly (not cumulative)
  const cellsIn = new Int32Array(nb);
  const last = bands[nb - 1]!;
  const inside = grid.inside;
  for (let n = 0; n < inside.length; n++) {
    const c = inside[n]!;
    const t = field[c]!;
    if (!(t <= last)) continue;
    let b = 0;
    while (t > bands[b]!) b++;
    byCounty[b * nc + grid.unit[c]! - 1]! += grid.pop[c]!;
    cellsIn[b]!++;
  }
  for (let b = 1; b < nb; b++) {
    for (let k = 0; k < nc; k++) byCounty[b * nc + k]! += byCounty[(b - 1) * nc + k]!;
    cellsIn[b]! += cellsIn[b - 1]!;
  }
  return bands.map((minutes, b) =>
    summaryOf(grid, minutes, cellsIn[b]!, byCounty.subarray(b * nc, (b + 1) * nc)),
  );
}

function summaryOf(grid: AccessGrid, minutes: number, cells: number, byCounty: Float64Array): BandSummary {
  const byCity = new Float64Array(grid.cities.length);
  const cityTotal = new Float64Array(grid.cities.length);
  grid.counties.forEach((c, k) => {
    byCity[grid.countyCity[k]!]! += byCounty[k]!;
    cityTotal[grid.countyCity[k]!]! += c.population;
  });
  const reach = (
    u: { code: string; name_zh: string; name_en: string },
    pop: number,
    total: number,
  ): UnitReach => ({
    code: u.code,
    name_zh: u.name_zh,
    name_en: u.name_en,
    population: Math.round(pop),
    total,
    share: total > 0 ? round(pop / total, 4) : 0,
  });
  const counties = grid.counties.flatMap((c, k) =>
    byCounty[k]! > 0 ? [reach(c, byCounty[k]!, c.population)] : [],
  );
  const cities = grid.cities.flatMap((c, k) => (byCity[k]! > 0 ? [reach(c, byCity[k]!, cityTotal[k]!)] : []));
  const population = Math.round(byCounty.reduce((t, x) => t + x, 0));
  return { minutes, cells, population, counties, cities };
}

/** Margin beyond the largest band so the contour of that band can interpolate (two cell diagonals). */
function capFor(grid: AccessGrid, bands: readonly number[], p: TravelParams): number {
  const diagKm = Math.SQRT2 * grid.spec.dlat * KM_PER_DEG;
  return Math.max(...bands) + roadMinutes(2 * diagKm, p);
}

/**
 * Isochrone from an origin in a year.
 * @example
 * const iso = isochrone(ctx, { origin: { kind: 'station', station: beijingWest }, year: 2024 });
 * iso.summary[1].population // residents within 60 min
 * iso.polygons              // 30/60/90-min bands, largest first
 */
export function isochrone(ctx: RailContext, req: IsochroneRequest): IsochroneResult {
  const p = assertParams(req.params ?? ctx.defaults);
  const bands = [...(req.bands ?? DEFAULT_BANDS)];
  const bandErrors = validateBands(bands);
  if (bandErrors.length > 0) throw new Error(`invalid bands: ${bandErrors.join('; ')}`);
  bands.sort((a, b) => a - b);
  const cap = capFor(ctx.grid, bands, p);
  const times = stationMinutes(ctx, req, p, cap);
  const [lon, lat] = originPoint(req.origin);
  const sources: [number, number, number][] = [[lon, lat, 0]];
  const stations: ReachedStation[] = [];
  ctx.network.stations.forEach((s, i) => {
    const t = times[i]!;
    if (s.lon === null || s.lat === null || !Number.isFinite(t)) return;
    sources.push([s.lon, s.lat, t]);
    if (t <= bands[bands.length - 1]!)
      stations.push({ id: s.id, name_zh: s.name_zh, name_en: s.name_en, minutes: round(t, 1) });
  });
  stations.sort((a, b) => a.minutes - b.minutes || (a.id < b.id ? -1 : 1));
  const minutes = cellMinutes(ctx.grid, sources, p, cap);
  const summary = summarizeBands(ctx.grid, minutes, bands);
  const polys = contourBands(ctx.grid, minutes, bands, cap);
  const features = polys
    .map((geometry, k): Feature<MultiPolygon, { minutes: number; population: number }> => ({
      type: 'Feature',
      properties: { minutes: bands[k]!, population: summary[k]!.population },
      geometry,
    }))
    .reverse(); // largest band first, so smaller bands draw on top
  return {
    year: req.year,
    params: p,
    bands,
    origin: { lon, lat, station: req.origin.kind === 'station' ? req.origin.station.id : null },
    stations,
    minutes,
    polygons: { type: 'FeatureCollection', features },
    summary,
  };
}

export interface IsochroneChange {
  band: number;
  fromYear: number;
  toYear: number;
  /** Cells within the band in toYear but not in fromYear. */
  entered: Int32Array;
  /** Cells within the band in fromYear but not in toYear (a closure; expected empty). */
  left: Int32Array;
  feature: Feature<
    MultiPolygon,
    { band: number; from_year: number; to_year: number; cells: number; population: number }
  >;
  summary: BandSummary;
}

/**
 * Where the `band`-minute isochrone grew between two years: the cells that entered it, as a
 * MultiPolygon (cell-exact) with the residents concerned.
 * @example isochroneChange(ctx, origin, 2015, 2024, 60).feature.properties.population
 */
export function isochroneChange(
  ctx: RailContext,
  origin: Origin,
  fromYear: number,
  toYear: number,
  band = 60,
  params?: TravelParams,
): IsochroneChange {
  const a = isochrone(ctx, { origin, year: fromYear, bands: [band], params }).minutes;
  const b = isochrone(ctx, { origin, year: toYear, bands: [band], params }).minutes;
  const entered: number[] = [];
  const left: number[] = [];
  const flag = new Float32Array(a.length).fill(NaN);
  for (const c of ctx.grid.inside) {
    const inA = a[c]! <= band;
    const inB = b[c]! <= band;
    flag[c] = inB && !inA ? 0 : 1; // contoured as "≤ 0.5 minutes": entered cells only
    if (inB && !inA) entered.push(c);
    if (inA && !inB) left.push(c);
  }
  const [geometry] = contourBands(ctx.grid, flag, [0.5], 1);
  const [summary] = summarizeBands(ctx.grid, flag, [0.5]);
  return {
    band,
    fromYear,
    toYear,
    entered: Int32Array.from(entered),
    left: Int32Array.from(left),
    feature: {
      type: 'Feature',
      properties: {
        band,
        from_year: fromYear,
        to_year: toYear,
        cells: entered.length,
        population: summary!.population,
      },
      geometry: geometry!,
    },
    summary: summary!,
  };
}
