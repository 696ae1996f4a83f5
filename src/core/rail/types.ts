/**
 * Data shapes of the rail engine: what the rail build (geo/scripts/70–73) writes to geo/build/rail and
 * what the pure functions in src/core/rail read. Plain JSON-compatible objects, no classes.
 */
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point } from 'geojson';

export type Confidence = 'high' | 'medium' | 'low';

/** One line of lines.csv (an HSR/intercity line; a line may have several opening sections). */
export interface RailLine {
  id: string;
  name_zh: string;
  name_en: string;
  /** Leading number of the design speed column; null when the source gives none. */
  design_speed_kmh: number | null;
}

/** One station of stations_v2.csv. Unlocated stations stay in the network as junctions or stops. */
export interface RailStation {
  id: string;
  name_zh: string;
  name_en: string;
  /** WGS84; null when the station is not located. */
  lon: number | null;
  lat: number | null;
  in_region: boolean;
  /** GB/T 2260 prefecture-level code from the source (110000 / 120000 for the municipalities). */
  prefecture: string;
  /** County code found by point-in-polygon at build time; null when unlocated or outside the region. */
  county: string | null;
  /** Date HSR service began (YYYY-MM-DD or YYYY); null when not verified (never boardable). */
  service_from: string | null;
  lines: string[];
  /** Coordinate confidence, or null when not located. */
  confidence: Confidence | null;
}

/** How a stop's position along its section was found. */
export type StopPosition = 'track' | 'off-track' | 'chord' | 'interpolated' | 'official-length';

/** A stop of a section, with its distance from the section's first stop (km, scaled; null = unknown). */
export interface SectionStop {
  station: string;
  km: number | null;
  at: StopPosition | null;
}

/** One opening section of line_sections.csv, with its stops positioned along it. */
export interface RailSection {
  id: string;
  line: string;
  name_zh: string;
  /** YYYY-MM-DD or YYYY (year-only dates count from the end of that year). */
  opened: string;
  design_speed_kmh: number | null;
  /** Whether the design speed is the section's own or the line's (section column empty). */
  design_speed_from: 'section' | 'line' | null;
  /** Both end stations in the region (no `[..]` out-of-region end). */
  wholly_in_region: boolean;
  /**
   * Official length (km) of the span between the first and last stop, when the source gives one that
   * covers exactly that span (wholly in region, no "via" legs); null otherwise.
   */
  span_km: number | null;
  /** Official in-region km as tabulated upstream (in_region_km), with its basis; for comparison only. */
  upstream_in_region_km: number | null;
  upstream_in_region_basis: string;
  /** A km post (chainage from the first stop) given in the source, e.g. 京沪 德州东 327.98. */
  km_post: { station: string; km: number } | null;
  /** osm_derived track, schematic station chord, or none (not drawable). */
  geometry: 'osm_derived' | 'schematic' | 'none';
  stops: SectionStop[];
  sources: string[];
  confidence: Confidence;
  /**
   * Operating speeds of parts of the section (geo/sources/rail/span-speeds.csv), from_km/to_km along
   * the stops' km; parts not covered run at the design speed. Absent in older builds.
   */
  spans?: SpanSpeed[];
  /** Official route length the stops were scaled to (geo/sources/rail/route-lengths.csv), if any. */
  route_km?: { km: number; source: string } | null;
}

/**
 * A speed for part of a section on a date range: a number (km/h, scaled by the speed factor like the
 * design speed) or null for conventional track, timed at the fitted conventional speed (linkSpeedKmh).
 */
export interface SpanSpeed {
  from_km: number;
  to_km: number;
  kmh: number | null;
  valid_from: string;
  /** Last day (inclusive), or null when still valid. */
  valid_to: string | null;
  label: string;
  source: string;
}

/**
 * Trains that run through from one line onto another at a station (geo/sources/rail/through-services.csv):
 * a trip continuing there pays a dwell, not a transfer.
 */
export interface RailThrough {
  station: string;
  lines: [string, string];
  valid_from: string;
  source: string;
}

/**
 * A schematic link for a station that serves a line but is not in the line's station order (e.g. 北京站
 * on 京唐 until 北京城市副中心 opened, 天津西 on 京沪 via the link line): a chord to the nearest stop.
 */
export interface RailConnector {
  id: string;
  line: string;
  from: string;
  to: string;
  km: number;
  /** Active from this date (the later of the station's service date and the target section's opening). */
  opened: string;
}

/** geo/build/rail/network.json */
export interface RailNetworkData {
  note: string;
  lines: RailLine[];
  stations: RailStation[];
  sections: RailSection[];
  connectors: RailConnector[];
  /** Through services (absent in older builds). */
  through?: RailThrough[];
}

/** Properties of a feature in geo/build/rail/sections.geojson. */
export interface SectionFeatureProps {
  section_id: string;
  line_id: string;
  line_name_zh: string;
  line_name_en: string;
  name_zh: string;
  opened: string;
  open_year: number;
  design_speed_kmh: number | null;
  schematic: boolean;
  /** A continuation wholly outside the region (drawn faded, not in the in-region km). */
  outside_region?: boolean;
  geometry_source: string;
  sources: string;
  confidence: Confidence;
}
export type SectionFeature = Feature<LineString, SectionFeatureProps>;
export type SectionCollection = FeatureCollection<LineString, SectionFeatureProps>;

/** How a published time bounds the model: the fastest train, a typical train, or "within N minutes". */
export type PairKind = 'fastest' | 'typical' | 'upper';

/** One calibration pair (shared travel_times_calibration.csv and geo/sources/rail/calibration-pairs.csv). */
export interface CalibrationPair {
  from: string;
  to: string;
  minutes: number;
  kind: string;
  as_of: string;
  source_id: string;
  confidence: Confidence;
  /** fastest / typical / upper (absent: fastest). */
  bound?: PairKind;
  /** Line ids the trip uses (for leave-one-line-out). */
  lines?: string[];
  /**
   * Intermediate calls of the timed train where the source says which stations it stops at (0 = non-stop);
   * absent: unknown, timed with the fitted callShare like any fastest trip.
   */
  calls?: number;
}

/** A band polygon of an isochrone. */
export type BandFeature = Feature<MultiPolygon, { minutes: number; population: number }>;
export type StationFeature = Feature<Point, Record<string, unknown>>;
