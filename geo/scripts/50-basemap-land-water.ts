// Basemap step 1/5: land, coastline, lakes and rivers from GSHHG 2.3.7 'f' (more detailed and more
// complete than NE 10m here: it has Miyun Reservoir and the Grand Canal), simplified for zooms ≤ 10.
// Rivers take their names from NE 10m rivers_lake_centerlines by nearest-line matching per vertex.
import type { Feature, FeatureCollection, LineString, MultiLineString, Position } from 'geojson';
import { bbox, length, lineString, point, pointToLineDistance } from '@turf/turf';
import { rmSync } from 'node:fs';
import { fail } from './lib/build-io.ts';
import {
  basemapDirs,
  feature,
  mapshaperRun,
  need,
  readFC,
  readVector,
  writeBasemapFile,
} from './lib/basemap-geo.ts';
import { CANAL_NAME, RIVER_NAMES, type LabelName } from './lib/basemap-names.ts';

const STEP = 'geo/scripts/50-basemap-land-water.ts';
// County boundaries in the app have ≈1.5 km vertex spacing; 200 m keeps the coast finer than that
// and land + coastline + lakes near 120 KB. Rivers are drawn thin, so a coarser interval is invisible.
const COAST_INTERVAL_M = 200;
const RIVER_INTERVAL_M = 400;
// A GSHHG river vertex takes the name of the nearest NE river line within MATCH_KM; a named or
// unnamed stretch shorter than MIN_RUN_KM is absorbed by its neighbour.
const MATCH_KM = 4;
const MIN_RUN_KM = 15;
const BBOX_PAD = 0.1; // degrees, > MATCH_KM

/** GSHHG river class (gmt coast -I levels) → draw rank (1 = most important) and kind. */
const RIVER_CLASS: Record<string, { rank: number; kind: 'river' | 'canal' }> = {
  permanent_major: { rank: 1, kind: 'river' },
  additional_major: { rank: 2, kind: 'river' },
  additional: { rank: 3, kind: 'river' },
  minor: { rank: 4, kind: 'river' },
  major_canal: { rank: 2, kind: 'canal' },
};

const dirs = basemapDirs();
// Step 50 is the first basemap step: start from an empty folder so dropped layers leave no stale file.
rmSync(dirs.basemap, { recursive: true, force: true });

const coast = await mapshaperRun(
  STEP,
  `-i land.json coastline.json lakes.json combine-files` +
    ` -simplify interval=${COAST_INTERVAL_M} keep-shapes` +
    ` -o target=land land.out.json format=geojson` +
    ` -o target=coastline coastline.out.json format=geojson` +
    ` -o target=lakes lakes.out.json format=geojson`,
  {
    'land.json': readVector('gshhg_f_land.geojson'),
    'coastline.json': readVector('gshhg_f_coastline.geojson'),
    'lakes.json': readVector('gshhg_f_lakes.geojson'),
  },
);
const rivers = await mapshaperRun(
  STEP,
  `-i rivers.json -simplify interval=${RIVER_INTERVAL_M} keep-shapes -o rivers.out.json format=geojson`,
  { 'rivers.json': readVector('gshhg_f_rivers.geojson') },
);

const geometryOnly = (fc: FeatureCollection) => fc.features.map((f) => feature(f.geometry));

writeBasemapFile(dirs.basemap, 'land', geometryOnly(need(coast['land.out.json'], STEP, 'land output')));
writeBasemapFile(
  dirs.basemap,
  'coastline',
  geometryOnly(need(coast['coastline.out.json'], STEP, 'coastline output')),
);
writeBasemapFile(dirs.basemap, 'lakes', geometryOnly(need(coast['lakes.out.json'], STEP, 'lakes output')));

// --- river names -------------------------------------------------------------------------------
const neRivers = readFC(readVector('ne10m_rivers_lake_centerlines.geojson'), 'ne10m_rivers_lake_centerlines')
  .features.filter((f) => f.geometry && f.properties?.['name'])
  .map((f) => {
    const ne = String(f.properties!['name']);
    const label = RIVER_NAMES[ne];
    if (!label) fail(STEP, 0, `NE river "${ne}" has no entry in RIVER_NAMES (lib/basemap-names.ts)`);
    const g = f.geometry as LineString | MultiLineString;
    const parts = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
    return { label, lines: parts.map((c) => lineString(c)), bbox: bbox(g) };
  });

/** Nearest NE river within MATCH_KM of a vertex (bounding boxes first: most rivers are far away). */
function nearestName(p: Position): LabelName | undefined {
  let best: { label: LabelName; km: number } | undefined;
  const pt = point(p);
  for (const ne of neRivers) {
    const [w, s, e, n] = ne.bbox;
    if (p[0]! < w - BBOX_PAD || p[0]! > e + BBOX_PAD || p[1]! < s - BBOX_PAD || p[1]! > n + BBOX_PAD)
      continue;
    for (const l of ne.lines) {
      const km = pointToLineDistance(pt, l, { units: 'kilometers' });
      if (km <= MATCH_KM && (!best || km < best.km)) best = { label: ne.label, km };
    }
  }
  return best?.label;
}

interface Run {
  coords: Position[];
  label: LabelName | undefined;
}
const runKm = (r: Run) => (r.coords.length < 2 ? 0 : length(lineString(r.coords), { units: 'kilometers' }));

/**
 * Split a GSHHG river where the nearest NE river changes (GSHHG draws Yongding + Hai as one line;
 * NE names them apart at Tianjin). Runs shorter than MIN_RUN_KM take the name of the run before.
 */
function namedRuns(line: Position[]): Run[] {
  const names = line.map(nearestName);
  const runs: Run[] = [];
  for (const [i, p] of line.entries()) {
    const last = runs[runs.length - 1];
    if (last && last.label === names[i]) last.coords.push(p);
    // A new run starts at the previous vertex, so consecutive runs share an end and the line stays whole.
    else runs.push({ coords: last ? [last.coords[last.coords.length - 1]!, p] : [p], label: names[i] });
  }
  const merged: Run[] = [];
  for (const r of runs) {
    const prev = merged[merged.length - 1];
    if (prev && (prev.label === r.label || runKm(r) < MIN_RUN_KM)) prev.coords.push(...r.coords.slice(1));
    else merged.push({ coords: [...r.coords], label: r.label });
  }
  const [first, second] = merged;
  if (first && second && runKm(first) < MIN_RUN_KM) {
    second.coords = [...first.coords, ...second.coords.slice(1)];
    merged.shift();
  }
  return merged;
}

const riverFeatures: (Feature | null)[] = [];
for (const f of need(rivers['rivers.out.json'], STEP, 'rivers output').features) {
  const cls = String(f.properties?.['class'] ?? '');
  const c = RIVER_CLASS[cls];
  if (!c) fail(STEP, 0, `unknown GSHHG river class "${cls}"`);
  const g = f.geometry as LineString | MultiLineString;
  for (const part of g.type === 'LineString' ? [g.coordinates] : g.coordinates) {
    const runs = c.kind === 'canal' ? [{ coords: part, label: CANAL_NAME }] : namedRuns(part);
    for (const r of runs) {
      riverFeatures.push(
        feature(
          { type: 'LineString', coordinates: r.coords },
          { rank: c.rank, kind: c.kind, ...(r.label ? { name_en: r.label.en, name_zh: r.label.zh } : {}) },
        ),
      );
    }
  }
}
writeBasemapFile(dirs.basemap, 'rivers', riverFeatures);
const named = riverFeatures.filter((f) => f?.properties?.['name_en']).length;
console.log(`  rivers: ${named} of ${riverFeatures.length} features named from NE 10m`);
