// The boundaries validator (geo/scripts/lib/validate.ts) on small fixtures: it passes a clean
// nesting, and names the code when a unit is missing or a child lies outside its parent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { UnitInfo } from '../../src/core/types.ts';
import {
  interiorPoint,
  rewindPolygon,
  ringSignedArea2,
  roundRing,
  tidyGeometry,
} from '../../geo/scripts/lib/geom.ts';
import type { BoundaryLayers, UnitProps } from '../../geo/scripts/lib/output.ts';
import type { AdcodeRow } from '../../geo/scripts/lib/sources.ts';
import { areaKm2 } from '../../geo/scripts/lib/units.ts';
import {
  checkGeometry,
  checkNesting,
  checkNoOverlap,
  checkPresence,
  expectedFromAdcodes,
  validateBoundaries,
} from '../../geo/scripts/lib/validate.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/geo');

interface Fixture {
  adcodes: AdcodeRow[];
  units: Omit<UnitInfo, 'area_km2'>[];
  layers: BoundaryLayers;
}

/** Load a fixture; area_km2 is computed from the unit's own polygon (never typed in). */
function load(name: string) {
  const fx = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Fixture;
  const geom = new Map(
    Object.values(fx.layers).flatMap((fc) =>
      fc.features.map((f) => [f.properties.code, f.geometry] as const),
    ),
  );
  const units: UnitInfo[] = fx.units.map((u) => {
    const g = geom.get(u.code);
    return { ...u, area_km2: g ? areaKm2(g) : 1 };
  });
  return { expected: expectedFromAdcodes(fx.adcodes), units, layers: fx.layers };
}

const codesOf = (problems: { code: string }[]) => [...new Set(problems.map((p) => p.code))];

describe('boundaries validator on fixtures', () => {
  it('passes a clean two-city, four-county nesting', () => {
    expect(validateBoundaries(load('nesting-ok.json'))).toEqual([]);
  });

  it('names a code that the code table lists but units.json and the county layer lack', () => {
    const { expected, units, layers } = load('missing-code.json');
    const problems = checkPresence(expected, units, layers);
    expect(codesOf(problems)).toEqual(['130606']);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/missing from units\.json/);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/no feature in the county layer/);
    // The full run reports it too (and the now-short area sum of its city).
    expect(codesOf(validateBoundaries({ expected, units, layers }))).toContain('130606');
  });

  it('names a county whose polygon lies outside its parent city', () => {
    const { units, layers } = load('child-outside.json');
    const problems = checkNesting(units, layers);
    const nesting = problems.filter((p) => p.check === 'nesting');
    expect(codesOf(nesting)).toEqual(['130104']);
    expect(nesting[0]!.message).toMatch(/outside its parent city 130100/);
    // The moved county keeps its size, so the area sums alone would not notice: the point test does.
    expect(problems.filter((p) => p.check === 'areas')).toEqual([]);
  });
});

const feature = (coordinates: number[][][]): Feature<Polygon, UnitProps> => ({
  type: 'Feature',
  properties: { code: '999999', name_zh: '测试', name_en: 'Test' },
  geometry: { type: 'Polygon', coordinates },
});

describe('checkGeometry', () => {
  it('accepts a counter-clockwise square', () => {
    expect(
      checkGeometry(
        feature([
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
        ]),
        'county',
      ),
    ).toEqual([]);
  });
  it('flags a self-intersecting (bow-tie) ring', () => {
    const p = checkGeometry(
      feature([
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ]),
      'county',
    );
    expect(p.map((x) => x.message).join()).toMatch(/self-intersection/);
  });
  it('flags a clockwise exterior, an open ring and a ring with < 4 positions', () => {
    const cw = checkGeometry(
      feature([
        [
          [0, 0],
          [0, 1],
          [1, 1],
          [1, 0],
          [0, 0],
        ],
      ]),
      'county',
    );
    expect(cw.map((x) => x.message).join()).toMatch(/clockwise/);
    const open = checkGeometry(
      feature([
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ]),
      'county',
    );
    expect(open.map((x) => x.message).join()).toMatch(/not closed/);
    const short = checkGeometry(
      feature([
        [
          [0, 0],
          [1, 0],
          [0, 0],
        ],
      ]),
      'county',
    );
    expect(short.map((x) => x.message).join()).toMatch(/< 4/);
  });
  it('flags a numeric code and extra properties', () => {
    const f = feature([
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
    ]) as unknown as Feature<Polygon, Record<string, unknown>>;
    f.properties = { code: 110101, name_zh: 'x', name_en: 'x', adcode: 110101 };
    const p = checkGeometry(f as unknown as Feature<Polygon, UnitProps>, 'county');
    expect(p.map((x) => x.message).join('\n')).toMatch(/not a string[\s\S]*properties are/);
  });
});

describe('checkNoOverlap', () => {
  it('reports two overlapping units and accepts two that only touch', () => {
    const a = {
      ...feature([
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ]),
      properties: { code: 'A', name_zh: '', name_en: '' },
    };
    const b = {
      ...feature([
        [
          [1, 0],
          [2, 0],
          [2, 1],
          [1, 1],
          [1, 0],
        ],
      ]),
      properties: { code: 'B', name_zh: '', name_en: '' },
    };
    const c = {
      ...feature([
        [
          [0.5, 0],
          [2, 0],
          [2, 1],
          [0.5, 1],
          [0.5, 0],
        ],
      ]),
      properties: { code: 'C', name_zh: '', name_en: '' },
    };
    expect(checkNoOverlap([a, b], 'A', 'B')).toEqual([]);
    expect(codesOf(checkNoOverlap([a, c], 'A', 'C'))).toEqual(['A']);
  });
});

describe('geometry helpers', () => {
  it('interiorPoint stays inside a C-shaped polygon whose centroid is outside', () => {
    const c: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [3, 0],
          [3, 1],
          [1, 1],
          [1, 2],
          [3, 2],
          [3, 3],
          [0, 3],
          [0, 0],
        ],
      ],
    };
    const [x, y] = interiorPoint(c);
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThan(1);
    expect(y).toBeGreaterThan(0);
    expect(y).toBeLessThan(3);
  });
  it('rewinds to CCW exterior / CW hole and rounds without breaking closure', () => {
    const [outer, hole] = rewindPolygon([
      [
        [0, 0],
        [0, 4],
        [4, 4],
        [4, 0],
        [0, 0],
      ],
      [
        [1, 1],
        [2, 1],
        [2, 2],
        [1, 2],
        [1, 1],
      ],
    ]);
    expect(ringSignedArea2(outer!)).toBeGreaterThan(0);
    expect(ringSignedArea2(hole!)).toBeLessThan(0);
    expect(
      roundRing(
        [
          [0.123456, 1.000001],
          [0.123459, 1.000004],
          [2, 1],
          [0.123456, 1.000001],
        ],
        5,
      ),
    ).toEqual([
      [0.12346, 1],
      [2, 1],
      [0.12346, 1],
    ]);
  });
  it('tidyGeometry does not mutate its input', () => {
    const g: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [0, 1],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    const copy = structuredClone(g);
    tidyGeometry(g, 5);
    expect(g).toEqual(copy);
  });
});
