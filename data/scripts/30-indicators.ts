// Step 30: data/indicators.csv — the cited rows of both upstream rounds plus six census-derived indicators
// for every unit in geo/build/units.json, ranked where sources compete, sorted by unit, indicator, year,
// rank. Fails (exit 1, file:line and reason) on a malformed row, an unknown unit code, or a unit the census
// cannot be matched to.
import { join } from 'node:path';
import {
  REGION_CODE,
  compareRows,
  formatIndicatorCsv,
  joinIndicators,
  parseIndicatorCsv,
  type RowError,
} from '../../src/core/indicators.ts';
import { outDir, writeOutput } from '../../geo/scripts/lib/build-io.ts';
import { deriveCensus, readCensus } from './lib/census.ts';
import { rankCandidates, readCited, type Candidate } from './lib/cited.ts';
import { censusInput, failOnErrors, indicatorInputs, readUnits, unitsInput } from './lib/inputs.ts';
import { CENSUS_SOURCE, CENSUS_SOURCE_ID, isOfficialSource, sourceIds } from './lib/sources.ts';

const out = outDir('data');
const unitsPath = unitsInput();
const units = readUnits(unitsPath);
const censusPath = censusInput();

// Cited rows first: a malformed or unknown row is the most likely thing to fix.
const inputs = indicatorInputs();
const cited = readCited(inputs, isOfficialSource);
failOnErrors(cited.errors);

const known = new Set([...units.map((u) => u.code), REGION_CODE]);
const joinErrors: RowError[] = [];
for (const file of inputs) {
  const mine = cited.candidates.filter((c) => c.file === file);
  const { unmatched } = joinIndicators(
    mine.map((c) => c.row),
    known,
    mine.map((c) => c.line),
  );
  for (const u of unmatched)
    for (const line of u.lines)
      joinErrors.push({
        file,
        line,
        reason: `unknown unit code '${u.code}': not in ${unitsPath} and not the region code ${REGION_CODE}`,
      });
}
failOnErrors(joinErrors);

const census = readCensus(censusPath);
failOnErrors(census.errors);
const derived = deriveCensus(census.rows, units);
failOnErrors(derived.problems.map((reason) => ({ file: censusPath, line: 0, reason })));

const ids = sourceIds(cited.candidates.map((c) => c.url));
const candidates: Candidate[] = [
  ...cited.candidates.map((c) => ({ ...c, row: { ...c.row, source_id: ids.get(c.url)! } })),
  ...derived.rows.map((row, i) => ({
    row,
    file: censusPath,
    line: 0,
    url: CENSUS_SOURCE.url,
    variant: false,
    official: true,
    order: 1e12 + i,
  })),
];
const rows = rankCandidates(candidates).sort(compareRows);
const text = formatIndicatorCsv(rows);

// The file must read back cleanly with the app's own parser.
const outPath = join(out, 'indicators.csv');
const check = parseIndicatorCsv(text, outPath);
failOnErrors(check.errors);
if (check.rows.length !== rows.length)
  failOnErrors([{ file: outPath, line: 0, reason: 'row count changed on re-read' }]);
writeOutput(outPath, text);

// Figures for the log (and the README).
const perIndicator = new Map<string, { rows: number; alt: number; units: Set<string> }>();
for (const r of rows) {
  const s = perIndicator.get(r.indicator) ?? { rows: 0, alt: 0, units: new Set<string>() };
  s.rows++;
  if (r.rank > 1) s.alt++;
  s.units.add(r.unit_code);
  perIndicator.set(r.indicator, s);
}
console.log(
  `  indicators.csv: ${rows.length} rows (${cited.candidates.length} cited, ${derived.rows.length} census-derived), ` +
    `${rows.filter((r) => r.rank > 1).length} alternatives, ${Buffer.byteLength(text)} bytes`,
);
for (const [id, s] of [...perIndicator].sort(([a], [b]) => (a < b ? -1 : 1)))
  console.log(
    `    ${id.padEnd(30)} ${String(s.rows).padStart(4)} rows  ${String(s.units.size).padStart(3)} units  ${s.alt} alt`,
  );
for (const r of rows.filter((x) => x.rank > 1))
  console.log(
    `    alternative: ${r.unit_code} ${r.indicator} ${r.year} rank ${r.rank} = ${r.value} (${r.source_id}, ${r.confidence})`,
  );
const dzPop = derived.unplaced.reduce((s, r) => s + r.counts.pop_total_2020, 0);
console.log(
  `  census: ${units.length} units matched; ${derived.unplaced.length} development-zone rows without a polygon ` +
    `(${dzPop} residents) counted only in city/province totals; source ${CENSUS_SOURCE_ID}`,
);
