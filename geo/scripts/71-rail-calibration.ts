// Rail step 2/4: calibrate the travel-time model. Reads travel_times_calibration.csv and the network of
// step 70 (same --out), fits speedFactor and dwellMin (src/core/rail/calibrate.ts) and writes
// geo/build/rail/calibration.json: the default parameters the app and CLI use, the per-pair errors
// and MAE/MAPE. The road parameters and the transfer penalty are assumptions, labelled as such.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calibrate } from '../../src/core/rail/calibrate.ts';
import { ASSUMED_PARAMS } from '../../src/core/rail/model.ts';
import type { CalibrationPair, Confidence, RailNetworkData } from '../../src/core/rail/types.ts';
import { isValidDate, round } from '../../src/core/rail/util.ts';
import { readCsv, sizeReport } from './70-rail-network.ts';
import { fail, GENERATED_NOTE, outDir, sharedPath, writeOutput } from './lib/build-io.ts';

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
    return {
      from: c.from_station,
      to: c.to_station,
      minutes,
      kind: c.kind ?? '',
      as_of: c.as_of!,
      source_id: c.source_id ?? '',
      confidence: c.confidence as Confidence,
    };
  });
}

const out = join(outDir('geo/build'), 'rail');
const networkPath = join(out, 'network.json');
if (!existsSync(networkPath)) fail(networkPath, 0, 'missing: run step 70-rail-network.ts first (same --out)');
const network = JSON.parse(readFileSync(networkPath, 'utf8')) as RailNetworkData;
const pairs = readPairs(sharedPath('rail', 'travel_times_calibration.csv'));
// The fitted values replace these starting values; only the assumed ones survive.
const fit = calibrate(network, pairs, { ...ASSUMED_PARAMS, speedFactor: 1, dwellMin: 0, linkSpeedKmh: 1 });
const r4 = (x: number) => round(x, 4);
const doc = {
  note: GENERATED_NOTE('npm run build:geo'),
  method:
    'Each published time is modelled on the network open on its as_of date; speedFactor, dwellMin and linkSpeedKmh minimise the mean absolute error (a grid search, then a 5× finer grid around the best). transferMin, accessSpeedKmh and detourFactor are assumptions: no pair identifies them.',
  params: {
    speedFactor: r4(fit.params.speedFactor),
    dwellMin: r4(fit.params.dwellMin),
    linkSpeedKmh: r4(fit.params.linkSpeedKmh),
    transferMin: r4(fit.params.transferMin),
    accessSpeedKmh: r4(fit.params.accessSpeedKmh),
    detourFactor: r4(fit.params.detourFactor),
  },
  fitted: Object.keys(fit.search.spec.ranges),
  assumed: ['transferMin', 'accessSpeedKmh', 'detourFactor'],
  stats: {
    n: fit.stats.n,
    mae: r4(fit.stats.mae),
    mape: r4(fit.stats.mape),
    rmse: r4(fit.stats.rmse),
    pairs: pairs.length,
  },
  search: fit.search,
  pairs: fit.results,
};
const text = `${JSON.stringify(doc)}\n`;
writeOutput(join(out, 'calibration.json'), text);
console.log(`  ${sizeReport(join(out, 'calibration.json'), text)}`);
console.log(
  `  fitted speedFactor ${doc.params.speedFactor}, dwellMin ${doc.params.dwellMin}, linkSpeedKmh ${doc.params.linkSpeedKmh}: MAE ${doc.stats.mae} min, MAPE ${doc.stats.mape} % over ${doc.stats.n}/${pairs.length} pairs`,
);
for (const p of fit.results) {
  console.log(
    `    ${p.from}→${p.to} ${p.as_of}: observed ${p.observed}, model ${p.modelled ?? '—'} ${p.note}`,
  );
}
