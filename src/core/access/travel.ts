/**
 * Travel minutes between people (grid cells or points) and facilities, with the rail engine's model:
 * - road:  straight line × detourFactor / accessSpeedKmh (the calibrated context's access parameters);
 * - rail:  the better of road and road + rail + road on the network open at the end of a year (Dijkstra
 *          of src/core/rail, dwell and transfer penalties included).
 * Trips are symmetric in the model (every rail edge runs both ways with the same minutes, and boarding
 * at the first station costs no transfer), so "facility → cell" minutes stand for "cell → facility".
 */
import { stationTimes, weigh, type RailGraph, type StationSeed } from '../rail/graph.ts';
import { forEachCellWithin, type AccessGrid } from '../rail/grid.ts';
import { cellMinutes, topologyForYear, type RailContext } from '../rail/isochrone.ts';
import { assertParams, roadMinutes, type TravelParams } from '../rail/model.ts';
import { haversineKm } from '../rail/util.ts';

export type TravelMode = 'road' | 'rail';
export const TRAVEL_MODES: readonly TravelMode[] = ['road', 'rail'];

export interface LonLat {
  lon: number;
  lat: number;
}

/** A located station in service in the setup's year. */
export interface SetupStation extends LonLat {
  id: string;
}

/** Everything travel times need, prepared once per (mode, year, parameters). */
export interface TravelSetup {
  grid: AccessGrid;
  params: TravelParams;
  mode: TravelMode;
  year: number;
  /** Rail mode: located stations in service, and the fastest minutes between them (row-major). */
  stations: SetupStation[];
  matrix: Float64Array;
  graph: RailGraph | null;
}

/**
 * Prepare travel times. Rail mode weighs the year's network and times every pair of located stations
 * (one Dijkstra per station) so that each facility then costs a few thousand additions, not a search.
 * @example const setup = travelSetup(ctx, { mode: 'rail', year: 2024 });
 */
export function travelSetup(
  ctx: RailContext,
  opts: { mode: TravelMode; year: number; params?: TravelParams },
): TravelSetup {
  const params = assertParams(opts.params ?? ctx.defaults);
  const base = { grid: ctx.grid, params, mode: opts.mode, year: opts.year };
  if (opts.mode === 'road') return { ...base, stations: [], matrix: new Float64Array(0), graph: null };
  const graph = weigh(topologyForYear(ctx, opts.year), params);
  const located: { s: SetupStation; i: number }[] = [];
  ctx.network.stations.forEach((s, i) => {
    if (s.lon !== null && s.lat !== null && graph.inService[i])
      located.push({ s: { id: s.id, lon: s.lon, lat: s.lat }, i });
  });
  const n = located.length;
  const matrix = new Float64Array(n * n);
  located.forEach(({ s }, a) => {
    const t = stationTimes(graph, [{ station: s.id, minutes: 0 }]);
    for (let b = 0; b < n; b++) matrix[a * n + b] = t[located[b]!.i]!;
  });
  return { ...base, stations: located.map((l) => l.s), matrix, graph };
}

/** Road minutes from a point to every setup station. */
function roadToStations(setup: TravelSetup, p: LonLat): Float64Array {
  return Float64Array.from(setup.stations, (s) =>
    roadMinutes(haversineKm(p.lon, p.lat, s.lon, s.lat), setup.params),
  );
}

/**
 * Rail mode: minutes from a point to every setup station (road to a first station within `cap`, then
 * rail), Infinity when not reachable within `cap`.
 * @example stationMinutesFrom(setup, { lon: 116.32, lat: 39.89 }, 60)
 */
export function stationMinutesFrom(setup: TravelSetup, p: LonLat, cap: number): Float64Array {
  const n = setup.stations.length;
  const access = roadToStations(setup, p);
  const out = new Float64Array(n).fill(Infinity);
  for (let a = 0; a < n; a++) {
    const t0 = access[a]!;
    if (!(t0 < cap)) continue;
    const row = a * n;
    for (let b = 0; b < n; b++) {
      const t = t0 + setup.matrix[row + b]!;
      if (t < out[b]!) out[b] = t;
    }
  }
  return out;
}

/** Where a trip can leave from: the point itself at 0 min, and (rail) the stations it reaches. */
function sourcesOf(setup: TravelSetup, p: LonLat, cap: number): [number, number, number][] {
  const out: [number, number, number][] = [[p.lon, p.lat, 0]];
  if (setup.mode === 'road') return out;
  const t = stationMinutesFrom(setup, p, cap);
  setup.stations.forEach((s, k) => {
    if (t[k]! < cap) out.push([s.lon, s.lat, t[k]!]);
  });
  return out;
}

/**
 * Minutes from each grid cell to its nearest facility (Infinity beyond `cap`, NaN outside the region).
 * Rail mode runs ONE multi-source Dijkstra seeded at every station with its road minutes from the
 * nearest facility, then takes per cell the min over facilities and stations (rail cellMinutes).
 * @example const field = nearestFacilityMinutes(setup, hospitals, 120); field[cell] // minutes
 */
export function nearestFacilityMinutes(
  setup: TravelSetup,
  facilities: readonly LonLat[],
  cap: number,
): Float32Array {
  const sources: [number, number, number][] = facilities.map((f) => [f.lon, f.lat, 0]);
  if (setup.mode === 'rail' && setup.graph && facilities.length > 0) {
    const seeds: StationSeed[] = [];
    setup.stations.forEach((s) => {
      let best = Infinity;
      for (const f of facilities)
        best = Math.min(best, roadMinutes(haversineKm(f.lon, f.lat, s.lon, s.lat), setup.params));
      if (best < cap) seeds.push({ station: s.id, minutes: best });
    });
    if (seeds.length > 0) {
      const t = stationTimes(setup.graph, seeds);
      for (const s of setup.stations) {
        const m = t[setup.graph.stationIndex.get(s.id)!]!;
        if (m < cap) sources.push([s.lon, s.lat, m]);
      }
    }
  }
  return cellMinutes(setup.grid, sources, setup.params, cap);
}

/** (demand, supply, minutes) triples of the pairs within a catchment; demand = cell or point index. */
export interface TravelPairs {
  length: number;
  demand: Int32Array;
  supply: Int32Array;
  minutes: Float32Array;
}

/** Growable typed arrays for pairs (millions of them in rail mode; plain arrays would be slower). */
class PairBuffer {
  length = 0;
  private d = new Int32Array(1 << 16);
  private s = new Int32Array(1 << 16);
  private m = new Float32Array(1 << 16);

  push(demand: number, supply: number, minutes: number): void {
    if (this.length === this.d.length) this.grow();
    this.d[this.length] = demand;
    this.s[this.length] = supply;
    this.m[this.length++] = minutes;
  }

  private grow(): void {
    const n = this.d.length * 2;
    const d = new Int32Array(n);
    const s = new Int32Array(n);
    const m = new Float32Array(n);
    d.set(this.d);
    s.set(this.s);
    m.set(this.m);
    [this.d, this.s, this.m] = [d, s, m];
  }

  done(): TravelPairs {
    const n = this.length;
    return { length: n, demand: this.d.slice(0, n), supply: this.s.slice(0, n), minutes: this.m.slice(0, n) };
  }
}

/**
 * Lower each in-region cell within reach of a source to min(current, t0 + road minutes). Records cells
 * touched for the first time in `touched` (returns the new count). Same disc walk as rail cellMinutes,
 * but on a reusable buffer so that one facility costs only the cells it reaches.
 */
function lowerDisc(
  grid: AccessGrid,
  src: readonly [number, number, number],
  kmPerMin: number,
  cap: number,
  field: Float32Array,
  touched: Int32Array,
  count: number,
): number {
  const [lon, lat, t0] = src;
  forEachCellWithin(grid, lon, lat, (cap - t0) * kmPerMin, (c, km) => {
    if (grid.unit[c] === 0) return;
    const t = t0 + km / kmPerMin;
    const old = field[c]!;
    if (t < old) {
      if (old === Infinity) touched[count++] = c;
      field[c] = t;
    }
  });
  return count;
}

/**
 * Every (cell, facility) pair within `catchment` minutes, cell = index into the grid. Per facility: its
 * own road disc and, in rail mode, a disc around each station it reaches by rail in time.
 * @example const pairs = cellFacilityPairs(setup, hospitals, 60); pairs.length // pairs within 60 min
 */
export function cellFacilityPairs(
  setup: TravelSetup,
  facilities: readonly LonLat[],
  catchment: number,
): TravelPairs {
  const { grid, params } = setup;
  const size = grid.spec.nx * grid.spec.ny;
  const field = new Float32Array(size).fill(Infinity);
  const touched = new Int32Array(size);
  const kmPerMin = params.accessSpeedKmh / 60 / params.detourFactor; // straight-line km per minute
  const buf = new PairBuffer();
  facilities.forEach((f, j) => {
    let count = 0;
    for (const src of sourcesOf(setup, f, catchment))
      count = lowerDisc(grid, src, kmPerMin, catchment, field, touched, count);
    for (let k = 0; k < count; k++) {
      const c = touched[k]!;
      if (field[c]! <= catchment) buf.push(c, j, field[c]!);
      field[c] = Infinity;
    }
  });
  return buf.done();
}

/**
 * Minutes between points (e.g. county demand points) and facilities: direct road, or in rail mode the
 * better of road and road + rail + road. Pairs over `catchment` are left out.
 * @example pointFacilityPairs(setup, [{ lon: 116.4, lat: 39.9 }], hospitals, 60)
 */
export function pointFacilityPairs(
  setup: TravelSetup,
  points: readonly LonLat[],
  facilities: readonly LonLat[],
  catchment: number,
): TravelPairs {
  const buf = new PairBuffer();
  const egress = points.map((p) => roadToStations(setup, p));
  facilities.forEach((f, j) => {
    const viaRail = setup.mode === 'rail' ? stationMinutesFrom(setup, f, catchment) : null;
    points.forEach((p, i) => {
      let t = roadMinutes(haversineKm(f.lon, f.lat, p.lon, p.lat), setup.params);
      if (viaRail) {
        const e = egress[i]!;
        for (let k = 0; k < viaRail.length; k++) t = Math.min(t, viaRail[k]! + e[k]!);
      }
      if (t <= catchment) buf.push(i, j, t);
    });
  });
  return buf.done();
}
