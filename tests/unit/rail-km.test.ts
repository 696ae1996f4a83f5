import { existsSync, readFileSync } from 'node:fs';
import { union } from '@turf/union';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { Areal } from '../../src/core/rail/geo.ts';
import { clipLength, kmByYear, sectionKm } from '../../src/core/rail/km.ts';
import type { RailNetworkData, SectionCollection } from '../../src/core/rail/types.ts';
import { haversineKm } from '../../src/core/rail/util.ts';

const GEO = new URL('../../geo/build/', import.meta.url);
const ready =
  existsSync(new URL('rail/official-km.json', GEO)) &&
  existsSync(new URL('boundaries-province.geojson', GEO));
const read = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, GEO), 'utf8')) as T;

describe('clipLength', () => {
  const square: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
    ],
  };
  it('measures the part of a line inside a polygon', () => {
    const line: LineString = {
      type: 'LineString',
      coordinates: [
        [-1, 0.5],
        [2, 0.5],
      ],
    };
    const { totalKm, insideKm } = clipLength(line, [square]);
    expect(totalKm).toBeCloseTo(3 * haversineKm(0, 0.5, 1, 0.5), 1);
    expect(insideKm).toBeCloseTo(haversineKm(0, 0.5, 1, 0.5), 1);
  });
  it('counts a line wholly inside in full, and one outside not at all', () => {
    const inside: LineString = {
      type: 'LineString',
      coordinates: [
        [0.2, 0.2],
        [0.8, 0.8],
      ],
    };
    const outside: LineString = {
      type: 'LineString',
      coordinates: [
        [2, 2],
        [3, 3],
      ],
    };
    expect(clipLength(inside, [square]).insideKm).toBeCloseTo(clipLength(inside, [square]).totalKm, 9);
    expect(clipLength(outside, [square]).insideKm).toBe(0);
  });
});

describe.skipIf(!ready)(
  'in-region HSR km by year, region = union of the provinces (skipped before npm run build:geo)',
  () => {
    const provinces = read<FeatureCollection<Polygon | MultiPolygon>>('boundaries-province.geojson');
    const region = union(provinces) as Feature<Areal>;
    const network = read<RailNetworkData>('rail/network.json');
    const sections = read<SectionCollection>('rail/sections.geojson');
    const official = read<{ figures: { date: string; km: number }[] }>('rail/official-km.json').figures;
    const geometry = new Map(sections.features.map((f) => [f.properties.section_id, f.geometry]));
    const perSection = sectionKm(network.sections, geometry, [region.geometry]);
    const qinshen = network.lines.find((l) => l.name_zh.includes('秦沈'))!.id;
    const officialKm = (year: number) => official.find((f) => f.date === `${year}-12-31`)!.km;

    it.each([2013, 2024])('agrees with the official figure for %i within 2 %', (year) => {
      const [total] = kmByYear(perSection, [year], [qinshen]);
      const target = officialKm(year);
      expect(Math.abs(total!.km - target) / target).toBeLessThan(0.02);
    });

    it('counts 京沪 by its km post and 石太 by the clipped track', () => {
      const byId = new Map(perSection.map((s) => [s.id, s]));
      expect(byId.get('SEC03')!.rule).toBe('km post × share');
      expect(byId.get('SEC02')!.rule).toBe('clipped geometry');
      expect(byId.get('SEC02')!.share!).toBeLessThan(0.8); // the track runs on to 阳泉北 (Shanxi)
      expect(byId.get('SEC18')!.km).toBeNull(); // 延庆 branch: no official length
    });

    it('grows year on year and would be too high in 2008 with 秦沈', () => {
      const years = [2008, 2013, 2019, 2024];
      const totals = kmByYear(perSection, years, [qinshen]).map((t) => t.km);
      expect([...totals].sort((a, b) => a - b)).toEqual(totals);
      const [with2008] = kmByYear(perSection, [2008]);
      expect(Math.abs(with2008!.km - officialKm(2008))).toBeGreaterThan(
        Math.abs(totals[0]! - officialKm(2008)),
      );
    });
  },
);
