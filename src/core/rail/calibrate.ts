/**
 * Calibration of the travel-time model on published station-to-station times: each pair is timed on
 * the network open on its `as_of` date, and the rail parameters are fitted by a deterministic two-stage
 * grid search. Cross-validation (leave one pair out, leave one line out) refits on the rest and times
 * the pairs left out, so the reported errors are not in-sample.
 *
 * Pair kinds: `fastest` and `typical` count |model − published|; `upper` ("within N minutes") counts
 * only a model slower than N. Upper bounds and pairs with a guessed station position (unlocated, or
 * coordinates of low confidence) weigh half in the fit.
 */
import { buildTopology, stationTimes, tripPath, weigh, type RailGraph, type RailTopology } from './graph.ts';
import { fixedTripMin, type TravelParams } from './model.ts';
import { cleanName } from './stops.ts';
import type { CalibrationPair, PairKind, RailNetworkData, RailStation } from './types.ts';
import { normalDate, onOrBefore, round } from './util.ts';

export interface PairResult {
  from: string;
  to: string;
  as_of: string;
  observed: number;
  source_id: string;
  confidence: string;
  bound: PairKind;
  lines: string[];
  /** Weight in the fit (0 when not timed). */
  weight: number;
  /** Intermediate calls of the timed train named by the source (null: unknown, timed with callShare). */
  calls: number | null;
  /** Model minutes, or null when the pair cannot be timed on the network (see `note`). */
  modelled: number | null;
  error: number | null;
  error_pct: number | null;
  /** The error that counts: as `error`, but 0 for an upper bound the model meets. */
  miss?: number | null;
  miss_pct?: number | null;
  note: string;
}

export interface ErrorStats {
  /** Pairs that could be timed. */
  n: number;
  /** Mean absolute error (min) and mean absolute % error of the counted errors (`miss`). */
  mae: number;
  mape: number;
  rmse: number;
  /** Worst |%| error and the mean signed % error. */
  max_pct: number;
  bias_pct: number;
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

/** A pair resolved to station ids and a date once, or the reason it cannot be timed. */
interface Resolved {
  pair: CalibrationPair;
  a?: RailStation;
  b?: RailStation;
  date: string;
  miss?: string;
  guessed: string[];
}

function resolve(net: RailNetworkData, pair: CalibrationPair): Resolved {
  const date = normalDate(pair.as_of);
  const a = stationByName(net, pair.from);
  const b = stationByName(net, pair.to);
  if (!a || !b)
    return {
      pair,
      date,
      guessed: [],
      miss: `${!a ? pair.from : pair.to} is not a station of the network (outside the region)`,
    };
  for (const s of [a, b]) {
    if (!onOrBefore(s.service_from, date)) {
      return {
        pair,
        date,
        guessed: [],
        miss: `${s.name_zh} not in HSR service on ${pair.as_of} (from ${s.service_from ?? 'unknown'})`,
      };
    }
  }
  const guessed = [a, b].filter((s) => s.lon === null || s.confidence === 'low').map((s) => s.name_zh);
  return { pair, a, b, date, guessed };
}

/**
 * Minutes of every resolved pair under one parameter set (NaN = cannot be timed). A pair whose source
 * names the timed train's calls is timed with exactly that many: the non-stop path (callShare 0), then
 * the share calls / (stations in service on that path) of a call at each of them.
 */
function timeAll(resolved: readonly Resolved[], topo: TopologyCache, p: TravelParams): Float64Array {
  const graphs = new Map<string, RailGraph>();
  const fromCache = new Map<string, Float64Array>();
  const graphOf = (date: string, share?: number): RailGraph => {
    const key = `${date}|${share ?? ''}`;
    let g = graphs.get(key);
    if (!g) graphs.set(key, (g = weigh(topo(date), share === undefined ? p : { ...p, callShare: share })));
    return g;
  };
  const out = new Float64Array(resolved.length).fill(NaN);
  resolved.forEach((r, i) => {
    if (r.miss) return;
    const calls = r.pair.calls;
    let t: number;
    if (calls === undefined) {
      const g = graphOf(r.date);
      const key = `${r.date}|${r.a!.id}`;
      let d = fromCache.get(key);
      if (!d) fromCache.set(key, (d = stationTimes(g, [{ station: r.a!.id, minutes: 0 }])));
      t = d[g.stationIndex.get(r.b!.id)!]!;
    } else {
      const path = tripPath(graphOf(r.date, 0), r.a!.id, r.b!.id);
      t = path?.minutes ?? NaN;
      if (path && calls > 0 && path.stops > 0)
        t = tripPath(graphOf(r.date, calls / path.stops), r.a!.id, r.b!.id)?.minutes ?? NaN;
    }
    out[i] = Number.isFinite(t) ? t : NaN;
  });
  return out;
}

const boundOf = (p: CalibrationPair): PairKind => p.bound ?? 'fastest';

/** The error that counts (minutes): one-sided for upper bounds. */
function missOf(p: CalibrationPair, t: number): number {
  const e = t - p.minutes;
  return boundOf(p) === 'upper' ? Math.max(0, e) : e;
}

function weightOf(r: Resolved): number {
  if (r.miss) return 0;
  return (boundOf(r.pair) === 'upper' ? 0.5 : 1) * (r.guessed.length > 0 ? 0.5 : 1);
}

function result(r: Resolved, t: number): PairResult {
  const pair = r.pair;
  const base = {
    from: pair.from,
    to: pair.to,
    as_of: pair.as_of,
    observed: pair.minutes,
    source_id: pair.source_id,
    confidence: pair.confidence,
    bound: boundOf(pair),
    lines: pair.lines ?? [],
    weight: weightOf(r),
    calls: pair.calls ?? null,
  };
  const none = { modelled: null, error: null, error_pct: null, miss: null, miss_pct: null };
  if (r.miss) return { ...base, ...none, weight: 0, note: r.miss };
  if (!Number.isFinite(t)) return { ...base, ...none, weight: 0, note: `no rail path on ${pair.as_of}` };
  const error = t - pair.minutes;
  const miss = missOf(pair, t);
  return {
    ...base,
    modelled: round(t, 2),
    error: round(error, 2),
    error_pct: round((100 * error) / pair.minutes, 1),
    miss: round(miss, 2),
    miss_pct: round((100 * miss) / pair.minutes, 1),
    note:
      r.guessed.length > 0
        ? `position of ${r.guessed.join(', ')} guessed (not located or low confidence)`
        : '',
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
  const resolved = pairs.map((pair) => resolve(net, pair));
  const t = timeAll(resolved, topo, p);
  return resolved.map((r, i) => result(r, t[i]!));
}

/**
 * Error statistics over the timed pairs (the counted error `miss` where given, else `error`).
 * @example errorStats([{ error: 2, error_pct: 10 }, { error: -4, error_pct: -5 }]) // → { n: 2, mae: 3, mape: 7.5, … }
 */
export function errorStats(
  results: readonly Pick<PairResult, 'error' | 'error_pct' | 'miss' | 'miss_pct'>[],
): ErrorStats {
  const used = results
    .filter((r) => r.error !== null && r.error_pct !== null)
    .map((r) => ({ e: r.miss ?? r.error!, pct: r.miss_pct ?? r.error_pct! }));
  const n = used.length;
  if (n === 0) return { n: 0, mae: NaN, mape: NaN, rmse: NaN, max_pct: NaN, bias_pct: NaN };
  const sum = (f: (r: (typeof used)[number]) => number) => used.reduce((s, r) => s + f(r), 0);
  return {
    n,
    mae: sum((r) => Math.abs(r.e)) / n,
    mape: sum((r) => Math.abs(r.pct)) / n,
    rmse: Math.sqrt(sum((r) => r.e ** 2) / n),
    max_pct: Math.max(...used.map((r) => Math.abs(r.pct))),
    bias_pct: sum((r) => r.pct) / n,
  };
}

/** The fitted parameters, their search ranges [min, max, step] and the objective. */
export interface SearchSpec {
  ranges: Partial<Record<keyof TravelParams, readonly [number, number, number]>>;
  /** The second stage searches ± one coarse step around the best with steps this many times finer. */
  refine: number;
  /** mae: mean absolute minutes; wmape: weighted mean absolute % error (see the file comment). */
  objective?: 'mae' | 'wmape';
}

/**
 * The original three-parameter search (no fixed trip time), minimising the mean absolute error:
 * operating speed 40–100 % of design speed, dwell 0–6 min, link speed 20–200 km/h.
 */
export const DEFAULT_SEARCH: SearchSpec = {
  ranges: { speedFactor: [0.4, 1, 0.05], dwellMin: [0, 6, 0.5], linkSpeedKmh: [20, 200, 20] },
  refine: 5,
};

/**
 * The model of the build: a fixed time per trip (0–8 min), a start/stop loss at 350 km/h (0–8 min),
 * speed factor 0.8–1.0, conventional-track speed 40–120 km/h, minimising the weighted mean absolute %
 * error, so short and long trips count alike (callShare and dwellMin: see ASSUMED_PARAMS).
 */
export const TRIP_SEARCH: SearchSpec = {
  ranges: {
    tripMin: [0, 8, 2],
    stopLossMin: [0, 8, 2],
    speedFactor: [0.8, 1, 0.05],
    linkSpeedKmh: [40, 120, 20],
  },
  refine: 4,
  objective: 'wmape',
};

function steps(min: number, max: number, step: number): number[] {
  const n = Math.round((max - min) / step);
  return Array.from({ length: n + 1 }, (_, i) => round(min + i * step, 6));
}

/** Every combination of the axes, first axis slowest (a fixed order: ties go to the first). */
function product(axes: readonly number[][]): number[][] {
  let out: number[][] = [[]];
  for (const axis of axes) out = out.flatMap((pre) => axis.map((v) => [...pre, v]));
  return out;
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

/** Objective and tie-break of a set of times on the pairs selected by `mask`. */
function score(
  resolved: readonly Resolved[],
  times: Float64Array,
  mask: readonly boolean[],
  objective: 'mae' | 'wmape',
): [number, number] {
  let s = 0;
  let w = 0;
  let sq = 0;
  let n = 0;
  resolved.forEach((r, i) => {
    if (!mask[i] || r.miss || Number.isNaN(times[i]!)) return;
    const m = missOf(r.pair, times[i]!);
    const wt = objective === 'wmape' ? weightOf(r) : 1;
    s += wt * (objective === 'wmape' ? Math.abs(m) / r.pair.minutes : Math.abs(m));
    w += wt;
    sq += m * m;
    n++;
  });
  // Pairs the network cannot time under a parameter set are not rewarded: an empty fit is worst.
  return w > 0 ? [s / w, Math.sqrt(sq / n)] : [Infinity, Infinity];
}

interface Search {
  net: RailNetworkData;
  resolved: Resolved[];
  base: TravelParams;
  keys: (keyof TravelParams)[];
  ranges: (readonly [number, number, number])[];
  spec: SearchSpec;
  topo: TopologyCache;
  coarse: number[][];
  /** Times of every pair under every coarse set (computed once, shared by all folds). */
  coarseTimes: Float64Array[];
  evaluated: number;
}

function bestOf(
  run: Search,
  sets: readonly number[][],
  times: (i: number) => Float64Array,
  mask: readonly boolean[],
): { values: number[]; score: [number, number] } {
  const obj = run.spec.objective ?? 'mae';
  let best: { values: number[]; score: [number, number] } | null = null;
  const eps = 1e-9;
  sets.forEach((values, i) => {
    const sc = score(run.resolved, times(i), mask, obj);
    if (
      !best ||
      sc[0] < best.score[0] - eps ||
      (Math.abs(sc[0] - best.score[0]) <= eps && sc[1] < best.score[1] - eps)
    )
      best = { values, score: sc };
  });
  return best!;
}

/**
 * Coarse grid (shared times), then a local pattern search from the coarse best with steps `refine`
 * times finer: move to the best improving neighbour (± one fine step on one axis, within the range)
 * until none improves. Only the masked pairs count.
 */
function fit(run: Search, mask: readonly boolean[]): number[] {
  const obj = run.spec.objective ?? 'mae';
  let best = bestOf(run, run.coarse, (i) => run.coarseTimes[i]!, mask);
  const sub = run.resolved.map((r, i) => (mask[i] ? r : { ...r, miss: 'not in fold' }));
  const seen = new Map<string, [number, number]>();
  const scoreOf = (values: number[]): [number, number] => {
    const key = values.join(',');
    let sc = seen.get(key);
    if (!sc) {
      sc = score(sub, timeAll(sub, run.topo, withValues(run.base, run.keys, values)), mask, obj);
      seen.set(key, sc);
      run.evaluated++;
    }
    return sc;
  };
  const eps = 1e-9;
  const fine = run.ranges.map(([, , st]) => st / run.spec.refine);
  for (;;) {
    let move: { values: number[]; score: [number, number] } | null = null;
    run.ranges.forEach(([a, b], i) => {
      for (const d of [-fine[i]!, fine[i]!]) {
        const v = round(best.values[i]! + d, 6);
        if (v < a - eps || v > b + eps) continue;
        const values = best.values.map((x, j) => (j === i ? v : x));
        const sc = scoreOf(values);
        const ref = move?.score ?? best.score;
        if (sc[0] < ref[0] - eps || (Math.abs(sc[0] - ref[0]) <= eps && sc[1] < ref[1] - eps))
          move = { values, score: sc };
      }
    });
    if (!move) return best.values;
    best = move;
  }
}

function startSearch(
  net: RailNetworkData,
  pairs: readonly CalibrationPair[],
  base: TravelParams,
  spec: SearchSpec,
): Search {
  const keys = Object.keys(spec.ranges) as (keyof TravelParams)[];
  const ranges = keys.map((k) => spec.ranges[k]!);
  const topo = topologyCache(net);
  const resolved = pairs.map((pair) => resolve(net, pair));
  const coarse = product(ranges.map(([a, b, st]) => steps(a, b, st)));
  const coarseTimes = coarse.map((values) => timeAll(resolved, topo, withValues(base, keys, values)));
  return { net, resolved, base, keys, ranges, spec, topo, coarse, coarseTimes, evaluated: coarse.length };
}

export interface CalibrationResult {
  params: TravelParams;
  results: PairResult[];
  stats: ErrorStats;
  /** What was searched, how many parameter sets, and which optimum sits on a range edge. */
  search: { spec: SearchSpec; evaluated: number; on_edge: string[]; objective: string };
}

const OBJECTIVE_TEXT = {
  mae: 'mean absolute error (minutes); ties: RMSE',
  wmape:
    'weighted mean absolute % error (upper bounds one-sided; upper bounds and guessed positions weigh 0.5); ties: RMSE',
};

function onEdge(run: Search, values: readonly number[]): string[] {
  // A dwell or trip time of 0 is a physical bound, not an artefact of the range.
  return run.keys.filter((k, i) => {
    const v = values[i]!;
    const [a, b] = run.ranges[i]!;
    const physical = ['dwellMin', 'tripMin', 'stopLossMin', 'callShare'].includes(k) && a === 0;
    // callShare 1 (every station) is a physical bound too.
    return (v >= b && k !== 'callShare') || (v <= a && !physical);
  });
}

/**
 * Fit the parameters named in `spec.ranges` on the pairs (the others are taken from `base`).
 * Deterministic: a coarse grid, then a local search with finer steps from the coarse optimum; ties
 * go to the smaller RMSE, then to the first in ascending order.
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
  const run = startSearch(net, pairs, base, spec);
  return finish(
    run,
    fit(
      run,
      pairs.map(() => true),
    ),
  );
}

function finish(run: Search, values: number[]): CalibrationResult {
  const params = withValues(run.base, run.keys, values);
  const results = evaluatePairs(
    run.net,
    run.resolved.map((r) => r.pair),
    params,
    run.topo,
  );
  return {
    params,
    results,
    stats: errorStats(results),
    search: {
      spec: run.spec,
      evaluated: run.evaluated,
      on_edge: onEdge(run, values),
      objective: OBJECTIVE_TEXT[run.spec.objective ?? 'mae'],
    },
  };
}

/** A refit without some pairs, and its prediction of the pairs left out. */
export interface Fold {
  /** The pair (`from→to as_of`) or line id left out. */
  left_out: string;
  params: Partial<TravelParams>;
  predicted: PairResult[];
}

export interface CrossValidation {
  fit: CalibrationResult;
  /** Leave one pair out: each pair timed by a fit on all the others. */
  loo: { folds: Fold[]; stats: ErrorStats };
  /** Leave one line out: the pairs using a line timed by a fit on the pairs that do not use it. */
  lolo: { folds: Fold[]; stats: ErrorStats };
  /** Range of each fitted parameter over all folds, and of the fixed trip time (fixedMin350, fixedMin200). */
  spread: Record<string, [number, number]>;
}

/**
 * Fit on all pairs, then leave-one-pair-out and leave-one-line-out refits (each fold repeats the
 * whole search on its own pairs; the coarse grid's times are shared, which changes nothing but speed).
 * @example const cv = crossValidate(network, pairs, base, TRIP_SEARCH); cv.loo.stats.mape // → % error of unseen pairs
 */
export function crossValidate(
  net: RailNetworkData,
  pairs: readonly CalibrationPair[],
  base: TravelParams,
  spec: SearchSpec = TRIP_SEARCH,
): CrossValidation {
  const run = startSearch(net, pairs, base, spec);
  const full = finish(
    run,
    fit(
      run,
      pairs.map(() => true),
    ),
  );
  const timed = full.results.map((r) => r.modelled !== null);
  const spread: Record<string, [number, number]> = {};
  const widen = (k: string, v: number) => {
    const s = (spread[k] ??= [v, v]);
    s[0] = Math.min(s[0], v);
    s[1] = Math.max(s[1], v);
  };
  const note = (values: number[]) => {
    run.keys.forEach((k, i) => widen(k, values[i]!));
    // The fixed time of a whole trip (tripMin + a start and a stop) at 350 and 200 km/h design speed.
    const p = withValues(run.base, run.keys, values);
    for (const kmh of [350, 200]) widen(`fixedMin${kmh}`, round(fixedTripMin(p, kmh), 4));
  };
  const fold = (leftOut: string, out: readonly boolean[]): Fold => {
    const values = fit(
      run,
      pairs.map((_, i) => !out[i]),
    );
    note(values);
    const params = withValues(run.base, run.keys, values);
    const predicted = evaluatePairs(
      net,
      pairs.filter((_, i) => out[i]),
      params,
      run.topo,
    );
    return {
      left_out: leftOut,
      params: Object.fromEntries(run.keys.map((k, i) => [k, values[i]!])),
      predicted,
    };
  };
  const looFolds = pairs.flatMap((p, i) =>
    timed[i]
      ? [
          fold(
            `${p.from}→${p.to} ${p.as_of}`,
            pairs.map((_, j) => j === i),
          ),
        ]
      : [],
  );
  const lines = [...new Set(pairs.flatMap((p, i) => (timed[i] ? (p.lines ?? []) : [])))].sort();
  const loloFolds = lines.map((l) =>
    fold(
      l,
      pairs.map((p, i) => timed[i]! && (p.lines ?? []).includes(l)),
    ),
  );
  // A pair on several lines is predicted once per line left out; each prediction counts.
  return {
    fit: full,
    loo: { folds: looFolds, stats: errorStats(looFolds.flatMap((f) => f.predicted)) },
    lolo: { folds: loloFolds, stats: errorStats(loloFolds.flatMap((f) => f.predicted)) },
    spread,
  };
}
