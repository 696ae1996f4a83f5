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

/** "#rrggbb" or "rgb(r, g, b)" → [r, g, b]; null for anything else. */
function rgbOf(css: string): [number, number, number] | null {
  const hex = /^#([0-9a-f]{6})$/i.exec(css);
  if (hex) {
    const n = parseInt(hex[1]!, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const rgb = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)/i.exec(css);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : null;
}

/**
 * A colour faded toward white by `mix` (0 = unchanged, 1 = white), as "rgb(r, g, b)".
 * @example fadeColor('#000000', 0.5) // → 'rgb(128, 128, 128)'
 */
export function fadeColor(css: string, mix: number): string {
  const c = rgbOf(css);
  if (!c) return css;
  const [r, g, b] = c.map((v) => Math.round(v + (255 - v) * mix));
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * The same classes with every colour faded toward white (the choropleth under an isochrone, so the
 * bands on top stay readable). The legend draws these colours too, so it matches the map.
 * @example muteChoropleth(c, 0.6).colors[0] // a paler first class
 */
export function muteChoropleth(c: Choropleth, mix: number): Choropleth {
  const faded = new Map(c.colors.map((col) => [col, fadeColor(col, mix)]));
  const colorByCode = new Map<UnitCode, string>();
  for (const [code, col] of c.colorByCode) colorByCode.set(code, faded.get(col) ?? fadeColor(col, mix));
  return { ...c, colors: c.colors.map((col) => faded.get(col)!), colorByCode };
}
