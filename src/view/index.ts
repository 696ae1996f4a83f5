// The view model: everything the map, the legend, the table and the export draw, derived from the
// app state and the loaded data by memoised selectors. Each selector takes only the slices it reads
// (e.g. `state.rail` and `state.year`), so a change elsewhere — a pan, which replaces only
// `state.view` — recomputes nothing here.
import type { UserFacility } from '../core/access/csv.ts';
import { FACILITY_TYPES, type FacilityType } from '../core/access/types.ts';
import { buildChoropleth, muteChoropleth, type Choropleth } from '../core/choropleth.ts';
import type { ClassMethod } from '../core/classify.ts';
import type { Lang } from '../core/format.ts';
import type { TravelParams } from '../core/rail/model.ts';
import type { IndicatorRow, Level, UnitCode } from '../core/types.ts';
import { userDatasetExtra, type UserTable } from '../core/user-indicators.ts';
import { ACCESS_SOURCE, type AccessData } from '../data/access.ts';
import { extendDataset, type Dataset } from '../data/dataset.ts';
import type { RailData } from '../data/rail.ts';
import { MUTED_MIX } from '../layers/colors.ts';
import type { DeckInputs } from '../layers/index.ts';
import type { FacilityPoint, FacilityPointSet } from '../layers/facilities.ts';
import type { RailLayerInputs } from '../layers/rail.ts';
import type { AccessState, ChangeState, RailState } from '../state/schema.ts';
import { buildChangeChoropleth, changeValues, type ChangeValues } from '../core/change.ts';
import { runAccess, type AccessJob, type AccessRun } from './access-run.ts';
import { describeView, nearestDataYear, type DataYear, type ViewDescription } from './describe.ts';
import { legendOf, type LegendModel } from './legend.ts';
import { selector } from './memo.ts';
import { analyseRail, type RailAnalysis } from './rail-analysis.ts';

export { recomputations } from './memo.ts';

export type AccessResult = AccessRun | { error: string } | null;
export type RailResult = RailAnalysis | { error: string } | null;

/** The model parameters in force: the calibrated defaults with the user's changes. */
export const travelParams = selector(
  'travelParams',
  (defaults: TravelParams, changed: Readonly<Record<string, number>>): TravelParams => ({
    ...defaults,
    ...changed,
  }),
);

export interface View {
  railAnalysis(rail: RailData | null, r: RailState, year: number): RailResult;
  accessRun(
    access: AccessData | null,
    rail: RailData | null,
    a: AccessState,
    year: number,
    params: Readonly<Record<string, number>>,
    user: readonly UserFacility[],
  ): AccessResult | AccessJob;
  /** The dataset on show: the bundled indicators plus computed (access) and the user's own. */
  dataset(base: Dataset | null, tables: readonly UserTable[], run: AccessResult): Dataset | null;
  /** issue 14: the year the indicator is drawn for (the slider's, or its nearest year with values). */
  dataYear(data: Dataset | null, indicator: string, level: Level, year: number): DataYear;
  /** The choropleth as drawn: faded toward white while an isochrone is on top. */
  drawnChoropleth(choropleth: Choropleth | null, muted: boolean): Choropleth | null;
  /** The view in words: the map title, the figure's title and notes, the screen-reader description. */
  description(
    data: Dataset | null,
    indicator: string,
    year: number,
    level: Level,
    r: RailState,
    analysis: RailResult,
    rail: RailData | null,
    lang: Lang,
  ): ViewDescription | null;
  /** Rank-1 rows of the indicator and year for the units drawn at the level. */
  shown(
    data: Dataset | null,
    indicator: string,
    year: number,
    level: Level,
  ): ReadonlyMap<UnitCode, IndicatorRow>;
  choropleth(
    data: Dataset | null,
    level: Level,
    shown: ReadonlyMap<UnitCode, IndicatorRow>,
    method: ClassMethod,
    classes: number,
    customBreaks: readonly number[],
    palette: string,
  ): Choropleth | null;
  /** Every facility point list, one per type and origin, whether drawn or not (a toggle keeps them). */
  facilityPointSets(access: AccessData | null, user: readonly UserFacility[]): FacilityPointSet[];
  /** The usable points of the types on, for the hexagon density; null when points are drawn. */
  facilityDensity(
    sets: readonly FacilityPointSet[],
    types: readonly FacilityType[],
    density: boolean,
  ): FacilityPoint[] | null;
  railLayer(
    rail: RailData | null,
    r: RailState,
    year: number,
    analysis: RailResult,
  ): Omit<RailLayerInputs, 'beforeId' | 'scale'> | null;
  deckInputs(
    data: Dataset | null,
    level: Level,
    selected: UnitCode | null,
    rail: DeckInputs['rail'],
    sets: readonly FacilityPointSet[],
    types: readonly FacilityType[],
    density: readonly FacilityPoint[] | null,
  ): DeckInputs | null;
  legend(
    data: Dataset | null,
    choropleth: Choropleth | null,
    indicator: string,
    year: number,
    level: Level,
    selected: UnitCode | null,
    r: RailState,
    facilities: readonly FacilityType[],
    access: AccessData | null,
    lang: Lang,
    change?: ChangeState,
    method?: ClassMethod,
    classes?: number,
  ): LegendModel | null;
  /** Change per unit from `change.from` to `year` (issue 12); null for a one-year map. */
  changeValues(
    data: Dataset | null,
    indicator: string,
    year: number,
    level: Level,
    change: ChangeState,
  ): ChangeValues | null;
  /** The change map's choropleth: symmetric classes around no change, diverging palette. */
  changeChoropleth(
    data: Dataset | null,
    level: Level,
    values: ChangeValues | null,
    method: ClassMethod,
    classes: number,
    palette: string,
  ): Choropleth | null;
}

/** Facility types whose list is partial somewhere (every list is: the legend says so). */
export function partialLists(access: AccessData | null): ReadonlySet<FacilityType> {
  return new Set(access?.completeness.map((row) => row.type) ?? []);
}

const EMPTY_ROWS: ReadonlyMap<UnitCode, IndicatorRow> = new Map();

/** A fresh set of selectors (the app makes one; tests make their own). */
export function createView(): View {
  const openSections = selector('openSections', (rail: RailData, year: number) =>
    rail.sections.features.filter((f) => f.properties.open_year <= year),
  );
  const openStations = selector('openStations', (rail: RailData, year: number) =>
    rail.stations.filter((s) => s.serviceYear !== null && s.serviceYear <= year),
  );
  return {
    railAnalysis: selector('railAnalysis', (rail, r, year) =>
      rail && r.on ? analyseRail(rail, r, year, travelParams(rail.ctx.defaults, r.params)) : null,
    ),
    accessRun: selector('accessRun', (access, rail, a, year, params, user) =>
      access && rail ? runAccess(access, rail, a, year, travelParams(rail.ctx.defaults, params), user) : null,
    ),
    dataset: selector('dataset', (base, tables, run) => {
      if (!base) return null;
      const withUser = tables.length ? extendDataset(base, userDatasetExtra(tables)) : base;
      if (!run || !('report' in run)) return withUser;
      return extendDataset(withUser, { rows: run.rows, catalog: run.catalog, sources: [ACCESS_SOURCE] });
    }),
    dataYear: selector('dataYear', (data, indicator, level, year) =>
      data ? nearestDataYear(data.context.yearsWithData(indicator, level), year) : nearestDataYear([], year),
    ),
    drawnChoropleth: selector('drawnChoropleth', (choropleth, muted) =>
      choropleth && muted ? muteChoropleth(choropleth, MUTED_MIX) : choropleth,
    ),
    description: selector('description', (data, indicator, year, level, r, analysis, rail, lang) =>
      data
        ? describeView(
            { data, state: { indicator, year, level, rail: r }, analysis, stations: rail?.network.stations },
            lang,
          )
        : null,
    ),
    shown: selector('shown', (data, indicator, year, level) =>
      data ? data.values(indicator, year, level) : EMPTY_ROWS,
    ),
    choropleth: selector('choropleth', (data, level, shown, method, classes, customBreaks, palette) =>
      data
        ? buildChoropleth(data.codesAt(level), (code) => shown.get(code)?.value, {
            method,
            classes,
            customBreaks: [...customBreaks],
            palette,
          })
        : null,
    ),
    facilityPointSets: selector('facilityPointSets', (access, user): FacilityPointSet[] => {
      const builtIn = access
        ? FACILITY_TYPES.map((type) => ({
            id: type,
            type,
            points: access.facilities[type].features.map((f) => ({
              type,
              lon: f.geometry.coordinates[0]!,
              lat: f.geometry.coordinates[1]!,
              flagged: f.properties.flag !== null,
              user: false,
              feature: f,
              name: f.properties.name_zh,
            })),
          }))
        : [];
      const mine = FACILITY_TYPES.map((type) => ({
        id: `user-${type}` as const,
        type,
        points: user
          .filter((u) => u.type === type)
          .map((u) => ({
            type: u.type,
            lon: u.lon,
            lat: u.lat,
            flagged: false,
            user: true,
            name: u.name,
            line: u.line,
          })),
      })).filter((set) => set.points.length > 0);
      return [...builtIn, ...mine];
    }),
    facilityDensity: selector('facilityDensity', (sets, types, density) =>
      density
        ? sets.filter((s) => types.includes(s.type)).flatMap((s) => s.points.filter((p) => !p.flagged))
        : null,
    ),
    railLayer: selector('railLayer', (rail, r, year, analysis) => {
      if (!rail) return null;
      const iso = analysis && 'iso' in analysis ? analysis : null;
      return {
        visible: r.on,
        sections: openSections(rail, year),
        color: r.color,
        stations: openStations(rail, year),
        planned: r.planned ? rail.planned : null,
        isochrone: iso ? iso.iso.polygons : null,
        change: iso ? (iso.change?.feature ?? null) : null,
        origin: iso ? [iso.iso.origin.lon, iso.iso.origin.lat] : null,
      };
    }),
    deckInputs: selector('deckInputs', (data, level, selected, rail, sets, types, density) =>
      data
        ? {
            boundaries: data.boundaries[level],
            selected,
            rail,
            facilities: sets.length
              ? {
                  sets: sets.map((s) => ({ ...s, visible: density === null && types.includes(s.type) })),
                  density,
                }
              : null,
          }
        : null,
    ),
    legend: selector(
      'legend',
      (
        data,
        choropleth,
        indicator,
        year,
        level,
        selected,
        rail,
        facilities,
        access,
        lang,
        change,
        method,
        classes,
      ) =>
        data && choropleth
          ? legendOf(
              data,
              {
                indicator,
                year,
                level,
                selected,
                rail,
                access: { facilities: [...facilities] },
                change,
                ...(method && classes ? { method, classes } : {}),
              },
              choropleth,
              partialLists(access),
              lang,
            )
          : null,
    ),
    changeValues: selector('changeValues', (data, indicator, year, level, change) => {
      if (!data || change.from === null || change.from === year) return null;
      const start = data.values(indicator, change.from, level);
      const end = data.values(indicator, year, level);
      return changeValues(
        data.codesAt(level),
        (c) => start.get(c)?.value,
        (c) => end.get(c)?.value,
        change.mode,
      );
    }),
    changeChoropleth: selector('changeChoropleth', (data, level, values, method, classes, palette) =>
      data && values
        ? buildChangeChoropleth(data.codesAt(level), values.values, { method, classes, palette })
        : null,
    ),
  };
}
