// Step 10: data/sources.json — one entry per distinct cited source (id derived from the URL, title from
// the indicators/SOURCES.md tables), plus the census table. Step 30 derives the same ids.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_NOTE, outDir, writeOutput } from '../../geo/scripts/lib/build-io.ts';
import { readCited } from './lib/cited.ts';
import { BUILD_CMD, failOnErrors, indicatorInputs, jsonText, sourcesMarkdown } from './lib/inputs.ts';
import { buildSources, isOfficialSource } from './lib/sources.ts';

const out = outDir('data');
const { candidates, errors } = readCited(indicatorInputs(), isOfficialSource);
failOnErrors(errors);
const mdPath = sourcesMarkdown();
const { sources, undescribed } = buildSources(
  candidates.map((c) => c.url),
  readFileSync(mdPath, 'utf8'),
);
for (const u of undescribed)
  console.warn(`  warning: ${u} is not described in ${mdPath}; titled by its site`);
writeOutput(join(out, 'sources.json'), jsonText({ generated: GENERATED_NOTE(BUILD_CMD), sources }));
console.log(
  `  sources.json: ${sources.length} sources (${undescribed.length} without a SOURCES.md description)`,
);
