import { classBreaks, classIndex, type Breaks, type ClassMethod } from './classify.ts';
import { paletteById, DEFAULT_PALETTE } from './palettes.ts';
import type { UnitCode } from './types.ts';

export interface ChoroplethSpec {
  method: ClassMethod;
  classes: number;
  customBreaks: readonly number[];
  palette: string;
}

export interface Choropleth {
  edges: Breaks;
  /** One colour per class, low to high. */
  colors: string[];
  /** Colour of every unit with a value. Units without a value are not in the map. */
  colorByCode: Map<UnitCode, string>;
  /** Units drawn but without a value: shown hatched grey, never filled in. */
  noData: UnitCode[];
  /** Units per class, for the legend. */
  counts: number[];
  /** The value of every coloured unit, for the legend's histogram. */
  values: number[];
}

/**
 * Classify the values of the drawn units and colour them.
 * @example
 * const values = new Map([['a', 1], ['b', 9]]);
 * const c = buildChoropleth(['a', 'b', 'c'], (code) => values.get(code), { method: 'equal', classes: 2, customBreaks: [], palette: 'Blues' });
 * c.noData // → ['c']
 */
export function buildChoropleth(
  codes: readonly UnitCode[],
  valueOf: (code: UnitCode) => number | undefined,
  spec: ChoroplethSpec,
): Choropleth {
  const present = codes.filter((c) => Number.isFinite(valueOf(c)));
  const edges = classBreaks(
    present.map((c) => valueOf(c)!),
    spec.method,
    spec.classes,
    spec.customBreaks,
  );
  const n = Math.max(0, edges.length - 1);
  const palette = paletteById(spec.palette) ?? paletteById(DEFAULT_PALETTE)!;
  const colors = n > 0 ? palette.colors(n) : [];
  const colorByCode = new Map<UnitCode, string>();
  const counts = new Array<number>(n).fill(0);
  for (const code of present) {
    const i = classIndex(valueOf(code), edges);
    if (i < 0) continue;
    colorByCode.set(code, colors[i]!);
    counts[i]!++;
  }
  const noData = codes.filter((c) => !colorByCode.has(c));
  const values = present.filter((c) => colorByCode.has(c)).map((c) => valueOf(c)!);
  return { edges, colors, colorByCode, noData, counts, values };
}
