import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrate, errorStats, evaluatePairs } from '../../src/core/rail/calibrate.ts';
import { buildGraph, travelMinutes } from '../../src/core/rail/graph.ts';
import {
  assertParams,
  fixedTripMin,
  validateBands,
  validateParams,
  type TravelParams,
} from '../../src/core/rail/model.ts';
import type { CalibrationPair, RailNetworkData } from '../../src/core/rail/types.ts';

const RAIL = new URL('../../geo/build/rail/', import.meta.url);
const built = existsSync(new URL('calibration.json', RAIL));
const readRail = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, RAIL), 'utf8')) as T;
const fixture = (): RailNetworkData =>
  JSON.parse(
    readFileSync(new URL('../fixtures/rail/mini-network.json', import.meta.url), 'utf8'),
  ) as RailNetworkData;

const OK: TravelParams = {
  speedFactor: 0.8,
  dwellMin: 2,
  linkSpeedKmh: 60,
  transferMin: 10,
  accessSpeedKmh: 40,
  detourFactor: 1.3,
};

describe('validateParams', () => {
  it('accepts a sensible set', () => {
    expect(validateParams(OK)).toEqual([]);
  });

  it('rejects impossible values with clear messages', () => {
    expect(validateParams({ ...OK, accessSpeedKmh: -5 })).toEqual([
      'accessSpeedKmh must be > 0 km/h (got -5)',
    ]);
    expect(validateParams({ ...OK, speedFactor: 0 })[0]).toMatch(/speedFactor must be in \(0, 1\]/);
    expect(validateParams({ ...OK, speedFactor: 1.2 })[0]).toMatch(/cannot exceed design speed/);
    expect(validateParams({ ...OK, dwellMin: -1 })).toEqual(['dwellMin must be ≥ 0 minutes (got -1)']);
    expect(validateParams({ ...OK, transferMin: NaN })).toEqual([
      'transferMin must be a finite number (got NaN)',
    ]);
    expect(validateParams({ ...OK, detourFactor: 0.9 })[0]).toMatch(/detourFactor must be ≥ 1/);
    expect(validateParams({ ...OK, linkSpeedKmh: 0 })[0]).toMatch(/linkSpeedKmh must be > 0/);
    expect(validateParams({ ...OK, transferMin: 1, dwellMin: 3 })[0]).toMatch(
      /transferMin \(1\) must be ≥ dwellMin \(3\)/,
    );
  });

  it('lists every problem at once, and assertParams throws them', () => {
    expect(validateParams({ ...OK, speedFactor: -1, accessSpeedKmh: Infinity })).toHaveLength(2);
    expect(() => assertParams({ ...OK, dwellMin: NaN })).toThrow(
      /invalid travel parameters: dwellMin must be a finite number/,
    );
  });

  it('rejects 0, negative, NaN and repeated bands', () => {
    expect(validateBands([30, 60])).toEqual([]);
    expect(validateBands([0])).toEqual(['band 0 must be > 0 minutes']);
    expect(validateBands([-30])).toEqual(['band -30 must be > 0 minutes']);
    expect(validateBands([NaN])[0]).toMatch(/finite/);
    expect(validateBands([30, 30])).toEqual(['bands must not repeat']);
    expect(validateBands([])).toEqual(['give at least one band (minutes)']);
  });
});

describe('calibration', () => {
  it('recovers known parameters from times the model made (fixture)', () => {
    const truth: TravelParams = { ...OK, speedFactor: 0.6, dwellMin: 1.5, linkSpeedKmh: 40 };
    const g = buildGraph(fixture(), '2024-12-31', truth);
    const pair = (from: string, to: string, a: string, b: string): CalibrationPair => ({
      from,
      to,
      minutes: travelMinutes(g, a, b),
      kind: 'synthetic',
      as_of: '2024-12-31',
      source_id: 'TEST',
      confidence: 'high',
    });
    const pairs = [pair('甲', '乙', 'SA', 'SB'), pair('甲', '丙', 'SA', 'SC'), pair('戊', '乙', 'SE', 'SB')];
    const fit = calibrate(fixture(), pairs, { ...OK, speedFactor: 1, dwellMin: 0, linkSpeedKmh: 1 });
    expect(fit.params.speedFactor).toBeCloseTo(0.6, 6);
    expect(fit.params.dwellMin).toBeCloseTo(1.5, 6);
    expect(fit.params.linkSpeedKmh).toBeCloseTo(40, 6);
    expect(fit.stats.mae).toBeLessThan(1e-6);
    expect(fit.search.on_edge).toEqual([]);
  });

  it('reports pairs it cannot time, with the reason', () => {
    const pairs: CalibrationPair[] = [
      {
        from: '甲',
        to: '外站',
        minutes: 10,
        kind: '',
        as_of: '2024-01-01',
        source_id: 'T',
        confidence: 'low',
      },
      { from: '甲', to: '丁', minutes: 10, kind: '', as_of: '1999-01-01', source_id: 'T', confidence: 'low' },
    ];
    const [a, b] = evaluatePairs(fixture(), pairs, OK);
    expect(a!.modelled).toBeNull();
    expect(a!.note).toMatch(/外站 is not a station/);
    expect(b!.note).toMatch(/not in HSR service on 1999-01-01/);
    expect(errorStats([a!, b!]).n).toBe(0);
  });

  it('times a pair with the calls its source names, whatever callShare says', () => {
    const pair = (calls?: number): CalibrationPair => ({
      from: '甲',
      to: '丙',
      minutes: 50,
      kind: '',
      as_of: '2024-01-01',
      source_id: 'T',
      confidence: 'high',
      ...(calls === undefined ? {} : { calls }),
    });
    // X at 0.8 × 300 = 240 km/h: 120 km = 30 min; one call at 乙 costs dwellMin (2); half a call with callShare 0.5.
    const p = { ...OK, callShare: 0.5 };
    const [unknown, nonstop, one] = evaluatePairs(fixture(), [pair(), pair(0), pair(1)], p);
    expect(unknown!.modelled).toBeCloseTo(31, 2);
    expect(nonstop!.modelled).toBeCloseTo(30, 2);
    expect(one!.modelled).toBeCloseTo(32, 2);
    expect(one!.calls).toBe(1);
    expect(unknown!.calls).toBeNull();
  });

  it('gives the fixed time of a trip by design speed', () => {
    expect(fixedTripMin({ tripMin: 2, stopLossMin: 4, speedFactor: 1 }, 350)).toBeCloseTo(10, 9);
    expect(fixedTripMin({ tripMin: 2, stopLossMin: 4, speedFactor: 1 }, 175)).toBeCloseTo(4, 9);
  });

  it('computes MAE and MAPE', () => {
    const s = errorStats([
      { error: 2, error_pct: 10 },
      { error: -4, error_pct: -5 },
    ]);
    expect(s).toMatchObject({ n: 2, mae: 3, mape: 7.5 });
  });
});

describe.skipIf(!built)('calibrated model on the real network (skipped without geo/build/rail)', () => {
  it('ships valid calibrated defaults', () => {
    const cal = readRail<{ params: TravelParams; fitted: string[]; stats: { n: number; mae: number } }>(
      'calibration.json',
    );
    expect(validateParams(cal.params)).toEqual([]);
    expect(cal.fitted).toEqual(['tripMin', 'stopLossMin', 'speedFactor', 'linkSpeedKmh']);
    expect(cal.stats.n).toBeGreaterThanOrEqual(10);
  });

  it('times Beijing South → Tianjin at 25–40 min', () => {
    const net = readRail<RailNetworkData>('network.json');
    const { params } = readRail<{ params: TravelParams }>('calibration.json');
    const id = (zh: string) => net.stations.find((s) => s.name_zh === zh)!.id;
    const t = travelMinutes(buildGraph(net, '2024-12-31', params), id('北京南'), id('天津'));
    expect(t).toBeGreaterThanOrEqual(25);
    expect(t).toBeLessThanOrEqual(40);
  });
});

describe.skipIf(!built)('issue 13: validated model on the real network', () => {
  interface Cal {
    params: TravelParams;
    validation: Record<'in_sample' | 'leave_one_out' | 'leave_one_line_out', { n: number; mape: number }> & {
      spread: Record<string, [number, number]>;
    };
    pairs: {
      from: string;
      to: string;
      as_of: string;
      bound: string;
      observed: number;
      modelled: number | null;
    }[];
  }
  const cal = readRail<Cal>('calibration.json');
  const net = readRail<RailNetworkData>('network.json');

  it('has ≥ 30 timed pairs, a fixed trip time well above 0 in every fold, and out-of-sample errors', () => {
    expect(cal.pairs.filter((p) => p.modelled !== null).length).toBeGreaterThanOrEqual(30);
    // The fixed time of a trip on a 350 km/h line (tripMin + a start and a stop loss), in every fold.
    expect(fixedTripMin(cal.params, 350)).toBeGreaterThanOrEqual(4);
    expect(cal.validation.spread.fixedMin350![0]).toBeGreaterThanOrEqual(4);
    expect(cal.validation.leave_one_out.n).toBeGreaterThanOrEqual(30);
    // Out of sample cannot beat the in-sample fit.
    expect(cal.validation.leave_one_out.mape).toBeGreaterThanOrEqual(cal.validation.in_sample.mape - 1e-9);
  });

  it('through services bring the through-train pairs closer to the published times', () => {
    const through = cal.pairs.filter((p) => ['秦皇岛', '北辰'].includes(p.to) && p.modelled !== null);
    expect(through.length).toBeGreaterThanOrEqual(3);
    const asPairs = through.map((p) => ({
      from: p.from,
      to: p.to,
      minutes: p.observed,
      kind: '',
      as_of: p.as_of,
      source_id: 'T',
      confidence: 'high' as const,
    }));
    const withThrough = errorStats(evaluatePairs(net, asPairs, cal.params)).mae;
    const without = errorStats(evaluatePairs({ ...net, through: [] }, asPairs, cal.params)).mae;
    expect(withThrough).toBeLessThan(without);
  });

  it("keeps Xiong'an within 60 min of Beijing West in 2024 and unreachable in 2013", () => {
    const id = (zh: string) => net.stations.find((s) => s.name_zh === zh)!.id;
    expect(
      travelMinutes(buildGraph(net, '2024-12-31', cal.params), id('北京西'), id('雄安')),
    ).toBeLessThanOrEqual(60);
    expect(travelMinutes(buildGraph(net, '2013-12-31', cal.params), id('北京西'), id('雄安'))).toBe(Infinity);
  });
});
