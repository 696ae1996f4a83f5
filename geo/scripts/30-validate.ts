// Step 30: check the outputs against the GB/T 2260 code table and each other (presence, valid
// RFC 7946 polygons, shared outlines, nesting, area sums, Xiong'an vs Baoding). Fails naming codes.
import { fail, outDir, sharedPath } from './lib/build-io.ts';
import { OUTPUT_FILES, readBoundaryLayers, readUnitsFile } from './lib/output.ts';
import { readAdcodes, SRC } from './lib/sources.ts';
import { runStep } from './lib/step.ts';
import { expectedFromAdcodes, formatProblem, validateBoundaries } from './lib/validate.ts';

runStep(import.meta.filename, () => {
  const out = outDir('geo/build');
  const rows = readAdcodes(sharedPath(SRC.adcodes));
  const problems = validateBoundaries({
    expected: expectedFromAdcodes(rows),
    units: readUnitsFile(out).units,
    layers: readBoundaryLayers(out),
    xionganHost: rows.find((r) => r.inXiongan)?.parent ?? undefined,
  });
  if (problems.length > 0) {
    for (const p of problems) console.error(`  ✖ ${formatProblem(p)}`);
    const codes = [...new Set(problems.map((p) => p.code))];
    fail(out, 0, `${problems.length} problem(s) in units ${codes.join(', ')}`);
  }
  console.log(`  ${OUTPUT_FILES.join(', ')}: all checks passed (${rows.length} code-table rows)`);
});
