import { ckmeans, equalIntervalBreaks, quantileSorted } from 'simple-statistics';

export type ClassMethod = 'quantile' | 'equal' | 'jenks' | 'custom';
export const CLASS_METHODS: readonly ClassMethod[] = ['quantile', 'equal', 'jenks', 'custom'];

/**
 * Class breaks as edges: `[min, e1, …, max]`, so `edges.length - 1` classes. A value v is in
 * class i when edges[i] <= v < edges[i+1] (the last class includes max).
 */
export type Breaks = number[];

/**
 * Compute class edges for the finite values given.
 * `jenks` uses Ckmeans (optimal 1-D k-means; Wang & Song 2011), the exact successor of Jenks natural breaks.
 * Fewer distinct values than classes gives fewer classes; no values gives [].
 *
 * @example
 * classBreaks([1, 2, 3, 4], 'equal', 3) // → [1, 2, 3, 4]
 * classBreaks([1, 2, 3, 10, 11, 12], 'jenks', 2) // → [1, 10, 12]
 */
export function classBreaks(
  values: readonly number[],
  method: ClassMethod,
  classes: number,
  custom: readonly number[] = [],
): Breaks {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  if (method === 'custom') return customEdges(min, max, custom);
  if (min === max) return [min, max];
  const distinct = new Set(sorted).size;
  const k = Math.max(1, Math.min(Math.round(classes), distinct));
  let edges: number[];
  if (method === 'equal') {
    edges = equalIntervalBreaks(sorted, k);
  } else if (method === 'quantile') {
    edges = [min];
    for (let i = 1; i < k; i++) edges.push(quantileSorted(sorted, i / k));
    edges.push(max);
  } else {
    const clusters = ckmeans(sorted, k);
    edges = [...clusters.map((c) => c[0]!), max];
  }
  return dedupe(edges);
}

/** Custom breaks are inner edges; values outside them fall in the first/last class. */
function customEdges(min: number, max: number, inner: readonly number[]): Breaks {
  const cuts = inner.filter((b) => Number.isFinite(b) && b > min && b < max);
  return dedupe([min, ...[...cuts].sort((a, b) => a - b), max]);
}

function dedupe(edges: number[]): number[] {
  return edges.filter((e, i) => i === 0 || e > edges[i - 1]!);
}

/**
 * Index of the class a value falls in, or -1 for missing values (NaN, undefined) or no classes.
 * @example classIndex(2.5, [1, 2, 3, 4]) // → 1
 */
export function classIndex(value: number | undefined, edges: Breaks): number {
  if (value === undefined || !Number.isFinite(value) || edges.length < 2) return -1;
  const last = edges.length - 2;
  for (let i = 0; i < last; i++) if (value < edges[i + 1]!) return i;
  return last;
}

/**
 * Parse user-typed custom breaks ("10, 20, 50" or "10 20 50"). Returns the numbers or an error message key.
 * @example parseCustomBreaks('10, 20,50') // → { breaks: [10, 20, 50] }
 */
export function parseCustomBreaks(text: string): { breaks: number[] } | { error: string } {
  const parts = text
    .split(/[\s,;，；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return { error: 'breaks.empty' };
  if (parts.length > 9) return { error: 'breaks.tooMany' };
  const nums = parts.map(Number);
  if (nums.some((n) => !Number.isFinite(n))) return { error: 'breaks.notNumber' };
  for (let i = 1; i < nums.length; i++)
    if (nums[i]! <= nums[i - 1]!) return { error: 'breaks.notIncreasing' };
  return { breaks: nums };
}
