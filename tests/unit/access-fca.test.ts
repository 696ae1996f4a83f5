// 2SFCA and E2SFCA on a hand-computed example: 3 supplies × 4 demands, catchment 30 min.
import { describe, expect, it } from 'vitest';
import { describeWeights, twoStepFca, weightFunction, type FcaPairs } from '../../src/core/access/fca.ts';

// Travel minutes d[i][j] from demand i to supply j.
//            S1   S2   S3
// D1          5   25   40
// D2         12    8   35
// D3         28   15   22
// D4         50   31    9
const D = [
  [5, 25, 40],
  [12, 8, 35],
  [28, 15, 22],
  [50, 31, 9],
];
const P = [100, 200, 300, 400]; // residents of D1…D4
const S = [2, 1, 3]; // capacity of S1…S3
const D0 = 30;

function allPairs(): FcaPairs {
  const demand: number[] = [];
  const supply: number[] = [];
  const minutes: number[] = [];
  D.forEach((row, i) =>
    row.forEach((d, j) => {
      demand.push(i);
      supply.push(j);
      minutes.push(d);
    }),
  );
  return { length: demand.length, demand, supply, minutes };
}

describe('2SFCA (Luo & Wang 2003), binary catchment of 30 min', () => {
  const w = weightFunction({ method: '2sfca', decay: 'step', catchment: D0 });
  const r = twoStepFca(allPairs(), P, S, w);

  it('step 1: R_j = S_j / Σ population within 30 min of j', () => {
    // S1 reaches D1 (5), D2 (12), D3 (28): 100 + 200 + 300 = 600 → R1 = 2 / 600
    // S2 reaches D1 (25), D2 (8), D3 (15), not D4 (31): 600 → R2 = 1 / 600
    // S3 reaches D3 (22), D4 (9): 300 + 400 = 700 → R3 = 3 / 700
    expect(r.ratio[0]).toBeCloseTo(2 / 600, 12);
    expect(r.ratio[1]).toBeCloseTo(1 / 600, 12);
    expect(r.ratio[2]).toBeCloseTo(3 / 700, 12);
  });

  it('step 2: A_i = Σ R_j over the supplies within 30 min of i', () => {
    const expected = [
      2 / 600 + 1 / 600, // D1: S1, S2 = 1/200
      2 / 600 + 1 / 600, // D2: S1, S2
      2 / 600 + 1 / 600 + 3 / 700, // D3: S1, S2, S3 = 13/1400
      3 / 700, // D4: S3
    ];
    expected.forEach((a, i) => expect(Math.abs(r.access[i]! - a)).toBeLessThan(1e-9));
    expect(Math.abs(r.access[2]! - 13 / 1400)).toBeLessThan(1e-9);
  });

  it('conserves supply: Σ P_i·A_i = Σ S_j when every supply is reached', () => {
    const total = P.reduce((t, p, i) => t + p * r.access[i]!, 0);
    expect(Math.abs(total - 6)).toBeLessThan(1e-9);
  });
});

describe('E2SFCA (Luo & Qi 2009), zones 0–10 / 10–20 / 20–30 min weighted 1 / 0.68 / 0.22', () => {
  const w = weightFunction({ method: 'e2sfca', decay: 'step', catchment: D0 });
  const r = twoStepFca(allPairs(), P, S, w);

  it('weights each pair by its zone', () => {
    expect([5, 10, 12, 20, 22, 30, 31].map(w)).toEqual([1, 1, 0.68, 0.68, 0.22, 0.22, 0]);
  });

  it('step 1: R_j = S_j / Σ P_k·W(d_kj)', () => {
    // S1: 100·1 (5) + 200·0.68 (12) + 300·0.22 (28) + 400·0 (50) = 100 + 136 + 66 = 302 → R1 = 2/302
    // S2: 100·0.22 (25) + 200·1 (8) + 300·0.68 (15) + 400·0 (31) = 22 + 200 + 204 = 426 → R2 = 1/426
    // S3: 100·0 (40) + 200·0 (35) + 300·0.22 (22) + 400·1 (9) = 66 + 400 = 466 → R3 = 3/466
    expect(Math.abs(r.ratio[0]! - 2 / 302)).toBeLessThan(1e-12);
    expect(Math.abs(r.ratio[1]! - 1 / 426)).toBeLessThan(1e-12);
    expect(Math.abs(r.ratio[2]! - 3 / 466)).toBeLessThan(1e-12);
  });

  it('step 2: A_i = Σ R_j·W(d_ij)', () => {
    const [R1, R2, R3] = [2 / 302, 1 / 426, 3 / 466];
    const expected = [
      1 * R1 + 0.22 * R2, // D1: 5 → 1, 25 → 0.22, 40 → 0
      0.68 * R1 + 1 * R2, // D2: 12 → 0.68, 8 → 1, 35 → 0
      0.22 * R1 + 0.68 * R2 + 0.22 * R3, // D3: 28 → 0.22, 15 → 0.68, 22 → 0.22
      1 * R3, // D4: 50 → 0, 31 → 0, 9 → 1
    ];
    expected.forEach((a, i) => expect(Math.abs(r.access[i]! - a)).toBeLessThan(1e-9));
    // Numerically: D1 = 1/151 + 0.22/426 ≈ 0.0071390
    expect(r.access[0]).toBeCloseTo(0.007139, 6);
  });

  it('conserves supply too (Σ P_i·A_i = Σ S_j = 6)', () => {
    expect(Math.abs(P.reduce((t, p, i) => t + p * r.access[i]!, 0) - 6)).toBeLessThan(1e-9);
  });

  it('scales the zones to the catchment', () => {
    const w60 = weightFunction({ method: 'e2sfca', decay: 'step', catchment: 60 });
    expect([20, 21, 40, 41, 60, 61].map(w60)).toEqual([1, 0.68, 0.68, 0.22, 0.22, 0]);
    expect(describeWeights({ method: 'e2sfca', decay: 'step', catchment: 60 })).toContain(
      '0–20 / 20–40 / 40–60 min',
    );
  });
});

describe('Gaussian decay (Dai 2010)', () => {
  const w = weightFunction({ method: 'e2sfca', decay: 'gaussian', catchment: D0 });
  it('is 1 at 0, 0 at d0 and beyond, and the published curve in between', () => {
    const e = Math.exp(-0.5);
    expect(w(0)).toBeCloseTo(1, 12);
    expect(w(D0)).toBeCloseTo(0, 12);
    expect(w(D0 + 1)).toBe(0);
    expect(w(15)).toBeCloseTo((Math.exp(-0.5 * 0.25) - e) / (1 - e), 12);
    for (let d = 1; d <= D0; d++) expect(w(d)).toBeLessThan(w(d - 1));
  });
});

describe('capacity not known, edge cases, no mutation', () => {
  const w = weightFunction({ method: '2sfca', decay: 'step', catchment: D0 });

  it('gives "no data" (NaN) to every demand with an unknown capacity in reach, and only to those', () => {
    const r = twoStepFca(allPairs(), P, [2, NaN, 3], w);
    // S2 (unknown) is within 30 min of D1, D2, D3; D4 only reaches S3.
    expect([0, 1, 2].map((i) => Number.isNaN(r.access[i]!))).toEqual([true, true, true]);
    expect(r.access[3]).toBeCloseTo(3 / 700, 12);
  });

  it('gives 0 to demand out of reach and a 0 ratio to supply nobody reaches', () => {
    const pairs: FcaPairs = { length: 1, demand: [0], supply: [0], minutes: [45] };
    const r = twoStepFca(pairs, [100], [5], w);
    expect(r.access[0]).toBe(0);
    expect(r.ratio[0]).toBe(0);
  });

  it('rejects a catchment that is not > 0', () => {
    expect(() => weightFunction({ method: '2sfca', decay: 'step', catchment: 0 })).toThrow(/catchment/);
    expect(() => weightFunction({ method: '2sfca', decay: 'step', catchment: NaN })).toThrow(/catchment/);
  });

  it('does not modify its inputs', () => {
    const pairs = allPairs();
    const before = structuredClone({ pairs, P, S });
    twoStepFca(pairs, P, S, w);
    expect({ pairs, P, S }).toEqual(before);
  });
});
