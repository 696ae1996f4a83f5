// Change maps (issue 12 §4): the change of a series between two years per unit, classed around no
// change, in the link, the legend (with its histogram), the figure texts and the CSV.
import { describe, expect, it } from 'vitest';
import {
  buildChangeChoropleth,
  changePaletteId,
  changeValue,
  changeValues,
  symmetricBreaks,
} from '../../src/core/change.ts';
import { buildChoropleth } from '../../src/core/choropleth.ts';
import { classBreaks } from '../../src/core/classify.ts';
import { paletteById } from '../../src/core/palettes.ts';
import type { IndicatorRow } from '../../src/core/types.ts';
import { buildDataset } from '../../src/data/dataset.ts';
import { figureTexts } from '../../src/export/content.ts';
import { viewCsv, viewFileStem } from '../../src/export/data.ts';
import { layoutFigure } from '../../src/export/layout.ts';
import type { DataContext } from '../../src/state/context.ts';
import { DEFAULT_STATE, type AppState } from '../../src/state/schema.ts';
import { setAnswers, setChangeFrom, setChangeMode, setYear, startChange } from '../../src/state/updaters.ts';
import { queryToState, stateToQuery } from '../../src/state/url.ts';
import { createView } from '../../src/view/index.ts';
import { legendChange, legendHistogram, legendOf } from '../../src/view/legend.ts';
import { data as small, meta, sources, state as smallState } from '../fixtures/view/small-dataset.ts';

describe('change values', () => {
  it('computes a difference or a percent change, and nothing without both years', () => {
    expect(changeValue(2, 3, 'diff')).toBe(1);
    expect(changeValue(4, 3, 'pct')).toBe(-25);
    expect(changeValue(0, 3, 'pct')).toBeUndefined();
    expect(changeValue(0, 3, 'diff')).toBe(3);
    expect(changeValue(undefined, 3, 'diff')).toBeUndefined();
    expect(changeValue(2, Number.NaN, 'diff')).toBeUndefined();
    const start: Record<string, number> = { a: 1, b: 5, d: 0 };
    const end: Record<string, number> = { a: 3, c: 2, d: 1 };
    const r = changeValues(
      ['a', 'b', 'c', 'd'],
      (c) => start[c],
      (c) => end[c],
      'pct',
    );
    expect([...r.values]).toEqual([['a', 200]]);
    expect(r.missing).toEqual(['b', 'c', 'd']);
  });

  it('classes symmetrically around 0: 0 is an edge for even counts, inside the middle class for odd', () => {
    expect(symmetricBreaks([-4, 1, 2], 'equal', 4)).toEqual([-4, -2, 0, 2, 4]);
    const odd = symmetricBreaks([-3, 1, 2], 'equal', 5);
    expect(odd).toHaveLength(6);
    expect(odd.map((e, i) => e + odd[odd.length - 1 - i]!)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(odd[2]! < 0 && odd[3]! > 0).toBe(true);
    // Quantiles of the magnitudes, mirrored.
    const q = symmetricBreaks([-10, -1, 1, 2, 3, 8], 'quantile', 4);
    expect(q[2]).toBe(0);
    expect(q[3]).toBeCloseTo(-q[1]!);
    expect(symmetricBreaks([], 'equal', 5)).toEqual([]);
  });

  it('colours a change map with a diverging palette whose middle is no change', () => {
    const values = new Map([
      ['a', -4],
      ['b', -1],
      ['c', 1],
      ['d', 4],
    ]);
    const c = buildChangeChoropleth(['a', 'b', 'c', 'd', 'e'], values, {
      method: 'equal',
      classes: 4,
      palette: 'viridis',
    });
    expect(changePaletteId('viridis')).toBe('RdBu');
    expect(changePaletteId('PuOr')).toBe('PuOr');
    expect(c.colors).toEqual(paletteById('RdBu')!.colors(4));
    expect(c.colorByCode.get('a')).toBe(c.colors[0]);
    expect(c.colorByCode.get('b')).toBe(c.colors[1]);
    expect(c.colorByCode.get('c')).toBe(c.colors[2]);
    expect(c.colorByCode.get('d')).toBe(c.colors[3]);
    expect(c.noData).toEqual(['e']);
    expect(c.counts).toEqual([1, 1, 1, 1]);
    expect(c.values.sort((x, y) => x - y)).toEqual([-4, -1, 1, 4]);
  });
});

describe('change map state and link', () => {
  const ctx: DataContext = {
    hasIndicator: (id) => ['gdp', 'beds_per_1000', 'census_density'].includes(id),
    unitLevels: () => ['province'],
    yearsWithData: (indicator) => (indicator === 'gdp' ? [2013, 2016, 2024] : [2020]),
  };

  it('starts at 2013 → latest, round-trips through the link and leaves when the end meets the start', () => {
    const s = startChange({ ...DEFAULT_STATE, indicator: 'gdp', year: 2016 }, ctx);
    expect(s.change).toEqual({ from: 2013, mode: 'diff' });
    expect(s.year).toBe(2024);
    const pct = setChangeMode(setChangeFrom(s, 2016), 'pct');
    const q = stateToQuery(pct);
    expect(q).toContain('chg=2016');
    expect(q).toContain('chgm=pct');
    const back = queryToState(`?${q}`, ctx);
    expect(back.notices).toEqual([]);
    expect(back.state).toEqual(pct);
    // Playback through the start year keeps the change map; that one year shows as a plain map.
    const at2016 = setYear(pct, 2016);
    expect(at2016.change.from).toBe(2016);
    expect(legendChange(at2016)).toBeNull();
    expect(queryToState(`?${stateToQuery(at2016)}`, ctx)).toEqual({ state: at2016, notices: [] });
    expect(setChangeFrom(pct, 2024)).toBe(pct);
    expect(startChange({ ...DEFAULT_STATE, indicator: 'census_density' }, ctx).change.from).toBeNull();
  });

  it('reads a bad change link as a notice, and opens the answers tabs from a link', () => {
    for (const q of ['?chg=1990', '?chg=2030', '?chg=x', '?chgm=ratio']) {
      const r = queryToState(q, ctx);
      expect(r.notices.length, q).toBe(1);
      expect(r.state.change, q).toEqual(DEFAULT_STATE.change);
    }
    const opened = setAnswers(DEFAULT_STATE, 'gap', 'beds_per_1000');
    const q = stateToQuery(opened);
    expect(q).toBe('v=1&ans=gap&gi=beds_per_1000');
    expect(queryToState(`?${q}`, ctx).state.answers).toEqual({ tab: 'gap', gap: 'beds_per_1000' });
    expect(queryToState('?ans=sharing', ctx).state.answers.tab).toBe('sharing');
    expect(queryToState('?ans=nope', ctx).notices).toHaveLength(1);
    expect(queryToState('?gi=nope', ctx).notices).toHaveLength(1);
    expect(setAnswers(opened, null).answers).toEqual({ tab: null, gap: 'beds_per_1000' });
  });
});

// Two years of the small dataset's indicator: 2013 for two of the three cities.
const row2013 = (unit_code: string, value: number): IndicatorRow => ({
  unit_code,
  indicator: meta.id,
  year: 2013,
  value,
  unit: '%',
  source_id: 's1',
  confidence: 'high',
  rank: 1,
  note: '',
});
const twoYears = buildDataset({
  units: [...small.units.values()],
  boundaries: small.boundaries,
  rows: [...small.input.rows, row2013('130100', -10), row2013('130300', 5)],
  catalog: [meta],
  sources,
});
const changeState: AppState = { ...smallState, change: { from: 2013, mode: 'diff' } };

describe('change map view, legend and export', () => {
  it('names both years in the legend, counts the units lacking one and draws the histogram', () => {
    const view = createView();
    const values = view.changeValues(twoYears, meta.id, 2020, 'city', changeState.change)!;
    // 130100: −38.5 − (−10); 130200 has no 2013 value, 130300 no 2020 value.
    expect([...values.values]).toEqual([['130100', -28.5]]);
    expect(values.missing).toEqual(['130200', '130300']);
    const c = view.changeChoropleth(twoYears, 'city', values, 'quantile', 5, 'viridis')!;
    expect(c.noData).toEqual(['130200', '130300']);
    const legend = legendOf(twoYears, changeState, c, new Set(), 'en');
    expect(legend.heading).toBe('Change in PM2.5 change since 2013, 2013 → 2020');
    expect(legend.unit).toContain('2020 minus 2013');
    const missing = legend.groups[0]!.rows.find((r) => r.kind === 'nodata')!;
    expect(missing.label).toBe('Missing 2013 or 2020');
    expect(missing.count).toBe('(2)');
    const zh = legendOf(twoYears, changeState, c, new Set(), 'zh');
    expect(zh.heading).toContain('2013→2020年');
    // Without a change the same state gives the one-year legend.
    const plain = legendOf(twoYears, { ...changeState, change: DEFAULT_STATE.change }, c, new Set(), 'en');
    expect(plain.heading).toBe('PM2.5 change since 2013');
  });

  it('puts the two years in the figure title and notes, the CSV and the file name', () => {
    const view = createView();
    const values = view.changeValues(twoYears, meta.id, 2020, 'city', changeState.change)!;
    const c = view.changeChoropleth(twoYears, 'city', values, 'equal', 4, 'viridis')!;
    const texts = figureTexts({ data: twoYears, state: changeState, choropleth: c }, 'en', '2026-01-01');
    expect(texts.title).toBe('PM2.5 change since 2013: change 2013 → 2020');
    expect(texts.notes).toContain('from 2013 to 2020');
    expect(texts.notes).toContain('2 units lack 2013 or 2020');
    expect(texts.legendHeading).toContain('2013 → 2020');
    expect(texts.subtitle).toContain('Units: % (2020 minus 2013)');
    const csv = viewCsv(twoYears, changeState).split('\r\n');
    expect(csv[0]).toContain('change_from,value_from,source_title_from,change,change_mode');
    const shijiazhuang = csv.find((l) => l.startsWith('130100'))!;
    expect(shijiazhuang.endsWith(',2013,-10,"Hebei communiqué, ""2020"", table 3",-28.5,diff')).toBe(true);
    const tangshan = csv.find((l) => l.startsWith('130200'))!;
    expect(tangshan.endsWith(',2013,,,,diff')).toBe(true);
    expect(viewFileStem(changeState)).toBe(`jjj-${meta.id}-2013-2020-change-city`);
    expect(viewCsv(twoYears, smallState).split('\r\n')[0]).not.toContain('change_from');
  });
});

describe('legend histogram', () => {
  it('bins the values over the class range, colours each bar by its class and marks the edges', () => {
    const values = [1, 2, 2, 3, 9, 10];
    const c = buildChoropleth(['a', 'b', 'c', 'd', 'e', 'f'], (code) => values['abcdef'.indexOf(code)], {
      method: 'equal',
      classes: 3,
      customBreaks: [],
      palette: 'Blues',
    });
    const h = legendHistogram(c, 'en', 3)!;
    expect(h.bars.map((b) => b.count)).toEqual([4, 0, 2]);
    expect(h.bars.map((b) => b.height)).toEqual([1, 0, 0.5]);
    expect(h.bars.map((b) => b.color)).toEqual(c.colors);
    expect(h.ticks.map((t) => t.at)).toEqual(classBreaks(values, 'equal', 3).map((e) => (e - 1) / 9));
    expect(h.ticks[0]!.label).toBe('1');
    expect(h.ticks.at(-1)!.label).toBe('10');
    expect(h.n).toBe(6);
    // The default bin count follows the number of values; one value makes no histogram.
    // 5 equal steps, and the two inner class edges (at 1/3, 2/3) cut two of them.
    expect(legendHistogram(c, 'en')!.bars).toHaveLength(7);
    // Bars are cut at the class edges too: each lies in one class, and a class's bars add up to its count.
    const q = buildChoropleth(['a', 'b', 'c', 'd', 'e', 'f'], (code) => values['abcdef'.indexOf(code)], {
      method: 'quantile',
      classes: 3,
      customBreaks: [],
      palette: 'Blues',
    });
    const hq = legendHistogram(q, 'en', 4)!;
    const perClass = q.colors.map((col) =>
      hq.bars.filter((b) => b.color === col).reduce((t, b) => t + b.count, 0),
    );
    expect(perClass).toEqual(q.counts);
    for (const b of hq.bars)
      for (const e of q.edges.map((x) => (x - 1) / 9))
        expect(e <= b.x0 + 1e-9 || e >= b.x1 - 1e-9).toBe(true);
    expect(legendHistogram({ ...c, values: [3] }, 'en')).toBeNull();
  });

  it('is in the on-screen legend model and in the exported legend, which makes room for it', () => {
    const view = createView();
    const shown = view.shown(small, meta.id, 2020, 'city');
    const c = view.choropleth(small, 'city', shown, 'equal', 2, [], 'Blues')!;
    const legend = legendOf(small, smallState, c, new Set(), 'en');
    expect(legend.histogram).not.toBeNull();
    const texts = figureTexts({ data: small, state: smallState, choropleth: c }, 'en', '2026-01-01');
    expect(texts.histogram).toEqual(legend.histogram);
    const measure = (t: string, f: { size: number }) => t.length * f.size * 0.55;
    const opts = { width: 1600, height: 1000, dpi: 96, measure, arrangement: 'side' as const };
    const withH = layoutFigure(texts, opts);
    const without = layoutFigure({ ...texts, histogram: null }, opts);
    expect(withH.legend.histogram).not.toBeNull();
    expect(without.legend.histogram).toBeNull();
    const h = withH.legend.histogram!;
    expect(h.y).toBeGreaterThanOrEqual(withH.legend.unit.box.y + withH.legend.unit.box.h);
    expect(withH.legend.rows[0]!.swatch.y).toBeGreaterThan(h.y + h.h);
    expect(withH.legend.box.h).toBeGreaterThan(without.legend.box.h);
  });
});
