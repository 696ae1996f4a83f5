// The compare chart model (src/view/compare.ts) on the real beds-per-1,000 rows and small hand-made rows.
import { describe, expect, it } from 'vitest';
import { dataRows, row } from './rows.ts';
import { COMPARE_COLOURS, COMPARE_MAX, compareChartModel, compareRows } from '../../src/view/compare.ts';

const rows = dataRows();

describe('compareChartModel', () => {
  it('draws each unit its shown (rank-1) values by year, from the data file', () => {
    const model = compareChartModel(rows, 'beds_per_1000', ['110000', '130000']);
    for (const line of model.lines) {
      const shown = rows
        .filter((r) => r.indicator === 'beds_per_1000' && r.rank === 1 && r.unit_code === line.code)
        .sort((a, b) => a.year - b.year);
      expect(line.dots.map((d) => [d.year, d.value])).toEqual(shown.map((r) => [r.year, r.value]));
      expect(line.dots.length).toBeGreaterThan(0);
    }
    // Every value lies inside the y axis, which starts and ends on a tick.
    const ys = model.yTicks.map((tk) => tk.y);
    for (const d of model.lines.flatMap((l) => l.dots)) {
      expect(d.y).toBeGreaterThanOrEqual(Math.min(...ys) - 1e-9);
      expect(d.y).toBeLessThanOrEqual(Math.max(...ys) + 1e-9);
    }
  });

  it('keeps the order added for colours, skips alternatives, leaves a unit without values empty', () => {
    const model = compareChartModel(
      [row('A', 2013, 2), row('A', 2015, 4), row('A', 2015, 99, 2), row('B', 2014, 3)],
      'x',
      ['B', 'A', 'C'],
    );
    expect(model.lines.map((l) => [l.code, l.colour])).toEqual([
      ['B', COMPARE_COLOURS[0]],
      ['A', COMPARE_COLOURS[1]],
      ['C', COMPARE_COLOURS[2]],
    ]);
    expect(model.lines[1]!.dots.map((d) => d.value)).toEqual([2, 4]);
    expect(model.lines[2]!.dots).toEqual([]);
    expect(model.years).toEqual([2013, 2015]);
    expect(model.xTicks.map((tk) => tk.label)).toEqual(['2013', '2014', '2015']);
    // Later years lie further right; larger values higher up.
    const [a13, a15] = model.lines[1]!.dots;
    expect(a15!.x).toBeGreaterThan(a13!.x);
    expect(a15!.y).toBeLessThan(a13!.y);
  });

  it('shows at most as many units as it has colours, and no years when nothing has a value', () => {
    const codes = Array.from({ length: COMPARE_MAX + 2 }, (_, i) => `U${i}`);
    expect(compareChartModel([], 'x', codes).lines.length).toBe(COMPARE_MAX);
    expect(compareChartModel([], 'x', codes).years).toBeNull();
    // The state's limit (what a link may hold) and the colours are one fact.
    expect(COMPARE_COLOURS).toHaveLength(COMPARE_MAX);
    expect(new Set(COMPARE_COLOURS).size).toBe(COMPARE_MAX);
  });

  it('lists the numbers with their sources for the CSV, by unit in chart order, then year', () => {
    const out = compareRows(
      [row('A', 2015, 4), row('B', 2014, 3), row('A', 2013, 2), row('A', 2013, 9, 2)],
      'x',
      ['B', 'A'],
    );
    expect(out).toEqual([
      ['indicator', 'unit_code', 'year', 'value', 'unit', 'source_id'],
      ['x', 'B', 2014, 3, '', 's'],
      ['x', 'A', 2013, 2, '', 's'],
      ['x', 'A', 2015, 4, '', 's'],
    ]);
  });
});
