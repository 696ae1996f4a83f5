// The Hebei gap (src/core/gap.ts) on the real beds-per-1,000 rows and on small hand-made rows.
import { describe, expect, it } from 'vitest';
import { gapIndicators, gapSeries, inequalityByYear } from '../../src/core/gap.ts';
import { gapChartModel, gapDirectionText, gapRows, timelineRows } from '../../src/view/answers.ts';
import { dataRows, row } from './rows.ts';

const rows = dataRows();

describe('gapSeries', () => {
  it('divides Hebei by each reference only in the years both have, from the data file', () => {
    const shown = rows.filter((r) => r.indicator === 'beds_per_1000' && r.rank === 1);
    const value = (u: string, y: number) => shown.find((r) => r.unit_code === u && r.year === y)?.value;
    const [bj, tj, cn] = gapSeries(rows, 'beds_per_1000');
    const bjYears = shown.filter((r) => r.unit_code === '110000').map((r) => r.year);
    const hbYears = shown.filter((r) => r.unit_code === '130000').map((r) => r.year);
    expect(bj!.points.map((p) => p.year)).toEqual(hbYears.filter((y) => bjYears.includes(y)).sort());
    for (const p of [...bj!.points, ...tj!.points, ...cn!.points])
      expect(p.ratio).toBeCloseTo(p.hebei / p.reference, 3);
    expect(bj!.first!.ratio).toBeCloseTo(value('130000', 2013)! / value('110000', 2013)!, 3);
    expect(bj!.direction).toBe(
      Math.abs(bj!.last!.ratio - 1) < Math.abs(bj!.first!.ratio - 1) ? 'closing' : 'widening',
    );
    expect(cn!.reference).toBe('000000');
  });

  it('names the direction by the distance from parity and skips ranks above 1', () => {
    const rs = [
      row('130000', 2013, 60),
      row('130000', 2020, 70),
      row('130000', 2021, 50),
      row('110000', 2013, 100),
      row('110000', 2020, 100),
      row('110000', 2021, 10, 2),
      row('120000', 2013, 50),
      row('120000', 2020, 40),
    ];
    const [bj, tj, cn] = gapSeries(rs, 'x');
    expect(bj!.points.map((p) => [p.year, p.ratio])).toEqual([
      [2013, 0.6],
      [2020, 0.7],
    ]);
    expect(bj!.direction).toBe('closing');
    expect(tj!.points.map((p) => p.ratio)).toEqual([1.2, 1.75]);
    expect(tj!.direction).toBe('widening');
    expect(cn!.points).toEqual([]);
    expect(cn!.direction).toBeNull();
    expect(gapSeries([row('130000', 2013, 1), row('110000', 2013, 1.002)], 'x')[0]!.direction).toBeNull();
  });
});

describe('gapIndicators', () => {
  it('lists the series with a common year', () => {
    const ids = gapIndicators(rows, ['beds_per_1000', 'pm25_annual_mean', 'hospitals_per_100k']);
    expect(ids).toContain('beds_per_1000');
    expect(ids).toContain('pm25_annual_mean');
    expect(ids).not.toContain('hospitals_per_100k'); // Beijing districts only
  });
});

describe('gap chart model (src/view/answers.ts)', () => {
  it('places one line per reference inside the frame, parity inside the ratio range', () => {
    const m = gapChartModel(rows, 'beds_per_1000', 400, 200);
    expect(m.lines.map((l) => l.reference)).toEqual(['110000', '120000', '000000']);
    expect(m.ratios[0]).toBeLessThanOrEqual(1);
    expect(m.ratios[1]).toBeGreaterThanOrEqual(1);
    for (const l of m.lines)
      for (const d of l.dots) {
        expect(d.x).toBeGreaterThanOrEqual(0);
        expect(d.x).toBeLessThanOrEqual(400);
        expect(d.y).toBeGreaterThanOrEqual(0);
        expect(d.y).toBeLessThanOrEqual(200);
      }
    const first = m.lines[0]!.series;
    expect(gapDirectionText(first)).toEqual({
      key: `gap.${first.direction}`,
      params: {
        first: `${first.first!.ratio.toFixed(2)} (${first.first!.year})`,
        last: `${first.last!.ratio.toFixed(2)} (${first.last!.year})`,
      },
    });
    expect(gapChartModel(rows, 'no_such_series').years).toBeNull();
  });
  it('writes the gap and the timeline as CSV rows with their sources', () => {
    const g = gapRows(rows, 'beds_per_1000');
    expect(g[0]).toContain('hebei_source');
    expect(g.length - 1).toBe(gapSeries(rows, 'beds_per_1000').reduce((t, s) => t + s.points.length, 0));
    expect(g.slice(1).every((r) => r[6] !== '' && r[7] !== '')).toBe(true);
    const t = timelineRows([
      {
        id: 'm',
        name_zh: '甲',
        name_en: 'A',
        unit_zh: '',
        unit_en: '',
        discrepancy_zh: '',
        discrepancy_en: '',
        entries: [
          {
            date: '2024-05-09',
            as_of: '',
            value: 153,
            value_text: '153',
            quote: 'q',
            source_url: 'https://x.test/a',
            source_kind: 'media',
            verified: true,
            note: '',
          },
        ],
      },
    ]);
    expect(t).toHaveLength(2);
    expect(t[1]).toContain('https://x.test/a');
  });
});

describe('inequalityByYear', () => {
  it('gives 0 for equal values and the textbook Gini and Theil for a small case', () => {
    const rs = [1, 2, 3, 4].map((v, i) => row(`U${i}`, 2020, v));
    const eq = [5, 5, 5].map((v, i) => row(`U${i}`, 2021, v));
    const [a, b] = inequalityByYear([...rs, ...eq], 'x', ['U0', 'U1', 'U2', 'U3']);
    // Gini of 1,2,3,4: Σ|xi−xj| = 20, / (2·16·2.5) = 0.25
    expect(a).toEqual({ year: 2020, n: 4, gini: 0.25, theil: expect.any(Number) as number });
    const mean = 2.5;
    const theil = [1, 2, 3, 4].reduce((t, x) => t + (x / mean) * Math.log(x / mean), 0) / 4;
    expect(a!.theil).toBeCloseTo(theil, 3);
    expect(b).toEqual({ year: 2021, n: 3, gini: 0, theil: 0 });
    expect(
      inequalityByYear([row('U0', 2020, 0), row('U1', 2020, 1), row('U2', 2020, 2)], 'x', [
        'U0',
        'U1',
        'U2',
      ])[0]!.theil,
    ).toBeNull();
    expect(inequalityByYear(rs.slice(0, 2), 'x', ['U0', 'U1'])).toEqual([]);
  });
  it('runs on the city values of the data file', () => {
    const cities = [
      ...new Set(
        rows
          .filter((r) => /^13\d\d00$/.test(r.unit_code) && r.unit_code !== '130000')
          .map((r) => r.unit_code),
      ),
    ];
    const out = inequalityByYear(rows, 'pm25_annual_mean', cities);
    expect(out.length).toBeGreaterThan(0);
    for (const y of out) {
      expect(y.n).toBeGreaterThanOrEqual(3);
      expect(y.gini).toBeGreaterThan(0);
      expect(y.gini).toBeLessThan(1);
    }
  });
});
