// Basemap step 2/5: context around Jing-Jin-Ji — the five neighbouring provinces (Tianditu outlines from
// the boundaries folder) as muted polygons, the provincial borders as lines, and NE 50m urban areas.
// Inside the upstream clip box the neighbours follow the GSHHG coast of land.geojson (step 50) and
// keep Tianditu's own (unsimplified) vertices on land borders, the source of the app's JJJ outline;
// outside the box, where there is no GSHHG land, they are simplified harder and a plain land
// backdrop fills what no neighbour covers.
import type { MultiPolygon, Polygon } from 'geojson';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, sharedPath } from './lib/build-io.ts';
import {
  basemapDirs,
  bboxArg,
  CLIP_BBOX,
  CONTEXT_BBOX,
  feature,
  mapshaperRun,
  need,
  readFC,
  readVector,
  writeBasemapFile,
} from './lib/basemap-geo.ts';
import { PROVINCE_EN } from './lib/basemap-names.ts';

const STEP = 'geo/scripts/55-basemap-context.ts';
const OUTSIDE_INTERVAL_M = 1500; // beyond the box the provinces are only a backdrop

const dirs = basemapDirs();
const landFile = join(dirs.basemap, 'land.geojson');
if (!existsSync(landFile)) fail(landFile, 0, 'missing: run step 50-basemap-land-water.ts first (same --out)');
const provincesText = readFileSync(
  sharedPath('boundaries', 'jjj_context_province_tianditu_wgs84.geojson'),
  'utf8',
);

// One polygon per neighbour plus one dissolved JJJ polygon, so `-lines jjj` classes each border as
// 'jjj' (JJJ–neighbour) or 'inner' (between two neighbours); 'outer' (coast, frame) is dropped.
const KEY = `-each 'key = jjj ? "jjj" : String(adcode)' -dissolve key copy-fields=adcode,short_name,jjj`;

const inside = await mapshaperRun(
  STEP,
  `-i provinces.json land.json combine-files` +
    ` -target provinces -clip bbox=${bboxArg(CLIP_BBOX)} ${KEY}` +
    ` -lines jjj + name=lines -filter 'TYPE != "outer"'` +
    ` -target provinces -filter '!jjj' -clip land` +
    ` -o target=provinces neighbours.json format=geojson -o target=lines lines.json format=geojson`,
  { 'provinces.json': provincesText, 'land.json': readFileSync(landFile, 'utf8') },
);
const outside = await mapshaperRun(
  STEP,
  `-i provinces.json -clip bbox=${bboxArg(CONTEXT_BBOX)} -erase bbox=${bboxArg(CLIP_BBOX)} ${KEY}` +
    ` -simplify interval=${OUTSIDE_INTERVAL_M} keep-shapes` +
    ` -lines jjj + name=lines -filter 'TYPE != "outer"'` +
    ` -target provinces -filter '!jjj'` +
    ` -o target=provinces neighbours.json format=geojson -o target=lines lines.json format=geojson`,
  { 'provinces.json': provincesText },
);

// Join each province's inside and outside parts along the box frame (both were cut on the same
// frame lines, so the shared vertices match) into one feature without a seam.
const merged = await mapshaperRun(
  STEP,
  `-i in.json out.json merge-files -dissolve adcode copy-fields=short_name -sort adcode` +
    ` -o merged.json format=geojson`,
  {
    'in.json': JSON.stringify(need(inside['neighbours.json'], STEP, 'inside neighbours')),
    'out.json': JSON.stringify(need(outside['neighbours.json'], STEP, 'outside neighbours')),
  },
);

const neighbours = need(merged['merged.json'], STEP, 'merged neighbours').features.map((f) => {
  const adcode = Number(f.properties?.['adcode']);
  const en = PROVINCE_EN[adcode];
  if (!en) fail(STEP, 0, `neighbouring province ${adcode} has no English name in PROVINCE_EN`);
  const zh = String(f.properties?.['short_name'] ?? '');
  if (!zh) fail(STEP, 0, `neighbouring province ${adcode} has no short_name`);
  return feature(f.geometry as Polygon | MultiPolygon, { adcode, name_zh: zh, name_en: en });
});
if (neighbours.length !== Object.keys(PROVINCE_EN).length) {
  fail(
    STEP,
    0,
    `expected ${Object.keys(PROVINCE_EN).length} neighbouring provinces, got ${neighbours.length}`,
  );
}
// Backdrop: strips around the box that are land on any map (west and north of the box; south of it
// as far east as 119° E, short of the Jiangsu coast) but where no neighbour polygon reaches
// (Shaanxi, Mongolia, Jilin, Anhui, Jiangsu). Without it the sea-coloured background shows there.
// East of 121° E and south-east of the box land and sea mix, so only the province polygons count.
const [w, s, e, n] = CONTEXT_BBOX;
const [cw, cs, , cn] = CLIP_BBOX;
const SOUTH_STRIP_EAST_LON = 119;
const rect = (x0: number, y0: number, x1: number, y1: number) => [
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ],
];
const backdrop = feature(
  {
    type: 'MultiPolygon',
    coordinates: [rect(w, s, cw, n), rect(cw, cn, e, n), rect(cw, s, SOUTH_STRIP_EAST_LON, cs)],
  },
  { adcode: 0 }, // not a province: no name, never labelled
);
writeBasemapFile(dirs.basemap, 'neighbours', [...neighbours, backdrop]);

const lines = [
  ...need(inside['lines.json'], STEP, 'inside lines').features,
  ...need(outside['lines.json'], STEP, 'outside lines').features,
].map((f) => feature(f.geometry, { jjj: f.properties?.['TYPE'] === 'jjj' }));
writeBasemapFile(dirs.basemap, 'province-lines', lines);

// NE 50m urban areas (the 10m layer is not staged): geometry only; the style draws them flat.
const urban = readFC(readVector('ne50m_urban_areas.geojson'), 'ne50m_urban_areas.geojson');
writeBasemapFile(
  dirs.basemap,
  'urban',
  urban.features.map((f) => feature(f.geometry)),
);
