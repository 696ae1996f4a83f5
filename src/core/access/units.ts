/**
 * From grid cells to the app's units: counties (the grid's), city units (prefectures, the two
 * municipalities and Xiong'an New Area, as the grid assigns them), provinces (the first two digits of
 * the county code) and the region. Population = the grid's: census 2020 county population spread evenly
 * over the county's cells (development zones without a polygon are in no cell).
 */
import type { AccessGrid } from '../rail/grid.ts';

export type AccessLevel = 'county' | 'city' | 'province' | 'region';

/** Code of the whole region in indicator rows (as src/core/indicators.ts REGION_CODE). */
export const REGION = 'JJJ';

export interface UnitName {
  code: string;
  name_zh: string;
  name_en: string;
}

/** Units of every level in a fixed order, with the index maps from counties upwards. */
export interface UnitLayout {
  counties: UnitName[];
  cities: UnitName[];
  provinces: UnitName[];
  countyCity: Int32Array;
  countyProvince: Int32Array;
  /** Placed population per county (Σ of its cells). */
  countyPopulation: Float64Array;
}

/**
 * Province code of a county code.
 * @example provinceOf('130638') // → '130000'
 */
export function provinceOf(county: string): string {
  return `${county.slice(0, 2)}0000`;
}

/**
 * The unit layout of a grid. Province names come from `names` (e.g. units.json), else from the grid's
 * city list (Beijing and Tianjin are both), else the code is used as the name.
 * @example unitLayout(grid, new Map([['130000', { code: '130000', name_zh: '河北省', name_en: 'Hebei' }]]))
 */
export function unitLayout(grid: AccessGrid, names: ReadonlyMap<string, UnitName> = new Map()): UnitLayout {
  const provinceCodes = [...new Set(grid.counties.map((c) => provinceOf(c.code)))].sort();
  const cityName = new Map(grid.cities.map((c) => [c.code, c]));
  const provinces = provinceCodes.map((code) => {
    const n = names.get(code) ?? cityName.get(code);
    return { code, name_zh: n?.name_zh ?? code, name_en: n?.name_en ?? code };
  });
  const pIndex = new Map(provinceCodes.map((c, k) => [c, k]));
  const countyPopulation = new Float64Array(grid.counties.length);
  for (const c of grid.inside) countyPopulation[grid.unit[c]! - 1]! += grid.pop[c]!;
  return {
    counties: grid.counties.map(({ code, name_zh, name_en }) => ({ code, name_zh, name_en })),
    cities: grid.cities.map(({ code, name_zh, name_en }) => ({ code, name_zh, name_en })),
    provinces,
    countyCity: grid.countyCity,
    countyProvince: Int32Array.from(grid.counties, (c) => pIndex.get(provinceOf(c.code))!),
    countyPopulation,
  };
}

/** Per-level sums of a per-county quantity. */
export interface LevelSums {
  county: Float64Array;
  city: Float64Array;
  province: Float64Array;
  region: number;
}

/**
 * Sum a per-county array up to cities, provinces and the region (NaN propagates: a unit with a county
 * without data has no data).
 * @example rollUp(layout, countyPopulation).region // → total placed population
 */
export function rollUp(layout: UnitLayout, county: Float64Array): LevelSums {
  const city = new Float64Array(layout.cities.length);
  const province = new Float64Array(layout.provinces.length);
  let region = 0;
  county.forEach((v, k) => {
    city[layout.countyCity[k]!]! += v;
    province[layout.countyProvince[k]!]! += v;
    region += v;
  });
  return { county, city, province, region };
}

/**
 * Per county, Σ over its cells of pop × value(cell) (value may be NaN: no data).
 * @example countySums(grid, (c) => (field[c] <= 30 ? 1 : 0)) // residents within 30 min, per county
 */
export function countySums(grid: AccessGrid, value: (cell: number) => number): Float64Array {
  const out = new Float64Array(grid.counties.length);
  const { inside, unit, pop } = grid;
  for (let n = 0; n < inside.length; n++) {
    const c = inside[n]!;
    out[unit[c]! - 1]! += pop[c]! * value(c);
  }
  return out;
}

/** A value for one unit of any level. */
export interface UnitValue extends UnitName {
  level: AccessLevel;
  population: number;
  value: number;
}

/**
 * Units of all levels with value = numerator / population (population-weighted mean of a cell value,
 * or a share when the cell value is 0/1).
 * @example perUnit(layout, rollUp(layout, within), rollUp(layout, layout.countyPopulation))
 */
export function perUnit(layout: UnitLayout, num: LevelSums, pop: LevelSums): UnitValue[] {
  const row = (u: UnitName, level: AccessLevel, n: number, p: number): UnitValue => ({
    ...u,
    level,
    population: p,
    value: p > 0 ? n / p : NaN,
  });
  return [
    ...layout.counties.map((u, k) => row(u, 'county', num.county[k]!, pop.county[k]!)),
    ...layout.cities.map((u, k) => row(u, 'city', num.city[k]!, pop.city[k]!)),
    ...layout.provinces.map((u, k) => row(u, 'province', num.province[k]!, pop.province[k]!)),
    row(
      { code: REGION, name_zh: '京津冀', name_en: 'Beijing–Tianjin–Hebei' },
      'region',
      num.region,
      pop.region,
    ),
  ];
}
