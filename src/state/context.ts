import type { Level, UnitCode } from '../core/types.ts';

/** What the pure updaters and URL parsing need to know about the loaded data. */
export interface DataContext {
  hasIndicator(id: string): boolean;
  /** Levels a unit is drawn at, or undefined for an unknown code. */
  unitLevels(code: UnitCode): readonly Level[] | undefined;
  /** Years with at least one value of the indicator at the level, ascending. */
  yearsWithData(indicator: string, level: Level): readonly number[];
}
