// Step 40: print the figures of the boundaries outputs (positions, raw and gzip bytes, Xiong'an and
// Baoding areas) so size or shape regressions show up in the build log. Writes nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { area } from '@turf/turf';
import { XIONGAN_CODE } from '../../src/core/types.ts';
import { outDir } from './lib/build-io.ts';
import { countPositions } from './lib/geom.ts';
import { BOUNDARY_FILES, OUTPUT_FILES, readBoundaryLayers, readUnitsFile } from './lib/output.ts';
import { runStep } from './lib/step.ts';

runStep(import.meta.filename, () => {
  const out = outDir('geo/build');
  const layers = readBoundaryLayers(out);
  const { units } = readUnitsFile(out);
  let raw = 0;
  let gz = 0;
  for (const file of OUTPUT_FILES) {
    const bytes = readFileSync(join(out, file));
    const z = gzipSync(bytes, { level: 9 }).length;
    const level = (Object.keys(BOUNDARY_FILES) as (keyof typeof BOUNDARY_FILES)[]).find(
      (l) => BOUNDARY_FILES[l] === file,
    );
    const detail = level
      ? `${layers[level].features.length} features, ${layers[level].features.reduce((n, f) => n + countPositions(f.geometry), 0)} positions`
      : `${units.length} units`;
    console.log(
      `  ${file.padEnd(28)} ${String(bytes.length).padStart(7)} B  gzip ${String(z).padStart(6)} B  ${detail}`,
    );
    if (level) {
      raw += bytes.length;
      gz += z;
    }
  }
  console.log(
    `  ${'boundaries total'.padEnd(28)} ${String(raw).padStart(7)} B  gzip ${String(gz).padStart(6)} B`,
  );
  const listed = new Map(units.map((u) => [u.code, u.area_km2]));
  let worst = { code: '', dev: 0 };
  for (const f of layers.county.features) {
    const dev = area(f) / 1e6 / (listed.get(f.properties.code) ?? Number.NaN) - 1;
    if (Math.abs(dev) > Math.abs(worst.dev)) worst = { code: f.properties.code, dev };
  }
  const xa = layers.city.features.find((f) => f.properties.code === XIONGAN_CODE);
  console.log(
    `  Xiong'an: ${listed.get(XIONGAN_CODE)} km² unsimplified, ${xa ? (area(xa) / 1e6).toFixed(1) : '?'} km² drawn; ` +
      `largest county area change from simplification: ${worst.code} ${(worst.dev * 100).toFixed(1)} %`,
  );
});
