/**
 * In-region HSR km by year. Each section's geometry is split at the region boundary (@turf/line-split)
 * and the pieces whose midpoint (@turf/along) is inside (point-in-polygon) are summed
 * (@turf/length): that gives the in-region share of the drawn line. The share is applied to the
 * official length the geometry stands for:
 *
 * - both ends in the region: the official (new-build) length of line_sections.csv × share;
 * - out-of-region end with a km post at the far station (京沪 德州东 327.98): km post × share;
 * - other out-of-region sections (石太, 石武, 石济, 张呼, 大张, 承沈): the clipped geometry itself;
 * - no geometry: the official length when both ends are in the region (崇礼, 怀兴, 固安东 link),
 *   otherwise left out; sections without an official length (延庆 branch) are left out.
 *
 * Sections of excluded lines (default: 秦沈, see README) are listed but not summed.
 */
import { along } from '@turf/along';
import { length } from '@turf/length';
import { lineSplit } from '@turf/line-split';
import type { Feature, LineString } from 'geojson';
import { pointInPolygon, type Areal } from './geo.ts';
import type { RailSection } from './types.ts';
import { onOrBefore, round, yearEnd } from './util.ts';

/**
 * Length of a line (km) and of its part inside the region (a union of polygons, e.g. the three
 * provinces; they may be given separately since they do not overlap).
 * @example clipLength(line, provinces) // → { totalKm: 313.2, insideKm: 302.6 }
 */
export function clipLength(
  line: LineString,
  region: readonly Areal[],
): { totalKm: number; insideKm: number } {
  const f: Feature<LineString> = { type: 'Feature', properties: {}, geometry: line };
  const totalKm = length(f, { units: 'kilometers' });
  let insideKm = 0;
  for (const poly of region) {
    const split = lineSplit(f, { type: 'Feature', properties: {}, geometry: poly });
    const pieces = split.features.length > 0 ? split.features : [f];
    for (const piece of pieces) {
      const km = length(piece, { units: 'kilometers' });
      if (km === 0) continue;
      const mid = along(piece, km / 2, { units: 'kilometers' }).geometry.coordinates;
      if (pointInPolygon(mid[0]!, mid[1]!, poly)) insideKm += km;
    }
  }
  return { totalKm, insideKm: Math.min(insideKm, totalKm) };
}

export type KmRule =
  'official × share' | 'km post × share' | 'clipped geometry' | 'official (no geometry)' | 'not counted';

export interface SectionKm {
  id: string;
  line: string;
  opened: string;
  rule: KmRule;
  /** In-region km (null when not counted). */
  km: number | null;
  geometryKm: number | null;
  share: number | null;
  /** The upstream table's in-region km, for comparison. */
  upstreamKm: number | null;
  why: string;
}

/**
 * In-region km of every section (see the file comment for the rules).
 * @example sectionKm(network.sections, geometryById, provinces).find((s) => s.id === 'SEC03')?.km // → ≈317
 */
export function sectionKm(
  sections: readonly RailSection[],
  geometry: ReadonlyMap<string, LineString>,
  region: readonly Areal[],
): SectionKm[] {
  return sections.map((s) => {
    const base = { id: s.id, line: s.line, opened: s.opened, upstreamKm: s.upstream_in_region_km };
    const g = geometry.get(s.id);
    const none = (why: string): SectionKm => ({
      ...base,
      rule: 'not counted',
      km: null,
      geometryKm: null,
      share: null,
      why,
    });
    if (s.wholly_in_region && s.upstream_in_region_km === null)
      return none('no official length in the sources');
    if (!g) {
      if (s.wholly_in_region) {
        return {
          ...base,
          rule: 'official (no geometry)',
          km: s.upstream_in_region_km,
          geometryKm: null,
          share: null,
          why: 'both ends in the region',
        };
      }
      return none('runs out of the region and has no geometry to clip');
    }
    const { totalKm, insideKm } = clipLength(g, region);
    const share = totalKm > 0 ? insideKm / totalKm : 0;
    const out = { ...base, geometryKm: round(totalKm, 3), share: round(share, 5) };
    if (s.wholly_in_region) {
      return {
        ...out,
        rule: 'official × share',
        km: round(s.upstream_in_region_km! * share, 3),
        why: s.upstream_in_region_basis,
      };
    }
    if (s.km_post) {
      return {
        ...out,
        rule: 'km post × share',
        km: round(s.km_post.km * share, 3),
        why: `km post ${s.km_post.km} at ${s.km_post.station}`,
      };
    }
    return {
      ...out,
      rule: 'clipped geometry',
      km: round(insideKm, 3),
      why: s.geometry === 'schematic' ? 'clipped station chord' : 'clipped OSM-derived track',
    };
  });
}

export interface KmTotal {
  /** Cut-off date YYYY-MM-DD. */
  date: string;
  km: number;
  sections: string[];
}

/**
 * Sum of the counted sections open on each date, leaving out sections of `excludeLines`.
 * @example kmOnDates(sectionKm(...), ['2013-12-31', '2024-12-31'], ['L06']) // → [{ date: '2013-12-31', km: 1275.9, … }, …]
 */
export function kmOnDates(
  perSection: readonly SectionKm[],
  dates: readonly string[],
  excludeLines: readonly string[] = [],
): KmTotal[] {
  return dates.map((date) => {
    const open = perSection.filter(
      (s) => s.km !== null && !excludeLines.includes(s.line) && onOrBefore(s.opened, date),
    );
    return {
      date,
      km: round(
        open.reduce((t, s) => t + s.km!, 0),
        1,
      ),
      sections: open.map((s) => s.id),
    };
  });
}

/**
 * In-region km at the end of each year.
 * @example kmByYear(perSection, [2013, 2024], ['L06']).map((t) => t.km) // → [≈1276, ≈2657]
 */
export function kmByYear(
  perSection: readonly SectionKm[],
  years: readonly number[],
  excludeLines: readonly string[] = [],
): KmTotal[] {
  return kmOnDates(perSection, years.map(yearEnd), excludeLines);
}
