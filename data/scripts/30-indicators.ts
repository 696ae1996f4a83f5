// Step 30: data/indicators.csv — the cited rows of every round (after the corrections of lib/collect.ts),
// per-capita values computed from counts where the page gives only the count, six census-derived
// indicators for every unit, and in the full build the rail and hospital-register series; ranked where
// sources compete, sorted by unit, indicator, year, rank. Also data/build-report.json: every staged value
// that is not shown, with the reason. Fails (exit 1, file:line and reason) on a malformed row, an unknown
// unit code, or a unit the census cannot be matched to.
import { join } from 'node:path';
import {
  NATION_CODE,
  REGION_CODE,
  INDICATOR_PARTS,
  cellKey,
  compareRows,
  formatIndicatorCsv,
  joinIndicators,
  parseIndicatorCsv,
  partOf,
  type RowError,
} from '../../src/core/indicators.ts';
import { GENERATED_NOTE, outDir, writeOutput } from '../../geo/scripts/lib/build-io.ts';
import { catalogDefs } from './lib/catalog.ts';
import { deriveCensus, readCensus } from './lib/census.ts';
import { rankCandidates, type Candidate } from './lib/cited.ts';
import { betterFirst, collect } from './lib/collect.ts';
import { perCapitaRows, railRows, registerRows } from './lib/derive.ts';
import {
  BUILD_CMD,
  censusInput,
  failOnErrors,
  fullBuild,
  jsonText,
  readUnits,
  unitsInput,
} from './lib/inputs.ts';
import { CENSUS_SOURCE, CENSUS_SOURCE_ID, isCitedValue, sourceIds } from './lib/sources.ts';

const out = outDir('data');
const unitsPath = unitsInput();
const units = readUnits(unitsPath);
const censusPath = censusInput();
const census = readCensus(censusPath);
failOnErrors(census.errors);

// Cited rows first: a malformed or unknown row is the most likely thing to fix.
const c = collect(census.rows);
failOnErrors(c.errors);

const known = new Set([...units.map((u) => u.code), REGION_CODE, NATION_CODE]);
const joinErrors: RowError[] = [];
const files = [...new Set(c.candidates.map((x) => x.file))];
for (const file of files) {
  const mine = c.candidates.filter((x) => x.file === file);
  const { unmatched } = joinIndicators(
    mine.map((x) => x.row),
    known,
    mine.map((x) => x.line),
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

const derived = deriveCensus(census.rows, units);
failOnErrors(derived.problems.map((reason) => ({ file: censusPath, line: 0, reason })));

const ids = sourceIds(c.candidates.map((x) => x.url));
const cited: Candidate[] = c.candidates.map((x) => ({ ...x, row: { ...x.row, source_id: ids.get(x.url)! } }));

// Best cited value per cell, for the per-capita step (which only fills cells without a cited value).
const best = new Map<string, Candidate>();
for (const x of [...cited].sort(betterFirst)) {
  const k = cellKey(x.row.unit_code, x.row.indicator, x.row.year);
  if (!best.has(k)) best.set(k, x);
}
const perCapita = perCapitaRows(best, census.rows, (url) => ids.get(url)!);
const full = fullBuild();
const rail = full ? railRows() : { rows: [], summary: [] };
const register = full ? registerRows(census.rows, units) : { rows: [], summary: [] };

const unitOf = new Map(catalogDefs({ count: 0, population: 0 }).map((d) => [d.id, d.unit_en]));
const candidates: Candidate[] = [
  ...cited,
  ...perCapita,
  ...rail.rows,
  ...register.rows,
  ...derived.rows.map((row, i) => ({
    row: { ...row, note_zh: '', quote: '' },
    file: censusPath,
    line: 0,
    url: CENSUS_SOURCE.url,
    variant: false,
    official: true,
    order: 1e12 + i,
  })),
].map((x) => ({ ...x, row: { ...x.row, unit: unitOf.get(x.row.indicator) ?? x.row.unit } }));
const rows = rankCandidates(candidates).sort(compareRows);

// Written in parts (INDICATOR_PARTS): the rail engine's series apart, so the app's start-up skips them.
// Each part must read back cleanly with the app's own parser.
let bytes = 0;
for (const [part, file] of Object.entries(INDICATOR_PARTS)) {
  const partRows = rows.filter((r) => partOf(r.indicator) === part);
  const text = formatIndicatorCsv(partRows);
  const outPath = join(out, file);
  const check = parseIndicatorCsv(text, outPath);
  failOnErrors(check.errors);
  if (check.rows.length !== partRows.length)
    failOnErrors([{ file: outPath, line: 0, reason: 'row count changed on re-read' }]);
  writeOutput(outPath, text);
  bytes += Buffer.byteLength(text);
}

// The build report: what was changed or left out, and why (paths relative to the shared folder or repo).
const rel = (f: string) =>
  f.replace(/^.*\/shared\/data\//, 'shared/data/').replace(/^.*\/data\/sources\//, 'data/sources/');
const computedKeys = [...perCapita, ...rail.rows, ...register.rows].map((x) =>
  cellKey(x.row.unit_code, x.row.indicator, x.row.year),
);
const shownCited = rows.filter((r) => r.rank === 1 && isCitedValue(r));
const report = {
  generated: GENERATED_NOTE(BUILD_CMD),
  inputs: files.map(rel),
  accounting: c.accounting,
  corrections: c.corrections,
  computed: {
    per_capita: perCapita.length,
    rail: rail.rows.length,
    register: register.rows.length,
    census: derived.rows.length,
  },
  rejected: [...c.rejected]
    .map((r) => ({ ...r, file: rel(r.file) }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line)),
  computed_cells: computedKeys.length,
  note: 'official share = rank-1 cited values (census and computed series excluded) whose source kind is official or official_reprint; see the coverage step',
  cited_rank1: shownCited.length,
};
if (full) writeOutput(join(out, 'build-report.json'), jsonText(report));

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
  `  ${Object.values(INDICATOR_PARTS).join(' + ')}: ${rows.length} rows (${cited.length} cited, ${perCapita.length} per-capita computed, ` +
    `${rail.rows.length} rail, ${register.rows.length} register, ${derived.rows.length} census-derived), ` +
    `${rows.filter((r) => r.rank > 1).length} alternatives, ${bytes} bytes`,
);
console.log(
  `  rejected: ${c.rejected.length} (${['duplicate', 'definition break', 'weak copy', 'partial year'].map((k) => `${k} ${c.rejected.filter((r) => r.reason === k).length}`).join(', ')})`,
);
for (const x of c.corrections) console.log(`  correction: ${x.what}: ${x.rows} rows`);
for (const line of [
  ...rail.summary.filter((l) => !/within 60/.test(l) || /^(2008|2015|2024)/.test(l)),
  ...register.summary,
])
  console.log(`  ${line}`);
for (const [id, s] of [...perIndicator].sort(([a], [b]) => (a < b ? -1 : 1)))
  console.log(
    `    ${id.padEnd(36)} ${String(s.rows).padStart(5)} rows  ${String(s.units.size).padStart(3)} units  ${s.alt} alt`,
  );
const dzPop = derived.unplaced.reduce((s, r) => s + r.counts.pop_total_2020, 0);
console.log(
  `  census: ${units.length} units matched; ${derived.unplaced.length} development-zone rows without a polygon ` +
    `(${dzPop} residents) counted only in city/province totals; source ${CENSUS_SOURCE_ID}`,
);
