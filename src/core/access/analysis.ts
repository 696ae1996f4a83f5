/**
 * One accessibility run: 2SFCA / E2SFCA scores per county (and city, province, region), the share of
 * residents within the catchment of the nearest facility, and Gini / Theil across counties.
 *
 * Demand: the grid cells (≈2.5 km, ≈35,000 in the region) with census 2020 county population spread
 * evenly over each county's cells; a county's score is the population-weighted mean of its cells'
 * scores. Cells rather than one point per county because a single point (the county's population-
 * weighted centre) puts all residents of a large county at one place, often far from its town; cells
 * keep the spread the grid has, and the per-facility disc walk keeps them fast (see tests/bench/access.ts,
 * which also times the county-point variant, `demand: 'county-points'`).
 */
import { cellCenter } from '../rail/grid.ts';
import type { Confidence } from '../types.ts';
import { roadCellFca } from './cell-fca.ts';
import { coverage, indicatorRows, type AccessIndicatorRow, type CoverageRow } from './coverage.ts';
import { gini, theil, theilDecomposition } from './equity.ts';
import { describeWeights, twoStepFca, weightFunction, weightZones, type FcaOptions } from './fca.ts';
import {
  cellFacilityPairs,
  nearestFacilityMinutes,
  pointFacilityPairs,
  type LonLat,
  type TravelSetup,
} from './travel.ts';
import type { CompletenessRow, FacilityType, SupplyPoint } from './types.ts';
import { countySums, perUnit, rollUp, type UnitLayout, type UnitName, type UnitValue } from './units.ts';

export type SupplyMeasure = 'count' | 'beds';
export const SUPPLY_MEASURES: readonly SupplyMeasure[] = ['count', 'beds'];
export type DemandModel = 'cells' | 'county-points';

export interface AccessOptions extends FcaOptions {
  supply: SupplyMeasure;
  demand?: DemandModel;
}

/** How a run is computed (not part of the result): progress, and the pair list forced (for tests). */
export interface RunHooks {
  onProgress?: (done: number, total: number) => void;
  /** Use the (cell, facility) pair list even by road (the reference the fast walk is tested against). */
  pairList?: boolean;
}

/** Scores are shown per 100,000 residents (facility counts) or per 1,000 residents (beds). */
export const SCORE_SCALE: Readonly<
  Record<SupplyMeasure, { scale: number; unit_en: string; unit_zh: string }>
> = {
  count: { scale: 100_000, unit_en: 'facilities per 100,000 residents', unit_zh: '每十万人设施数' },
  beds: { scale: 1_000, unit_en: 'beds per 1,000 residents', unit_zh: '每千人床位数' },
};

export interface CountyAccess extends UnitName {
  population: number;
  /** Scaled score; null = no data (a facility in reach has no known capacity). */
  score: number | null;
  /** Share (0–1) of residents within the catchment of the nearest facility. */
  share_within: number;
}

export interface EquityStats {
  gini: number | null;
  theil: number | null;
  /** Counties with a score, counties without (no data), and the population of those with one. */
  counties: number;
  no_data: number;
  population: number;
}

export interface EquitySummary {
  region: EquityStats;
  provinces: (EquityStats & UnitName)[];
  /** Theil of the region split by province: between + within = region.theil. */
  theil_between: number | null;
  theil_within: number | null;
}

export interface AccessReport {
  options: Required<AccessOptions>;
  scale: number;
  unit_en: string;
  unit_zh: string;
  counties: CountyAccess[];
  /** Scores of every level (scaled; NaN = no data). */
  scores: UnitValue[];
  /** Coverage within the catchment, every level. */
  coverage: CoverageRow[];
  equity: EquitySummary;
  facilities: { used: number; capacity_missing: number };
  pairs: number;
  method: string;
  method_parts: MethodParts;
}

const nullIfNaN = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Population-weighted centre of each county (the mean of its cell centres: cells carry equal
 * population within a county).
 * @example countyPoints(grid)[0] // → { lon, lat } of the first county
 */
export function countyPoints(grid: TravelSetup['grid']): LonLat[] {
  const n = grid.counties.length;
  const sx = new Float64Array(n);
  const sy = new Float64Array(n);
  const k = new Float64Array(n);
  for (const c of grid.inside) {
    const u = grid.unit[c]! - 1;
    const [lon, lat] = cellCenter(grid.spec, c % grid.spec.nx, Math.floor(c / grid.spec.nx));
    sx[u]! += lon;
    sy[u]! += lat;
    k[u]!++;
  }
  return Array.from({ length: n }, (_, u) => ({ lon: sx[u]! / k[u]!, lat: sy[u]! / k[u]! }));
}

/**
 * Gini and Theil of county scores weighted by county population, for the region and within each
 * province, with the between/within-province split of the region's Theil.
 * @example equitySummary(layout, countyScores).region.gini
 */
export function equitySummary(layout: UnitLayout, countyScores: ArrayLike<number>): EquitySummary {
  const stats = (idx: number[]): EquityStats => {
    const x = idx.map((k) => countyScores[k]!);
    const w = idx.map((k) => layout.countyPopulation[k]!);
    const ok = idx.filter((k) => Number.isFinite(countyScores[k]!));
    return {
      gini: nullIfNaN(gini(x, w)),
      theil: nullIfNaN(theil(x, w)),
      counties: ok.length,
      no_data: idx.length - ok.length,
      population: ok.reduce((t, k) => t + layout.countyPopulation[k]!, 0),
    };
  };
  const all = layout.counties.map((_, k) => k);
  const groups = all.map((k) => layout.provinces[layout.countyProvince[k]!]!.code);
  const split = theilDecomposition(countyScores, layout.countyPopulation, groups);
  return {
    region: stats(all),
    provinces: layout.provinces.map((p, g) => ({
      ...p,
      ...stats(all.filter((k) => layout.countyProvince[k] === g)),
    })),
    theil_between: nullIfNaN(split.between),
    theil_within: nullIfNaN(split.within),
  };
}

/** Capacity per facility: 1 each, or beds (NaN where not known). */
function capacities(facilities: readonly SupplyPoint[], supply: SupplyMeasure): Float64Array {
  return Float64Array.from(facilities, (f) => (supply === 'count' ? 1 : f.capacity));
}

/** Scaled per-unit scores from the demand model, the number of pairs, and (fast road walk) the nearest field. */
function scoresFor(
  setup: TravelSetup,
  layout: UnitLayout,
  facilities: readonly SupplyPoint[],
  o: Required<AccessOptions>,
  scale: number,
  hooks: RunHooks,
): { scores: UnitValue[]; pairs: number; within: Uint8Array | null } {
  const weight = weightFunction(o);
  const cap = capacities(facilities, o.supply);
  const pop = rollUp(layout, layout.countyPopulation);
  if (o.demand === 'cells') {
    const cellScores = (access: Float64Array) =>
      perUnit(
        layout,
        rollUp(
          layout,
          countySums(setup.grid, (c) => access[c]! * scale),
        ),
        pop,
      );
    if (setup.mode === 'road' && !hooks.pairList) {
      const r = roadCellFca(setup, facilities, cap, weight, o.catchment, weightZones(o), hooks.onProgress);
      return { scores: cellScores(r.access), pairs: r.pairs, within: r.within };
    }
    const pairs = cellFacilityPairs(setup, facilities, o.catchment);
    const { access } = twoStepFca(pairs, setup.grid.pop, cap, weight);
    return { scores: cellScores(access), pairs: pairs.length, within: null };
  }
  const pairs = pointFacilityPairs(setup, countyPoints(setup.grid), facilities, o.catchment);
  const { access } = twoStepFca(pairs, layout.countyPopulation, cap, weight);
  const num = rollUp(
    layout,
    Float64Array.from(access, (a, k) => a * scale * layout.countyPopulation[k]!),
  );
  return { scores: perUnit(layout, num, pop), pairs: pairs.length, within: null };
}

export interface MethodParts {
  weights: string;
  travel: string;
  supply: string;
  demand: string;
  caveat: string;
}

/**
 * The pieces of the method text (the score's text uses them all; coverage leaves out weights and supply).
 * @example methodParts(setup, { method: 'e2sfca', decay: 'step', catchment: 60, supply: 'count', demand: 'cells' }).travel
 */
export function methodParts(setup: TravelSetup, o: Required<AccessOptions>): MethodParts {
  const p = setup.params;
  const road = `road = straight line × ${p.detourFactor} / ${p.accessSpeedKmh} km/h`;
  return {
    weights: `${describeWeights(o)}; catchment ${o.catchment} min`,
    travel:
      setup.mode === 'rail'
        ? `travel = the faster of road and road + HSR + road on the network open at the end of ${setup.year} (calibrated model; ${road})`
        : `travel = ${road} (no rail)`,
    supply:
      o.supply === 'count'
        ? 'supply = 1 per facility'
        : 'supply = beds; counties with a facility of unknown beds in reach have no score',
    demand:
      o.demand === 'cells'
        ? 'demand = ≈2.5 km grid cells, census 2020 county population spread evenly over each county; county score = population-weighted mean of its cells'
        : 'demand = one population-weighted point per county (census 2020)',
    caveat: 'facility lists are partial (see the completeness table)',
  };
}

/**
 * The method text shown with the results.
 * @example methodText(setup, { method: '2sfca', decay: 'step', catchment: 30, supply: 'count', demand: 'cells' })
 */
export function methodText(setup: TravelSetup, o: Required<AccessOptions>): string {
  const m = methodParts(setup, o);
  return `${m.weights}; ${m.travel}; ${m.supply}; ${m.demand}; ${m.caveat}.`;
}

/**
 * Run 2SFCA / E2SFCA with coverage and equity for a list of facilities.
 * @example
 * const setup = travelSetup(ctx, { mode: 'rail', year: 2024 });
 * const r = accessibility(setup, unitLayout(ctx.grid), hospitals, { method: 'e2sfca', decay: 'step', catchment: 60, supply: 'count' });
 * r.equity.region.gini // inequality of hospital access across counties
 */
export function accessibility(
  setup: TravelSetup,
  layout: UnitLayout,
  facilities: readonly SupplyPoint[],
  options: AccessOptions,
  hooks: RunHooks = {},
): AccessReport {
  const o: Required<AccessOptions> = { demand: 'cells', ...options };
  const { scale, unit_en, unit_zh } = SCORE_SCALE[o.supply];
  const { scores, pairs, within } = scoresFor(setup, layout, facilities, o, scale, hooks);
  // Coverage is asked at the catchment only, so the fast road walk's "a facility within the catchment"
  // serves as the field (0 within, Infinity beyond); otherwise the nearest-facility minutes.
  const field = {
    minutes: within
      ? Float32Array.from(within, (x, c) => (setup.grid.unit[c] === 0 ? NaN : x ? 0 : Infinity))
      : nearestFacilityMinutes(setup, facilities, o.catchment),
    cap: o.catchment,
  };
  const cov = coverage(setup.grid, layout, field, o.catchment);
  const counties = layout.counties.map((u, k) => ({
    ...u,
    population: layout.countyPopulation[k]!,
    score: nullIfNaN(scores[k]!.value),
    share_within: cov[k]!.value,
  }));
  return {
    options: o,
    scale,
    unit_en,
    unit_zh,
    counties,
    scores,
    coverage: cov,
    equity: equitySummary(
      layout,
      scores.slice(0, layout.counties.length).map((s) => s.value),
    ),
    facilities: {
      used: facilities.length,
      capacity_missing:
        o.supply === 'beds' ? facilities.filter((f) => !Number.isFinite(f.capacity)).length : 0,
    },
    pairs,
    method: methodText(setup, o),
    method_parts: methodParts(setup, o),
  };
}

/** Province of any unit code (counties, prefectures, municipalities, XIONGAN); null for the region. */
function provinceOfUnit(code: string): string | null {
  if (code === 'XIONGAN') return '130000';
  return /^\d{6}$/.test(code) ? `${code.slice(0, 2)}0000` : null;
}

const RANK: Readonly<Record<Confidence, number>> = { low: 0, medium: 1, high: 2 };

/**
 * Confidence of a unit's result from the completeness table: the confidence of the facility list of its
 * province; the region takes the lowest of the provinces.
 * @example confidenceFrom(completeness.rows, 'hospital')({ code: '110101', … }) // → 'low'
 */
export function confidenceFrom(
  rows: readonly CompletenessRow[],
  type: FacilityType,
): (u: Pick<UnitValue, 'code'>) => Confidence {
  const byProvince = new Map(rows.filter((r) => r.type === type).map((r) => [r.province, r.confidence]));
  const lowest = [...byProvince.values()].sort((a, b) => RANK[a] - RANK[b])[0] ?? 'low';
  return (u) => {
    const p = provinceOfUnit(u.code);
    return p === null ? lowest : (byProvince.get(p) ?? 'low');
  };
}

/**
 * The report as indicator-like rows for the app's indicator list: the score and the coverage share of
 * every unit (county, city, province, region), each with the method text. No row where there is no data.
 * @example accessIndicatorRows(report, { service: 'hospital', year: 2024, confidence: () => 'low' })[0].indicator
 * // → 'access_hospital_e2sfca_60min'
 */
/**
 * Indicator ids of an accessibility run: the 2SFCA score and the coverage share.
 * @example accessIndicatorIds('hospital', { method: 'e2sfca', catchment: 60 }) // → { score: 'access_hospital_e2sfca_60min', coverage: 'coverage_hospital_60min' }
 */
export function accessIndicatorIds(
  service: FacilityType,
  o: Pick<AccessOptions, 'method' | 'catchment'>,
): { score: string; coverage: string } {
  return {
    score: `access_${service}_${o.method}_${o.catchment}min`,
    coverage: `coverage_${service}_${o.catchment}min`,
  };
}

/** Whether an indicator id is one an accessibility run produces (for links restored before the run). */
export const ACCESS_INDICATOR_ID = /^(access_[a-z]+_(2sfca|e2sfca)|coverage_[a-z]+)_\d+(\.\d+)?min$/;

export function accessIndicatorRows(
  report: AccessReport,
  meta: { service: FacilityType; year: number; confidence: (u: UnitValue) => Confidence; source_id?: string },
): AccessIndicatorRow[] {
  const o = report.options;
  const source_id = meta.source_id ?? 'access-model';
  const common = { year: meta.year, source_id, method: report.method, confidence: meta.confidence };
  const ids = accessIndicatorIds(meta.service, o);
  return [
    ...indicatorRows(report.scores, {
      ...common,
      indicator: ids.score,
      unit: report.unit_en,
      scale: 1,
      decimals: 4,
    }),
    ...indicatorRows(report.coverage, {
      ...common,
      indicator: ids.coverage,
      unit: '%',
      scale: 100,
      decimals: 2,
      method: coverageText(report, meta.service),
    }),
  ];
}

function coverageText(report: AccessReport, service: FacilityType): string {
  const m = report.method_parts;
  return `Share of residents within ${report.options.catchment} min of the nearest ${service}; ${m.travel}; residents = census 2020 county population spread evenly over ≈2.5 km grid cells; ${m.caveat}.`;
}

/** A run for the background worker: plain data only (typed arrays for the points). */
export interface AccessJobInput {
  setup: TravelSetup;
  layout: UnitLayout;
  lon: Float64Array;
  lat: Float64Array;
  capacity: Float64Array;
  options: AccessOptions;
}

/**
 * The report of a job (what the worker runs): the points rebuilt from the typed arrays.
 * @example accessJobReport(input, (done, total) => …).equity.region.gini
 */
export function accessJobReport(
  job: AccessJobInput,
  onProgress?: (done: number, total: number) => void,
): AccessReport {
  const points = Array.from(job.lon, (lon, k) => ({
    id: String(k),
    name: '',
    lon,
    lat: job.lat[k]!,
    capacity: job.capacity[k]!,
  }));
  return accessibility(job.setup, job.layout, points, job.options, onProgress ? { onProgress } : {});
}
