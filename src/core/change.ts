/**
 * Change maps: per unit, the change of one series between a start year and an end year, as a
 * difference (end − start) or a percent change ((end ÷ start − 1) × 100), classed symmetrically
 * around no change (0) and coloured with a diverging palette whose middle is "no change". Units that
 * lack either year (or, for a percent change, start at 0) have no change value and are drawn as missing.
 */
import type { Choropleth } from './choropleth.ts';
import { classBreaks, classIndex, type Breaks, type ClassMethod } from './classify.ts';
import { paletteById } from './palettes.ts';
import type { UnitCode } from './types.ts';

export type ChangeMode = 'diff' | 'pct';
export const CHANGE_MODES: readonly ChangeMode[] = ['diff', 'pct'];
/** Diverging palette used when the chosen palette is sequential (a change map needs a middle). */
export const CHANGE_PALETTE = 'RdBu';

/**
 * The change of one unit, or undefined when it cannot be computed.
 * @example changeValue(2, 3, 'diff') // → 1
 * @example changeValue(2, 3, 'pct') // → 50
 * @example changeValue(0, 3, 'pct') // → undefined
 */
export function changeValue(
  start: number | undefined,
  end: number | undefined,
  mode: ChangeMode,
): number | undefined {
  if (start === undefined || end === undefined || !Number.isFinite(start) || !Number.isFinite(end))
    return undefined;
  if (mode === 'diff') return end - start;
  if (start === 0) return undefined;
  return (end / start - 1) * 100;
}

export interface ChangeValues {
  /** Change per unit that has both years. */
  values: Map<UnitCode, number>;
  /** Units without the start year, without the end year, or (percent) starting at 0. */
  missing: UnitCode[];
}

/**
 * The change of every drawn unit.
 * @example changeValues(['a', 'b'], (c) => ({ a: 1 })[c], (c) => ({ a: 3, b: 2 })[c], 'diff') // → { values: Map { a → 2 }, missing: ['b'] }
 */
export function changeValues(
  codes: readonly UnitCode[],
  startOf: (code: UnitCode) => number | undefined,
  endOf: (code: UnitCode) => number | undefined,
  mode: ChangeMode,
): ChangeValues {
  const values = new Map<UnitCode, number>();
  const missing: UnitCode[] = [];
  for (const code of codes) {
    const v = changeValue(startOf(code), endOf(code), mode);
    if (v === undefined) missing.push(code);
    else values.set(code, v);
  }
  return { values, missing };
}

/**
 * Class edges symmetric around 0, so the middle of a diverging palette is "no change". The magnitudes
 * |v| are classed with the chosen method into the classes of one side and mirrored; with an odd number
 * of classes the middle class straddles 0 ("about no change").
 * @example symmetricBreaks([-4, 1, 2], 'equal', 4) // → [-4, -2, 0, 2, 4]
 * @example symmetricBreaks([-3, 1], 'equal', 3).length // → 4 (three classes, the middle one around 0)
 */
export function symmetricBreaks(values: readonly number[], method: ClassMethod, classes: number): Breaks {
  const mags = values.filter(Number.isFinite).map(Math.abs);
  const max = mags.reduce((m, x) => Math.max(m, x), 0);
  if (mags.length === 0) return [];
  if (max === 0) return [-1e-9, 1e-9];
  const k = Math.max(2, Math.round(classes));
  const odd = k % 2 === 1;
  // One side: k/2 classes, or (k+1)/2 when the middle class is shared by both sides.
  const side = odd ? (k + 1) / 2 : k / 2;
  // Quantiles or natural breaks of the magnitudes; 'custom' makes no sense mirrored, so it is equal.
  const m = method === 'custom' ? 'equal' : method;
  const inner =
    m === 'equal'
      ? Array.from({ length: side - 1 }, (_, i) => (max * (i + 1)) / side)
      : classBreaks([0, ...mags], m, side).slice(1, -1);
  const positive = [...new Set(inner.filter((e) => e > 0 && e < max))].sort((a, b) => a - b);
  if (odd) {
    // The middle class needs a positive first edge; without one, fall back to equal steps.
    const pos = positive.length ? positive : [max / side];
    return [-max, ...[...pos].reverse().map((e) => -e), ...pos, max];
  }
  return [-max, ...[...positive].reverse().map((e) => -e), 0, ...positive, max];
}

export interface ChangeSpec {
  method: ClassMethod;
  classes: number;
  /** The chosen palette: used when diverging, else CHANGE_PALETTE. */
  palette: string;
}

/** The palette a change map draws with. */
export function changePaletteId(palette: string): string {
  return paletteById(palette)?.kind === 'diverging' ? palette : CHANGE_PALETTE;
}

/**
 * A choropleth of the change values: symmetric classes, colours from the diverging palette chosen
 * so that the classes on either side of 0 take the two halves of the full palette.
 * @example buildChangeChoropleth(['a', 'b', 'c'], new Map([['a', -1], ['b', 1]]), { method: 'equal', classes: 2, palette: 'viridis' }).noData // → ['c']
 */
export function buildChangeChoropleth(
  codes: readonly UnitCode[],
  values: ReadonlyMap<UnitCode, number>,
  spec: ChangeSpec,
): Choropleth {
  const edges = symmetricBreaks([...values.values()], spec.method, spec.classes);
  const n = Math.max(0, edges.length - 1);
  const palette = paletteById(changePaletteId(spec.palette))!;
  const colors = n > 0 ? palette.colors(n) : [];
  const colorByCode = new Map<UnitCode, string>();
  const counts = new Array<number>(n).fill(0);
  for (const code of codes) {
    const v = values.get(code);
    const i = classIndex(v, edges);
    if (i < 0) continue;
    colorByCode.set(code, colors[i]!);
    counts[i]!++;
  }
  const noData = codes.filter((c) => !colorByCode.has(c));
  const shown = codes.filter((c) => colorByCode.has(c)).map((c) => values.get(c)!);
  return { edges, colors, colorByCode, noData, counts, values: shown };
}
