// The view model's selectors: memoised on their arguments, and the legend model both legends draw.
import { describe, expect, it } from 'vitest';
import type { UserFacility } from '../../src/core/access/csv.ts';
import { DEFAULT_RAIL } from '../../src/state/schema.ts';
import { createView, recomputations } from '../../src/view/index.ts';
import { legendOf } from '../../src/view/legend.ts';
import { selector } from '../../src/view/memo.ts';
import { data, state } from '../fixtures/view/small-dataset.ts';

describe('selector', () => {
  it('recomputes only when an argument is a different value, and counts it', () => {
    let runs = 0;
    const total = selector('test.total', (xs: readonly number[], k: number) => (runs++, xs.length * k));
    const xs = [1, 2, 3];
    expect(total(xs, 2)).toBe(6);
    expect(total(xs, 2)).toBe(6);
    expect(runs).toBe(1);
    expect(total([1, 2, 3], 2)).toBe(6); // an equal but new array is a change
    expect(total(xs, 3)).toBe(9);
    expect(runs).toBe(3);
    expect(recomputations()['test.total']).toBe(3);
  });
});

describe('createView', () => {
  const view = createView();
  const shown = () => view.shown(data, state.indicator, state.year, state.level);
  const choropleth = () =>
    view.choropleth(data, state.level, shown(), 'equal', 2, state.customBreaks, 'viridis');

  it('returns the same values and choropleth while their slices stay the same', () => {
    const a = choropleth();
    // A pan: a new state object with only `view` changed; the slices are the same objects.
    const panned = { ...state, view: { lon: 117, lat: 39, zoom: 7 } };
    const b = view.choropleth(data, panned.level, shown(), 'equal', 2, panned.customBreaks, 'viridis');
    expect(b).toBe(a);
    expect(a!.colorByCode.size).toBe(2);
    expect(a!.noData).toEqual(['130300']);
  });

  it('builds the dataset on show only from the base when there is nothing to add', () => {
    expect(view.dataset(data, [], null)).toBe(data);
    expect(view.dataset(null, [], null)).toBeNull();
  });

  it('has no deck inputs without data, and no facility points without facilities', () => {
    expect(view.deckInputs(null, 'city', null, null, [], [], null)).toBeNull();
    expect(view.facilityPointSets(null, [])).toEqual([]);
    const inputs = view.deckInputs(data, 'city', '130200', null, [], [], null)!;
    expect(inputs.selected).toBe('130200');
    expect(inputs.facilities).toBeNull();
  });
});

describe('facility layers (issue 10: toggled by `visible`)', () => {
  const view = createView();
  const place = { capacity: null, county: '' };
  const mine: UserFacility[] = [
    {
      type: 'library',
      lon: 116.4,
      lat: 39.9,
      lon_in: 116.4,
      lat_in: 39.9,
      name: 'my library',
      line: 2,
      ...place,
    },
    {
      type: 'hospital',
      lon: 117.2,
      lat: 39.1,
      lon_in: 117.2,
      lat_in: 39.1,
      name: 'my clinic',
      line: 3,
      ...place,
    },
  ];

  it('keeps one point list per type and origin, and flips only `visible` when a type is switched', () => {
    const sets = view.facilityPointSets(null, mine);
    expect(sets.map((s) => s.id)).toEqual(['user-hospital', 'user-library']);
    const hospitalsOnly = view.deckInputs(data, 'city', null, null, sets, ['hospital'], null)!.facilities!;
    const both = view.deckInputs(data, 'city', null, null, sets, ['hospital', 'library'], null)!.facilities!;
    expect(hospitalsOnly.sets.map((s) => s.visible)).toEqual([true, false]);
    expect(both.sets.map((s) => s.visible)).toEqual([true, true]);
    // The same point lists (so the same GPU arrays) under both toggles.
    expect(both.sets.map((s) => s.points)).toEqual(hospitalsOnly.sets.map((s) => s.points));
    expect(both.sets[1]!.points).toBe(hospitalsOnly.sets[1]!.points);
  });

  it('counts the types on in the density, and draws no points under it', () => {
    const sets = view.facilityPointSets(null, mine);
    expect(view.facilityDensity(sets, ['library'], false)).toBeNull();
    const density = view.facilityDensity(sets, ['library'], true)!;
    expect(density.map((p) => p.name)).toEqual(['my library']);
    const inputs = view.deckInputs(data, 'city', null, null, sets, ['library'], density)!.facilities!;
    expect(inputs.sets.every((s) => !s.visible)).toBe(true);
    expect(inputs.density).toBe(density);
  });
});

describe('legend model', () => {
  const view = createView();
  const choropleth = view.choropleth(
    data,
    'city',
    view.shown(data, state.indicator, state.year, 'city'),
    'equal',
    2,
    [],
    'viridis',
  )!;

  it('lists classes, no data and the selection, then the rail layer when it is on', () => {
    const plain = legendOf(data, state, choropleth, new Set(), 'en');
    expect(plain.heading).toBe('PM2.5 change since 2013');
    expect(plain.groups.map((g) => g.id)).toEqual(['choropleth']);
    expect(plain.groups[0]!.rows.map((r) => r.kind)).toEqual(['fill', 'fill', 'nodata', 'outline']);
    const rail = { ...DEFAULT_RAIL, on: true, origin: 'ST015', compare: 2013 };
    const withRail = legendOf(data, { ...state, rail }, choropleth, new Set(), 'zh');
    expect(withRail.groups.map((g) => g.id)).toEqual(['choropleth', 'rail', 'isochrone']);
    // The opening-year ramp is shown as lines of five years, then the schematic dash.
    expect(withRail.groups[1]!.rows.map((r) => r.kind)).toEqual([
      'line',
      'line',
      'line',
      'line',
      'line',
      'dashed',
    ]);
    expect(withRail.groups[1]!.rows[0]!.label).toBe('2008年开通');
    // Bands, then the area gained since the compare year.
    expect(withRail.groups[2]!.rows.map((r) => r.label)).toEqual([
      '≤ 30 min',
      '≤ 60 min',
      '≤ 90 min',
      '2013年以来新进入60分钟圈',
    ]);
  });

  it('names partial facility lists', () => {
    const facilities = { facilities: ['hospital' as const] };
    const model = legendOf(
      data,
      { ...state, access: facilities },
      choropleth,
      new Set(['hospital' as const]),
      'en',
    );
    expect(model.groups[1]!.rows[0]).toMatchObject({ kind: 'point', label: 'Hospitals (partial list)' });
  });
});
