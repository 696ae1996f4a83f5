// Gini and Theil, population-weighted: equal values, a known non-trivial case, weights as repetitions,
// and the between/within split of the Theil index.
import { describe, expect, it } from 'vitest';
import { gini, theil, theilDecomposition } from '../../src/core/access/equity.ts';

describe('Gini', () => {
  it('is 0 for equal values, whatever the weights', () => {
    expect(gini([3, 3, 3, 3], [1, 5, 2, 9])).toBe(0);
    expect(gini([0.7], [100])).toBe(0);
  });

  it('is 0.25 for 1, 2, 3, 4 with equal weights', () => {
    // Σ_i Σ_j |x_i − x_j| over ordered pairs = 2·(1+2+3+1+2+1) = 20; 2·n²·μ = 2·16·2.5 = 80 → 20/80
    expect(Math.abs(gini([1, 2, 3, 4], [1, 1, 1, 1]) - 0.25)).toBeLessThan(1e-12);
  });

  it('treats a weight as a repetition of the value', () => {
    expect(gini([1, 3], [2, 1])).toBeCloseTo(gini([1, 1, 3], [1, 1, 1]), 12);
    // 1, 1, 3: Σ|x_i − x_j| = 2·(0 + 2 + 2) = 8; 2·9·(5/3) = 30 → 8/30
    expect(Math.abs(gini([1, 3], [2, 1]) - 8 / 30)).toBeLessThan(1e-12);
  });

  it('approaches 1 − 1/n when one unit has everything', () => {
    expect(gini([0, 0, 0, 1], [1, 1, 1, 1])).toBeCloseTo(0.75, 12);
  });

  it('leaves out no-data values (NaN) and zero weights; NaN when the mean is 0', () => {
    expect(gini([1, 2, 3, 4, NaN], [1, 1, 1, 1, 7])).toBeCloseTo(0.25, 12);
    expect(gini([1, 2, 3, 4, 99], [1, 1, 1, 1, 0])).toBeCloseTo(0.25, 12);
    expect(Number.isNaN(gini([0, 0], [1, 1]))).toBe(true);
    expect(() => gini([-1, 2], [1, 1])).toThrow(/≥ 0/);
  });
});

describe('Theil (GE(1))', () => {
  it('is 0 for equal values', () => {
    expect(theil([2, 2, 2], [1, 4, 9])).toBe(0);
  });

  it('matches the hand value for 1, 2, 3, 4', () => {
    // μ = 2.5; T = ¼·Σ (x/μ)·ln(x/μ) = ¼·(0.4·ln 0.4 + 0.8·ln 0.8 + 1.2·ln 1.2 + 1.6·ln 1.6) ≈ 0.1064402
    const hand =
      0.25 * (0.4 * Math.log(0.4) + 0.8 * Math.log(0.8) + 1.2 * Math.log(1.2) + 1.6 * Math.log(1.6));
    expect(Math.abs(theil([1, 2, 3, 4], [1, 1, 1, 1]) - hand)).toBeLessThan(1e-12);
    expect(hand).toBeCloseTo(0.1064402, 6);
  });

  it('counts a 0 value as contributing 0 (limit of x·ln x) and reaches ln n at full concentration', () => {
    expect(theil([0, 2], [1, 1])).toBeCloseTo(Math.log(2), 12);
  });

  it('splits exactly into between- and within-province parts', () => {
    const x = [1, 2, 3, 4, 10, 12];
    const w = [5, 1, 2, 3, 4, 1];
    const g = ['110000', '110000', '120000', '120000', '130000', '130000'];
    const d = theilDecomposition(x, w, g);
    expect(Math.abs(d.between + d.within - d.total)).toBeLessThan(1e-12);
    expect(d.groups.map((q) => q.group)).toEqual(['110000', '120000', '130000']);
    expect(Math.abs(d.groups.reduce((t, q) => t + q.share, 0) - 1)).toBeLessThan(1e-12);
    // Equal values inside each group: nothing within.
    expect(theilDecomposition([1, 1, 3, 3], [1, 1, 1, 1], ['a', 'a', 'b', 'b']).within).toBeCloseTo(0, 12);
  });

  it('does not modify its inputs', () => {
    const x = [4, 1, 3];
    const w = [1, 2, 3];
    gini(x, w);
    theil(x, w);
    theilDecomposition(x, w, ['a', 'b', 'a']);
    expect([x, w]).toEqual([
      [4, 1, 3],
      [1, 2, 3],
    ]);
  });
});
