// Step 10: units.json — every province, city-level unit (incl. Xiong'an) and county with names,
// parents and unsimplified areas. Runs first because the indicator build reads it.
import { join } from 'node:path';
import { outDir, writeOutput } from './lib/build-io.ts';
import { serializeUnits, UNITS_FILE } from './lib/output.ts';
import { loadRawInputs } from './lib/raw.ts';
import { runStep } from './lib/step.ts';
import { buildUnits } from './lib/units.ts';

runStep(import.meta.filename, () => {
  const out = outDir('geo/build');
  const { adcodes, layers, names } = loadRawInputs();
  const built = buildUnits(adcodes, layers, names);
  const path = join(out, UNITS_FILE);
  writeOutput(path, serializeUnits(built.units));
  const count = (level: string) => built.units.filter((u) => u.levels.some((l) => l === level)).length;
  const xa = built.units.find((u) => u.code === 'XIONGAN');
  console.log(
    `  ${UNITS_FILE}: ${built.units.length} units (province ${count('province')}, city ${count('city')}, ` +
      `county ${count('county')}); Xiong'an = ${built.xionganCounties.join('+')} = ${xa?.area_km2} km²`,
  );
});
