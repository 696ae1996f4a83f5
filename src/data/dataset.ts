// The loaded data, indexed once at start-up for the questions the UI asks.
import type { FeatureCollection } from 'geojson';
import {
  alternativesFor,
  partOf,
  type IndicatorPart,
  choroplethValues,
  indexIndicators,
  seriesFor,
  yearsFor,
  type IndicatorIndex,
} from '../core/indicators.ts';
import type { IndicatorMeta, IndicatorRow, Level, SourceInfo, UnitCode, UnitInfo } from '../core/types.ts';
import { LEVELS } from '../core/types.ts';
import type { DataContext } from '../state/context.ts';

export interface Dataset {
  /** What it was built from (to extend it with more indicators). */
  input: DatasetInput;
  units: ReadonlyMap<UnitCode, UnitInfo>;
  boundaries: Record<Level, FeatureCollection>;
  catalog: readonly IndicatorMeta[];
  indicatorById: ReadonlyMap<string, IndicatorMeta>;
  sourceById: ReadonlyMap<string, SourceInfo>;
  index: IndicatorIndex;
  /** Codes drawn at a level, in the order of the boundary file. */
  codesAt(level: Level): readonly UnitCode[];
  /** Rank-1 values of an indicator in a year for the units drawn at a level. */
  values(indicator: string, year: number, level: Level): ReadonlyMap<UnitCode, IndicatorRow>;
  /** Sources of the values shown for an indicator, year and level (for legends and exports). */
  sourcesShown(indicator: string, year: number, level: Level): SourceInfo[];
  /** Rank-1 time series of one unit and indicator, and the other sources' values (rank ≥ 2). */
  seriesOf(
    code: UnitCode,
    indicator: string,
  ): { series: readonly IndicatorRow[]; alternatives: IndicatorRow[] };
  context: DataContext;
  /** Catalogued indicators whose rows are in a part of the indicators file not loaded yet. */
  pending: ReadonlySet<string>;
}

export interface DatasetInput {
  units: UnitInfo[];
  boundaries: Record<Level, FeatureCollection>;
  rows: IndicatorRow[];
  catalog: IndicatorMeta[];
  sources: SourceInfo[];
  /** Catalogued indicators whose rows are not loaded yet (see `pending`). */
  pending?: readonly string[];
}

/** The dataset with the rows of one more part of the indicators file. Adding a part twice is a no-op. */
export function addIndicatorPart(base: Dataset, part: IndicatorPart, rows: readonly IndicatorRow[]): Dataset {
  const pending = base.input.pending ?? [];
  if (!pending.some((id) => partOf(id) === part)) return base;
  return buildDataset({
    ...base.input,
    rows: [...base.input.rows, ...rows],
    pending: pending.filter((id) => partOf(id) !== part),
  });
}

/**
 * The dataset with more indicators: computed ones (accessibility) or the user's own tables. Their ids
 * must not clash with the bundled ones; a clashing id replaces the earlier one's rows and metadata.
 */
export function extendDataset(
  base: Dataset,
  extra: {
    rows: readonly IndicatorRow[];
    catalog: readonly IndicatorMeta[];
    sources?: readonly SourceInfo[];
  },
): Dataset {
  const ids = new Set(extra.catalog.map((m) => m.id));
  return buildDataset({
    ...base.input,
    rows: [...base.input.rows.filter((r) => !ids.has(r.indicator)), ...extra.rows],
    catalog: [...base.input.catalog.filter((m) => !ids.has(m.id)), ...extra.catalog],
    sources: [...base.input.sources, ...(extra.sources ?? [])],
  });
}

export function buildDataset(input: DatasetInput): Dataset {
  const units = new Map(input.units.map((u) => [u.code, u]));
  const codesByLevel = new Map<Level, UnitCode[]>(
    LEVELS.map((level) => [level, input.boundaries[level].features.map((f) => String(f.properties?.code))]),
  );
  const codesAt = (level: Level) => codesByLevel.get(level) ?? [];
  const index = indexIndicators(input.rows);
  const indicatorById = new Map(input.catalog.map((m) => [m.id, m]));
  const yearsCache = new Map<string, readonly number[]>();
  const context: DataContext = {
    hasIndicator: (id) => indicatorById.has(id),
    unitLevels: (code) => units.get(code)?.levels,
    yearsWithData: (indicator, level) => {
      const key = `${indicator}|${level}`;
      let years = yearsCache.get(key);
      if (!years) yearsCache.set(key, (years = yearsFor(index, indicator, codesAt(level))));
      return years;
    },
  };
  const sourceById = new Map(input.sources.map((s) => [s.id, s]));
  const values = (indicator: string, year: number, level: Level) =>
    choroplethValues(index, indicator, year, codesAt(level));
  return {
    input,
    units,
    boundaries: input.boundaries,
    catalog: input.catalog,
    indicatorById,
    sourceById,
    index,
    codesAt,
    values,
    sourcesShown: (indicator, year, level) => {
      const ids = [...values(indicator, year, level).values()].map((r) => r.source_id);
      return [...new Set(ids)].flatMap((id) => sourceById.get(id) ?? []);
    },
    seriesOf: (code, indicator) => ({
      series: seriesFor(index, code, indicator),
      alternatives: (index.years.get(indicator) ?? []).flatMap((y) =>
        alternativesFor(index, code, indicator, y),
      ),
    }),
    context,
    pending: new Set(input.pending ?? []),
  };
}
