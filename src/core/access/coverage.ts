/**
 * Coverage: the share of residents within T minutes of the nearest facility of a type, per county,
 * city unit, province and the region, from a per-cell "minutes to the nearest facility" field
 * (travel.ts nearestFacilityMinutes). Residents = census 2020 county population spread evenly over the
 * county's grid cells, so a county's share is the share of its cells within T. A threshold change only
 * re-reads the field (one pass over the cells) as long as T ≤ the field's cap.
 */
import type { AccessGrid } from '../rail/grid.ts';
import type { Confidence, IndicatorRow } from '../types.ts';
import { countySums, perUnit, rollUp, type AccessLevel, type UnitLayout, type UnitValue } from './units.ts';

/** Minutes to the nearest facility per cell, valid up to `cap` (cells beyond hold Infinity). */
export interface NearestField {
  minutes: Float32Array;
  cap: number;
}

export interface CoverageRow extends UnitValue {
  /** Residents within the threshold; `value` is their share of `population` (0–1). */
  within: number;
}

/**
 * Coverage shares of every unit for a threshold (minutes, ≤ field.cap).
 * @example coverage(grid, layout, field, 30).find((r) => r.code === '110101')!.value // → share 0–1
 */
export function coverage(
  grid: AccessGrid,
  layout: UnitLayout,
  field: NearestField,
  minutes: number,
): CoverageRow[] {
  if (!(minutes > 0) || minutes > field.cap)
    throw new Error(`threshold ${minutes} min must be in (0, ${field.cap}] (the field's cap)`);
  const f = field.minutes;
  const within = rollUp(
    layout,
    countySums(grid, (c) => (f[c]! <= minutes ? 1 : 0)),
  );
  const pop = rollUp(layout, layout.countyPopulation);
  return perUnit(layout, within, pop).map((u, k) => ({ ...u, within: withinOf(within, layout, u, k) }));
}

/** Residents within, by the row's level (perUnit lists counties, cities, provinces, then the region). */
function withinOf(s: ReturnType<typeof rollUp>, layout: UnitLayout, u: UnitValue, k: number): number {
  const nc = layout.counties.length;
  const ni = layout.cities.length;
  if (u.level === 'county') return s.county[k]!;
  if (u.level === 'city') return s.city[k - nc]!;
  if (u.level === 'province') return s.province[k - nc - ni]!;
  return s.region;
}

/** An indicator row computed by this module, with the full method text. */
export interface AccessIndicatorRow extends IndicatorRow {
  level: AccessLevel;
  method: string;
}

export interface IndicatorMetaIn {
  indicator: string;
  year: number;
  /** Unit label, e.g. '%' or 'hospitals per 100,000 residents'. */
  unit: string;
  source_id: string;
  method: string;
  /** Multiplier applied to the value (100 for a share in %). */
  scale: number;
  decimals: number;
  confidence: (u: UnitValue) => Confidence;
}

/**
 * Indicator-like rows (unit_code, indicator, year, value, … method) for the app's indicator list. Units
 * without a value (NaN: no data) get no row, so the map shows them as missing.
 * @example indicatorRows(coverage(grid, layout, field, 60), { indicator: 'coverage_hospital_60min', year: 2024, unit: '%', source_id: 'access-model', method, scale: 100, decimals: 1, confidence: () => 'low' })
 */
export function indicatorRows(units: readonly UnitValue[], m: IndicatorMetaIn): AccessIndicatorRow[] {
  const f = 10 ** m.decimals;
  return units
    .filter((u) => Number.isFinite(u.value))
    .map((u) => ({
      unit_code: u.code,
      indicator: m.indicator,
      year: m.year,
      value: Math.round(u.value * m.scale * f) / f,
      unit: m.unit,
      source_id: m.source_id,
      confidence: m.confidence(u),
      rank: 1,
      note: `computed (${u.level}); see method`,
      level: u.level,
      method: m.method,
    }));
}
