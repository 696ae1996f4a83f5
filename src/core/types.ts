/**
 * Shared data shapes. These are the contracts between the geo/data build (which writes
 * geo/build/* and data/*) and the app (which reads them). Keep them small and explicit.
 */

/** The three unit levels the map can show. */
export type Level = 'province' | 'city' | 'county';
export const LEVELS: readonly Level[] = ['province', 'city', 'county'];

/** Unit code: GB/T 2260 adcode as a string ("130100"), or "XIONGAN" for Xiong'an New Area. */
export type UnitCode = string;

/** The code the app uses for Xiong'an New Area (no GB/T 2260 code was verified for it). */
export const XIONGAN_CODE = 'XIONGAN';

/** One administrative unit, as listed in geo/build/units.json. */
export interface UnitInfo {
  code: UnitCode;
  name_zh: string;
  name_en: string;
  /** Levels the unit is drawn at. Beijing and Tianjin are both a province and a city. */
  levels: Level[];
  /** Parent city code for counties, province code for cities, null for provinces. */
  parent: UnitCode | null;
  province: UnitCode;
  /** Area of the unsimplified polygon, km² (geodesic, @turf/area). */
  area_km2: number;
  /** Where name_en came from: the cited indicator files, or generated pinyin. */
  name_en_source: 'source' | 'pinyin';
}

export type Confidence = 'high' | 'medium' | 'low';

/** One row of data/indicators.csv (long format). */
export interface IndicatorRow {
  unit_code: UnitCode;
  indicator: string;
  year: number;
  value: number;
  unit: string;
  source_id: string;
  confidence: Confidence;
  /** 1 = the value shown; 2, 3… = alternatives from other sources, listed in the panel. */
  rank: number;
  /** English note (neutral): scope, rounding, how a derived value was computed. */
  note: string;
  /** The same note in Chinese (optional column; '' when absent). */
  note_zh?: string;
  /** The sentence or table row the value was read from (optional column; '' for derived rows). */
  quote?: string;
}

/** Themes that group indicators in the picker, the panel and the downloads, in display order. */
export const THEMES = [
  'health',
  'education',
  'culture',
  'social_security',
  'environment',
  'economy',
  'population',
  'transport',
  'sharing',
] as const;
export type Theme = (typeof THEMES)[number];

/** What kind of publication a source is. */
export const SOURCE_KINDS = ['official', 'official_reprint', 'media', 'third_party'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** An indicator in data/catalog.json. */
export interface IndicatorMeta {
  id: string;
  name_zh: string;
  name_en: string;
  unit_zh: string;
  unit_en: string;
  /** Which direction is better, for palette choice and wording. */
  good: 'higher' | 'lower' | 'neutral';
  notes_zh: string;
  notes_en: string;
  /** derived = computed by the data build (e.g. census shares); cited = read from a source. */
  kind: 'cited' | 'derived';
  /** Theme group (picker, panel, downloads). Optional for user-supplied indicators. */
  theme?: Theme;
  /** True for the public-service series counted by the coverage target of issue 11. */
  public_service?: boolean;
}

/** A source in data/sources.json, referenced by IndicatorRow.source_id. */
export interface SourceInfo {
  id: string;
  /** The page's own title (or the table's name), unique across sources. */
  title: string;
  url: string;
  publisher?: string;
  licence?: string;
  /** official, official reprint, media or third party. Optional for user-supplied sources. */
  kind?: SourceKind;
  /** First and last year the page reports values for. */
  coverage?: [number, number];
}

/** The years the app shows: the rail network grows from 2008; the indicators start in 2013. */
export const YEAR_MIN = 2008;
export const YEAR_MAX = 2024;
