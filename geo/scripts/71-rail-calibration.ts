// Rail step 2/4: calibrate the travel-time model. Reads the published times of
// shared/data/rail/travel_times_calibration.csv and geo/sources/rail/calibration-pairs.csv and the
// network of step 70 (same --out), fits tripMin, stopLossMin, speedFactor and linkSpeedKmh
// (src/core/rail/calibrate.ts, TRIP_SEARCH), cross-validates (leave one pair out, leave one line out)
// and writes geo/build/rail/calibration.json: the default parameters the app and CLI use, the span
// speed table, the per-pair errors in and out of sample. Road parameters and the transfer penalty are
// assumptions, labelled as such.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crossValidate, TRIP_SEARCH, type ErrorStats } from '../../src/core/rail/calibrate.ts';
import { ASSUMED_PARAMS, fixedTripMin } from '../../src/core/rail/model.ts';
import type { CalibrationPair, Confidence, PairKind, RailNetworkData } from '../../src/core/rail/types.ts';
import { isValidDate, round } from '../../src/core/rail/util.ts';
import { readCsv, sizeReport, SOURCES_DIR } from './70-rail-network.ts';
import { fail, GENERATED_NOTE, outDir, sharedPath, writeOutput } from './lib/build-io.ts';

/** The shared file has no bound column: "within"/"maximum" → upper, "typical"/"approximate" → typical. */
function boundFromKind(kind: string): PairKind {
  if (/maximum|within/i.test(kind)) return 'upper';
  if (/typical|approximate|planned/i.test(kind)) return 'typical';
  return 'fastest';
}

/** The optional `calls` column: intermediate stops of the timed train named by the source. */
function callsOf(path: string, line: number, cell: string | undefined): { calls?: number } {
  if ((cell ?? '') === '') return {};
  const n = Number(cell);
  if (!Number.isInteger(n) || n < 0) fail(path, line, `calls must be a whole number ≥ 0 (got "${cell}")`);
  return { calls: n };
}

function readPairs(path: string): CalibrationPair[] {
  return readCsv(path).map((r) => {
    const c = r.cells;
    const minutes = Number(c.minutes);
    if (!c.from_station || !c.to_station) fail(path, r.line, 'from_station and to_station are required');
    if (!Number.isFinite(minutes) || minutes <= 0)
      fail(path, r.line, `minutes must be > 0 (got "${c.minutes}")`);
    if (!isValidDate(c.as_of ?? '')) fail(path, r.line, `bad as_of date "${c.as_of}"`);
    if (!['high', 'medium', 'low'].includes(c.confidence ?? ''))
      fail(path, r.line, `bad confidence "${c.confidence}"`);
    const bound = (c.bound ?? '') !== '' ? c.bound : boundFromKind(c.kind ?? '');
    if (!['fastest', 'typical', 'upper'].includes(bound ?? '')) fail(path, r.line, `bad bound "${c.bound}"`);
    return {
      from: c.from_station,
      to: c.to_station,
      minutes,
      kind: c.kind ?? bound!,
      as_of: c.as_of!,
      source_id: c.source_id ?? '',
      confidence: c.confidence as Confidence,
      bound: bound as PairKind,
      lines: (c.lines ?? '').split(';').filter((l) => l !== ''),
      ...callsOf(path, r.line, c.calls),
    };
  });
}

const out = join(outDir('geo/build'), 'rail');
const networkPath = join(out, 'network.json');
if (!existsSync(networkPath)) fail(networkPath, 0, 'missing: run step 70-rail-network.ts first (same --out)');
const network = JSON.parse(readFileSync(networkPath, 'utf8')) as RailNetworkData;
const pairs = [
  ...readPairs(sharedPath('rail', 'travel_times_calibration.csv')),
  ...readPairs(join(SOURCES_DIR, 'calibration-pairs.csv')),
];
// The fitted values replace these starting values; only the assumed ones survive.
const started = Date.now();
const cv = crossValidate(
  network,
  pairs,
  { ...ASSUMED_PARAMS, tripMin: 0, speedFactor: 1, linkSpeedKmh: 1 },
  TRIP_SEARCH,
);
const fit = cv.fit;
const r4 = (x: number) => round(x, 4);
const stats = (s: ErrorStats) =>
  Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'n' ? v : r4(v)])) as ErrorStats;
const looBy = new Map(cv.loo.folds.map((f) => [f.left_out, f.predicted[0]!]));
const doc = {
  note: GENERATED_NOTE('npm run build:geo'),
  method:
    'Each published time is modelled on the network open on its as_of date. tripMin, stopLossMin, speedFactor and linkSpeedKmh minimise the weighted mean absolute % error (upper bounds count only when exceeded; upper bounds and guessed positions weigh 0.5): a grid search, then a 4× finer grid around the best. Leave-one-out and leave-one-line-out repeat the whole fit without the pairs left out. transferMin, accessSpeedKmh, detourFactor, callShare (0: fastest trains pass the stations in between; pairs with named calls use them) and dwellMin are assumptions.',
  params: {
    tripMin: r4(fit.params.tripMin ?? 0),
    stopLossMin: r4(fit.params.stopLossMin ?? 0),
    callShare: r4(fit.params.callShare ?? 1),
    speedFactor: r4(fit.params.speedFactor),
    dwellMin: r4(fit.params.dwellMin),
    linkSpeedKmh: r4(fit.params.linkSpeedKmh),
    transferMin: r4(fit.params.transferMin),
    accessSpeedKmh: r4(fit.params.accessSpeedKmh),
    detourFactor: r4(fit.params.detourFactor),
  },
  /** Fixed minutes of a whole trip (tripMin + one start and one stop loss) by design speed. */
  fixed_trip_min: Object.fromEntries(
    [350, 300, 250, 200].map((kmh) => [String(kmh), r4(fixedTripMin(fit.params, kmh))]),
  ),
  fitted: Object.keys(fit.search.spec.ranges),
  assumed: Object.keys(ASSUMED_PARAMS),
  stats: { ...stats(fit.stats), pairs: pairs.length },
  validation: {
    in_sample: stats(fit.stats),
    leave_one_out: stats(cv.loo.stats),
    leave_one_line_out: stats(cv.lolo.stats),
    spread: cv.spread,
    lines: cv.lolo.folds.map((f) => ({
      line: f.left_out,
      params: f.params,
      stats: stats(errorStatsOf(f.predicted)),
    })),
  },
  spans: network.sections.flatMap((s) =>
    (s.spans ?? []).map((sp) => ({ section: s.id, line: s.line, ...sp })),
  ),
  search: fit.search,
  pairs: fit.results.map((p) => {
    const loo = looBy.get(`${p.from}→${p.to} ${p.as_of}`);
    return { ...p, loo_modelled: loo?.modelled ?? null, loo_error_pct: loo?.miss_pct ?? null };
  }),
};
function errorStatsOf(rs: typeof fit.results): ErrorStats {
  const used = rs.filter((r) => r.miss_pct !== null && r.miss_pct !== undefined);
  const n = used.length;
  const abs = used.map((r) => Math.abs(r.miss_pct!));
  return {
    n,
    mae: n ? used.reduce((s, r) => s + Math.abs(r.miss!), 0) / n : NaN,
    mape: n ? abs.reduce((a, b) => a + b, 0) / n : NaN,
    rmse: n ? Math.sqrt(used.reduce((s, r) => s + r.miss! ** 2, 0) / n) : NaN,
    max_pct: n ? Math.max(...abs) : NaN,
    bias_pct: n ? used.reduce((s, r) => s + r.miss_pct!, 0) / n : NaN,
  };
}
const text = `${JSON.stringify(doc)}\n`;
writeOutput(join(out, 'calibration.json'), text);
console.log(`  ${sizeReport(join(out, 'calibration.json'), text)}`);
const line = (name: string, s: ErrorStats) =>
  `  ${name.padEnd(20)} n ${s.n}, mean |error| ${s.mape.toFixed(1)} % (${s.mae.toFixed(1)} min), worst ${s.max_pct.toFixed(1)} %, bias ${s.bias_pct.toFixed(1)} %`;
console.log(
  `  fitted tripMin ${doc.params.tripMin}, stopLossMin ${doc.params.stopLossMin}, callShare ${doc.params.callShare}, speedFactor ${doc.params.speedFactor}, dwellMin ${doc.params.dwellMin}, linkSpeedKmh ${doc.params.linkSpeedKmh} (${fit.search.evaluated} parameter sets, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
console.log(
  `  fixed time per trip: ${Object.entries(doc.fixed_trip_min)
    .map(([kmh, m]) => `${m} min at ${kmh} km/h`)
    .join(', ')}`,
);
console.log(line('in-sample', fit.stats));
console.log(line('leave-one-out', cv.loo.stats));
console.log(line('leave-one-line-out', cv.lolo.stats));
console.log(
  `  spread over folds: ${Object.entries(cv.spread)
    .map(([k, [a, b]]) => `${k} ${a}–${b}`)
    .join(', ')}`,
);
for (const p of doc.pairs) {
  console.log(
    `    ${p.from}→${p.to} ${p.as_of} [${p.bound}]: published ${p.observed}, model ${p.modelled ?? '—'}, LOO ${p.loo_modelled ?? '—'} ${p.note}`,
  );
}
