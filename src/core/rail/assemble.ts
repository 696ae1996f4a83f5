/**
 * Turn the upstream rail tables (lines.csv, line_sections.csv, stations_v2.csv,
 * line_sections_v2.geojson) into the network the engine uses, validating as it goes. Pure: the build
 * step reads the files and passes rows in; problems throw RailInputError(file, line, reason).
 */
import type { Feature, FeatureCollection, Geometry, LineString, Point } from 'geojson';
import { positionStops } from './chainage.ts';
import { cleanName, parseEndpoint, parseStationOrder, sectionStopNames } from './stops.ts';
import type {
  Confidence,
  RailConnector,
  RailLine,
  RailNetworkData,
  RailSection,
  RailStation,
  SectionCollection,
  SectionFeature,
} from './types.ts';
import { haversineKm, isValidDate, normalDate, round } from './util.ts';

/**
 * An input problem, located in its file (line 0 when not line-based).
 * @example new RailInputError('line_sections.csv', 5, 'unknown station "北京东"')
 */
export class RailInputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'RailInputError';
  }
}

/** A CSV row as strings, with its 1-based line number in the file (header = line 1). */
export interface CsvRow {
  line: number;
  cells: Readonly<Record<string, string | undefined>>;
}

export type Bbox = readonly [number, number, number, number];

export interface AssembleInput {
  files: { lines: string; sections: string; stations: string; geometry: string };
  lines: readonly CsvRow[];
  sections: readonly CsvRow[];
  stations: readonly CsvRow[];
  geometry: FeatureCollection<Geometry | null>;
  /** County code at a point (point-in-polygon on the county layer), null outside the region. */
  countyAt: (lon: number, lat: number) => string | null;
  /** Bbox of the region (from its boundary): in-region stations must lie inside it. */
  regionBbox: Bbox;
  /** Margin (degrees) around the bbox for out-of-region stations and track. */
  contextMarginDeg: number;
}

export interface AssembleOutput {
  network: Omit<RailNetworkData, 'note'>;
  sections: SectionCollection;
  stations: FeatureCollection<Point, Record<string, unknown>>;
  unlocated: {
    id: string;
    name_zh: string;
    name_en: string;
    prefecture: string | null;
    in_region: boolean;
    service_from: string | null;
    lines: string[];
  }[];
  warnings: string[];
}

/**
 * Unlocated stations of open lines (issue 13: the build fails on them). A station listed in `accepted`
 * (station id → what was searched) is let through, so every exception is written down; an accepted
 * station that is located now, or that no longer exists, is an error too (the list must not go stale).
 * @example
 * unlocatedProblems([{ id: 'ST074', name_zh: '宝坻', in_region: true, service_from: '2022-12-30' }], new Map())
 * // → ['宝坻 (ST074) is a station of an open line but has no coordinates']
 */
export function unlocatedProblems(
  unlocated: readonly { id: string; name_zh: string; in_region: boolean; service_from: string | null }[],
  accepted: ReadonlyMap<string, string>,
): string[] {
  const open = unlocated.filter((s) => s.in_region && s.service_from !== null);
  const out = open
    .filter((s) => !accepted.has(s.id))
    .map((s) => `${s.name_zh} (${s.id}) is a station of an open line but has no coordinates`);
  const ids = new Set(open.map((s) => s.id));
  for (const id of accepted.keys())
    if (!ids.has(id)) out.push(`${id} is listed as accepted-unlocated but is located or not open: remove it`);
  return out;
}

/**
 * Prefecture-level code of a county code: the municipalities' counties belong to 110000 / 120000,
 * Hebei's to their 4-digit prefix + "00".
 * @example prefectureOf('130638') // → '130600'
 * @example prefectureOf('110105') // → '110000'
 */
export function prefectureOf(county: string): string {
  return county.startsWith('11') || county.startsWith('12')
    ? `${county.slice(0, 2)}0000`
    : `${county.slice(0, 4)}00`;
}

/**
 * Leading number of a speed cell: "350 (designed for 380)" → 350; "" → null.
 * @example leadingNumber('350 (300 initial)') // → 350
 */
export function leadingNumber(cell: string | undefined): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)/.exec(cell ?? '');
  return m ? Number(m[1]) : null;
}

function cell(r: CsvRow, key: string, file: string, required = true): string {
  const v = (r.cells[key] ?? '').trim();
  if (required && v === '') throw new RailInputError(file, r.line, `empty ${key}`);
  return v;
}

function confidenceOf(v: string, file: string, line: number): Confidence {
  if (v === 'high' || v === 'medium' || v === 'low') return v;
  throw new RailInputError(file, line, `confidence must be high, medium or low (got "${v}")`);
}

function inBbox(lon: number, lat: number, b: Bbox, margin = 0): boolean {
  return lon >= b[0] - margin && lon <= b[2] + margin && lat >= b[1] - margin && lat <= b[3] + margin;
}

/**
 * Short source id of a coord_source cell (the registry ids of SOURCES.md).
 * @example coordSourceId('heywhale WGS84 column (row "天津站")') // → 'HEYWHALE'
 */
export function coordSourceId(text: string): string {
  const id = /^([A-Z][A-Z0-9-]+)\b/.exec(text);
  if (id) return id[1]!;
  if (text.startsWith('footpoint-atlas')) return 'FOOTPOINT';
  if (text.startsWith('heywhale')) return 'HEYWHALE';
  if (text.startsWith('track-derived')) return text.includes('京滨') ? 'RV-JINGBIN' : 'RAILVISTA';
  return text;
}

function readStations(input: AssembleInput, warnings: string[]): RailStation[] {
  const file = input.files.stations;
  const seen = new Set<string>();
  return input.stations.map((r) => {
    const id = cell(r, 'station_id', file);
    const name_zh = cell(r, 'name_zh', file);
    for (const key of [id, `name:${name_zh}`]) {
      if (seen.has(key)) throw new RailInputError(file, r.line, `duplicate ${key}`);
      seen.add(key);
    }
    const lonS = cell(r, 'lon', file, false);
    const latS = cell(r, 'lat', file, false);
    if ((lonS === '') !== (latS === ''))
      throw new RailInputError(file, r.line, 'lon and lat must both be given or both empty');
    const located = lonS !== '';
    const lon = located ? Number(lonS) : null;
    const lat = located ? Number(latS) : null;
    const flag = cell(r, 'in_region', file);
    if (flag !== '0' && flag !== '1')
      throw new RailInputError(file, r.line, `in_region must be 0 or 1 (got ${flag})`);
    const in_region = flag === '1';
    const prefecture = cell(r, 'prefecture_adcode', file);
    if (!/^\d{6}$/.test(prefecture))
      throw new RailInputError(file, r.line, `bad prefecture_adcode ${prefecture}`);
    const service = cell(r, 'hsr_service_from', file, false);
    if (service !== '' && !isValidDate(service))
      throw new RailInputError(file, r.line, `bad hsr_service_from "${service}"`);
    let county: string | null = null;
    if (lon !== null && lat !== null) {
      if (!Number.isFinite(lon) || !Number.isFinite(lat))
        throw new RailInputError(file, r.line, 'lon/lat not numbers');
      if (!inBbox(lon, lat, input.regionBbox, in_region ? 0 : input.contextMarginDeg)) {
        throw new RailInputError(
          file,
          r.line,
          `${name_zh} at ${lon},${lat} is outside the region bbox ${input.regionBbox.join(',')}`,
        );
      }
      county = input.countyAt(lon, lat);
      if (in_region && county === null)
        throw new RailInputError(file, r.line, `${name_zh} is flagged in_region but lies in no county`);
      if (!in_region && county !== null)
        throw new RailInputError(
          file,
          r.line,
          `${name_zh} is flagged out of region but lies in county ${county}`,
        );
      // A station near a border may sit a few hundred metres inside the neighbour (大兴机场 is in 广阳区
      // on the Tianditu layer): keep the source's prefecture, report the difference.
      if (county !== null && prefectureOf(county) !== prefecture) {
        warnings.push(
          `${file}:${r.line}: ${name_zh} lies in county ${county}, outside its prefecture ${prefecture}`,
        );
      }
    }
    const conf = cell(r, 'coord_confidence', file);
    if (!located && conf !== 'not located')
      warnings.push(`${id} ${name_zh}: no coordinates but confidence ${conf}`);
    return {
      id,
      name_zh,
      name_en: cell(r, 'name_en', file),
      lon,
      lat,
      in_region,
      prefecture,
      county,
      service_from: service === '' ? null : service,
      lines: cell(r, 'lines_served', file)
        .split(';')
        .map((s) => s.trim()),
      confidence: located ? confidenceOf(conf, file, r.line) : null,
    };
  });
}

interface LineRecord extends RailLine {
  row: CsvRow;
  branches: ReturnType<typeof parseStationOrder>;
}

function readLines(input: AssembleInput, byName: ReadonlyMap<string, RailStation>): LineRecord[] {
  const file = input.files.lines;
  const ids = new Set<string>();
  return input.lines.map((r) => {
    const id = cell(r, 'line_id', file);
    if (ids.has(id)) throw new RailInputError(file, r.line, `duplicate line_id ${id}`);
    ids.add(id);
    const branches = parseStationOrder(cell(r, 'stations_in_order', file));
    for (const b of branches) {
      for (const e of b.entries) {
        if (e.kind === 'station' && !byName.has(e.name)) {
          throw new RailInputError(file, r.line, `unknown station "${e.name}" in stations_in_order of ${id}`);
        }
      }
    }
    return {
      id,
      name_zh: cell(r, 'name_zh', file),
      name_en: cell(r, 'name_en', file),
      design_speed_kmh: leadingNumber(r.cells.design_speed_kmh),
      row: r,
      branches,
    };
  });
}

function trackFeatures(input: AssembleInput): Map<string, Feature<LineString, Record<string, unknown>>> {
  const file = input.files.geometry;
  const out = new Map<string, Feature<LineString, Record<string, unknown>>>();
  input.geometry.features.forEach((f, i) => {
    const props = (f.properties ?? {}) as Record<string, unknown>;
    const id = String(props.section_id ?? '');
    if (f.geometry?.type !== 'LineString' || f.geometry.coordinates.length < 2) {
      throw new RailInputError(file, 0, `feature ${i} (${id}) is not a LineString with 2+ positions`);
    }
    for (const p of f.geometry.coordinates) {
      if (!inBbox(p[0]!, p[1]!, input.regionBbox, input.contextMarginDeg)) {
        throw new RailInputError(
          file,
          0,
          `feature ${id} has a position ${p.join(',')} far outside the region`,
        );
      }
    }
    if (props.geometry_type === 'osm_derived') out.set(id, f as Feature<LineString, Record<string, unknown>>);
  });
  return out;
}

/**
 * Build the network, the drawable sections and the station layers, or throw RailInputError.
 * @example
 * const { network, sections, stations, unlocated, warnings } = assembleNetwork({ files, lines, sections, stations, geometry, countyAt, regionBbox, contextMarginDeg: 2 });
 */
export function assembleNetwork(input: AssembleInput): AssembleOutput {
  const warnings: string[] = [];
  const stations = readStations(input, warnings);
  const byName = new Map(stations.map((s) => [s.name_zh, s]));
  const lines = readLines(input, byName);
  const lineById = new Map(lines.map((l) => [l.id, l]));
  const tracks = trackFeatures(input);
  const geomIds = new Set(input.geometry.features.map((f) => String(f.properties?.section_id ?? '')));
  const file = input.files.sections;
  const sections: RailSection[] = [];
  const features: SectionFeature[] = [];
  const seen = new Set<string>();
  for (const r of input.sections) {
    const id = cell(r, 'section_id', file);
    if (seen.has(id)) throw new RailInputError(file, r.line, `duplicate section_id ${id}`);
    seen.add(id);
    const line = lineById.get(cell(r, 'line_id', file));
    if (!line) throw new RailInputError(file, r.line, `unknown line_id ${r.cells.line_id}`);
    const opened = cell(r, 'opened', file);
    if (!isValidDate(opened)) throw new RailInputError(file, r.line, `bad opening date "${opened}"`);
    const from = parseEndpoint(cell(r, 'from_station', file));
    const to = parseEndpoint(cell(r, 'to_station', file));
    for (const e of [from, to]) {
      if (!e.external && !byName.has(e.name))
        throw new RailInputError(file, r.line, `unknown station "${e.name}"`);
    }
    let names;
    try {
      names = sectionStopNames(line.branches, from, to);
    } catch (err) {
      throw new RailInputError(file, r.line, `${id}: ${(err as Error).message}`);
    }
    const stops = names.flatMap((n) => {
      const s = byName.get(n.name);
      if (s) return [s];
      if (!n.external) throw new RailInputError(file, r.line, `unknown station "${n.name}" in ${id}`);
      return [];
    });
    const featureOpen = input.geometry.features.find((f) => f.properties?.section_id === id)?.properties
      ?.opened;
    if (featureOpen !== undefined && featureOpen !== opened) {
      throw new RailInputError(
        input.files.geometry,
        0,
        `${id} opened ${String(featureOpen)} here but ${opened} in ${file}`,
      );
    }
    const wholly = !from.external && !to.external;
    // A continuation beyond the region: both ends outside, its official length covers the whole span.
    const outside = from.external && to.external;
    const lengthKm = leadingNumber(r.cells.length_km);
    const spanKm = (wholly || outside) && !from.via && !to.via ? lengthKm : null;
    const post = /km post (\S+) ([\d.]+)/.exec(r.cells.length_basis ?? '');
    const km_post =
      post && byName.has(cleanName(post[1]!))
        ? { station: byName.get(cleanName(post[1]!))!.id, km: Number(post[2]) }
        : null;
    const track = tracks.get(id) ?? null;
    let positioned;
    try {
      positioned = positionStops(
        stops.map((s) => ({ station: s.id, lon: s.lon, lat: s.lat })),
        { track: track?.geometry ?? null, spanKm, kmPost: km_post },
      );
    } catch (err) {
      throw new RailInputError(file, r.line, `${id}: ${(err as Error).message}`);
    }
    warnings.push(...positioned.warnings.map((w) => `${id}: ${w}`));
    const ownSpeed = leadingNumber(r.cells.design_speed_kmh);
    const located = stops.filter((s) => s.lon !== null);
    const schematic = !track && located.length >= 2;
    const sec: RailSection = {
      id,
      line: line.id,
      name_zh: cell(r, 'name_zh', file),
      opened,
      design_speed_kmh: ownSpeed ?? line.design_speed_kmh,
      design_speed_from: ownSpeed !== null ? 'section' : line.design_speed_kmh !== null ? 'line' : null,
      wholly_in_region: wholly,
      span_km: spanKm,
      upstream_in_region_km: leadingNumber(r.cells.in_region_km),
      upstream_in_region_basis: cell(r, 'in_region_basis', file),
      km_post,
      geometry: track ? 'osm_derived' : schematic ? 'schematic' : 'none',
      stops: positioned.stops,
      sources: cell(r, 'sources', file)
        .split(';')
        .map((s) => s.trim()),
      confidence: confidenceOf(cell(r, 'confidence', file), file, r.line),
    };
    if (!geomIds.has(id) && sec.geometry !== 'none')
      warnings.push(`${id}: no upstream geometry; drawn as a station chord`);
    sections.push(sec);
    const coords = track ? track.geometry.coordinates : located.map((s) => [s.lon!, s.lat!]);
    if (coords.length >= 2) features.push(sectionFeature(sec, line, coords, track?.properties, outside));
  }
  return {
    network: {
      lines: lines.map(({ id, name_zh, name_en, design_speed_kmh }) => ({
        id,
        name_zh,
        name_en,
        design_speed_kmh,
      })),
      stations,
      sections,
      connectors: connectorsFor(stations, sections),
    },
    sections: { type: 'FeatureCollection', features },
    stations: stationLayer(stations, input),
    unlocated: stations
      .filter((s) => s.lon === null)
      .map((s) => ({
        id: s.id,
        name_zh: s.name_zh,
        name_en: s.name_en,
        prefecture: s.prefecture,
        in_region: s.in_region,
        service_from: s.service_from,
        lines: s.lines,
      })),
    warnings,
  };
}

function sectionFeature(
  sec: RailSection,
  line: RailLine,
  coords: number[][],
  trackProps: Record<string, unknown> | undefined,
  outside: boolean,
): SectionFeature {
  return {
    type: 'Feature',
    properties: {
      section_id: sec.id,
      line_id: line.id,
      line_name_zh: line.name_zh,
      line_name_en: line.name_en,
      name_zh: sec.name_zh,
      opened: sec.opened,
      open_year: Number(sec.opened.slice(0, 4)),
      design_speed_kmh: sec.design_speed_kmh,
      schematic: !trackProps,
      ...(outside ? { outside_region: true } : {}),
      geometry_source: trackProps
        ? String(trackProps.geometry_source ?? 'OSM-derived')
        : 'station chord (stations_v2.csv)',
      sources: sec.sources.join(';'),
      confidence: trackProps ? sec.confidence : 'low',
    },
    geometry: { type: 'LineString', coordinates: coords.map((p) => [round(p[0]!, 6), round(p[1]!, 6)]) },
  };
}

/**
 * Schematic connectors: a located station serving a line whose station order does not list it gets one
 * chord to the nearest positioned stop of those lines (SEC20 note: 京唐 trains ran from 北京站).
 */
function connectorsFor(stations: readonly RailStation[], sections: readonly RailSection[]): RailConnector[] {
  const byId = new Map(stations.map((s) => [s.id, s]));
  const out: RailConnector[] = [];
  for (const s of stations) {
    if (s.lon === null || s.lat === null) continue;
    const missing = s.lines.filter(
      (l) => !sections.some((sec) => sec.line === l && sec.stops.some((t) => t.station === s.id)),
    );
    let best: { line: string; to: RailStation; km: number; opened: string } | null = null;
    for (const sec of sections.filter((x) => missing.includes(x.line))) {
      for (const stop of sec.stops) {
        const t = byId.get(stop.station)!;
        if (stop.km === null || t.lon === null || t.lat === null) continue;
        const km = haversineKm(s.lon, s.lat, t.lon, t.lat);
        const earlier = best !== null && km === best.km && normalDate(sec.opened) < normalDate(best.opened);
        if (!best || km < best.km || earlier) best = { line: sec.line, to: t, km, opened: sec.opened };
      }
    }
    if (!best) continue;
    const later = s.service_from !== null && normalDate(s.service_from) > normalDate(best.opened);
    const opened = later ? s.service_from! : best.opened;
    out.push({
      id: `CX-${s.id}-${best.line}`,
      line: best.line,
      from: s.id,
      to: best.to.id,
      km: round(best.km, 3),
      opened,
    });
  }
  return out;
}

function stationLayer(
  stations: readonly RailStation[],
  input: AssembleInput,
): FeatureCollection<Point, Record<string, unknown>> {
  const rows = new Map(input.stations.map((r) => [r.cells.station_id, r]));
  const features = stations
    .filter((s) => s.lon !== null && s.lat !== null)
    .map((s): Feature<Point, Record<string, unknown>> => {
      const r = rows.get(s.id)!;
      return {
        type: 'Feature',
        properties: {
          id: s.id,
          name_zh: s.name_zh,
          name_en: s.name_en,
          prefecture: s.prefecture,
          county: s.county,
          in_region: s.in_region,
          service_from: s.service_from,
          lines: s.lines,
          source: coordSourceId(r.cells.coord_source ?? ''),
          service_source: r.cells.opening_source ?? '',
          confidence: s.confidence,
        },
        geometry: { type: 'Point', coordinates: [s.lon!, s.lat!] },
      };
    });
  return { type: 'FeatureCollection', features };
}
