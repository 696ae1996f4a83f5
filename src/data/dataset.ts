// The loaded data, indexed for the questions the UI asks: values of an indicator for a year at a
// level, everything about one unit, which years have data. Built once at start-up.
import type { FeatureCollection } from 'geojson';
import type { IndicatorMeta, IndicatorRow, Level, SourceInfo, UnitCode, UnitInfo } from '../core/types.ts';
import { LEVELS } from '../core/types.ts';
import type { DataContext } from '../state/context.ts';

export interface Dataset {
  units: ReadonlyMap<UnitCode, UnitInfo>;
  boundaries: Record<Level, FeatureCollection>;
  catalog: readonly IndicatorMeta[];
  indicatorById: ReadonlyMap<string, IndicatorMeta>;
  sourceById: ReadonlyMap<string, SourceInfo>;
  /** Codes drawn at a level, in the order of the boundary file. */
  codesAt(level: Level): readonly UnitCode[];
  /** Rank-1 values of an indicator in a year, for every unit that has one. */
  values(indicator: string, year: number): ReadonlyMap<UnitCode, IndicatorRow>;
  /** All rows (every indicator, year and rank) of one unit. */
  rowsOf(code: UnitCode): readonly IndicatorRow[];
  context: DataContext;
}

export function buildDataset(input: {
  units: UnitInfo[];
  boundaries: Record<Level, FeatureCollection>;
  rows: IndicatorRow[];
  catalog: IndicatorMeta[];
  sources: SourceInfo[];
}): Dataset {
  const units = new Map(input.units.map((u) => [u.code, u]));
  const codesByLevel = new Map<Level, UnitCode[]>(
    LEVELS.map((level) => [level, input.boundaries[level].features.map((f) => String(f.properties?.code))]),
  );
  const byIndicatorYear = new Map<string, Map<UnitCode, IndicatorRow>>();
  const byUnit = new Map<UnitCode, IndicatorRow[]>();
  const years = new Map<string, Set<number>>(); // `${indicator}|${level}` → years
  for (const row of input.rows) {
    let list = byUnit.get(row.unit_code);
    if (!list) byUnit.set(row.unit_code, (list = []));
    list.push(row);
    if (row.rank !== 1) continue;
    const key = `${row.indicator}|${row.year}`;
    let m = byIndicatorYear.get(key);
    if (!m) byIndicatorYear.set(key, (m = new Map()));
    m.set(row.unit_code, row);
    for (const level of units.get(row.unit_code)?.levels ?? []) {
      const yk = `${row.indicator}|${level}`;
      let s = years.get(yk);
      if (!s) years.set(yk, (s = new Set()));
      s.add(row.year);
    }
  }
  const indicatorById = new Map(input.catalog.map((m) => [m.id, m]));
  const empty = new Map<UnitCode, IndicatorRow>();
  const context: DataContext = {
    hasIndicator: (id) => indicatorById.has(id),
    unitLevels: (code) => units.get(code)?.levels,
    yearsWithData: (indicator, level) => [...(years.get(`${indicator}|${level}`) ?? [])].sort((a, b) => a - b),
  };
  return {
    units,
    boundaries: input.boundaries,
    catalog: input.catalog,
    indicatorById,
    sourceById: new Map(input.sources.map((s) => [s.id, s])),
    codesAt: (level) => codesByLevel.get(level) ?? [],
    values: (indicator, year) => byIndicatorYear.get(`${indicator}|${year}`) ?? empty,
    rowsOf: (code) => byUnit.get(code) ?? [],
    context,
  };
}
