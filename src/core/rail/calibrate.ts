/**
 * Calibration of the travel-time model on published station-to-station times
 * (travel_times_calibration.csv): each pair is timed on the network open on its `as_of` date, and the
 * rail parameters are fitted by a deterministic two-stage grid search minimising the mean absolute
 * error (robust to the few pairs the network cannot represent well).
 */
import { buildTopology, travelMinutes, weigh, type RailGraph, type RailTopology } from './graph.ts';
import type { TravelParams } from './model.ts';
import { cleanName } from './stops.ts';
import type { CalibrationPair, RailNetworkData, RailStation } from './types.ts';
import { normalDate, onOrBefore, round } from './util.ts';

export interface PairResult {
  from: string;
  to: string;
  as_of: string;
  observed: number;
  source_id: string;
  confidence: string;
  /** Model minutes, or null when the pair cannot be timed on the network (see `note`). */
  modelled: number | null;
  error: number | null;
  error_pct: number | null;
  note: string;
}

export interface ErrorStats {
  /** Pairs that could be timed. */
  n: number;
  mae: number;
  mape: number;
  rmse: number;
}

function stationByName(net: RailNetworkData, name: string): RailStation | undefined {
  const n = cleanName(name);
  return net.stations.find((s) => s.name_zh === n);
}

/** Topologies per date, shared by every parameter set of a search. */
export type TopologyCache = (date: string) => RailTopology;

/**
 * A memo of buildTopology per date.
 * @example const topo = topologyCache(network); topo('2024-12-31') === topo('2024-12-31') // → true
 */
export function topologyCache(net: RailNetworkData): TopologyCache {
  const cache = new Map<string, RailTopology>();
  return (date) => {
    let t = cache.get(date);
    if (!t) cache.set(date, (t = buildTopology(net, date)));
    return t;
  };
}

function graphCache(topo: TopologyCache, p: TravelParams): (date: string) => RailGraph {
  const cache = new Map<string, RailGraph>();
  return (date) => {
    let g = cache.get(date);
    if (!g) cache.set(date, (g = weigh(topo(date), p)));
    return g;
  };
}

function timePair(
  net: RailNetworkData,
  pair: CalibrationPair,
  graphAt: (d: string) => RailGraph,
): PairResult {
  const base = {
    from: pair.from,
    to: pair.to,
    as_of: pair.as_of,
    observed: pair.minutes,
    source_id: pair.source_id,
    confidence: pair.confidence,
  };
  const miss = (note: string): PairResult => ({
    ...base,
    modelled: null,
    error: null,
    error_pct: null,
    note,
  });
  const a = stationByName(net, pair.from);
  const b = stationByName(net, pair.to);
  if (!a || !b)
    return miss(`${!a ? pair.from : pair.to} is not a station of the network (outside the region)`);
  const date = normalDate(pair.as_of);
  for (const s of [a, b]) {
    if (!onOrBefore(s.service_from, date)) {
      return miss(`${s.name_zh} not in HSR service on ${pair.as_of} (from ${s.service_from ?? 'unknown'})`);
    }
  }
  const t = travelMinutes(graphAt(date), a.id, b.id);
  if (!Number.isFinite(t)) return miss(`no rail path on ${pair.as_of}`);
  const error = t - pair.minutes;
  const unlocated = [a, b].filter((s) => s.lon === null).map((s) => s.name_zh);
  return {
    ...base,
    modelled: round(t, 2),
    error: round(error, 2),
    error_pct: round((100 * error) / pair.minutes, 1),
    note: unlocated.length > 0 ? `position of ${unlocated.join(', ')} estimated (not located)` : '',
  };
}

/**
 * Time every calibration pair under the parameters.
 * @example evaluatePairs(network, pairs, params).map((r) => r.error) // → [1.9, -3.2, null, …]
 */
export function evaluatePairs(
  net: RailNetworkData,
  pairs: readonly CalibrationPair[],
  p: TravelParams,
  topo: TopologyCache = topologyCache(net),
): PairResult[] {
  const graphAt = graphCache(topo, p);
  return pairs.map((pair) => timePair(net, pair, graphAt));
}

/**
 * Mean absolute error (min), mean absolute percentage error (%) and RMSE over the timed pairs.
 * @example errorStats([{ error: 2, error_pct: 10 }, { error: -4, error_pct: -5 }]) // → { n: 2, mae: 3, mape: 7.5, rmse: 3.16… }
 */
export function errorStats(results: readonly Pick<PairResult, 'error' | 'error_pct'>[]): ErrorStats {
  const used = results.filter((r) => r.error !== null && r.error_pct !== null);
  const n = used.length;
  if (n === 0) return { n: 0, mae: NaN, mape: NaN, rmse: NaN };
  const sum = (f: (r: (typeof used)[number]) => number) => used.reduce((s, r) => s + f(r), 0);
  return {
    n,
    mae: sum((r) => Math.abs(r.error!)) / n,
    mape: sum((r) => Math.abs(r.error_pct!)) / n,
    rmse: Math.sqrt(sum((r) => r.error! ** 2) / n),
  };
}

/** The fitted parameters and their search ranges [min, max, step]. */
export interface SearchSpec {
  ranges: Partial<Record<keyof TravelParams, readonly [number, number, number]>>;
  /** The second stage searches ± one coarse step around the best with steps this many times finer. */
  refine: number;
}

/**
 * Search ranges wide enough to contain any plausible optimum (a best value on a range edge is
 * flagged in the result): operating speed 40–100 % of design speed, dwell 0–6 min, link speed
 * 20–200 km/h.
 */
export const DEFAULT_SEARCH: SearchSpec = {
  ranges: { speedFactor: [0.4, 1, 0.05], dwellMin: [0, 6, 0.5], linkSpeedKmh: [20, 200, 20] },
  refine: 5,
};

function steps(min: number, max: number, step: number): number[] {
  const n = Math.round((max - min) / step);
  return Array.from({ length: n + 1 }, (_, i) => round(min + i * step, 6));
}

interface Candidate {
  values: number[];
  mae: number;
  rmse: number;
}

function better(a: Candidate, b: Candidate | null): boolean {
  if (!b) return true;
  const eps = 1e-9;
  if (a.mae < b.mae - eps) return true;
  return Math.abs(a.mae - b.mae) <= eps && a.rmse < b.rmse - eps;
}

/** Every combination of the axes, first axis slowest (a fixed order: ties go to the first). */
function* product(axes: readonly number[][], prefix: number[] = []): Generator<number[]> {
  if (prefix.length === axes.length) {
    yield prefix;
    return;
  }
  for (const v of axes[prefix.length]!) yield* product(axes, [...prefix, v]);
}

function withValues(
  base: TravelParams,
  keys: readonly (keyof TravelParams)[],
  values: readonly number[],
): TravelParams {
  const p = { ...base };
  keys.forEach((k, i) => (p[k] = values[i]!));
  // A transfer must cost at least a dwell (validateParams); keep the assumed one unless dwell exceeds it.
  p.transferMin = Math.max(base.transferMin, p.dwellMin);
  return p;
}

interface SearchRun {
  net: RailNetworkData;
  pairs: readonly CalibrationPair[];
  base: TravelParams;
  keys: (keyof TravelParams)[];
  topo: TopologyCache;
}

function searchGrid(run: SearchRun, axes: number[][]): { best: Candidate; evaluated: number } {
  let best: Candidate | null = null;
  let evaluated = 0;
  for (const values of product(axes)) {
    const s = errorStats(evaluatePairs(run.net, run.pairs, withValues(run.base, run.keys, values), run.topo));
    evaluated++;
    const c = { values, mae: s.mae, rmse: s.rmse };
    if (better(c, best)) best = c;
  }
  return { best: best!, evaluated };
}

export interface CalibrationResult {
  params: TravelParams;
  results: PairResult[];
  stats: ErrorStats;
  /** What was searched, how many parameter sets, and which optimum sits on a range edge. */
  search: { spec: SearchSpec; evaluated: number; on_edge: string[]; objective: string };
}

/**
 * Fit the parameters named in `spec.ranges` on the pairs (the others are taken from `base`).
 * Deterministic: a coarse grid, then a finer one around the coarse optimum; ties go to the smaller
 * RMSE, then to the first in ascending order.
 * @example
 * const fit = calibrate(network, pairs, { ...ASSUMED_PARAMS, speedFactor: 1, dwellMin: 0, linkSpeedKmh: 60 });
 * fit.params.speedFactor // → the fitted factor
 * fit.stats.mae          // → minutes
 */
export function calibrate(
  net: RailNetworkData,
  pairs: readonly CalibrationPair[],
  base: TravelParams,
  spec: SearchSpec = DEFAULT_SEARCH,
): CalibrationResult {
  const keys = Object.keys(spec.ranges) as (keyof TravelParams)[];
  const ranges = keys.map((k) => spec.ranges[k]!);
  const run: SearchRun = { net, pairs, base, keys, topo: topologyCache(net) };
  const coarse = searchGrid(
    run,
    ranges.map(([a, b, st]) => steps(a, b, st)),
  );
  const fine = searchGrid(
    run,
    ranges.map(([a, b, st], i) => {
      const v = coarse.best.values[i]!;
      return steps(Math.max(a, v - st), Math.min(b, v + st), st / spec.refine);
    }),
  );
  const params = withValues(base, keys, fine.best.values);
  const results = evaluatePairs(net, pairs, params, run.topo);
  // A dwell of 0 is a physical bound (non-stop), not an artefact of the range.
  const on_edge = keys.filter((k, i) => {
    const v = fine.best.values[i]!;
    const [a, b] = ranges[i]!;
    return v >= b || (v <= a && !(k === 'dwellMin' && a === 0));
  });
  return {
    params,
    results,
    stats: errorStats(results),
    search: {
      spec,
      evaluated: coarse.evaluated + fine.evaluated,
      on_edge,
      objective: 'mean absolute error (minutes); ties: RMSE',
    },
  };
}
