// Step 20: boundaries-{province,city,county}.geojson — simplified with shared topology from the
// Tianditu counties, names and parents taken from units.json (step 10).
import { join } from 'node:path';
import { outDir, sharedPath, writeOutput } from './lib/build-io.ts';
import { buildBoundaryLayers } from './lib/boundaries.ts';
import { countPositions } from './lib/geom.ts';
import { BOUNDARY_FILES, readUnitsFile, serializeBoundaries } from './lib/output.ts';
import { readAdcodeLayer, SRC } from './lib/sources.ts';
import { runStep } from './lib/step.ts';

runStep(import.meta.filename, async () => {
  const out = outDir('geo/build');
  const { units } = readUnitsFile(out);
  const counties = readAdcodeLayer(sharedPath(SRC.county));
  const layers = await buildBoundaryLayers(counties, units);
  for (const [level, file] of Object.entries(BOUNDARY_FILES)) {
    const fc = layers[level as keyof typeof BOUNDARY_FILES];
    const text = serializeBoundaries(fc);
    writeOutput(join(out, file), text);
    const positions = fc.features.reduce((n, f) => n + countPositions(f.geometry), 0);
    console.log(`  ${file}: ${fc.features.length} features, ${positions} positions, ${text.length} chars`);
  }
});
