/**
 * Inequality of a value across units, weighted by population:
 * - Gini G = Σ_i Σ_j w_i·w_j·|x_i − x_j| / (2·W²·μ), μ = Σ w_i·x_i / W (0 = equal, → 1 = one unit has all);
 *   computed in O(n log n) on the sorted values as Σ_i w_i·x_i·(2·W_below(i) + w_i − W) / (W·Σ w·x).
 * - Theil T = Σ_i (w_i / W)·(x_i / μ)·ln(x_i / μ) (0 = equal; x = 0 contributes 0, the limit of x·ln x),
 *   which splits exactly into between-group and within-group parts (used for the three provinces):
 *   T = Σ_g s_g·ln(μ_g / μ) + Σ_g s_g·T_g with s_g = W_g·μ_g / (W·μ), the group's share of the total.
 * Values must be ≥ 0 (accessibility scores are); NaN values (no data) are left out and counted.
 */

export interface Weighted {
  values: ArrayLike<number>;
  weights: ArrayLike<number>;
}

/** Finite pairs with weight > 0 (values must be ≥ 0). */
function clean(values: ArrayLike<number>, weights: ArrayLike<number>): { x: number[]; w: number[] } {
  if (values.length !== weights.length) throw new Error('values and weights differ in length');
  const x: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const p = weights[i]!;
    if (!Number.isFinite(v) || !(p > 0)) continue;
    if (v < 0) throw new Error(`inequality measures need values ≥ 0 (got ${v})`);
    x.push(v);
    w.push(p);
  }
  return { x, w };
}

/**
 * Population-weighted Gini coefficient; NaN when there is no value or the mean is 0.
 * @example gini([1, 2, 3, 4], [1, 1, 1, 1]) // → 0.25
 * @example gini([5, 5, 5], [10, 20, 30]) // → 0
 */
export function gini(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  const { x, w } = clean(values, weights);
  const order = x.map((_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
  let W = 0;
  let S = 0;
  for (let i = 0; i < x.length; i++) {
    W += w[i]!;
    S += w[i]! * x[i]!;
  }
  if (!(W > 0) || !(S > 0)) return NaN;
  let below = 0;
  let acc = 0;
  for (const i of order) {
    acc += w[i]! * x[i]! * (2 * below + w[i]! - W);
    below += w[i]!;
  }
  return Math.max(0, acc / (W * S)); // clamp −1e-17 rounding of equal values
}

/**
 * Population-weighted Theil index (GE(1)); NaN when there is no value or the mean is 0.
 * @example theil([1, 1], [3, 7]) // → 0
 * @example theil([0, 2], [1, 1]) // → ln 2 ≈ 0.6931
 */
export function theil(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  const { x, w } = clean(values, weights);
  let W = 0;
  let S = 0;
  for (let i = 0; i < x.length; i++) {
    W += w[i]!;
    S += w[i]! * x[i]!;
  }
  if (!(W > 0) || !(S > 0)) return NaN;
  const mu = S / W;
  let t = 0;
  for (let i = 0; i < x.length; i++) {
    const r = x[i]! / mu;
    if (r > 0) t += (w[i]! / W) * r * Math.log(r);
  }
  return Math.max(0, t);
}

export interface TheilGroup {
  group: string;
  theil: number;
  /** The group's share of Σ w·x. */
  share: number;
  mean: number;
  population: number;
}

export interface TheilDecomposition {
  total: number;
  between: number;
  within: number;
  groups: TheilGroup[];
}

/**
 * Theil index split into between-group and within-group parts (total = between + within).
 * @example theilDecomposition([1, 1, 3, 3], [1, 1, 1, 1], ['a', 'a', 'b', 'b']).within // → 0
 */
export function theilDecomposition(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  groups: ArrayLike<string>,
): TheilDecomposition {
  const keys = [...new Set(Array.from(groups))].sort();
  let W = 0;
  let S = 0;
  const per = keys.map((g) => {
    const x: number[] = [];
    const w: number[] = [];
    for (let i = 0; i < values.length; i++) {
      if (groups[i] !== g || !Number.isFinite(values[i]!) || !(weights[i]! > 0)) continue;
      x.push(values[i]!);
      w.push(weights[i]!);
    }
    const Wg = w.reduce((t, v) => t + v, 0);
    const Sg = w.reduce((t, v, i) => t + v * x[i]!, 0);
    W += Wg;
    S += Sg;
    return { group: g, x, w, Wg, Sg };
  });
  const mu = S / W;
  let between = 0;
  let within = 0;
  const out = per.map(({ group, x, w, Wg, Sg }) => {
    const share = S > 0 ? Sg / S : NaN;
    const mean = Wg > 0 ? Sg / Wg : NaN;
    const t = theil(x, w);
    if (share > 0) {
      between += share * Math.log(mean / mu);
      within += share * t;
    }
    return { group, theil: t, share, mean, population: Wg };
  });
  return { total: theil(values, weights), between, within, groups: out };
}
