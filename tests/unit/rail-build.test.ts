import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  assembleNetwork,
  RailInputError,
  unlocatedProblems,
  type AssembleInput,
  type CsvRow,
} from '../../src/core/rail/assemble.ts';
import { positionStops } from '../../src/core/rail/chainage.ts';
import { areaLookup, type Areal } from '../../src/core/rail/geo.ts';
import { parseEndpoint, parseStationOrder, sectionStopNames } from '../../src/core/rail/stops.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SHARED = resolve(process.env.JJJ_SHARED_DATA ?? resolve(ROOT, '../shared/data'));
const haveShared = existsSync(join(SHARED, 'rail', 'lines.csv'));
const RAIL_OUT = join(ROOT, 'geo/build/rail');

describe('station orders and section ends (lines.csv conventions)', () => {
  it('fails on an unlocated station of an open line unless it is a written-down exception (issue 13)', () => {
    const st = (id: string, name_zh: string, service_from: string | null, in_region = true) => ({
      id,
      name_zh,
      in_region,
      service_from,
    });
    const unlocated = [
      st('S1', '甲', '2020-01-01'),
      st('S2', '乙', null),
      st('S3', '丙', '2020-01-01', false),
    ];
    expect(unlocatedProblems(unlocated, new Map())).toEqual([
      '甲 (S1) is a station of an open line but has no coordinates',
    ]);
    expect(unlocatedProblems(unlocated, new Map([['S1', 'searched …']]))).toEqual([]);
    // A stale exception (located now, or not open) is an error too.
    expect(
      unlocatedProblems(
        unlocated,
        new Map([
          ['S1', ''],
          ['S9', ''],
        ]),
      ),
    ).toEqual(['S9 is listed as accepted-unlocated but is located or not open: remove it']);
  });

  it('reads branches, remarks, out-of-region ends and gaps', () => {
    const [main, chongli, yanqing] = parseStationOrder(
      '北京北|清河|(沙河, no passenger service)|昌平 ; 崇礼线: 下花园北|(赵川南, reserved)|太子城 ; 延庆支线: …|延庆',
    );
    expect(
      main!.entries.filter((e) => e.kind === 'station').map((e) => (e.kind === 'station' ? e.name : '')),
    ).toEqual(['北京北', '清河', '昌平']);
    expect(chongli!.label).toBe('崇礼线');
    expect(yanqing!.entries[0]).toEqual({ kind: 'gap' });
    expect(parseStationOrder('怀安|[天镇|阳高南|大同南]')[0]!.entries[1]).toEqual({
      kind: 'external',
      names: ['天镇', '阳高南', '大同南'],
    });
  });

  it('cuts a section out of its line, running to the end of the branch at an out-of-region end', () => {
    const order = parseStationOrder('石家庄|石家庄北|[阳泉北]');
    expect(sectionStopNames(order, parseEndpoint('石家庄'), parseEndpoint('[阳泉北 → 太原东]'))).toEqual([
      { name: '石家庄', external: false },
      { name: '石家庄北', external: false },
      { name: '阳泉北', external: true },
    ]);
    const jz = parseStationOrder('北京北|昌平 ; 延庆支线: …|延庆');
    expect(
      sectionStopNames(jz, parseEndpoint('八达岭长城/康庄 area'), parseEndpoint('延庆')).map((s) => s.name),
    ).toEqual(['八达岭长城', '延庆']);
    expect(parseEndpoint('北京西 (via 京九线 to 李营)')).toEqual({
      name: '北京西',
      external: false,
      via: true,
    });
    expect(() => sectionStopNames(order, parseEndpoint('石家庄北'), parseEndpoint('石家庄'))).toThrow(
      /comes before/,
    );
  });
});

describe('positionStops', () => {
  const track = {
    type: 'LineString' as const,
    coordinates: [
      [116, 39],
      [117, 39],
    ],
  };
  it('projects on the track and scales to the official span', () => {
    const r = positionStops(
      [
        { station: 'A', lon: 116, lat: 39 },
        { station: 'B', lon: 116.5, lat: 39.001 },
        { station: 'C', lon: 117, lat: 39 },
      ],
      { track, spanKm: 100, kmPost: null },
    );
    expect(r.stops.map((s) => s.km)).toEqual([0, 50, 100]);
    expect(r.stops.map((s) => s.at)).toEqual(['track', 'track', 'track']);
  });
  it('joins a stop far off the track by a spur and places unlocated ones', () => {
    const r = positionStops(
      [
        { station: 'A', lon: 116, lat: 39.1 },
        { station: 'X', lon: null, lat: null },
        { station: 'C', lon: 117, lat: 39 },
      ],
      { track, spanKm: null, kmPost: null },
    );
    expect(r.stops[0]!.at).toBe('off-track');
    expect(r.stops[1]!.at).toBe('interpolated');
    expect(r.stops[2]!.km!).toBeGreaterThan(r.stops[1]!.km!);
    expect(r.warnings[0]).toMatch(/A is 11\.1\d km off the track/);
  });
  it('places an unlocated first stop by the official length', () => {
    const r = positionStops(
      [
        { station: 'X', lon: null, lat: null },
        { station: 'B', lon: 116.5, lat: 39 },
        { station: 'C', lon: 117, lat: 39 },
      ],
      { track, spanKm: 60, kmPost: null },
    );
    expect(r.stops[0]).toEqual({ station: 'X', km: 0, at: 'official-length' });
    expect(r.stops[2]!.km).toBe(60);
    expect(r.stops[1]!.km!).toBeCloseTo(60 - 43.2, 0);
  });
});

function csv(path: string): CsvRow[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  return parsed.data.map((cells, i) => ({ line: i + 2, cells }));
}

describe.skipIf(!haveShared)(
  'validation of the upstream rail tables (skipped without ../shared/data)',
  () => {
    const dir = join(SHARED, 'rail');
    const counties = haveShared
      ? (JSON.parse(
          readFileSync(join(SHARED, 'boundaries/jjj_county_tianditu_wgs84.geojson'), 'utf8'),
        ) as FeatureCollection<Areal>)
      : null;
    const find = counties ? areaLookup(counties.features as Feature<Areal, Record<string, unknown>>[]) : null;
    const input = (): AssembleInput => ({
      files: {
        lines: 'lines.csv',
        sections: 'line_sections.csv',
        stations: 'stations_v2.csv',
        geometry: 'line_sections_v2.geojson',
      },
      lines: csv(join(dir, 'lines.csv')),
      sections: csv(join(dir, 'line_sections.csv')),
      stations: csv(join(dir, 'stations_v2.csv')),
      geometry: JSON.parse(
        readFileSync(join(dir, 'line_sections_v2.geojson'), 'utf8'),
      ) as FeatureCollection<Geometry | null>,
      countyAt: (lon, lat) => {
        const hit = find!(lon, lat);
        return hit ? String(hit.props.adcode) : null;
      },
      regionBbox: [113.4, 36.0, 119.9, 42.7],
      contextMarginDeg: 2,
    });
    const problem = (mutate: (i: AssembleInput) => void): RailInputError => {
      const i = input();
      mutate(i);
      try {
        assembleNetwork(i);
      } catch (err) {
        if (err instanceof RailInputError) return err;
        throw err;
      }
      throw new Error('no error raised');
    };
    const edit = (rows: CsvRow[], k: number, key: string, value: string) =>
      (rows[k] = { ...rows[k]!, cells: { ...rows[k]!.cells, [key]: value } });

    it('assembles the real tables', () => {
      const out = assembleNetwork(input());
      expect(out.network.sections).toHaveLength(24);
      expect(out.stations.features).toHaveLength(71);
      expect(out.unlocated).toHaveLength(12);
      expect(
        out.sections.features.every(
          (f) =>
            f.properties.schematic === (f.properties.geometry_source === 'station chord (stations_v2.csv)'),
        ),
      ).toBe(true);
    });

    it('fails on an unknown station in a section, with file and line', () => {
      const e = problem((i) => edit(i.sections as CsvRow[], 3, 'to_station', '北京东'));
      expect([e.file, e.line, e.message]).toEqual(['line_sections.csv', 5, 'unknown station "北京东"']);
    });

    it('fails on an unknown station in a line order', () => {
      const e = problem((i) => edit(i.lines as CsvRow[], 0, 'stations_in_order', '北京南|亦庄|武清站X|天津'));
      expect(e.file).toBe('lines.csv');
      expect(e.line).toBe(2);
      expect(e.message).toMatch(/unknown station "武清站X"/);
    });

    it('fails on coordinates outside the region bbox (e.g. lat/lon swapped)', () => {
      const e = problem((i) => {
        edit(i.stations as CsvRow[], 0, 'lon', '39.86348');
        edit(i.stations as CsvRow[], 0, 'lat', '116.3724');
      });
      expect([e.file, e.line]).toEqual(['stations_v2.csv', 2]);
      expect(e.message).toMatch(/outside the region bbox/);
    });

    it('fails on impossible dates', () => {
      const e = problem((i) => edit(i.sections as CsvRow[], 0, 'opened', '2008-02-30'));
      expect([e.file, e.line, e.message]).toEqual(['line_sections.csv', 2, 'bad opening date "2008-02-30"']);
      const s = problem((i) => edit(i.stations as CsvRow[], 0, 'hsr_service_from', '08/01/2008'));
      expect(s.message).toMatch(/bad hsr_service_from/);
    });
  },
);

describe.skipIf(!haveShared || !existsSync(RAIL_OUT))(
  'rail build is reproducible (skipped without ../shared/data or geo/build/rail)',
  () => {
    it('rebuilds geo/build/rail byte for byte', { timeout: 120_000 }, () => {
      const tmp = mkdtempSync(join(tmpdir(), 'rail-build-'));
      try {
        const steps = readdirSync(join(ROOT, 'geo/scripts'))
          .filter((f) => /^7\d-rail-.*\.ts$/.test(f))
          .sort();
        expect(steps.length).toBe(5);
        for (const step of steps) {
          execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'geo/scripts', step), '--out', tmp], {
            cwd: ROOT,
            stdio: 'pipe',
          });
        }
        const files = readdirSync(RAIL_OUT).sort();
        expect(readdirSync(join(tmp, 'rail')).sort()).toEqual(files);
        for (const f of files) {
          const a = readFileSync(join(RAIL_OUT, f));
          const b = readFileSync(join(tmp, 'rail', f));
          expect(b.equals(a), `${f} differs from the committed build`).toBe(true);
        }
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    });
  },
);
