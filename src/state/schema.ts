import type { ClassMethod } from '../core/classify.ts';
import type { Lang } from '../core/format.ts';
import type { Level, UnitCode } from '../core/types.ts';
import { DEFAULT_PALETTE } from '../core/palettes.ts';
import { DEFAULT_BANDS } from '../core/rail/isochrone.ts';
import type { SupplyMeasure } from '../core/access/analysis.ts';
import type { Decay, FcaMethod } from '../core/access/fca.ts';
import type { TravelMode } from '../core/access/travel.ts';
import type { FacilityType } from '../core/access/types.ts';
import type { ChangeMode } from '../core/change.ts';

/** Bump when the shape changes, and add a migration in url.ts so old links keep working. */
export const STATE_VERSION = 1;

export type RailColor = 'year' | 'speed';

/** The rail layer and the 1-hour-circle analysis. */
export interface RailState {
  /** Intercity rail layer on the map. */
  on: boolean;
  /** Planned and under-construction lines (off by default). */
  planned: boolean;
  color: RailColor;
  /** Isochrone origin: a station id ("ST015") or "lon,lat"; null for none. */
  origin: string | null;
  /** Travel-time bands in minutes, ascending. */
  bands: number[];
  /** Compare the 60-minute area with this year (difference view); null for none. */
  compare: number | null;
  /** Travel-model parameters changed from the calibrated defaults. */
  params: Record<string, number>;
}

/** Facility layers and the accessibility analysis (coverage, 2SFCA / E2SFCA, equity). */
export interface AccessState {
  /** Facility types drawn as points (or as a density surface). */
  facilities: FacilityType[];
  density: boolean;
  /** The service analysed; null = no analysis. */
  service: FacilityType | null;
  method: FcaMethod;
  decay: Decay;
  /** Catchment / coverage threshold in minutes. */
  catchment: number;
  supply: SupplyMeasure;
  mode: TravelMode;
}

/** What a change map compares: the value of `state.year` against the value of `from`, per unit. */
export { CHANGE_MODES, type ChangeMode } from '../core/change.ts';
export interface ChangeState {
  /** Start year of the change map; null = the ordinary map of one year. The end year is `year`. */
  from: number | null;
  /** Difference (end − start) or percent change ((end ÷ start − 1) × 100). */
  mode: ChangeMode;
}

/** The answers overlay (claims check, sharing timeline, Hebei gap), so a link can open it. */
export type AnswersTab = 'claims' | 'sharing' | 'gap';
export const ANSWERS_TABS: readonly AnswersTab[] = ['claims', 'sharing', 'gap'];
export interface AnswersState {
  tab: AnswersTab | null;
  /** Series of the gap view; null = the map's indicator. */
  gap: string | null;
}

/** Units the compare chart can show at once (one colour each). */
export const COMPARE_MAX = 7;

export interface ViewState {
  lon: number;
  lat: number;
  zoom: number;
}

/** Everything a shared link restores. Transient UI (hover, playback, notices) lives beside it in the store. */
export interface AppState {
  version: number;
  view: ViewState;
  level: Level;
  indicator: string;
  year: number;
  method: ClassMethod;
  classes: number;
  /** Inner class edges for method 'custom'. */
  customBreaks: number[];
  palette: string;
  selected: UnitCode | null;
  lang: Lang;
  rail: RailState;
  access: AccessState;
  change: ChangeState;
  answers: AnswersState;
  /** Units on the compare chart, in the order added (their colours follow it); empty = closed. */
  compareUnits: UnitCode[];
}

export { YEAR_MAX, YEAR_MIN } from '../core/types.ts';
export const CLASSES_MIN = 3;
export const CLASSES_MAX = 9;
/** Longest catchment offered (minutes): beyond three hours "access" stops meaning daily use. */
export const CATCHMENT_MAX = 180;

/** The whole region in view on a laptop screen. */
export const DEFAULT_VIEW: ViewState = { lon: 116.8, lat: 39.25, zoom: 6.05 };

export const DEFAULT_RAIL: RailState = Object.freeze({
  on: false,
  planned: false,
  color: 'year',
  origin: null,
  bands: [...DEFAULT_BANDS],
  compare: null,
  params: {},
}) as RailState;

export const DEFAULT_ACCESS: AccessState = Object.freeze({
  facilities: [],
  density: false,
  service: null,
  method: 'e2sfca',
  decay: 'step',
  catchment: 60,
  supply: 'count',
  mode: 'rail',
}) as AccessState;

export const DEFAULT_CHANGE: ChangeState = Object.freeze({ from: null, mode: 'diff' }) as ChangeState;
export const DEFAULT_ANSWERS: AnswersState = Object.freeze({ tab: null, gap: null }) as AnswersState;

export const DEFAULT_STATE: AppState = Object.freeze({
  version: STATE_VERSION,
  view: DEFAULT_VIEW,
  level: 'county',
  indicator: 'census_density',
  year: 2020,
  method: 'quantile',
  classes: 5,
  customBreaks: [],
  palette: DEFAULT_PALETTE,
  selected: null,
  lang: 'zh',
  rail: DEFAULT_RAIL,
  access: DEFAULT_ACCESS,
  change: DEFAULT_CHANGE,
  answers: DEFAULT_ANSWERS,
  compareUnits: [],
}) as AppState;
