import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildGraph,
  buildTopology,
  edgeTiming,
  stationTimes,
  travelMinutes,
  tripPath,
  weigh,
} from '../../src/core/rail/graph.ts';
import { MinHeap } from '../../src/core/rail/heap.ts';
import type { TravelParams } from '../../src/core/rail/model.ts';
import type { RailNetworkData } from '../../src/core/rail/types.ts';

const fixture = (): RailNetworkData =>
  JSON.parse(
    readFileSync(new URL('../fixtures/rail/mini-network.json', import.meta.url), 'utf8'),
  ) as RailNetworkData;

// Line X runs at 0.5 × 300 = 150 km/h (60 km = 24 min), Y at 100 km/h (50 km = 30 min), Z at 50 km/h
// (100 km = 120 min); the E→A link at 50 km/h (10 km = 12 min).
const P: TravelParams = {
  speedFactor: 0.5,
  dwellMin: 2,
  linkSpeedKmh: 50,
  transferMin: 10,
  accessSpeedKmh: 40,
  detourFactor: 1.2,
};

describe('rail graph (hand-made fixture)', () => {
  const g = buildGraph(fixture(), '2024-12-31', P);

  it('times a single edge', () => {
    expect(travelMinutes(g, 'SA', 'SB')).toBeCloseTo(24, 9);
  });

  it('adds one dwell per intermediate stop', () => {
    expect(travelMinutes(g, 'SA', 'SC')).toBeCloseTo(24 + 2 + 24, 9);
  });

  it('adds the transfer penalty when changing line, and beats the slow direct line', () => {
    // A→C on X (50), change at C (10), C→D on Y (30) = 90 < 120 on Z.
    expect(travelMinutes(g, 'SA', 'SD')).toBeCloseTo(90, 9);
    expect(travelMinutes(g, 'SD', 'SA')).toBeCloseTo(90, 9);
  });

  it('takes the direct line when the transfer costs too much', () => {
    const dear = buildGraph(fixture(), '2024-12-31', { ...P, transferMin: 50 });
    expect(travelMinutes(dear, 'SA', 'SD')).toBeCloseTo(120, 9);
  });

  it('uses schematic links at the link speed, with a dwell at the station they join', () => {
    expect(travelMinutes(g, 'SE', 'SC')).toBeCloseTo(12 + 2 + 24 + 2 + 24, 9);
    expect(travelMinutes(g, 'SE', 'SD')).toBeCloseTo(12 + 2 + 24 + 2 + 24 + 10 + 30, 9);
  });

  it('leaves out sections not yet open (year-only dates count from the year end)', () => {
    const g2019 = buildGraph(fixture(), '2019-12-31', P);
    expect(travelMinutes(g2019, 'SA', 'SD')).toBeCloseTo(120, 9);
    const g2000start = buildGraph(fixture(), '2000-06-30', P);
    expect(travelMinutes(g2000start, 'SA', 'SD')).toBe(Infinity); // Z opened "2000" = 2000-12-31
  });

  it('lets trains pass stations not in service, without a dwell, and nobody boards there', () => {
    const net = fixture();
    net.stations[1]!.service_from = '2030-01-01';
    const g2 = buildGraph(net, '2024-12-31', P);
    expect(travelMinutes(g2, 'SA', 'SC')).toBeCloseTo(48, 9);
    expect(travelMinutes(g2, 'SA', 'SB')).toBe(Infinity);
    expect(g2.onNetwork[1]).toBe(0);
  });

  it('re-weighs a topology without rebuilding it', () => {
    const topo = buildTopology(fixture(), '2024-12-31');
    expect(travelMinutes(weigh(topo, P), 'SA', 'SB')).toBeCloseTo(24, 9);
    expect(travelMinutes(weigh(topo, { ...P, speedFactor: 1 }), 'SA', 'SB')).toBeCloseTo(12, 9);
  });

  it('does not mutate the network', () => {
    const net = fixture();
    const before = JSON.stringify(net);
    buildGraph(net, '2024-12-31', P);
    expect(JSON.stringify(net)).toBe(before);
  });
});

describe('issue 13: fixed trip time, span speeds, through services, paths', () => {
  it('adds the fixed trip time once per rail trip, not per transfer, and not to the origin itself', () => {
    const g = buildGraph(fixture(), '2024-12-31', { ...P, tripMin: 7 });
    expect(travelMinutes(g, 'SA', 'SB')).toBeCloseTo(7 + 24, 9);
    expect(travelMinutes(g, 'SA', 'SD')).toBeCloseTo(7 + 90, 9);
    const t = stationTimes(g, [{ station: 'SA', minutes: 3 }]);
    expect(t[g.stationIndex.get('SA')!]).toBe(3);
  });

  it('adds a start and a stop loss growing with the square of the speed, and a call costs both', () => {
    // X runs at 0.5 × 300 = 150 km/h: one start or stop loses 4 × (150 / 350)² min.
    const loss = 4 * (150 / 350) ** 2;
    const gl = buildGraph(fixture(), '2024-12-31', { ...P, stopLossMin: 4 });
    expect(travelMinutes(gl, 'SA', 'SB')).toBeCloseTo(24 + 2 * loss, 9);
    expect(travelMinutes(gl, 'SA', 'SC')).toBeCloseTo(48 + 2 * loss + (2 + 2 * loss), 9);
    // Y runs at 0.5 × 200 = 100 km/h: its losses are (100 / 150)² of X's.
    const ly = 4 * (100 / 350) ** 2;
    expect(travelMinutes(gl, 'SC', 'SD')).toBeCloseTo(30 + 2 * ly, 9);
  });

  it('calls at a share callShare of the intermediate stations (0 = non-stop)', () => {
    const nonstop = buildGraph(fixture(), '2024-12-31', { ...P, stopLossMin: 4, callShare: 0 });
    const loss = 4 * (150 / 350) ** 2;
    expect(travelMinutes(nonstop, 'SA', 'SC')).toBeCloseTo(48 + 2 * loss, 9);
    const half = buildGraph(fixture(), '2024-12-31', { ...P, stopLossMin: 4, callShare: 0.5 });
    expect(travelMinutes(half, 'SA', 'SC')).toBeCloseTo(48 + 2 * loss + 0.5 * (2 + 2 * loss), 9);
  });

  it('times a span at its own speed and conventional spans at the link speed', () => {
    const sec = { design_speed_kmh: 300, spans: [] as never[] };
    expect(edgeTiming(sec, 0, 60, '2024-12-31')).toEqual({ hsrHours: 0.2, convKm: 0, pieces: [[60, 300]] });
    const spans = [
      { from_km: 0, to_km: 20, kmh: null, valid_from: '2020-01-01', valid_to: null, label: '', source: 'T' },
      {
        from_km: 20,
        to_km: 40,
        kmh: 200,
        valid_from: '2020-01-01',
        valid_to: '2021-12-31',
        label: '',
        source: 'T',
      },
    ];
    const r = edgeTiming({ design_speed_kmh: 300, spans }, 0, 60, '2021-06-01');
    expect(r.convKm).toBeCloseTo(20, 9);
    expect(r.hsrHours).toBeCloseTo(20 / 200 + 20 / 300, 9);
    // Out of its validity a span falls back to the design speed.
    expect(edgeTiming({ design_speed_kmh: 300, spans }, 0, 60, '2019-06-01').hsrHours).toBeCloseTo(0.2, 9);
    const net = fixture();
    net.sections[0]!.spans = [spans[0]!];
    // SA→SB: 20 km at 50 km/h (24 min) + 40 km at 150 km/h (16 min).
    expect(travelMinutes(buildGraph(net, '2024-12-31', P), 'SA', 'SB')).toBeCloseTo(24 + 16, 9);
  });

  it('a through service replaces the transfer by a dwell, and the path shows it', () => {
    const net = fixture();
    expect(travelMinutes(buildGraph(net, '2024-12-31', P), 'SA', 'SD')).toBeCloseTo(90, 9);
    net.through = [{ station: 'SC', lines: ['X', 'Y'], valid_from: '2020-01-01', source: 'T' }];
    const g = buildGraph(net, '2024-12-31', P);
    expect(travelMinutes(g, 'SA', 'SD')).toBeCloseTo(24 + 2 + 24 + 2 + 30, 9);
    const path = tripPath(g, 'SA', 'SD')!;
    expect(path.legs.map((l) => l.line)).toEqual(['X+Y']);
    expect(path.transfers).toBe(0);
    expect(path.stops).toBe(2);
    const plain = tripPath(buildGraph(fixture(), '2024-12-31', P), 'SA', 'SD')!;
    expect(plain.legs.map((l) => [l.line, l.from, l.to, l.via])).toEqual([
      ['X', 'SA', 'SC', ['SB']],
      ['Y', 'SC', 'SD', []],
    ]);
    expect(plain.transfers).toBe(1);
    expect(plain.minutes).toBeCloseTo(90, 9);
  });
});

describe('MinHeap', () => {
  it('pops in key order', () => {
    const h = new MinHeap(2);
    const keys = [5, 3, 9, 1, 7, 3.5, 0, 8, 2, 6];
    keys.forEach((k, i) => h.push(i, k));
    const out: number[] = [];
    while (h.size > 0) {
      out.push(h.peekKey());
      h.pop();
    }
    expect(out).toEqual([...keys].sort((a, b) => a - b));
    expect(h.pop()).toBe(-1);
  });
});
