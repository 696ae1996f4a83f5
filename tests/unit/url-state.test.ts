import { describe, expect, it } from 'vitest';
import type { DataContext } from '../../src/state/context.ts';
import { COMPARE_MAX, DEFAULT_STATE, type AppState } from '../../src/state/schema.ts';
import {
  nextYear,
  selectUnit,
  setCompareUnits,
  setIndicator,
  setLevel,
  setYear,
} from '../../src/state/updaters.ts';
import { setAccessOptions, setService } from '../../src/state/access.ts';
import { checkRestoredRail, setBands, setOrigin, setParam } from '../../src/state/rail.ts';
import { queryToState, stateToQuery } from '../../src/state/url.ts';

const levels: Record<string, ('province' | 'city' | 'county')[]> = {
  '110000': ['province', 'city'],
  '130100': ['city'],
  XIONGAN: ['city'],
  '130638': ['county'],
};
const data: DataContext = {
  hasIndicator: (id) => ['census_density', 'gdp', 'census_population'].includes(id),
  unitLevels: (code) => levels[code],
  yearsWithData: (indicator) => (indicator === 'gdp' ? [2013, 2016, 2024] : [2020]),
};

describe('URL state', () => {
  it('round-trips a full state', () => {
    const state: AppState = {
      ...DEFAULT_STATE,
      view: { lon: 115.9, lat: 39.05, zoom: 8.25 },
      level: 'city',
      indicator: 'gdp',
      year: 2016,
      method: 'custom',
      customBreaks: [100, 1000, 5000],
      classes: 7,
      palette: 'PuOr',
      selected: 'XIONGAN',
      lang: 'en',
      compareUnits: ['130100', '110000'],
    };
    const query = stateToQuery(state);
    const { state: back, notices } = queryToState(`?${query}`, data);
    expect(notices).toEqual([]);
    expect(back).toEqual(state);
  });

  it('writes only what differs from the defaults', () => {
    expect(stateToQuery(DEFAULT_STATE)).toBe('v=1');
    expect(stateToQuery({ ...DEFAULT_STATE, year: 2015 })).toBe('v=1&y=2015');
  });

  it('falls back to defaults with a notice for each broken parameter', () => {
    const { state, notices } = queryToState(
      '?lvl=planet&y=1850&k=99&pal=rainbow&at=999,1,2&cls=magic&lang=fr',
      data,
    );
    expect(state).toEqual(DEFAULT_STATE);
    expect(notices.map((n) => n.params?.param)).toEqual(['at', 'lvl', 'y', 'cls', 'k', 'pal', 'lang']);
  });

  it('survives garbage and hostile input without throwing', () => {
    const garbage = [
      '?%E0%A4%A',
      '?sel=<script>alert(1)</script>',
      '?ind=../../etc/passwd',
      '?at=NaN,NaN,NaN',
      '?y=2015.5',
      '?brk=5,3,1&cls=custom',
      `?${'x'.repeat(5000)}`,
      '?v=-1',
      '?sel=999999',
      '?&&&==&',
    ];
    for (const q of garbage) {
      const { state } = queryToState(q, data);
      expect(state.level, q).toBe(DEFAULT_STATE.level);
      expect(state.selected, q).toBeNull();
      expect(state.method, q).toBe(DEFAULT_STATE.method);
    }
    expect(queryToState('?sel=<script>', data).notices[0]?.key).toBe('url.unknownUnit');
    expect(queryToState(`?${'x'.repeat(5000)}`, data).notices[0]?.key).toBe('url.tooLong');
  });

  it('rejects a unit that is not drawn at the linked level', () => {
    const { state, notices } = queryToState('?lvl=county&sel=130100', data);
    expect(state.selected).toBeNull();
    expect(notices[0]?.key).toBe('url.unitNotAtLevel');
  });

  it('reads a link of the first version (v=1, parameters as the first app shell wrote them) unchanged', () => {
    // Every parameter since v1 was added, none renamed or narrowed (indicator ids, class methods,
    // palettes and levels of v1 all still exist), so MIGRATIONS is empty: this link must restore as is.
    const v1 =
      'v=1&at=116.4000%2C39.9000%2C7.00&lvl=city&ind=gdp&y=2016&cls=jenks&k=7&pal=Blues&sel=110000&lang=en';
    const { state, notices } = queryToState(v1, data);
    expect(notices).toEqual([]);
    expect(state).toEqual({
      ...DEFAULT_STATE,
      view: { lon: 116.4, lat: 39.9, zoom: 7 },
      level: 'city',
      indicator: 'gdp',
      year: 2016,
      method: 'jenks',
      classes: 7,
      palette: 'Blues',
      selected: '110000',
      lang: 'en',
    });
    expect(stateToQuery(state)).toBe(v1);
  });

  it('says when a link comes from a newer version', () => {
    expect(queryToState('?v=99', data).notices[0]?.key).toBe('url.newerVersion');
  });
});

describe('compare chart units in the link (issue 14)', () => {
  it('keeps known units in their order, drops unknown ones with a notice each, and caps at COMPARE_MAX', () => {
    const { state, notices } = queryToState('?cu=130100,nope,110000,130100,999999', data);
    expect(state.compareUnits).toEqual(['130100', '110000']);
    expect(notices.map((n) => n.params?.value)).toEqual(['nope', '999999']);
    const many = Array.from({ length: COMPARE_MAX + 3 }, (_, i) => `1301${String(i).padStart(2, '0')}`);
    expect(queryToState(`?cu=${many.join(',')}`).state.compareUnits).toHaveLength(COMPARE_MAX);
  });

  it('changes through one updater that keeps them distinct and returns the same state for no change', () => {
    const one = setCompareUnits(DEFAULT_STATE, ['110000', '110000', '130100']);
    expect(one.compareUnits).toEqual(['110000', '130100']);
    expect(setCompareUnits(one, ['110000', '130100'])).toBe(one);
    expect(stateToQuery(setCompareUnits(one, []))).toBe('v=1');
  });
});

describe('updaters', () => {
  it('jumps to the latest year with data when the indicator has none in the current year', () => {
    const s = setIndicator({ ...DEFAULT_STATE, year: 2020 }, 'gdp', data);
    expect(s.year).toBe(2024);
    expect(setIndicator({ ...DEFAULT_STATE, year: 2016 }, 'gdp', data).year).toBe(2016);
  });

  it('keeps a selection only if the unit exists at the new level', () => {
    const atCity = { ...DEFAULT_STATE, level: 'city' as const, selected: '110000' };
    expect(setLevel(atCity, 'province', data).selected).toBe('110000');
    expect(setLevel({ ...atCity, selected: '130100' }, 'county', data).selected).toBeNull();
  });

  it('ignores unknown units and years outside the range, and never mutates', () => {
    const before = { ...DEFAULT_STATE };
    expect(selectUnit(before, 'nope', data)).toBe(before);
    expect(setYear(before, 1999)).toBe(before);
    expect(nextYear({ ...before, year: 2024 }).year).toBe(2008);
    expect(before).toEqual(DEFAULT_STATE);
  });
});

describe('rail state in the URL', () => {
  it('round-trips the rail layer, origin, bands, comparison and parameters', () => {
    const state: AppState = {
      ...DEFAULT_STATE,
      rail: {
        on: true,
        planned: true,
        color: 'speed',
        origin: '116.3724,39.8635',
        bands: [20, 45, 120],
        compare: 2013,
        params: { dwellMin: 2, detourFactor: 1.5 },
      },
    };
    const { state: back, notices } = queryToState(`?${stateToQuery(state)}`, data);
    expect(notices).toEqual([]);
    expect(back).toEqual(state);
  });

  it('rejects malformed rail settings with a notice each', () => {
    const { state, notices } = queryToState(
      '?rail=yes&o=<b>x</b>&b=90,30&cmp=1999&tp=dwellMin:abc&rc=rainbow',
      data,
    );
    expect(state.rail).toEqual(DEFAULT_STATE.rail);
    expect(notices.map((n) => n.params?.param).sort()).toEqual(['b', 'cmp', 'o', 'rail', 'rc', 'tp']);
  });
});

describe('rail updaters', () => {
  const defaults = {
    speedFactor: 0.8,
    dwellMin: 1,
    linkSpeedKmh: 60,
    transferMin: 15,
    accessSpeedKmh: 40,
    detourFactor: 1.3,
  };
  const check = { defaults, originError: (o: string) => (o === 'ST001' ? null : `unknown station "${o}"`) };

  it('keeps only parameters that differ from the calibrated defaults', () => {
    const r = setParam(DEFAULT_STATE, 'dwellMin', 2, defaults);
    expect(r.state?.rail.params).toEqual({ dwellMin: 2 });
    expect(setParam(r.state!, 'dwellMin', 1, defaults).state?.rail.params).toEqual({});
  });

  it('refuses impossible values with a message and no new state', () => {
    expect(setParam(DEFAULT_STATE, 'accessSpeedKmh', -5, defaults).error).toMatch(
      /accessSpeedKmh must be > 0/,
    );
    expect(setBands(DEFAULT_STATE, [0, 60]).error).toMatch(/> 0 minutes/);
    expect(setOrigin(DEFAULT_STATE, 'ST999', check).error).toMatch(/unknown station/);
    expect(setOrigin(DEFAULT_STATE, 'ST001', check).state?.rail.origin).toBe('ST001');
  });

  it('drops an unusable origin from a restored link and says why', () => {
    const restored = {
      ...DEFAULT_STATE,
      rail: { ...DEFAULT_STATE.rail, origin: 'ST999', params: { speedFactor: 7 } },
    };
    const { state, errors } = checkRestoredRail(restored, check);
    expect(state.rail.origin).toBeNull();
    expect(state.rail.params).toEqual({});
    expect(errors).toHaveLength(2);
  });
});

describe('accessibility state', () => {
  it('round-trips facility layers and analysis options through the URL', () => {
    const state: AppState = {
      ...DEFAULT_STATE,
      indicator: 'coverage_hospital_30min',
      access: {
        facilities: ['hospital', 'university'],
        density: true,
        service: 'hospital',
        method: '2sfca',
        decay: 'gaussian',
        catchment: 30,
        supply: 'beds',
        mode: 'road',
      },
    };
    const withAccessIds = {
      ...data,
      hasIndicator: (id: string) => data.hasIndicator(id) || id.startsWith('coverage_'),
    };
    const { state: back, notices } = queryToState(`?${stateToQuery(state)}`, withAccessIds);
    expect(notices).toEqual([]);
    expect(back).toEqual(state);
  });

  it('starting an analysis shows its coverage; changing the threshold follows; stopping restores', () => {
    const on = setService(DEFAULT_STATE, 'hospital', DEFAULT_STATE.indicator);
    expect(on.indicator).toBe('coverage_hospital_60min');
    const at30 = setAccessOptions(on, { catchment: 30 }).state!;
    expect(at30.indicator).toBe('coverage_hospital_30min');
    expect(setAccessOptions(on, { catchment: -5 }).error).toMatch(/catchment/);
    expect(setService(at30, null, 'census_density').indicator).toBe('census_density');
  });

  it('rejects unknown facility types and catchments out of range', () => {
    const { state, notices } = queryToState('?fac=hospital,casino&ac=0&svc=spa', data);
    expect(state.access).toEqual(DEFAULT_STATE.access);
    expect(notices.map((n) => n.params?.param).sort()).toEqual(['ac', 'fac', 'svc']);
  });
});
