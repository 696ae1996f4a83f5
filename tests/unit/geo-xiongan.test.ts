// Xiong'an New Area = union of Rongcheng, Anxin and Xiong counties (≈1,551 km² from these polygons,
// per shared/DESIGN.md and boundaries/SOURCES.md), drawn as its own city-level unit that does not
// overlap Baoding.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { area, booleanPointInPolygon, featureCollection, intersect, union } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { XIONGAN_CODE } from '../../src/core/types.ts';
import { REPO_ROOT, SHARED_DATA } from '../../geo/scripts/lib/build-io.ts';
import type { Areal } from '../../geo/scripts/lib/geom.ts';
import { interiorPoint } from '../../geo/scripts/lib/geom.ts';
import { readBoundaryLayers, readUnitsFile } from '../../geo/scripts/lib/output.ts';
import { readAdcodeLayer, SRC } from '../../geo/scripts/lib/sources.ts';

/** The figure quoted in DESIGN.md / SOURCES.md for the three-county union, km². */
const DOCUMENTED_KM2 = 1551;
const XIONGAN_COUNTIES = ['130629', '130632', '130638'];
const BAODING = '130600';
const BUILD = join(REPO_ROOT, 'geo/build');
const hasShared = existsSync(join(SHARED_DATA, SRC.county));

const km2 = (f: Parameters<typeof area>[0]) => area(f) / 1e6;

describe("Xiong'an from the raw Tianditu counties", () => {
  it.skipIf(!hasShared)(
    `turf union of ${XIONGAN_COUNTIES.join('+')} ≈ ${DOCUMENTED_KM2} km² ± 2 % (needs ../shared/data)`,
    () => {
      const counties = readAdcodeLayer(join(SHARED_DATA, SRC.county));
      const parts = XIONGAN_COUNTIES.map((c) => counties.get(c)!);
      const u = union(featureCollection<Areal>(parts));
      expect(u).not.toBeNull();
      expect(u!.geometry.type).toBe('Polygon');
      expect(Math.abs(km2(u!) / DOCUMENTED_KM2 - 1)).toBeLessThan(0.02);
      // No gaps or overlaps between the three: the union's area is the sum of the parts.
      const sum = parts.reduce((s, f) => s + km2(f), 0);
      expect(Math.abs(km2(u!) / sum - 1)).toBeLessThan(0.001);
    },
  );
});

describe("Xiong'an in the committed geo/build outputs", () => {
  const { units } = readUnitsFile(BUILD);
  const city = readBoundaryLayers(BUILD).city.features;
  const xa = city.find((f) => f.properties.code === XIONGAN_CODE)!;
  const bd = city.find((f) => f.properties.code === BAODING)!;

  it('is a city-level unit of Hebei whose counties point to it', () => {
    const unit = units.find((u) => u.code === XIONGAN_CODE)!;
    expect(unit).toMatchObject({
      levels: ['city'],
      parent: '130000',
      province: '130000',
      name_en: "Xiong'an New Area",
    });
    expect(units.filter((u) => u.parent === XIONGAN_CODE).map((u) => u.code)).toEqual(XIONGAN_COUNTIES);
    expect(Math.abs(unit.area_km2 / DOCUMENTED_KM2 - 1)).toBeLessThan(0.02);
  });

  it('drawn polygon ≈ 1,551 km² ± 2 % after simplification', () => {
    expect(xa).toBeDefined();
    expect(Math.abs(km2(xa) / DOCUMENTED_KM2 - 1)).toBeLessThan(0.02);
  });

  it('does not overlap Baoding, and Baoding no longer covers the three counties', () => {
    const overlap = intersect(featureCollection<Areal>([xa, bd]));
    expect(overlap ? km2(overlap) : 0).toBeLessThan(0.01);
    const counties = readBoundaryLayers(BUILD).county.features;
    for (const code of XIONGAN_COUNTIES) {
      const p = interiorPoint(counties.find((f) => f.properties.code === code)!.geometry);
      expect(booleanPointInPolygon(p, xa), code).toBe(true);
      expect(booleanPointInPolygon(p, bd), code).toBe(false);
    }
  });

  it("Baoding + Xiong'an areas in units.json add up to their counties", () => {
    const area = (code: string) => units.find((u) => u.code === code)!.area_km2;
    const sumOf = (parent: string) =>
      units.filter((u) => u.parent === parent).reduce((s, u) => s + u.area_km2, 0);
    expect(Math.abs(sumOf(BAODING) / area(BAODING) - 1)).toBeLessThan(0.001);
    expect(Math.abs(sumOf(XIONGAN_CODE) / area(XIONGAN_CODE) - 1)).toBeLessThan(0.001);
  });
});
