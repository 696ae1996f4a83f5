/**
 * The Hebei gap: Hebei's value as a ratio of Beijing's, Tianjin's and the national value, year by
 * year, for one province-level series. Only years where both units have a value count; nothing is
 * interpolated. The direction compares the distance from parity (ratio 1) in the first and latest years.
 */
import type { IndicatorRow } from './types.ts';

export const HEBEI = '130000';
/** The units Hebei is compared with: Beijing, Tianjin, the nation (000000). */
export const GAP_REFERENCES = ['110000', '120000', '000000'] as const;

export interface GapPoint {
  year: number;
  hebei: number;
  reference: number;
  /** hebei ÷ reference, rounded to 3 decimals. */
  ratio: number;
}

export type GapDirection = 'closing' | 'widening' | 'steady';

export interface GapSeries {
  reference: string;
  points: GapPoint[];
  first: GapPoint | null;
  last: GapPoint | null;
  /** null with fewer than two years. */
  direction: GapDirection | null;
}

/** Change in |ratio − 1| below this counts as steady. */
const STEADY = 0.005;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Hebei ÷ each reference unit by year, from the shown rows (rank 1) of one indicator.
 * @example gapSeries(rows, 'beds_per_1000')[0] // → { reference: '110000', points: [{ year: 2013, ratio: 0.9 }, …], direction: 'closing', … }
 */
export function gapSeries(
  rows: readonly IndicatorRow[],
  indicator: string,
  references: readonly string[] = GAP_REFERENCES,
  hebei = HEBEI,
): GapSeries[] {
  const byUnit = new Map<string, Map<number, number>>();
  for (const r of rows) {
    if (r.indicator !== indicator || r.rank !== 1 || !Number.isFinite(r.value)) continue;
    if (r.unit_code !== hebei && !references.includes(r.unit_code)) continue;
    let m = byUnit.get(r.unit_code);
    if (!m) byUnit.set(r.unit_code, (m = new Map()));
    m.set(r.year, r.value);
  }
  const hb = byUnit.get(hebei) ?? new Map<number, number>();
  return references.map((reference) => {
    const ref = byUnit.get(reference) ?? new Map<number, number>();
    const points = [...hb.entries()]
      .filter(([year]) => ref.has(year) && ref.get(year) !== 0)
      .sort(([a], [b]) => a - b)
      .map(([year, hebeiValue]) => {
        const refValue = ref.get(year)!;
        return { year, hebei: hebeiValue, reference: refValue, ratio: round3(hebeiValue / refValue) };
      });
    const first = points[0] ?? null;
    const last = points.at(-1) ?? null;
    let direction: GapDirection | null = null;
    if (first && last && first !== last) {
      const change = Math.abs(last.ratio - 1) - Math.abs(first.ratio - 1);
      direction = change < -STEADY ? 'closing' : change > STEADY ? 'widening' : 'steady';
    }
    return { reference, points, first, last, direction };
  });
}

/**
 * Indicators that have values for Hebei and at least one reference unit in a common year (the series
 * the gap view can draw), in the order given.
 */
export function gapIndicators(
  rows: readonly IndicatorRow[],
  ids: readonly string[],
  references: readonly string[] = GAP_REFERENCES,
  hebei = HEBEI,
): string[] {
  const cells = new Set<string>();
  for (const r of rows) if (r.rank === 1) cells.add(`${r.indicator}|${r.unit_code}|${r.year}`);
  const years = new Map<string, number[]>();
  for (const c of cells) {
    const [ind, unit, y] = c.split('|');
    if (unit === hebei) years.set(ind!, [...(years.get(ind!) ?? []), Number(y)]);
  }
  return ids.filter((id) =>
    (years.get(id) ?? []).some((y) => references.some((ref) => cells.has(`${id}|${ref}|${y}`))),
  );
}

export interface Inequality {
  year: number;
  /** Units with a value that year. */
  n: number;
  gini: number;
  /** Theil T index; null when a value is ≤ 0 (the index needs positive values). */
  theil: number | null;
}

/**
 * Gini and Theil T across the given units, by year, unweighted (each unit counts once), from the shown
 * rows (rank 1). Years with fewer than `minUnits` values are left out.
 * @example inequalityByYear(rows, 'beds_per_1000', cityCodes)[0] // → { year: 2020, n: 13, gini: 0.09, theil: 0.014 }
 */
export function inequalityByYear(
  rows: readonly IndicatorRow[],
  indicator: string,
  codes: readonly string[],
  minUnits = 3,
): Inequality[] {
  const wanted = new Set(codes);
  const byYear = new Map<number, number[]>();
  for (const r of rows) {
    if (r.indicator !== indicator || r.rank !== 1 || !wanted.has(r.unit_code) || !Number.isFinite(r.value))
      continue;
    byYear.set(r.year, [...(byYear.get(r.year) ?? []), r.value]);
  }
  return [...byYear.entries()]
    .filter(([, xs]) => xs.length >= minUnits)
    .sort(([a], [b]) => a - b)
    .map(([year, xs]) => {
      const n = xs.length;
      const mean = xs.reduce((t, x) => t + x, 0) / n;
      let absDiff = 0;
      for (const a of xs) for (const b of xs) absDiff += Math.abs(a - b);
      const gini = mean === 0 ? 0 : absDiff / (2 * n * n * mean);
      const theil = xs.every((x) => x > 0)
        ? xs.reduce((t, x) => t + (x / mean) * Math.log(x / mean), 0) / n
        : null;
      return { year, n, gini: round3(gini), theil: theil === null ? null : round3(theil) };
    });
}
