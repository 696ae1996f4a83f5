// The compare chart (issue 14, OWID's chart tab): one indicator over the years for several units, a
// line per unit, from the values the map shows (rank 1). Pure: laid out in CSS px for the screen and,
// at the figure's size, for the export.
import type { IndicatorRow, UnitCode } from '../core/types.ts';
import { COMPARE_MAX } from '../state/schema.ts';

export { COMPARE_MAX };
/** Okabe–Ito colours, one per unit in the order added (distinguishable with colour-vision deficiencies);
 * as many as COMPARE_MAX: more lines would be unreadable. */
export const COMPARE_COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];

export interface CompareDot {
  x: number;
  y: number;
  year: number;
  value: number;
}

export interface CompareLine {
  code: UnitCode;
  colour: string;
  /** SVG path in chart coordinates ('' with no value). */
  path: string;
  dots: CompareDot[];
}

export interface CompareChartModel {
  width: number;
  height: number;
  /** First and last year with a value among the units; null when none has any. */
  years: [number, number] | null;
  yTicks: { y: number; value: number }[];
  xTicks: { x: number; label: string }[];
  lines: CompareLine[];
}

export const COMPARE_PAD = { left: 56, right: 12, top: 10, bottom: 24 };

/** Five round tick values covering [lo, hi]. */
function ticks(lo: number, hi: number): number[] {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= raw)!;
  const start = Math.floor(lo / step) * step;
  const out: number[] = [];
  // Up to the first tick at or above the largest value (two ticks at least).
  for (let v = start; out.length < 2 || out[out.length - 1]! < hi - step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

/**
 * The chart of `indicator` for `codes` (at most COMPARE_MAX), each unit's rank-1 values by year.
 * @example compareChartModel(rows, 'beds_per_1000', ['110000', '130000']).lines.length // → 2
 */
export function compareChartModel(
  rows: readonly IndicatorRow[],
  indicator: string,
  codes: readonly UnitCode[],
  width = 420,
  height = 220,
): CompareChartModel {
  const shown = codes.slice(0, COMPARE_MAX);
  const byUnit = new Map<UnitCode, Map<number, number>>(shown.map((c) => [c, new Map()]));
  for (const r of rows)
    if (r.rank === 1 && r.indicator === indicator && Number.isFinite(r.value))
      byUnit.get(r.unit_code)?.set(r.year, r.value);
  const all = [...byUnit.values()].flatMap((m) => [...m]);
  const years: [number, number] | null = all.length
    ? [Math.min(...all.map(([y]) => y)), Math.max(...all.map(([y]) => y))]
    : null;
  const values = all.map(([, v]) => v);
  const tickValues = values.length ? ticks(Math.min(...values), Math.max(...values)) : [0, 1];
  const lo = tickValues[0]!;
  const hi = tickValues[tickValues.length - 1]!;
  const [y0, y1] = years ?? [0, 1];
  const x = (year: number) =>
    COMPARE_PAD.left +
    (y1 === y0 ? 0.5 : (year - y0) / (y1 - y0)) * (width - COMPARE_PAD.left - COMPARE_PAD.right);
  const y = (v: number) =>
    COMPARE_PAD.top + (1 - (v - lo) / (hi - lo || 1)) * (height - COMPARE_PAD.top - COMPARE_PAD.bottom);
  const lines = shown.map((code, i): CompareLine => {
    const dots = [...byUnit.get(code)!]
      .sort(([a], [b]) => a - b)
      .map(([year, value]) => ({ x: x(year), y: y(value), year, value }));
    const path = dots.map((d, j) => `${j ? 'L' : 'M'}${d.x.toFixed(1)},${d.y.toFixed(1)}`).join('');
    return { code, colour: COMPARE_COLOURS[i]!, path, dots };
  });
  const xTicks = years
    ? [...new Set([y0, Math.round((y0 + y1) / 2), y1])].map((yr) => ({ x: x(yr), label: String(yr) }))
    : [];
  return { width, height, years, yTicks: tickValues.map((v) => ({ y: y(v), value: v })), xTicks, lines };
}

/** The chart's numbers as CSV rows (header first): unit, year, value, source. */
export function compareRows(
  rows: readonly IndicatorRow[],
  indicator: string,
  codes: readonly UnitCode[],
): (string | number)[][] {
  const wanted = new Set(codes.slice(0, COMPARE_MAX));
  return [
    ['indicator', 'unit_code', 'year', 'value', 'unit', 'source_id'],
    ...rows
      .filter((r) => r.rank === 1 && r.indicator === indicator && wanted.has(r.unit_code))
      .sort((a, b) => codes.indexOf(a.unit_code) - codes.indexOf(b.unit_code) || a.year - b.year)
      .map((r) => [indicator, r.unit_code, r.year, r.value, r.unit, r.source_id]),
  ];
}
