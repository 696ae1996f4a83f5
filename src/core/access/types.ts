/**
 * Data shapes of the public-service access layer: the facility points the build (geo/scripts/80) writes
 * to geo/build/facilities, their completeness table, and the points the analysis uses.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Confidence } from '../types.ts';

export type FacilityType = 'hospital' | 'university' | 'attraction' | 'library';
export const FACILITY_TYPES: readonly FacilityType[] = ['hospital', 'university', 'attraction', 'library'];

/** Properties of one facility point (every key is always present; null = not known). */
export interface FacilityProps {
  /** Stable id: type prefix, source prefix and the record's id in its source. */
  id: string;
  type: FacilityType;
  name_zh: string;
  name_en: string | null;
  /** Grade as written in the source the grade came from (e.g. 三级甲等, 5A). */
  grade: string | null;
  /** Source id of the grade (it may come from another file than the point). */
  grade_src: string | null;
  beds: number | null;
  /** Province, city unit (prefecture, municipality or XIONGAN) and county codes by point-in-polygon. */
  province: string;
  city: string;
  county: string;
  /** Source id (geo/build/facilities/build-report.json lists them) and the record's id there. */
  source: string;
  source_ref: string;
  confidence: Confidence;
  /** Why the point is drawn but left out of every analysis; null = used. */
  flag: string | null;
}

export type FacilityFeature = Feature<Point, FacilityProps>;
export type FacilityCollection = FeatureCollection<Point, FacilityProps> & { generated?: string };

/** One row of the completeness table (type × province) the UI shows next to the facility layers. */
export interface CompletenessRow {
  type: FacilityType;
  province: string;
  province_zh: string;
  province_en: string;
  /** Points drawn (used + flagged), and those used in the analysis. */
  points: number;
  used: number;
  flagged: number;
  /** none: no point; display-only: all flagged; partial: a known-incomplete list. */
  status: 'none' | 'display-only' | 'partial';
  note_zh: string;
  note_en: string;
  sources: string[];
  confidence: Confidence;
}

export interface CompletenessFile {
  generated: string;
  rows: CompletenessRow[];
}

/** A supply point of the analysis: where it is and its capacity (NaN when the capacity is not known). */
export interface SupplyPoint {
  id: string;
  name: string;
  lon: number;
  lat: number;
  capacity: number;
}
