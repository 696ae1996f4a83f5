import { existsSync } from 'node:fs';
import { area } from '@turf/area';
import type { Feature, MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { loadRailContext, run } from '../../src/cli/isochrone.ts';
import { citiesOnHsr, firstHsrYear } from '../../src/core/rail/coverage.ts';
import { pointInPolygon } from '../../src/core/rail/geo.ts';
import { cellCenter } from '../../src/core/rail/grid.ts';
import { isochrone, isochroneChange, type Origin, type RailContext } from '../../src/core/rail/isochrone.ts';
import { OriginError, parseOrigin } from '../../src/core/rail/origin.ts';

const built = existsSync(new URL('../../geo/build/rail/access-grid.json', import.meta.url));

describe.skipIf(!built)('isochrones on the real network (skipped without geo/build/rail)', () => {
  const ctx: RailContext = built ? loadRailContext() : (null as unknown as RailContext);
  const station = (name: string): Origin => parseOrigin(name, ctx.network.stations, ctx.grid);
  const iso = built ? isochrone(ctx, { origin: station('北京西'), year: 2024 }) : null!;
  const band = (m: number) =>
    iso.polygons.features.find((f) => f.properties.minutes === m)! as Feature<MultiPolygon>;

  it('nests the bands: every cell within 30 min is within 60 and 90', () => {
    const within = (m: number) => new Set([...ctx.grid.inside].filter((c) => iso.minutes[c]! <= m));
    const [a, b, c] = [within(30), within(60), within(90)];
    expect(a.size).toBeGreaterThan(0);
    for (const x of a) expect(b.has(x)).toBe(true);
    for (const x of b) expect(c.has(x)).toBe(true);
    expect(iso.summary.map((s) => s.cells)).toEqual([a.size, b.size, c.size]);
  });

  it('nests the polygons: areas grow and the 30-min band lies inside the 60-min one', () => {
    const [a30, a60, a90] = [30, 60, 90].map((m) => area(band(m))) as [number, number, number];
    expect(a30).toBeGreaterThan(0);
    expect(a60).toBeGreaterThan(a30);
    expect(a90).toBeGreaterThan(a60);
    // Cell centres inside the 30-min polygon are inside the 60-min polygon.
    let checked = 0;
    for (const c of ctx.grid.inside) {
      const [lon, lat] = cellCenter(ctx.grid.spec, c % ctx.grid.spec.nx, Math.floor(c / ctx.grid.spec.nx));
      if (!pointInPolygon(lon, lat, band(30).geometry)) continue;
      expect(pointInPolygon(lon, lat, band(60).geometry)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('draws each band polygon around exactly the cells within that band (georeferencing)', () => {
    const { nx } = ctx.grid.spec;
    for (const m of [30, 60, 90]) {
      let disagree = 0;
      for (const c of ctx.grid.inside) {
        const [lon, lat] = cellCenter(ctx.grid.spec, c % nx, Math.floor(c / nx));
        if (pointInPolygon(lon, lat, band(m).geometry) !== iso.minutes[c]! <= m) disagree++;
      }
      expect(disagree, `${m}-min band`).toBe(0);
    }
  });

  it('writes RFC 7946 rings (closed, exterior counter-clockwise) in lon/lat inside the region bbox', () => {
    const { lonMin, latMax, dlon, dlat, nx, ny } = ctx.grid.spec;
    for (const f of iso.polygons.features) {
      for (const poly of f.geometry.coordinates) {
        const ring = poly[0]!;
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        let s = 0;
        for (let i = 0; i + 1 < ring.length; i++)
          s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
        expect(s).toBeGreaterThan(0);
        for (const [lon, lat] of ring) {
          expect(lon!).toBeGreaterThanOrEqual(lonMin);
          expect(lon!).toBeLessThanOrEqual(lonMin + nx * dlon);
          expect(lat!).toBeLessThanOrEqual(latMax);
          expect(lat!).toBeGreaterThanOrEqual(latMax - ny * dlat);
        }
      }
    }
  });

  it('reaches Tianjin and Xiong’an within an hour of Beijing West, with population by unit', () => {
    const names = iso.stations.filter((s) => s.minutes <= 60).map((s) => s.name_zh);
    expect(names).toContain('雄安');
    expect(names).toContain('天津');
    const s60 = iso.summary[1]!;
    const cities = new Map(s60.cities.map((c) => [c.code, c]));
    expect(cities.get('110000')!.share).toBeGreaterThan(0.5);
    // Units add up to the band total (each unit is rounded to whole persons).
    const sum = (xs: { population: number }[]) => xs.reduce((t, c) => t + c.population, 0);
    expect(Math.abs(sum(s60.counties) - s60.population)).toBeLessThanOrEqual(s60.counties.length);
    expect(Math.abs(sum(s60.cities) - s60.population)).toBeLessThanOrEqual(s60.cities.length);
    for (const c of s60.counties) expect(c.population).toBeLessThanOrEqual(c.total + 1);
  });

  it('isochrones from a lon/lat point use road access to nearby stations', () => {
    const tiananmen = parseOrigin('116.3975,39.9087', ctx.network.stations, ctx.grid);
    const r = isochrone(ctx, { origin: tiananmen, year: 2024, bands: [60] });
    expect(r.stations[0]!.minutes).toBeGreaterThan(0);
    expect(r.summary[0]!.population).toBeGreaterThan(1_000_000);
  });

  it('shows where the 60-min band grew between 2015 and 2024 (京雄 opened 2019–2020)', () => {
    const ch = isochroneChange(ctx, station('北京西'), 2015, 2024, 60);
    expect(ch.entered.length).toBeGreaterThan(0);
    expect(ch.left.length).toBe(0);
    expect(ch.feature.geometry.coordinates.length).toBeGreaterThan(0);
    expect(ch.summary.cities.map((c) => c.code)).toContain('XIONGAN');
    const a = isochrone(ctx, { origin: station('北京西'), year: 2015, bands: [60] }).minutes;
    for (const c of ch.entered) {
      expect(iso.minutes[c]!).toBeLessThanOrEqual(60);
      expect(a[c]! > 60).toBe(true);
    }
  });

  it('rejects bad bands and parameters', () => {
    expect(() => isochrone(ctx, { origin: station('北京西'), year: 2024, bands: [0, 60] })).toThrow(
      /band 0 must be > 0/,
    );
    expect(() =>
      isochrone(ctx, {
        origin: station('北京西'),
        year: 2024,
        params: { ...ctx.defaults, accessSpeedKmh: -1 },
      }),
    ).toThrow(/accessSpeedKmh must be > 0/);
  });
});

describe.skipIf(!built)('prefecture cities on HSR (skipped without geo/build/rail)', () => {
  const ctx: RailContext = built ? loadRailContext() : (null as unknown as RailContext);

  it('covers every prefecture city of Hebei plus Beijing and Tianjin by 2024', () => {
    const prefectures = new Set(
      ctx.grid.counties.map((c) =>
        c.code.startsWith('13') ? `${c.code.slice(0, 4)}00` : `${c.code.slice(0, 2)}0000`,
      ),
    );
    expect(prefectures.size).toBe(13);
    expect(citiesOnHsr(ctx.network, 2024).map((c) => c.city)).toEqual([...prefectures].sort());
  });

  it('also covers every city-level unit of the app (incl. Xiong’an) by 2024', () => {
    const countyCity = new Map(ctx.grid.counties.map((c) => [c.code, c.city]));
    const covered = citiesOnHsr(ctx.network, 2024, (s) =>
      s.county ? (countyCity.get(s.county) ?? null) : null,
    ).map((c) => c.city);
    expect(covered).toEqual(ctx.grid.cities.map((c) => c.code).sort());
  });

  it('puts 衡水 on HSR with 石济客专 in 2017 and no earlier', () => {
    expect(firstHsrYear(ctx.network).get('131100')).toBe(2017);
  });

  it('reaches a station of every prefecture city in 2024 from central Beijing (road + rail)', () => {
    const r = isochrone(ctx, {
      origin: parseOrigin('116.3975,39.9087', ctx.network.stations, ctx.grid),
      year: 2024,
      bands: [600],
    });
    const reached = new Set(
      r.stations.map((s) => ctx.network.stations.find((x) => x.id === s.id)!.prefecture),
    );
    for (const c of citiesOnHsr(ctx.network, 2024)) expect(reached.has(c.city)).toBe(true);
  });
});

describe.skipIf(!built)('origins and CLI (skipped without geo/build/rail)', () => {
  const ctx: RailContext = built ? loadRailContext() : (null as unknown as RailContext);
  const parse = (q: string) => parseOrigin(q, ctx.network.stations, ctx.grid);
  const idOf = (q: string) => {
    const o = parse(q);
    return o.kind === 'station' ? o.station.id : null;
  };

  it('finds stations by Chinese or English name, with or without 站 / Station, any case and spacing', () => {
    const id = idOf('北京西');
    expect(id).not.toBeNull();
    for (const q of ['北京西站', ' beijing west ', 'Beijing West Station', 'BEIJINGWEST railway station'])
      expect(idOf(q)).toBe(id);
  });

  it('gives the three closest names for an unknown station', () => {
    try {
      parse('Tianjn Wset');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(OriginError);
      const e = err as OriginError;
      expect(e.message).toMatch(/unknown station "Tianjn Wset"; closest names: /);
      expect(e.suggestions).toHaveLength(3);
      expect(e.suggestions[0]).toBe('天津西 (Tianjin West)');
    }
  });

  it('rejects points outside the region and stations without coordinates; accepts out-of-region stations', () => {
    expect(() => parse('121.47,31.23')).toThrow(/outside Beijing–Tianjin–Hebei/);
    expect(parse('德州东')).toMatchObject({ kind: 'station', station: { name_zh: '德州东' } });
    expect(parse('沈阳')).toMatchObject({ kind: 'station', station: { name_zh: '沈阳', in_region: false } });
    expect(() => parse('宝坻')).toThrow(/not located/);
    expect(() => parse('')).toThrow(/empty origin/);
  });

  it('the CLI reports reachable stations and units, and refuses bad arguments', () => {
    const report = run(['--origin', '北京南', '--year', '2024', '--minutes', '60'], ctx);
    const stations = report.stations as { name_zh: string; minutes: number }[];
    expect(stations.find((s) => s.name_zh === '天津')!.minutes).toBeLessThanOrEqual(60);
    expect(report.population as number).toBeGreaterThan(0);
    expect(() => run(['--origin', '北京南', '--minutes', '0'], ctx)).toThrow(/--minutes: band 0 must be > 0/);
    expect(() => run(['--year', '2024'], ctx)).toThrow(/--origin is required/);
    expect(() => run(['--origin', '北京南', '--param', 'speedFactor=-1'], ctx)).toThrow(
      /invalid parameters: speedFactor/,
    );
    expect(() => run(['--origin', '北京南', '--bogus'], ctx)).toThrow(/unknown argument "--bogus"/);
  });

  it('--to prints the modelled minutes and path of one pair (issue 13)', () => {
    const r = run(['--origin', '北京西', '--to', '雄安', '--year', '2024'], ctx) as {
      minutes: number;
      transfers: number;
      legs: { line: string; from: string; to: string; via: string[] }[];
      summary: string;
    };
    expect(r.minutes).toBeLessThanOrEqual(60);
    expect(r.transfers).toBe(0);
    expect(r.legs[0]).toMatchObject({ line: 'L13', from: '北京西', to: '雄安' });
    expect(r.summary).toMatch(/^北京西 → 雄安 \(2024\): [\d.]+ min; 京雄城际铁路/);
    // Unlocated and out-of-region stations are accepted as ends of a pair.
    const far = run(['--origin', '北京南', '--to', '德州东'], ctx) as { to: { in_region: boolean } };
    expect(far.to.in_region).toBe(false);
    expect(() => run(['--origin', '北京西', '--to', '雄安', '--year', '2013'], ctx)).toThrow(/no rail path/);
    // Continuations beyond the region (issue 13): 沈阳 via 承沈 beyond 牛河梁, as origin and as end.
    const sy = run(['--origin', '沈阳', '--to', '承德南', '--year', '2019'], ctx) as {
      minutes: number;
      legs: { line: string; via: string[] }[];
    };
    expect(sy.legs.map((l) => l.line)).toEqual(['L10']);
    expect(sy.legs[0]!.via).toContain('牛河梁');
    expect(sy.minutes).toBeGreaterThan(100);
    const iso = run(['--origin', '沈阳', '--year', '2024', '--minutes', '180'], ctx) as {
      stations: { name_zh: string }[];
    };
    expect(iso.stations.map((s) => s.name_zh)).toContain('承德南');
    expect(() => run(['--origin', '北京西', '--to', '不存在'], ctx)).toThrow(/unknown station "不存在"/);
  });
});
