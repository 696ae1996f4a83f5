// Step 10: data/sources.json — one entry per page that gives a value (rounds 1–4), with the page's own
// title, publisher, kind and the years it covers, plus the census table and, in the full build, the two
// inputs of the computed series (rail engine, hospital register). Step 30 derives the same ids.
import { join } from 'node:path';
import { GENERATED_NOTE, outDir, writeOutput } from '../../geo/scripts/lib/build-io.ts';
import { readCensus } from './lib/census.ts';
import { collect } from './lib/collect.ts';
import { BUILD_CMD, censusInput, failOnErrors, fullBuild, jsonText } from './lib/inputs.ts';
import { CENSUS_SOURCE, RAIL_SOURCE, REGISTER_SOURCE, sourcesFromPages } from './lib/sources.ts';

const out = outDir('data');
const census = readCensus(censusInput());
failOnErrors(census.errors);
const c = collect(census.rows);
failOnErrors(c.errors);
const years = new Map<string, number[]>();
for (const x of c.candidates) years.set(x.url, [...(years.get(x.url) ?? []), x.row.year]);
// Only pages that still give a value after duplicates and rejections are sources.
const used = new Map([...c.pages].filter(([url]) => years.has(url)));
const extra = fullBuild() ? [CENSUS_SOURCE, RAIL_SOURCE, REGISTER_SOURCE] : [CENSUS_SOURCE];
const { sources } = sourcesFromPages(used, years, extra);
writeOutput(join(out, 'sources.json'), jsonText({ generated: GENERATED_NOTE(BUILD_CMD), sources }));
const byKind = new Map<string, number>();
for (const s of sources) byKind.set(s.kind ?? '-', (byKind.get(s.kind ?? '-') ?? 0) + 1);
console.log(
  `  sources.json: ${sources.length} sources (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')})`,
);
