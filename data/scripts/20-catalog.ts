// Step 20: data/catalog.json — every indicator id with zh/en names and units, good direction, definition
// notes and kind. The census notes quote the development-zone figures, computed here from the census table.
import { join } from 'node:path';
import { GENERATED_NOTE, outDir, writeOutput } from '../../geo/scripts/lib/build-io.ts';
import { catalogDefs, toMeta } from './lib/catalog.ts';
import { isDevelopmentZoneCode, readCensus } from './lib/census.ts';
import { BUILD_CMD, censusInput, failOnErrors, jsonText } from './lib/inputs.ts';

const out = outDir('data');
const census = readCensus(censusInput());
failOnErrors(census.errors);
const zones = census.rows.filter((r) => r.level === 'county' && isDevelopmentZoneCode(r.code));
const dz = { count: zones.length, population: zones.reduce((s, r) => s + r.counts.pop_total_2020, 0) };
const indicators = catalogDefs(dz).map(toMeta);
writeOutput(join(out, 'catalog.json'), jsonText({ generated: GENERATED_NOTE(BUILD_CMD), indicators }));
console.log(
  `  catalog.json: ${indicators.length} indicators (${indicators.filter((i) => i.kind === 'derived').length} derived); ` +
    `development zones: ${dz.count} rows, ${dz.population} residents`,
);
