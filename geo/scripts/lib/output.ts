// File names and byte-stable serialisation of the boundaries outputs. One feature / unit per line
// keeps git diffs readable without the size of pretty-printed coordinates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { Level, UnitInfo } from '../../../src/core/types.ts';
import { GENERATED_NOTE } from './build-io.ts';
import type { Areal } from './geom.ts';

export const GENERATED = GENERATED_NOTE('npm run build:geo');

export const UNITS_FILE = 'units.json';
export const BOUNDARY_FILES: Readonly<Record<Level, string>> = {
  province: 'boundaries-province.geojson',
  city: 'boundaries-city.geojson',
  county: 'boundaries-county.geojson',
};
/** Every file the boundaries steps (10–49) write; the rebuild test compares exactly these. */
export const OUTPUT_FILES: readonly string[] = [UNITS_FILE, ...Object.values(BOUNDARY_FILES)];

export interface UnitProps {
  code: string;
  name_zh: string;
  name_en: string;
}
export type BoundaryCollection = FeatureCollection<Areal, UnitProps> & { generated?: string };
export type BoundaryLayers = Record<Level, BoundaryCollection>;

export interface UnitsFile {
  generated: string;
  units: UnitInfo[];
}

export function serializeUnits(units: UnitInfo[]): string {
  // Rebuild each object so key order follows UnitInfo whatever order the caller used.
  const lines = units.map((u) =>
    JSON.stringify({
      code: u.code,
      name_zh: u.name_zh,
      name_en: u.name_en,
      levels: u.levels,
      parent: u.parent,
      province: u.province,
      area_km2: u.area_km2,
      name_en_source: u.name_en_source,
    } satisfies UnitInfo),
  );
  return `{\n  "generated": ${JSON.stringify(GENERATED)},\n  "units": [\n    ${lines.join(',\n    ')}\n  ]\n}\n`;
}

export function serializeBoundaries(fc: BoundaryCollection): string {
  const lines = fc.features.map((f) =>
    JSON.stringify({
      type: 'Feature',
      properties: { code: f.properties.code, name_zh: f.properties.name_zh, name_en: f.properties.name_en },
      geometry: f.geometry,
    }),
  );
  return `{"type":"FeatureCollection","generated":${JSON.stringify(GENERATED)},"features":[\n${lines.join(',\n')}\n]}\n`;
}

export function readUnitsFile(dir: string): UnitsFile {
  return JSON.parse(readFileSync(join(dir, UNITS_FILE), 'utf8')) as UnitsFile;
}

export function readBoundaryLayers(dir: string): BoundaryLayers {
  const read = (level: Level) =>
    JSON.parse(readFileSync(join(dir, BOUNDARY_FILES[level]), 'utf8')) as BoundaryCollection;
  return { province: read('province'), city: read('city'), county: read('county') };
}
