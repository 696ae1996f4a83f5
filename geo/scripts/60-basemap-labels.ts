// Basemap step 3/5: label points. places.geojson = NE 10m populated places with zh/en names, a tier and
// a rank for label priority; labels.geojson = seas, physical regions, peaks, named lakes and the
// neighbouring provinces, each at an interior point of its polygon inside the region's target box.
import type { Feature, FeatureCollection, Point, Polygon, MultiPolygon } from 'geojson';
import { booleanPointInPolygon, point } from '@turf/turf';
import { readFileSync } from 'node:fs';
import { fail, sharedPath } from './lib/build-io.ts';
import {
  basemapDirs,
  bboxArg,
  CLIP_BBOX,
  CORE_BBOX,
  feature,
  mapshaperRun,
  need,
  readFC,
  readVector,
  writeBasemapFile,
  type Props,
} from './lib/basemap-geo.ts';
import {
  LAKE_NAMES,
  MARINE_NAMES,
  MIYUN,
  PEAK_NAMES,
  PLACE_FIXES,
  PROVINCE_EN,
  REGION_NAMES,
  type LabelName,
} from './lib/basemap-names.ts';

const STEP = 'geo/scripts/60-basemap-labels.ts';
// A region clipped to the target box smaller than this has no room for its label (e.g. the slivers
// of the Greater Khingan Range and the Manchurian Plain along the box's northern edge).
const MIN_LABEL_AREA_KM2 = 2000;
// Every prefecture seat of the region is labelled from this zoom on, whatever NE's min_zoom says
// (NE shows Baoding, Xingtai and Hengshui only from z6.7–7).
const JJJ_SEAT_MIN_ZOOM = 5;

const dirs = basemapDirs();
// Plain code-unit order: unlike localeCompare it cannot change with the ICU data of a Node build.
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const readShared = (...p: string[]) => readFileSync(sharedPath(...p), 'utf8');
const provinces = readFC(
  readShared('boundaries', 'jjj_context_province_tianditu_wgs84.geojson'),
  'jjj_context_province_tianditu_wgs84.geojson',
);
const cities = readFC(readShared('boundaries', 'jjj_city_tianditu_wgs84.geojson'), 'jjj_city_tianditu_wgs84');

type Area = Feature<Polygon | MultiPolygon>;
const inside = (at: Feature<Point>, areas: Area[]) => areas.find((a) => booleanPointInPolygon(at, a));
const jjjAreas = provinces.features.filter((f) => f.properties?.['jjj'] === true) as Area[];
if (jjjAreas.length !== 3) fail(STEP, 0, `expected 3 JJJ provinces (jjj: true), got ${jjjAreas.length}`);

// --- populated places ----------------------------------------------------------------------------
/**
 * Tier 1 national capital, 2 provincial-level capital, 3 JJJ prefecture seat, 4 other place.
 * NE classes Shijiazhuang as a plain "Populated place", so a JJJ seat whose city code ends in 0100
 * (GB/T 2260 gives the provincial capital the first prefecture code: 130100 石家庄) is tier 2 too.
 */
function placeTier(cls: string, seatOf: number | undefined): number {
  if (cls === 'Admin-0 capital') return 1;
  if (cls === 'Admin-1 capital' || (seatOf !== undefined && seatOf % 10000 === 100)) return 2;
  return seatOf !== undefined ? 3 : 4;
}

const usedFixes = new Set<string>();
const places = readFC(readVector('ne10m_populated_places.geojson'), 'ne10m_populated_places').features.map(
  (f) => {
    const p = f.properties ?? {};
    const name = String(p['NAME']);
    const fix = PLACE_FIXES[name];
    if (fix) usedFixes.add(name);
    // NAME has misspellings that NAME_EN corrects (SOURCES.md), so NAME is only the last resort.
    const en = fix?.en ?? (p['NAME_EN'] as string | null) ?? name;
    const zh = fix?.zh ?? (p['NAME_ZH'] as string | null) ?? undefined;
    const at = f as Feature<Point>;
    const jjj = inside(at, jjjAreas) !== undefined;
    // A seat is the place whose Chinese name + 市 names the JJJ city polygon it lies in (石家庄 in 石家庄市).
    const city = zh ? inside(at, cities.features as Area[]) : undefined;
    const seatOf = city?.properties?.['name'] === `${zh}市` ? Number(city.properties?.['adcode']) : undefined;
    const tier = placeTier(String(p['FEATURECLA']), seatOf);
    const scalerank = Number(p['SCALERANK']);
    const neMinZoom = Number(p['min_zoom']);
    const props: Props = {
      name_en: en,
      ...(zh ? { name_zh: zh } : {}),
      tier,
      rank: tier * 10 + scalerank, // symbol-sort-key: lower wins collisions
      min_zoom: tier <= 3 ? Math.min(neMinZoom, JJJ_SEAT_MIN_ZOOM) : neMinZoom,
      jjj,
    };
    return {
      props,
      geometry: f.geometry,
      hebeiSeat: seatOf !== undefined && Math.floor(seatOf / 10000) === 13,
    };
  },
);
for (const name of Object.keys(PLACE_FIXES)) {
  if (!usedFixes.has(name)) fail(STEP, 0, `PLACE_FIXES names "${name}", which NE places no longer has`);
}
places.sort(
  (a, b) =>
    Number(a.props['rank']) - Number(b.props['rank']) ||
    byCodeUnits(String(a.props['name_en']), String(b.props['name_en'])),
);
writeBasemapFile(
  dirs.basemap,
  'places',
  places.map((p) => feature(p.geometry, p.props)),
);
const tiers = [1, 2, 3].map((t) =>
  places.filter((p) => p.props['tier'] === t).map((p) => p.props['name_en']),
);
console.log(`  places: ${places.length}; tiers 1–3: ${tiers.map((t) => t.join(', ')).join(' | ')}`);
const hebeiSeats = places.filter((p) => p.hebeiSeat).length;
if (hebeiSeats !== 11)
  fail(STEP, 0, `expected a place for each of Hebei's 11 prefecture seats, found ${hebeiSeats}`);

// --- region, sea, lake and province labels ------------------------------------------------------
const labels: { kind: string; name: LabelName; rank: number; minZoom: number; at: Point }[] = [];

function lookup(table: Record<string, LabelName>, key: string, tableName: string): LabelName {
  const n = table[key];
  if (!n) fail(STEP, 0, `"${key}" has no entry in ${tableName} (lib/basemap-names.ts)`);
  return n;
}

/** Interior points (mapshaper `-points inner`) of polygons clipped to a box, with clipped area. */
async function interiorPoints(text: string, box: readonly number[]): Promise<FeatureCollection> {
  const out = await mapshaperRun(
    STEP,
    `-i in.json -clip bbox=${bboxArg(box)} -each 'area_km2 = this.area / 1e6' -points inner -o out.json format=geojson`,
    { 'in.json': text },
  );
  return need(out['out.json'], STEP, 'interior points');
}

for (const f of (await interiorPoints(readVector('ne10m_geography_marine_polys.geojson'), CLIP_BBOX))
  .features) {
  const p = f.properties ?? {};
  const name = lookup(MARINE_NAMES, String(p['name']), 'MARINE_NAMES');
  labels.push({
    kind: 'sea',
    name,
    rank: Number(p['scalerank']),
    minZoom: Number(p['min_label']),
    at: f.geometry as Point,
  });
}

for (const f of (await interiorPoints(readVector('ne10m_geography_regions_polys.geojson'), CORE_BBOX))
  .features) {
  const p = f.properties ?? {};
  if (Number(p['area_km2']) < MIN_LABEL_AREA_KM2) continue;
  const name = lookup(REGION_NAMES, String(p['name']), 'REGION_NAMES');
  labels.push({
    kind: 'region',
    name,
    rank: Number(p['scalerank']),
    minZoom: Number(p['min_label']),
    at: f.geometry as Point,
  });
}

for (const f of readFC(readVector('ne10m_geography_regions_elevation_points.geojson'), 'elevation points')
  .features) {
  const p = f.properties ?? {};
  const name = lookup(PEAK_NAMES, String(p['name']), 'PEAK_NAMES');
  const elev = Number(p['elevation']);
  if (!Number.isFinite(elev)) fail(STEP, 0, `peak ${String(p['name'])} has no elevation`);
  labels.push({
    kind: 'peak',
    name: { en: `${name.en}\n${elev} m`, zh: `${name.zh}\n${elev} m` },
    rank: Number(p['scalerank']),
    minZoom: Number(p['min_zoom']),
    at: f.geometry as Point,
  });
}

// Lakes: GSHHG geometry (what the map draws), named from NE 10m lakes whose interior point falls in
// the GSHHG polygon, plus Miyun Reservoir, which only GSHHG has.
const neLakes = await interiorPoints(readVector('ne10m_lakes.geojson'), CLIP_BBOX);
const gshhgLakes = readFC(readVector('gshhg_f_lakes.geojson'), 'gshhg_f_lakes').features as Area[];
const lakePoints = await interiorPoints(readVector('gshhg_f_lakes.geojson'), CLIP_BBOX);
for (const [i, lake] of gshhgLakes.entries()) {
  const ne = neLakes.features.find((n) => booleanPointInPolygon(n as Feature<Point>, lake));
  const name = ne
    ? lookup(LAKE_NAMES, String(ne.properties?.['name']), 'LAKE_NAMES')
    : booleanPointInPolygon(point(MIYUN.at), lake)
      ? MIYUN
      : undefined;
  const at = lakePoints.features[i]?.geometry as Point | undefined;
  if (!name || !at) continue;
  const minZoom = ne ? Number(ne.properties?.['min_label']) : 7;
  labels.push({ kind: 'lake', name: { en: name.en, zh: name.zh }, rank: 8, minZoom, at });
}
const lakeNames = labels.filter((l) => l.kind === 'lake').map((l) => l.name.en);
if (!lakeNames.includes(MIYUN.en)) fail(STEP, 0, 'Miyun Reservoir not found among the GSHHG lakes');
if (lakeNames.length !== neLakes.features.length + 1) {
  fail(STEP, 0, `named ${lakeNames.length} lakes, expected the ${neLakes.features.length} NE lakes + Miyun`);
}

// Neighbouring provinces: a point inside the target box so the name shows in the default view.
const neighbourText = JSON.stringify({
  type: 'FeatureCollection',
  features: provinces.features.filter((f) => f.properties?.['jjj'] === false),
});
for (const f of (await interiorPoints(neighbourText, CORE_BBOX)).features) {
  const adcode = Number(f.properties?.['adcode']);
  const en = PROVINCE_EN[adcode];
  if (!en) fail(STEP, 0, `neighbouring province ${adcode} has no English name in PROVINCE_EN`);
  const zh = String(f.properties?.['short_name']);
  labels.push({ kind: 'province', name: { en, zh }, rank: 3, minZoom: 4, at: f.geometry as Point });
}

const KIND_ORDER = ['sea', 'province', 'region', 'lake', 'peak'];
labels.sort(
  (a, b) =>
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    a.rank - b.rank ||
    byCodeUnits(a.name.en, b.name.en),
);
writeBasemapFile(
  dirs.basemap,
  'labels',
  labels.map((l) =>
    feature(l.at, {
      kind: l.kind,
      name_en: l.name.en,
      name_zh: l.name.zh,
      rank: l.rank,
      min_zoom: l.minZoom,
    }),
  ),
);
console.log(`  labels: ${labels.map((l) => `${l.kind}:${l.name.en.split('\n')[0]}`).join(', ')}`);
