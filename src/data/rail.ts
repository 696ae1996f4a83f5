// Loads the rail build (geo/build/rail) on demand — the first time the rail layer is switched on —
// and prepares what the rail layer, chart and isochrones need. In-region km by year is computed here,
// in the app, from the section geometry clipped to the region's boundaries (src/core/rail/km.ts).
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import { loadAccessGrid, type AccessGridFile } from '../core/rail/grid.ts';
import { railContext, type RailContext } from '../core/rail/isochrone.ts';
import { kmByYear, sectionKm } from '../core/rail/km.ts';
import type { TravelParams } from '../core/rail/model.ts';
import { OriginError, parseOrigin } from '../core/rail/origin.ts';
import type { Confidence, RailNetworkData, RailStation, SectionCollection } from '../core/rail/types.ts';
import type { RailCheck } from '../state/rail.ts';
import { YEAR_MAX, YEAR_MIN } from '../state/schema.ts';
import type { Dataset } from './dataset.ts';
import { fetchJson } from './fetch.ts';

export interface RailSource {
  id: string;
  title: string;
  url: string;
  used_for: string;
}

export interface OfficialKm {
  date: string;
  km: number;
  scope: string;
  source: string;
  verified: boolean;
  confidence: Confidence;
}

export interface PlannedLine {
  name_zh: string;
  name_en: string;
  kind: string;
  status: string;
  design_speed_kmh: number | null;
  sources: string[];
  confidence: Confidence;
  /** Straight chords between the line's located stations (the sources give no track). */
  geometry: LineString | null;
}

export interface CalibrationFile {
  params: TravelParams;
  fitted: string[];
  assumed: string[];
  stats: { n: number; mae: number; mape: number; rmse: number; pairs: number };
  pairs: {
    from: string;
    to: string;
    observed: number;
    modelled: number | null;
    error: number | null;
    note: string;
  }[];
}

export interface RailData {
  ctx: RailContext;
  network: RailNetworkData;
  sections: SectionCollection;
  /** Located stations in the region, with their service start year. */
  stations: (RailStation & { lon: number; lat: number; serviceYear: number | null })[];
  /** Stations of lines in the region that have no checked position (not drawn, not origins; the
   * model spaces them between their neighbours): the rail panel names them with their opening year. */
  unlocated: (RailStation & { serviceYear: number | null })[];
  planned: PlannedLine[];
  calibration: CalibrationFile;
  official: OfficialKm[];
  /** In-region HSR km at the end of each year, computed by the app. */
  km: { year: number; km: number }[];
  /** Lines left out of the km count (秦沈客专: the official count excludes it). */
  excludedLines: { id: string; reason: string }[];
  sourceById: ReadonlyMap<string, RailSource>;
  stationById: ReadonlyMap<string, RailStation>;
  lineName: (id: string) => { zh: string; en: string };
  /** The map unit (city level) a station belongs to: Xiong'an counts as its own city. */
  cityOf: (s: RailStation) => string | null;
  check: RailCheck;
}

const json = <T>(base: string, path: string) => fetchJson<T>(`${base}${path}`);

export async function loadRailData(base: string, data: Dataset): Promise<RailData> {
  const [network, sections, gridFile, calibration, officialFile, kmFile, plannedFile, sourcesFile] =
    await Promise.all([
      json<RailNetworkData>(base, 'rail/network.json'),
      json<SectionCollection>(base, 'rail/sections.geojson'),
      json<AccessGridFile>(base, 'rail/access-grid.json'),
      json<CalibrationFile>(base, 'rail/calibration.json'),
      json<{ figures: OfficialKm[] }>(base, 'rail/official-km.json'),
      json<{ qinshen: { line: string; excluded: boolean; reason: string } }>(base, 'rail/km-by-year.json'),
      json<{ lines: (Omit<PlannedLine, 'geometry'> & { known_station_ids: string[] })[] }>(
        base,
        'rail/planned.json',
      ),
      json<{ sources: RailSource[] }>(base, 'rail/sources.json'),
    ]);
  const grid = loadAccessGrid(gridFile);
  const ctx = railContext(network, grid, calibration.params);
  const stationById = new Map(network.stations.map((s) => [s.id, s]));

  // km by year: the build decided from the 2008 figure whether 秦沈 counts; the app re-computes the sums.
  const excludedLines = kmFile.qinshen.excluded
    ? [{ id: kmFile.qinshen.line, reason: kmFile.qinshen.reason }]
    : [];
  const region = data.boundaries.province.features.map((f) => f.geometry as Polygon | MultiPolygon);
  const geometry = new Map<string, LineString>(
    sections.features.map((f) => [f.properties.section_id, f.geometry]),
  );
  const perSection = sectionKm(network.sections, geometry, region);
  const years = Array.from({ length: YEAR_MAX - YEAR_MIN + 1 }, (_, i) => YEAR_MIN + i);
  const km = kmByYear(
    perSection,
    years,
    excludedLines.map((l) => l.id),
  ).map((t, i) => ({ year: years[i]!, km: t.km }));

  const located = network.stations.flatMap((s) =>
    s.lon !== null && s.lat !== null && s.in_region
      ? [
          {
            ...s,
            lon: s.lon,
            lat: s.lat,
            serviceYear: s.service_from ? Number(s.service_from.slice(0, 4)) : null,
          },
        ]
      : [],
  );
  const planned = plannedFile.lines.map(({ known_station_ids, ...line }) => {
    const coords = known_station_ids.flatMap((id) => {
      const s = stationById.get(id);
      return s && s.lon !== null && s.lat !== null ? [[s.lon, s.lat]] : [];
    });
    return {
      ...line,
      geometry: coords.length >= 2 ? ({ type: 'LineString', coordinates: coords } as LineString) : null,
    };
  });
  const cityOf = (s: RailStation) => {
    const county = s.county ? data.units.get(s.county) : undefined;
    return county?.parent ?? (s.in_region ? s.prefecture : null);
  };
  const check: RailCheck = {
    defaults: calibration.params,
    originError(origin) {
      try {
        parseOrigin(origin, network.stations, grid);
        return null;
      } catch (e) {
        if (e instanceof OriginError) return e.message;
        throw e;
      }
    },
  };
  const lines = new Map(network.lines.map((l) => [l.id, l]));
  return {
    ctx,
    network,
    sections,
    stations: located,
    unlocated: network.stations
      .filter((s) => s.in_region && (s.lon === null || s.lat === null))
      .map((s) => ({ ...s, serviceYear: s.service_from ? Number(s.service_from.slice(0, 4)) : null })),
    planned,
    calibration,
    official: officialFile.figures,
    km,
    excludedLines,
    sourceById: new Map(sourcesFile.sources.map((s) => [s.id, s])),
    stationById,
    lineName: (id) => ({ zh: lines.get(id)?.name_zh ?? id, en: lines.get(id)?.name_en ?? id }),
    cityOf,
    check,
  };
}
