// issue 14: the view described in words (map title, figure, screen readers) and the indicator's year
// when the slider's year has no values.
import { describe, expect, it } from 'vitest';
import { buildChoropleth, fadeColor, muteChoropleth } from '../../src/core/choropleth.ts';
import { defaultNotes, defaultTitle, figureTexts, shownSources } from '../../src/export/content.ts';
import { viewRows } from '../../src/export/data.ts';
import { DEFAULT_RAIL } from '../../src/state/schema.ts';
import { atDataYear, dataYearOf, describeView, nearestDataYear } from '../../src/view/describe.ts';
import { createView } from '../../src/view/index.ts';
import { legendOf } from '../../src/view/legend.ts';
import type { RailAnalysis } from '../../src/view/rail-analysis.ts';
import { data, state } from '../fixtures/view/small-dataset.ts';

describe('nearestDataYear', () => {
  it('keeps a year with values, else takes the nearest (the earlier on a tie)', () => {
    expect(nearestDataYear([2013, 2020], 2020)).toEqual({ year: 2020, asked: 2020, nearest: false });
    expect(nearestDataYear([2013, 2020], 2024)).toEqual({ year: 2020, asked: 2024, nearest: true });
    expect(nearestDataYear([2013, 2020], 2010)).toEqual({ year: 2013, asked: 2010, nearest: true });
    expect(nearestDataYear([2010, 2020], 2015).year).toBe(2010);
    expect(nearestDataYear([2010, 2020], 2016).year).toBe(2020);
    expect(nearestDataYear([], 2016)).toEqual({ year: 2016, asked: 2016, nearest: false });
  });
  it('reads the indicator years of the dataset', () => {
    expect(dataYearOf(data, { ...state, year: 2024 })).toEqual({ year: 2020, asked: 2024, nearest: true });
    expect(atDataYear(data, { ...state, year: 2024 }).year).toBe(2020);
    const same = { ...state };
    expect(atDataYear(data, same)).toBe(same);
  });
});

const at2024 = { ...state, year: 2024, selected: null };
const rail2024 = { ...at2024, rail: { ...DEFAULT_RAIL, on: true } };

describe('describeView', () => {
  it('titles the indicator with the year it is drawn for and says why it differs from the slider', () => {
    const d = describeView({ data, state: at2024 }, 'en');
    expect(d.title).toBe('PM2.5 change since 2013 · 2020');
    expect(d.yearNote).toBe('No values for 2024: showing 2020, the nearest year with data.');
    expect(describeView({ data, state }, 'en').yearNote).toBe('');
    expect(describeView({ data, state: at2024 }, 'zh').yearNote).toBe(
      '2024年无数值：显示最近有数据的2020年。',
    );
  });

  it('names the rail network year beside the indicator year', () => {
    expect(describeView({ data, state: rail2024 }, 'en').title).toBe(
      'PM2.5 change since 2013 · 2020 · 2024 rail network',
    );
  });

  it('titles an isochrone by origin, network year and bands, with residents per band and the gain', () => {
    const analysis = {
      iso: {
        summary: [
          { minutes: 30, population: 1500000 },
          { minutes: 60, population: 9000000 },
        ],
      },
      change: { band: 60, fromYear: 2013, population: 250000 },
    } as unknown as RailAnalysis;
    const s = { ...rail2024, rail: { ...rail2024.rail, origin: 'ST015', bands: [30, 60], compare: 2013 } };
    const stations = [{ id: 'ST015', name_zh: '北京西', name_en: 'Beijing West' }] as never;
    const en = describeView({ data, state: s, analysis, stations }, 'en');
    expect(en.title).toBe(
      'Rail travel time from Beijing West, 2024 network · 30/60 min · newly within 60 min since 2013',
    );
    expect(en.subtitle).toContain('Shading: PM2.5 change since 2013 · 2020');
    expect(en.analysis).toEqual([
      'Within 30 min: 1,500,000 residents',
      'Within 60 min: 9,000,000 residents',
      'Newly within 60 min since 2013: 250,000 residents',
    ]);
    expect(en.methodSources[0]).toMatch(/^Travel time:/);
    const zh = describeView({ data, state: s, analysis, stations }, 'zh');
    expect(zh.title).toBe('从北京西出发的铁路出行时间，2024年路网 · 30/60 分钟 · 2013年以来新进入60分钟圈');
    // The export's title and notes are these words.
    const choropleth = buildChoropleth(data.codesAt('city'), () => 1, {
      method: 'quantile',
      classes: 3,
      customBreaks: [],
      palette: 'viridis',
    });
    const subject = { data, state: s, choropleth, analysis, stations };
    expect(defaultTitle(subject, 'zh')).toBe(zh.title);
    const notes = defaultNotes(subject, 'en');
    expect(notes).toContain('Within 60 min: 9,000,000 residents');
    expect(notes).toContain('No values for 2024: showing 2020');
    const texts = figureTexts(subject, 'en', '2025-01-01');
    expect(texts.sources).toContain('Travel time:');
    expect(texts.sources).not.toContain('none');
    expect(texts.attribution).toContain('OpenStreetMap');
    // A point origin is named by its coordinates.
    const point = { ...s, rail: { ...s.rail, origin: '116.3000,39.9000' } };
    expect(describeView({ data, state: point, analysis, stations }, 'en').title).toContain(
      'from 116.300°E 39.900°N',
    );
  });
});

describe('the indicator at its nearest year', () => {
  it('legend, sources and CSV rows use the year drawn, and the legend says so', () => {
    const view = createView();
    const y = view.dataYear(data, state.indicator, 'city', 2024);
    expect(y.year).toBe(2020);
    expect(view.dataYear(data, state.indicator, 'city', 2024)).toBe(y);
    const shown = view.shown(data, state.indicator, y.year, 'city');
    const choropleth = view.choropleth(data, 'city', shown, 'equal', 2, [], 'viridis')!;
    const legend = legendOf(data, at2024, choropleth, new Set(), 'en');
    expect(legend.year).toBe(2020);
    expect(legend.yearNote).toBe('No values for 2024: showing 2020, the nearest year with data.');
    expect(legend.groups[0]!.rows.find((r) => r.kind === 'nodata')!.count).toBe('(1)');
    expect(legendOf(data, state, choropleth, new Set(), 'en').yearNote).toBe('');
    expect(shownSources({ data, state: at2024 }).map((s) => s.id)).toEqual(['s1', 's2']);
    const rows = viewRows(data, at2024);
    expect(rows.map((r) => [r.year, r.value])).toEqual([
      [2020, -38.5],
      [2020, 12],
      [2020, null],
    ]);
  });

  it('the gained area has its own legend entry drawn as the map draws it', () => {
    const view = createView();
    const shown = view.shown(data, state.indicator, 2020, 'city');
    const choropleth = view.choropleth(data, 'city', shown, 'equal', 2, [], 'viridis')!;
    const rail = { ...DEFAULT_RAIL, on: true, origin: 'ST015', compare: 2013 };
    const legend = legendOf(data, { ...at2024, rail }, choropleth, new Set(), 'en');
    const iso = legend.groups.find((g) => g.id === 'isochrone')!;
    expect(iso.rows.at(-1)).toMatchObject({ kind: 'outline', label: 'newly within 60 min since 2013' });
    expect(iso.rows[0]!.line).toMatch(/^rgb\(/);
  });
});

describe('muted choropleth', () => {
  it('fades every class toward white and keeps classes, counts and no-data units', () => {
    expect(fadeColor('#000000', 0.5)).toBe('rgb(128, 128, 128)');
    expect(fadeColor('rgb(255, 0, 0)', 0)).toBe('rgb(255, 0, 0)');
    expect(fadeColor('not a colour', 0.5)).toBe('not a colour');
    const view = createView();
    const shown = view.shown(data, state.indicator, 2020, 'city');
    const c = view.choropleth(data, 'city', shown, 'equal', 2, [], 'viridis')!;
    expect(view.drawnChoropleth(c, false)).toBe(c);
    const m = view.drawnChoropleth(c, true)!;
    expect(view.drawnChoropleth(c, true)).toBe(m);
    expect(m.edges).toEqual(c.edges);
    expect(m.noData).toEqual(c.noData);
    expect(m.colors).not.toEqual(c.colors);
    expect(m.colorByCode.get('130100')).toBe(m.colors[0]);
    expect(muteChoropleth(c, 0.6).colors).toEqual(m.colors);
  });
});

describe('changing indicator with the rail layer on', () => {
  it('keeps the network year; without rail the year jumps to the latest with data', async () => {
    const { setIndicator } = await import('../../src/state/updaters.ts');
    const ctx = {
      hasIndicator: () => true,
      unitLevels: () => ['city' as const],
      yearsWithData: () => [2013, 2020],
    };
    const s = { ...state, year: 2024, indicator: 'a' };
    expect(setIndicator(s, 'b', ctx).year).toBe(2020);
    expect(setIndicator({ ...s, rail: { ...DEFAULT_RAIL, on: true } }, 'b', ctx).year).toBe(2024);
  });
});

describe('searchStations', () => {
  it('finds stations by zh, en and pinyin-style names; unlocated stations are not offered', async () => {
    const { searchStations } = await import('../../src/core/rail/origin.ts');
    const st = (id: string, name_zh: string, name_en: string, lon: number | null = 116) =>
      ({ id, name_zh, name_en, lon, lat: lon === null ? null : 39 }) as never;
    const stations = [
      st('ST001', '北京南', 'Beijing South'),
      st('ST015', '北京西', 'Beijing West'),
      st('ST033', '胜芳', 'Shengfang'),
      st('ST039', '辛集南', 'Xinji South', null),
    ];
    const ids = (q: string) => searchStations(stations, q).map((s: { id: string }) => s.id);
    expect(ids('北京南')).toEqual(['ST001']);
    expect(ids('北京南站')).toEqual(['ST001']);
    expect(ids('beijing south')).toEqual(['ST001']);
    expect(ids('beijingnan')).toEqual(['ST001']);
    expect(ids('北京')).toEqual(['ST001', 'ST015']);
    expect(ids('shengf')).toEqual(['ST033']);
    expect(ids('辛集')).toEqual([]);
    expect(ids('')).toEqual([]);
  });
});
