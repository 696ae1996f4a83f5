/**
 * Two-step floating catchment area accessibility.
 *
 * - 2SFCA (Luo & Wang 2003, Environment and Planning B 30(6): 865–884, doi:10.1068/b29120):
 *   step 1, per supply j: R_j = S_j / Σ_k P_k·W(d_kj); step 2, per demand i: A_i = Σ_j R_j·W(d_ij),
 *   with W = 1 within the catchment d0 and 0 beyond.
 * - E2SFCA (Luo & Qi 2009, Health & Place 15(4): 1100–1107): the same two steps with W falling by
 *   travel-time zone. Luo & Qi use zones 0–10, 10–20 and 20–30 min weighted 1.00, 0.68 and 0.22; here
 *   the zones are scaled to the catchment (d0/3, 2·d0/3, d0) with the same weights ("step" decay).
 * - "gaussian" decay: the continuous Gaussian used in Gaussian-based 2SFCA (Dai 2010, Health & Place
 *   16(5): 1038–1052): W(d) = (e^(−½(d/d0)²) − e^(−½)) / (1 − e^(−½)) for d ≤ d0, else 0.
 *
 * Missing capacity: a supply with S_j = NaN (beds not known) gives R_j = NaN, and every demand whose
 * catchment holds it gets A_i = NaN ("no data"): the score is not computed from a partial list.
 */

export type FcaMethod = '2sfca' | 'e2sfca';
export type Decay = 'step' | 'gaussian';
export const FCA_METHODS: readonly FcaMethod[] = ['2sfca', 'e2sfca'];
export const DECAYS: readonly Decay[] = ['step', 'gaussian'];

/** Luo & Qi (2009) E2SFCA zone weights for 0–10, 10–20, 20–30 min (here: thirds of the catchment). */
export const E2SFCA_ZONE_WEIGHTS: readonly number[] = [1, 0.68, 0.22];

export interface FcaOptions {
  method: FcaMethod;
  /** E2SFCA only: zone steps (Luo & Qi) or the continuous Gaussian. */
  decay: Decay;
  /** Catchment d0, minutes. */
  catchment: number;
}

/** A step of a stepped weight: W = `weight` for d ≤ `upTo` (and above the previous step's upTo). */
export interface WeightZone {
  upTo: number;
  weight: number;
}

/**
 * The steps of a stepped weight (2SFCA: one; E2SFCA with step decay: three), null for the Gaussian.
 * weightFunction is built from these, so a loop that compares against them gives the same weights.
 * @example weightZones({ method: 'e2sfca', decay: 'step', catchment: 30 }) // → [{ upTo: 10, weight: 1 }, { upTo: 20, weight: 0.68 }, { upTo: 30, weight: 0.22 }]
 */
export function weightZones(o: FcaOptions): WeightZone[] | null {
  const d0 = o.catchment;
  if (!(d0 > 0) || !Number.isFinite(d0)) throw new Error(`catchment must be > 0 minutes (got ${d0})`);
  if (o.method === '2sfca') return [{ upTo: d0, weight: 1 }];
  if (o.decay === 'gaussian') return null;
  const [w1, w2, w3] = E2SFCA_ZONE_WEIGHTS as [number, number, number];
  return [
    { upTo: d0 / 3, weight: w1 },
    { upTo: (2 * d0) / 3, weight: w2 },
    { upTo: d0, weight: w3 },
  ];
}

/**
 * The weight function W(d) of a method (d in minutes; 0 beyond the catchment).
 * @example weightFunction({ method: 'e2sfca', decay: 'step', catchment: 30 })(15) // → 0.68
 * @example weightFunction({ method: '2sfca', decay: 'step', catchment: 30 })(29) // → 1
 */
export function weightFunction(o: FcaOptions): (d: number) => number {
  const d0 = o.catchment;
  const zones = weightZones(o);
  if (zones === null) {
    const e = Math.exp(-0.5);
    return (d) => (d <= d0 ? (Math.exp(-0.5 * (d / d0) ** 2) - e) / (1 - e) : 0);
  }
  return (d) => {
    for (const z of zones) if (d <= z.upTo) return z.weight;
    return 0;
  };
}

/**
 * Human-readable description of the weights, for method texts.
 * @example describeWeights({ method: 'e2sfca', decay: 'step', catchment: 60 })
 * // → 'E2SFCA (Luo & Qi 2009): weights 1 / 0.68 / 0.22 on 0–20 / 20–40 / 40–60 min'
 */
export function describeWeights(o: FcaOptions): string {
  const d0 = o.catchment;
  const f = (x: number) => String(Math.round(x * 10) / 10);
  if (o.method === '2sfca') return `2SFCA (Luo & Wang 2003): weight 1 within ${f(d0)} min, 0 beyond`;
  if (o.decay === 'gaussian')
    return `E2SFCA with Gaussian decay (Dai 2010): W = (e^(−½(d/${f(d0)})²) − e^(−½)) / (1 − e^(−½)) within ${f(d0)} min`;
  const w = E2SFCA_ZONE_WEIGHTS.join(' / ');
  return `E2SFCA (Luo & Qi 2009): weights ${w} on 0–${f(d0 / 3)} / ${f(d0 / 3)}–${f((2 * d0) / 3)} / ${f((2 * d0) / 3)}–${f(d0)} min`;
}

/** Pairs of demand and supply with their travel minutes (see travel.ts). */
export interface FcaPairs {
  length: number;
  demand: ArrayLike<number>;
  supply: ArrayLike<number>;
  minutes: ArrayLike<number>;
}

export interface FcaResult {
  /** Step 1: supply-to-demand ratio per supply (0 when no demand reaches it). */
  ratio: Float64Array;
  /** Step 2: accessibility per demand (0 when no supply in reach, NaN when a reachable capacity is unknown). */
  access: Float64Array;
}

/**
 * Run both steps over the pairs. Pairs with weight 0 are skipped (so a NaN supply beyond reach of the
 * weights does not spoil anyone's score). Inputs are not modified.
 * @example
 * const w = weightFunction({ method: '2sfca', decay: 'step', catchment: 30 });
 * twoStepFca({ length: 1, demand: [0], supply: [0], minutes: [10] }, [1000], [2], w).access[0] // → 0.002
 */
export function twoStepFca(
  pairs: FcaPairs,
  population: ArrayLike<number>,
  capacity: ArrayLike<number>,
  weight: (d: number) => number,
): FcaResult {
  const w = new Float64Array(pairs.length);
  for (let k = 0; k < pairs.length; k++) w[k] = weight(pairs.minutes[k]!);
  const reached = new Float64Array(capacity.length); // Σ_k P_k·W(d_kj)
  for (let k = 0; k < pairs.length; k++) {
    if (w[k] === 0) continue;
    reached[pairs.supply[k]!]! += population[pairs.demand[k]!]! * w[k]!;
  }
  const ratio = Float64Array.from(capacity, (s, j) => (reached[j]! > 0 ? s / reached[j]! : 0));
  const access = new Float64Array(population.length);
  for (let k = 0; k < pairs.length; k++) {
    if (w[k] === 0) continue;
    access[pairs.demand[k]!]! += ratio[pairs.supply[k]!]! * w[k]!;
  }
  return { ratio, access };
}
