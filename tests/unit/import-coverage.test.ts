// The coverage view's model: cited / computed / user-supplied / missing cells per series × unit × year,
// grouped by theme, with the missing blocks and the table the data build names for each.
import { describe, expect, it } from 'vitest';
import { coverageModel, yearSpan, type CoverageFile } from '../../src/core/import/coverage.ts';

const catalog = [
  { id: 'beds_per_1000', kind: 'cited' },
  { id: 'census_density', kind: 'derived' },
  { id: 'user:aaaa0001' },
  { id: 'user:aaaa0002' },
];
const values = new Set([
  'beds_per_1000|110000|2015',
  'census_density|110000|2020',
  'census_density|130000|2020',
]);
const has = (i: string, c: string, y: number) => values.has(`${i}|${c}|${y}`);
const user = [
  { id: 'user:aaaa0001', catalogId: 'beds_per_1000', code: '130000', year: 2015, table: 'h.xlsx' },
  { id: 'user:aaaa0001', catalogId: 'beds_per_1000', code: '110000', year: 2015, table: 'h.xlsx' },
  { id: 'user:aaaa0002', code: '130100', year: 2008, table: 'y.xlsx' },
];

describe('coverage model', () => {
  it('marks cells from the loaded values and the user tables, grouped by theme', () => {
    const m = coverageModel({ catalog, has, units: ['110000', '130000'], years: [2015, 2020], user });
    expect(m.years).toEqual([2008, 2015, 2020]); // a user year outside the default span is added
    expect(m.units).toEqual(['110000', '130000', '130100']);
    expect(m.groups.map((g) => g[0])).toEqual(['health', 'population', 'user']);
    const beds = m.groups[0]![1][0]!;
    expect(beds.rows.map((r) => r.cells)).toEqual([
      ['missing', 'filled', 'missing'], // Beijing 2015 is cited: the user value does not replace it
      ['missing', 'user', 'missing'],
      ['missing', 'missing', 'missing'],
    ]);
    expect(beds.userTables).toEqual(['h.xlsx']);
    expect(m.groups[1]![1][0]!.counts).toEqual({ filled: 0, derived: 2, user: 0, missing: 7 });
    // The matched user indicator is not listed twice; the unmatched one is its own series.
    expect(m.groups[2]![1].map((s) => s.indicator)).toEqual(['user:aaaa0002']);
    expect(m.groups[2]![1][0]!.rows[2]!.cells).toEqual(['user', 'missing', 'missing']);
    expect(m.counts).toEqual({ filled: 1, derived: 2, user: 2, missing: 22 });
  });
  it('lists missing blocks with the data build’s table where it names one', () => {
    const file: CoverageFile = {
      years: [2013, 2014, 2015],
      units: [{ code: '130000', name_zh: '河北省', name_en: 'Hebei', level: 'province' }],
      series: [
        {
          indicator: 'beds_per_1000',
          theme: 'health',
          status: { '130000': ['missing', 'missing', 'derived'] },
        },
      ],
      gaps: [
        {
          indicator: 'beds_per_1000',
          unit_code: '130000',
          years: [2013, 2014],
          where_zh: '河北统计年鉴 卫生',
          where_en: 'Hebei Statistical Yearbook, health',
        },
      ],
    };
    const m = coverageModel({
      catalog: catalog.slice(0, 1),
      has: () => false,
      units: [],
      years: [],
      user: [],
      file,
    });
    const s = m.groups[0]![1][0]!;
    expect(s.rows).toEqual([{ code: '130000', cells: ['missing', 'missing', 'derived'] }]);
    expect(s.gaps).toEqual([
      {
        code: '130000',
        years: [2013, 2014],
        where: { zh: '河北统计年鉴 卫生', en: 'Hebei Statistical Yearbook, health' },
      },
    ]);
  });
  it('writes year spans', () => {
    expect(yearSpan([2013, 2014, 2015])).toBe('2013–2015');
    expect(yearSpan([2013, 2015])).toBe('2013, 2015');
    expect(yearSpan([2020])).toBe('2020');
  });
});
