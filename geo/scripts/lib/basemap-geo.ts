// Shared plumbing for the basemap build steps (50–69): mapshaper in memory, coordinate rounding and a
// byte-stable GeoJSON writer. Only build steps import this (it reads ../shared/data).
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BASEMAP_BOUNDS, BASEMAP_SOURCES } from '../../../src/map/offline-style.ts';
import { fail, GENERATED_NOTE, outDir, sharedPath, writeOutput } from './build-io.ts';

/** Box every upstream basemap layer is clipped to (see shared/data/basemap/SOURCES.md). */
export const CLIP_BBOX = [112.5, 35.5, 121, 43.2] as const;
/** Target box of the region (SOURCES.md); label points are kept inside it when possible. */
export const CORE_BBOX = [113, 36, 120.5, 42.7] as const;
/**
 * Neighbouring provinces reach past the upstream box so the map has land around it when panned; the
 * style exports the same extent as BASEMAP_BOUNDS for the map's maxBounds. East of 124.2° E (the
 * Yalu) lie Korea and Jilin, which no staged polygon covers.
 */
export const CONTEXT_BBOX = [...BASEMAP_BOUNDS[0], ...BASEMAP_BOUNDS[1]] as const;

/** The GeoJSON files the build writes are exactly the style's sources. */
export type BasemapFile = (typeof BASEMAP_SOURCES)[number];

export const GENERATED = GENERATED_NOTE('npm run build:geo');

/** `<out>/basemap` and `<out>/glyphs`, where `<out>` is geo/build or `--out DIR`. */
export function basemapDirs(): { basemap: string; glyphs: string; root: string } {
  const root = outDir('geo/build');
  return { root, basemap: join(root, 'basemap'), glyphs: join(root, 'glyphs') };
}

export function readVector(name: string): string {
  return readFileSync(sharedPath('basemap', 'vector', name), 'utf8');
}

export function readFC(text: string, file: string): FeatureCollection {
  const fc = JSON.parse(text) as FeatureCollection;
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    fail(file, 0, 'expected a GeoJSON FeatureCollection');
  }
  return fc;
}

interface Mapshaper {
  applyCommands(cmd: string, input: Record<string, string>): Promise<Record<string, string | Uint8Array>>;
}
// mapshaper is CommonJS without type declarations; this is the one call the steps use.
const mapshaper = createRequire(import.meta.url)('mapshaper') as Mapshaper;

/**
 * Run mapshaper on in-memory files (no temp files, no path quoting) and parse the GeoJSON outputs.
 * `inputs` maps a file name used in `commands` to its text; every `-o` must name a `.json` file.
 */
export async function mapshaperRun(
  step: string,
  commands: string,
  inputs: Record<string, string>,
): Promise<Record<string, FeatureCollection>> {
  let out: Record<string, string | Uint8Array>;
  try {
    out = await mapshaper.applyCommands(`${commands} -quiet`, inputs);
  } catch (err) {
    fail(step, 0, `mapshaper failed: ${(err as Error).message}\n  commands: ${commands}`);
  }
  const parsed: Record<string, FeatureCollection> = {};
  for (const [name, content] of Object.entries(out)) {
    const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
    parsed[name] = readFC(text, `${step} (mapshaper output ${name})`);
  }
  return parsed;
}

export function need<T>(value: T | undefined, step: string, what: string): T {
  if (value === undefined) fail(step, 0, `missing ${what}`);
  return value;
}

const round5 = (v: number) => Math.round(v * 1e5) / 1e5 + 0; // + 0 turns -0 into 0

function roundLine(line: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of line) {
    const q: Position = [round5(p[0]!), round5(p[1]!)];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q); // rounding can merge neighbours
  }
  return out;
}

/** A polygon whose outer ring rounding collapsed is dropped; collapsed holes are dropped alone. */
function roundPolygon(rings: Position[][]): Position[][] | null {
  const shell = rings[0] ? roundLine(rings[0]) : [];
  if (shell.length < 4) return null;
  return [
    shell,
    ...rings
      .slice(1)
      .map(roundLine)
      .filter((r) => r.length >= 4),
  ];
}

/** Round to 1e-5° (≈1 m) and drop parts that rounding made degenerate; null when nothing is left. */
export function roundGeometry(g: Geometry | null): Geometry | null {
  if (!g) return null;
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: [round5(g.coordinates[0]!), round5(g.coordinates[1]!)] };
    case 'LineString': {
      const c = roundLine(g.coordinates);
      return c.length >= 2 ? { type: 'LineString', coordinates: c } : null;
    }
    case 'MultiLineString': {
      const c = g.coordinates.map(roundLine).filter((l) => l.length >= 2);
      if (c.length === 0) return null;
      return c.length === 1
        ? { type: 'LineString', coordinates: c[0]! }
        : { type: 'MultiLineString', coordinates: c };
    }
    case 'Polygon': {
      const c = roundPolygon(g.coordinates);
      return c ? { type: 'Polygon', coordinates: c } : null;
    }
    case 'MultiPolygon': {
      const c = g.coordinates.map(roundPolygon).filter((p): p is Position[][] => p !== null);
      if (c.length === 0) return null;
      return c.length === 1
        ? { type: 'Polygon', coordinates: c[0]! }
        : { type: 'MultiPolygon', coordinates: c };
    }
    default:
      throw new Error(`unsupported geometry type ${g.type}`);
  }
}

export type Props = Record<string, string | number | boolean>;

/** A feature with rounded geometry and exactly the given properties (their order is kept). */
export function feature(geometry: Geometry | null, properties: Props = {}): Feature | null {
  const g = roundGeometry(geometry);
  return g ? { type: 'Feature', properties, geometry: g } : null;
}

/**
 * Serialise a FeatureCollection with the "generated" foreign member, one feature per line so diffs of
 * the committed file stay readable. JSON.stringify is deterministic for the objects built here.
 */
export function featureCollectionText(features: (Feature | null)[]): string {
  const lines = features.filter((f): f is Feature => f !== null).map((f) => JSON.stringify(f));
  return (
    `{"type":"FeatureCollection","generated":${JSON.stringify(GENERATED)},"features":[\n` +
    lines.join(',\n') +
    '\n]}\n'
  );
}

export function writeBasemapFile(dir: string, name: BasemapFile, features: (Feature | null)[]): void {
  const text = featureCollectionText(features);
  if (!text.includes('"geometry"')) fail(join(dir, `${name}.geojson`), 0, 'no features left to write');
  writeOutput(join(dir, `${name}.geojson`), text);
  console.log(`  basemap/${name}.geojson  ${Buffer.byteLength(text)} B`);
}

export const bboxArg = (b: readonly number[]) => b.join(',');
