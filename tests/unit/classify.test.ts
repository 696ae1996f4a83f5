import { describe, expect, it } from 'vitest';
import { classBreaks, classIndex, parseCustomBreaks } from '../../src/core/classify.ts';
import { buildChoropleth } from '../../src/core/choropleth.ts';
import { PALETTES } from '../../src/core/palettes.ts';

describe('classBreaks', () => {
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('equal interval splits the range evenly', () => {
    expect(classBreaks(values, 'equal', 3)).toEqual([1, 4, 7, 10]);
  });

  it('quantile puts the same number of values in each class', () => {
    const edges = classBreaks(values, 'quantile', 5);
    expect(edges).toHaveLength(6);
    const counts = new Array(5).fill(0);
    for (const v of values) counts[classIndex(v, edges)]++;
    expect(counts).toEqual([2, 2, 2, 2, 2]);
  });

  it('natural breaks (ckmeans) finds the gaps between clusters', () => {
    expect(classBreaks([1, 2, 3, 50, 51, 52, 200, 201], 'jenks', 3)).toEqual([1, 50, 200, 201]);
  });

  it('custom breaks become inner edges between min and max', () => {
    expect(classBreaks(values, 'custom', 5, [3, 6])).toEqual([1, 3, 6, 10]);
    expect(classBreaks(values, 'custom', 5, [0, 20])).toEqual([1, 10]);
  });

  it('ignores missing values and copes with few distinct values', () => {
    expect(classBreaks([NaN, 5, 5, 5], 'quantile', 5)).toEqual([5, 5]);
    expect(classBreaks([], 'jenks', 5)).toEqual([]);
    expect(classBreaks([1, 2], 'jenks', 5)).toEqual([1, 2]);
  });

  it('does not mutate its input', () => {
    const input = [3, 1, 2];
    classBreaks(input, 'quantile', 2);
    expect(input).toEqual([3, 1, 2]);
  });
});

describe('classIndex', () => {
  it('puts the max in the last class and missing in -1', () => {
    const edges = [0, 10, 20, 30];
    expect(classIndex(0, edges)).toBe(0);
    expect(classIndex(10, edges)).toBe(1);
    expect(classIndex(30, edges)).toBe(2);
    expect(classIndex(undefined, edges)).toBe(-1);
    expect(classIndex(NaN, edges)).toBe(-1);
  });
});

describe('parseCustomBreaks', () => {
  it('accepts commas, spaces and Chinese commas', () => {
    expect(parseCustomBreaks('10, 20，50 100')).toEqual({ breaks: [10, 20, 50, 100] });
  });
  it('rejects bad input with a reason', () => {
    expect(parseCustomBreaks('')).toEqual({ error: 'breaks.empty' });
    expect(parseCustomBreaks('10, x')).toEqual({ error: 'breaks.notNumber' });
    expect(parseCustomBreaks('10, 5')).toEqual({ error: 'breaks.notIncreasing' });
    expect(parseCustomBreaks('<script>')).toEqual({ error: 'breaks.notNumber' });
  });
});

describe('palettes and choropleth', () => {
  it('every palette gives n distinct colours for 3–9 classes', () => {
    for (const p of PALETTES) {
      for (let n = 3; n <= 9; n++) {
        const colors = p.colors(n);
        expect(colors, p.id).toHaveLength(n);
        expect(new Set(colors).size, p.id).toBe(n);
      }
    }
  });

  it('colours units with values and lists the rest as no data', () => {
    const values = new Map([
      ['a', 1],
      ['b', 5],
      ['c', 9],
    ]);
    const c = buildChoropleth(['a', 'b', 'c', 'd'], (code) => values.get(code), {
      method: 'equal',
      classes: 2,
      customBreaks: [],
      palette: 'Blues',
    });
    expect(c.edges).toEqual([1, 5, 9]);
    expect(c.noData).toEqual(['d']);
    expect(c.counts).toEqual([1, 2]);
    expect(c.colorByCode.get('a')).toBe(c.colors[0]);
    expect(c.colorByCode.get('c')).toBe(c.colors[1]);
  });
});
