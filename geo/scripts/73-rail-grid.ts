// Rail step 4/4: the access grid of the isochrones (src/core/rail/grid.ts). Cells of about CELL_KM over
// the region's bbox, each tagged with its county (boundaries-county.geojson of this build, else the
// upstream Tianditu layer); population = county census 2020 (shared/data/facilities) spread evenly
// over the county's cells. Writes geo/build/rail/access-grid.json (run-length coded cells).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { prefectureOf } from '../../src/core/rail/assemble.ts';
import { bboxOf, type Areal } from '../../src/core/rail/geo.ts';
import {
  accessGrid,
  encodeRle,
  gridSpec,
  rasterizeCounties,
  type AccessGridFile,
  type GridCity,
  type GridCounty,
} from '../../src/core/rail/grid.ts';
import { readCsv, sizeReport } from './70-rail-network.ts';
import { fail, GENERATED_NOTE, outDir, REPO_ROOT, sharedPath, writeOutput } from './lib/build-io.ts';

/** Cell size (km): 2.5 km gives about 35,000 cells inside the region (the design asks for ≥ 20,000). */
const CELL_KM = 2.5;
const MIN_CELLS = 20_000;

const out = outDir('geo/build');

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** This build's file if present (same --out first), else null. */
function built(name: string): string | null {
  for (const dir of [out, join(REPO_ROOT, 'geo/build')])
    if (existsSync(join(dir, name))) return join(dir, name);
  return null;
}

interface UnitRow {
  code: string;
  name_zh: string;
  name_en: string;
  levels: string[];
  parent: string | null;
}

type CountyFeature = Feature<Areal, { code: string; name_zh: string; name_en: string }>;

/** Counties (code, names, geometry) and city units, from this build or upstream. */
function countiesAndCities(): {
  source: string;
  counties: CountyFeature[];
  cities: GridCity[];
  parent: (code: string) => string;
} {
  const countyPath = built('boundaries-county.geojson');
  const unitsPath = built('units.json');
  if (countyPath && unitsPath) {
    const units = readJson<{ units: UnitRow[] }>(unitsPath).units;
    const parents = new Map(units.map((u) => [u.code, u.parent]));
    const counties = readJson<FeatureCollection<Areal, CountyFeature['properties']>>(countyPath)
      .features as CountyFeature[];
    const cities = units
      .filter((u) => u.levels.includes('city'))
      .map((u) => ({ code: u.code, name_zh: u.name_zh, name_en: u.name_en }));
    return {
      source: 'geo/build/boundaries-county.geojson + units.json',
      counties,
      cities,
      parent: (c) => parents.get(c) ?? prefectureOf(c),
    };
  }
  // Upstream fallback: Tianditu layers (no English names there).
  const fc = readJson<FeatureCollection<Areal>>(
    sharedPath('boundaries', 'jjj_county_tianditu_wgs84.geojson'),
  );
  const counties = fc.features.map((f) => ({
    ...f,
    properties: { code: String(f.properties?.adcode), name_zh: String(f.properties?.name), name_en: '' },
  })) as CountyFeature[];
  const cityFc = readJson<FeatureCollection<Areal>>(
    sharedPath('boundaries', 'jjj_city_tianditu_wgs84.geojson'),
  );
  const cities = cityFc.features.map((f) => ({
    code: String(f.properties?.adcode),
    name_zh: String(f.properties?.name),
    name_en: '',
  }));
  return { source: 'shared/data/boundaries (Tianditu)', counties, cities, parent: prefectureOf };
}

const popPath = sharedPath('facilities', 'population_county_census2020_jjj.csv');
const popRows = readCsv(popPath).filter((r) => r.cells.level === 'county');
const population = new Map(popRows.map((r) => [r.cells.code!, Number(r.cells.pop_total_2020)]));
const { source, counties: features, cities, parent } = countiesAndCities();
features.sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1));
const counties: GridCounty[] = features.map((f) => {
  const pop = population.get(f.properties.code);
  if (pop === undefined || !Number.isFinite(pop))
    fail(popPath, 0, `no pop_total_2020 for county ${f.properties.code}`);
  return { ...f.properties, city: parent(f.properties.code), population: pop, cells: 0 };
});
const b = bboxOf(features.map((f) => f.geometry));
const spec = gridSpec(b, CELL_KM);
const unit = rasterizeCounties(
  spec,
  features.map((f) => f.geometry),
);
const grid = accessGrid(spec, unit, counties, cities);
if (grid.inside.length < MIN_CELLS)
  fail('geo/scripts/73-rail-grid.ts', 0, `only ${grid.inside.length} cells inside (< ${MIN_CELLS})`);
const placed = counties.reduce((t, c) => t + c.population, 0);
const countyCodes = new Set(counties.map((c) => c.code));
const notPlaced = popRows.filter((r) => !countyCodes.has(r.cells.code!));
const file: AccessGridFile = {
  note: GENERATED_NOTE('npm run build:geo'),
  method: `Regular lon/lat grid, cells ≈${CELL_KM} km; a cell belongs to the county containing its centre (${source}); population per cell = county census 2020 population / the county's cells.`,
  cell_km: CELL_KM,
  spec,
  counties: grid.counties,
  cities,
  population: {
    source: 'census2020 (shared/data/facilities/population_county_census2020_jjj.csv, pop_total_2020)',
    placed,
    not_placed: notPlaced.reduce((t, r) => t + Number(r.cells.pop_total_2020), 0),
    not_placed_note: `${notPlaced.length} development zones / management areas have census rows but no polygon; their residents are in no cell`,
  },
  rle: encodeRle(unit),
};
const text = `${JSON.stringify(file)}\n`;
writeOutput(join(out, 'rail', 'access-grid.json'), text);
console.log(`  ${sizeReport(join(out, 'rail', 'access-grid.json'), text)}`);
console.log(
  `  ${spec.nx}×${spec.ny} grid, ${grid.inside.length} cells inside, ${file.rle.length / 2} runs; population placed ${placed}, not placed ${file.population.not_placed}`,
);
