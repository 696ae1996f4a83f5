// Rail step 1/4: the intercity rail network. Reads shared/data/rail (lines, sections, stations,
// OSM-derived track, planned lines, official km) and writes geo/build/rail/:
//   network.json           lines, all 83 stations, sections with positioned stops, schematic connectors
//   sections.geojson       drawable sections (OSM-derived track; station chords flagged schematic)
//   stations.geojson       located stations;  stations-unlocated.json  the others
//   planned.json           lines under construction / planned / not HSR (off by default in the UI)
//   official-km.json       the official regional HSR km figures, their sources and confidence
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import Papa from 'papaparse';
import {
  assembleNetwork,
  leadingNumber,
  RailInputError,
  unlocatedProblems,
  type Bbox,
  type CsvRow,
} from '../../src/core/rail/assemble.ts';
import { areaLookup, bboxOf, type Areal } from '../../src/core/rail/geo.ts';
import { cleanName, parseStationOrder } from '../../src/core/rail/stops.ts';
import type { RailNetworkData, RailThrough, SpanSpeed } from '../../src/core/rail/types.ts';
import { isValidDate } from '../../src/core/rail/util.ts';
import { fail, GENERATED_NOTE, outDir, sharedPath, writeOutput } from './lib/build-io.ts';

const NOTE = GENERATED_NOTE('npm run build:geo');
const RAIL = 'rail';
/** Out-of-region stations and track ends (德州东, 牛河梁, 沈阳 …) lie within this margin of the bbox. */
const CONTEXT_MARGIN_DEG = 4;

/** Read a CSV into rows with 1-based file line numbers (header = line 1). */
export function readCsv(path: string): CsvRow[] {
  const text = readFileSync(path, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0]!;
    fail(path, (e.row ?? 0) + 2, `CSV: ${e.message}`);
  }
  // No quoted cell in these files spans lines, so data row i is on line i + 2.
  return parsed.data.map((cells, i) => ({ line: i + 2, cells }));
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/**
 * Point-in-polygon on the upstream Tianditu county layer (WGS84, unsimplified), the layer SOURCES.md
 * used for its prefecture check; the build's simplified layer could flip stations near a border.
 */
function countyLookup(): (lon: number, lat: number) => string | null {
  const fc = readJson<FeatureCollection<Polygon | MultiPolygon>>(
    sharedPath('boundaries', 'jjj_county_tianditu_wgs84.geojson'),
  );
  const find = areaLookup(fc.features as Feature<Areal, Record<string, unknown>>[]);
  return (lon, lat) => {
    const hit = find(lon, lat);
    return hit ? String(hit.props.adcode) : null;
  };
}

function regionBbox(): Bbox {
  const path = sharedPath('boundaries', 'jjj_context_province_tianditu_wgs84.geojson');
  const fc = readJson<FeatureCollection<Polygon | MultiPolygon>>(path);
  const jjj = fc.features.filter((f) => f.properties?.jjj === true);
  if (jjj.length !== 3) fail(path, 0, `expected 3 provinces with jjj=true, got ${jjj.length}`);
  return bboxOf(jjj.map((f) => f.geometry));
}

/** Kind of a planned/other line from its status text (kept verbatim beside it). */
function plannedKind(status: string): 'under_construction' | 'planned' | 'not_hsr' {
  if (/not HSR|NOT counted as HSR/i.test(status)) return 'not_hsr';
  return /under construction|construction phase/i.test(status) ? 'under_construction' : 'planned';
}

function planned(path: string, knownNames: ReadonlyMap<string, string>): Record<string, unknown>[] {
  return readCsv(path).map((r) => {
    const c = r.cells;
    const status = c.status ?? '';
    const names = (c.stations ?? '') === '' ? [] : parseStationOrder(c.stations!).flatMap((b) => b.entries);
    const known = names.flatMap((e) =>
      e.kind === 'station' && knownNames.has(e.name) ? [knownNames.get(e.name)!] : [],
    );
    if (!['high', 'medium', 'low'].includes(c.confidence ?? ''))
      fail(path, r.line, `bad confidence "${c.confidence}"`);
    return {
      name_zh: c.name_zh,
      name_en: c.name_en,
      kind: plannedKind(`${status} ${c.name_en}`),
      status,
      stations: c.stations,
      known_station_ids: known,
      design_speed_kmh: leadingNumber(c.design_speed_kmh),
      length_km: leadingNumber(c.length_km),
      sources: (c.sources ?? '').split(';').filter((s) => s !== ''),
      confidence: c.confidence,
      flagged: true,
      default_visible: false,
    };
  });
}

/**
 * Official figures of network_length_by_year.csv. Confidence follows SOURCES.md §2: PD2024 is quoted
 * verbatim (1,284 end-2013, 2,624 end-2023) and CCTV2022/HBD2022 agree (2,369); JWB2023 is a single
 * repost whose 2023 figure seems to use another cut-off; the 2,669 km (2024) figure comes from the
 * project brief and was not found in any retrieved source, so it is unverified.
 */
function officialKm(path: string): Record<string, unknown>[] {
  const confidence: Record<string, string> = {
    PD2024: 'high',
    'CCTV2022;HBD2022': 'high',
    JWB2023: 'medium',
  };
  return readCsv(path)
    .filter((r) => (r.cells.official_km ?? '') !== '')
    .map((r) => {
      const c = r.cells;
      const km = Number(c.official_km);
      if (!Number.isFinite(km) || km <= 0) fail(path, r.line, `bad official_km "${c.official_km}"`);
      if (!isValidDate(c.date ?? '')) fail(path, r.line, `bad date "${c.date}"`);
      const source = c.official_source ?? '';
      const verified = source !== 'project brief';
      return {
        date: c.date,
        km,
        scope: c.official_scope,
        source,
        verified,
        confidence: verified ? (confidence[source] ?? 'medium') : 'low',
        upstream_computed_excl_qinshen_km: Number(c.computed_in_region_km_excl_qinshen),
      };
    });
}

/** One feature per line, so diffs of the committed file stay readable. */
export function featureCollectionText(
  fc: { features: unknown[] },
  extra: Record<string, unknown> = {},
): string {
  const head = JSON.stringify({ type: 'FeatureCollection', ...extra });
  return `${head.slice(0, -1)},"features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

export function sizeReport(path: string, text: string): string {
  const raw = Buffer.byteLength(text);
  return `${path.split('/').slice(-2).join('/')}: ${raw} B raw, ${gzipSync(text, { level: 9 }).length} B gzip`;
}

/** Hand-collected inputs kept in the repository (shared/data is read-only): see geo/sources/rail/SOURCES.md. */
export const SOURCES_DIR = 'geo/sources/rail';

/**
 * Station positions found after round 2 (station-positions.csv) fill the empty lon/lat of stations_v2
 * rows (never overwrite a position); a service_from cell overrides the service date.
 */
function patchStations(rows: CsvRow[]): CsvRow[] {
  const path = join(SOURCES_DIR, 'station-positions.csv');
  const extra = new Map(readCsv(path).map((r) => [r.cells.station_id, r]));
  for (const r of extra.values()) {
    const c = r.cells;
    const row = rows.find((x) => x.cells.station_id === c.station_id);
    if (!row) fail(path, r.line, `unknown station_id ${c.station_id}`);
    if (row.cells.name_zh !== c.name_zh)
      fail(path, r.line, `${c.station_id} is ${row.cells.name_zh}, not ${c.name_zh}`);
    if ((c.lon ?? '') !== '') {
      if ((row.cells.lon ?? '') !== '') fail(path, r.line, `${c.name_zh} is already located upstream`);
      if (!['high', 'medium', 'low'].includes(c.confidence ?? ''))
        fail(path, r.line, `bad confidence "${c.confidence}"`);
      row.cells = {
        ...row.cells,
        lon: c.lon!,
        lat: c.lat!,
        crs: 'WGS84',
        coord_source: `${c.source_id} (${c.raw_crs} ${c.raw_lon},${c.raw_lat}${c.raw_crs === 'WGS84' ? '' : ' → WGS84 with gcoord'})`,
        coord_confidence: c.confidence!,
        coord_check: c.check ?? '',
      };
    }
    if ((c.service_from ?? '') !== '') {
      if (!isValidDate(c.service_from!)) fail(path, r.line, `bad service_from "${c.service_from}"`);
      row.cells = { ...row.cells, hsr_service_from: c.service_from!, opening_source: c.source_id! };
    }
  }
  return rows;
}

/** Official route lengths of chord sections (route-lengths.csv): the stops are scaled to them. */
function patchSections(rows: CsvRow[]): {
  rows: CsvRow[];
  lengths: Map<string, { km: number; source: string }>;
} {
  const path = join(SOURCES_DIR, 'route-lengths.csv');
  const lengths = new Map<string, { km: number; source: string }>();
  for (const r of readCsv(path)) {
    const c = r.cells;
    const row = rows.find((x) => x.cells.section_id === c.section_id);
    const km = Number(c.km);
    if (!row) fail(path, r.line, `unknown section_id ${c.section_id}`);
    if (!Number.isFinite(km) || km <= 0) fail(path, r.line, `bad km "${c.km}"`);
    // The route length covers the whole span, "via" legs included, so the ends are plain stations here.
    row.cells = {
      ...row.cells,
      from_station: row.cells.from_station!.replace(/\s*\(via [^)]*\)/, ''),
      to_station: row.cells.to_station!.replace(/\s*\(via [^)]*\)/, ''),
      length_km: String(km),
    };
    lengths.set(c.section_id!, { km, source: c.source_id! });
  }
  return { rows, lengths };
}

/** Span speeds (span-speeds.csv) resolved to km along each section's stops. */
function spanSpeeds(net: Omit<RailNetworkData, 'note'>): Map<string, SpanSpeed[]> {
  const path = join(SOURCES_DIR, 'span-speeds.csv');
  const out = new Map<string, SpanSpeed[]>();
  for (const r of readCsv(path)) {
    const c = r.cells;
    const sec = net.sections.find((s) => s.id === c.section_id);
    if (!sec) fail(path, r.line, `unknown section_id ${c.section_id}`);
    const kmOf = (name: string) => {
      const st = net.stations.find((s) => s.name_zh === cleanName(name));
      const stop = st && sec.stops.find((x) => x.station === st.id);
      if (!stop || stop.km === null) fail(path, r.line, `${name} is not a positioned stop of ${sec.id}`);
      return stop.km;
    };
    const from = kmOf(c.from_station!);
    const to = (c.km ?? '') !== '' ? from + Number(c.km) : kmOf(c.to_station!);
    const kmh = c.speed_kmh === 'conventional' ? null : Number(c.speed_kmh);
    if (kmh !== null && !(kmh > 0)) fail(path, r.line, `bad speed_kmh "${c.speed_kmh}"`);
    if (!isValidDate(c.valid_from ?? '') || ((c.valid_to ?? '') !== '' && !isValidDate(c.valid_to!)))
      fail(path, r.line, 'bad valid_from / valid_to');
    const list = out.get(sec.id) ?? [];
    list.push({
      from_km: Math.round(Math.min(from, to) * 1000) / 1000,
      to_km: Math.round(Math.max(from, to) * 1000) / 1000,
      kmh,
      valid_from: c.valid_from!,
      valid_to: (c.valid_to ?? '') === '' ? null : c.valid_to!,
      label: `${c.from_station}–${(c.km ?? '') !== '' ? `${c.km} km` : c.to_station}`,
      source: c.source_id!,
    });
    out.set(sec.id, list);
  }
  return out;
}

function throughServices(net: Omit<RailNetworkData, 'note'>): RailThrough[] {
  const path = join(SOURCES_DIR, 'through-services.csv');
  return readCsv(path).map((r) => {
    const c = r.cells;
    const st = net.stations.find((s) => s.name_zh === cleanName(c.station ?? ''));
    if (!st) fail(path, r.line, `unknown station ${c.station}`);
    for (const l of [c.line_a, c.line_b])
      if (!st.lines.includes(l!)) fail(path, r.line, `${c.station} is not on line ${l}`);
    if (!isValidDate(c.valid_from ?? '')) fail(path, r.line, `bad valid_from "${c.valid_from}"`);
    return { station: st.id, lines: [c.line_a!, c.line_b!], valid_from: c.valid_from!, source: c.source_id! };
  });
}

/**
 * Continuations beyond the region (issue 13): out-of-region stations (stations-extra.csv) and sections
 * (sections-extra.csv) in the upstream column layout, appended to the upstream rows; each line they
 * extend gets a branch from its out-of-region end to the new station.
 */
function withContinuations(
  lines: CsvRow[],
  sections: CsvRow[],
  stations: CsvRow[],
): { lines: CsvRow[]; sections: CsvRow[]; stations: CsvRow[] } {
  const stPath = join(SOURCES_DIR, 'stations-extra.csv');
  const secPath = join(SOURCES_DIR, 'sections-extra.csv');
  const extraStations = readCsv(stPath);
  for (const r of extraStations) {
    if (
      stations.some((x) => x.cells.station_id === r.cells.station_id || x.cells.name_zh === r.cells.name_zh)
    )
      fail(stPath, r.line, `${r.cells.name_zh} (${r.cells.station_id}) is already an upstream station`);
    if (r.cells.in_region !== '0')
      fail(stPath, r.line, 'continuation stations lie outside the region (in_region 0)');
  }
  const extraSections = readCsv(secPath);
  const patchedLines = lines.map((l) => {
    const adds = extraSections.filter((s) => s.cells.line_id === l.cells.line_id);
    if (adds.length === 0) return l;
    let order = l.cells.stations_in_order ?? '';
    for (const s of adds) {
      const from = cleanName((s.cells.from_station ?? '').replace(/^\[|\]$/g, ''));
      const to = cleanName((s.cells.to_station ?? '').replace(/^\[|\]$/g, ''));
      if (!order.includes(`[${from}]`))
        fail(secPath, s.line, `${from} is not an out-of-region end of line ${l.cells.line_id}`);
      // A branch of its own, so the line's in-region sections keep their out-of-region ends.
      order = `${order} ; ${s.cells.section_id} continuation: [${from}|${to}]`;
    }
    return { ...l, cells: { ...l.cells, stations_in_order: order } };
  });
  return {
    lines: patchedLines,
    sections: [...sections, ...extraSections],
    stations: [...stations, ...extraStations],
  };
}

function main(): void {
  const out = join(outDir('geo/build'), RAIL);
  const files = {
    lines: sharedPath('rail', 'lines.csv'),
    sections: sharedPath('rail', 'line_sections.csv'),
    stations: sharedPath('rail', 'stations_v2.csv'),
    geometry: sharedPath('rail', 'line_sections_v2.geojson'),
  };
  const patched = patchSections(readCsv(files.sections));
  const cont = withContinuations(readCsv(files.lines), patched.rows, patchStations(readCsv(files.stations)));
  let built;
  try {
    built = assembleNetwork({
      files,
      lines: cont.lines,
      sections: cont.sections,
      stations: cont.stations,
      geometry: readJson(files.geometry),
      countyAt: countyLookup(),
      regionBbox: regionBbox(),
      contextMarginDeg: CONTEXT_MARGIN_DEG,
    });
  } catch (err) {
    if (err instanceof RailInputError) fail(err.file, err.line, err.message);
    throw err;
  }
  const spans = spanSpeeds(built.network);
  for (const sec of built.network.sections) {
    sec.spans = spans.get(sec.id) ?? [];
    sec.route_km = patched.lengths.get(sec.id) ?? null;
  }
  built.network.through = throughServices(built.network);
  const licence =
    'OSM-derived track: © OpenStreetMap contributors, ODbL 1.0 (via RailVista / china-hsr-simulation); see shared/data/rail/SOURCES.md';
  const names = new Map(built.network.stations.map((s) => [s.name_zh, s.id]));
  const outputs: [string, string][] = [
    ['network.json', `${JSON.stringify({ note: NOTE, ...built.network })}\n`],
    ['sections.geojson', featureCollectionText(built.sections, { note: NOTE, licence })],
    ['stations.geojson', featureCollectionText(built.stations, { note: NOTE })],
    ['stations-unlocated.json', `${JSON.stringify({ note: NOTE, stations: built.unlocated })}\n`],
    [
      'planned.json',
      `${JSON.stringify({ note: NOTE, lines: planned(sharedPath('rail', 'planned_and_other_lines.csv'), names) })}\n`,
    ],
    [
      'official-km.json',
      `${JSON.stringify({ note: NOTE, figures: officialKm(sharedPath('rail', 'network_length_by_year.csv')) })}\n`,
    ],
  ];
  for (const [name, text] of outputs) {
    writeOutput(join(out, name), text);
    console.log(`  ${sizeReport(join(out, name), text)}`);
  }
  for (const w of built.warnings) console.log(`  note: ${w}`);
  // Every station of an open line must be located (issue 13): the build fails on any other than the
  // written-down exceptions of unlocated-accepted.csv (each with what was searched).
  const acceptedPath = join(SOURCES_DIR, 'unlocated-accepted.csv');
  const accepted = new Map(readCsv(acceptedPath).map((r) => [r.cells.station_id!, r.cells.searched ?? '']));
  const problems = unlocatedProblems(built.unlocated, accepted);
  if (problems.length > 0) fail(acceptedPath, 0, problems.join('; '));
  if (accepted.size > 0)
    console.log(
      `  WARNING: ${accepted.size} stations of open lines not located (accepted in ${acceptedPath}): ${built.unlocated
        .filter((s) => accepted.has(s.id))
        .map((s) => s.name_zh)
        .join(', ')}`,
    );
}

// Steps 71–73 import the helpers above; only run when executed as a step.
const entry = process.argv[1];
if (entry && realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))) main();
