/**
 * County of a point on the app's simplified county polygons. The boundaries are simplified with a
 * tolerance of up to 1,200 m (geo/README.md, "Simplification"), so a real place on a coast or border
 * (山海关 on the sea) can fall just outside every polygon: such a point is given the nearest county
 * when it lies within that tolerance, and the distance is reported.
 */
import type { Feature } from 'geojson';
import { areaLookup, bboxOf, polygonsOf, type Areal, type Bbox4 } from '../rail/geo.ts';
import { KM_PER_DEG } from '../rail/util.ts';

/** The largest simplification tolerance of geo/build/boundaries-*.geojson (geo/README.md). */
export const BOUNDARY_SNAP_KM = 1.2;

export interface CountyHit {
  code: string;
  /** 0 inside a polygon; else the distance (m) to the nearest county it was snapped to. */
  snapped_m: number;
}

/** Distance (km) from a point to a polygon's rings, on a local equirectangular plane. */
function distanceKm(lon: number, lat: number, g: Areal): number {
  const kx = KM_PER_DEG * Math.cos((lat * Math.PI) / 180);
  let best = Infinity;
  for (const poly of polygonsOf(g)) {
    for (const ring of poly) {
      for (let i = 1; i < ring.length; i++) {
        const ax = (ring[i - 1]![0]! - lon) * kx;
        const ay = (ring[i - 1]![1]! - lat) * KM_PER_DEG;
        const dx = (ring[i]![0]! - lon) * kx - ax;
        const dy = (ring[i]![1]! - lat) * KM_PER_DEG - ay;
        const len = dx * dx + dy * dy;
        const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len));
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
      }
    }
  }
  return best;
}

/**
 * A locator: county code of a point (point-in-polygon), else the nearest county within `snapKm`.
 * @example const at = countyLocator(counties); at(119.792994, 39.969155) // → { code: '130303', snapped_m: 6 }
 */
export function countyLocator(
  features: readonly Feature<Areal, { code: string }>[],
  snapKm = BOUNDARY_SNAP_KM,
): (lon: number, lat: number) => CountyHit | null {
  const inside = areaLookup(features);
  const boxes = features.map((f) => bboxOf([f.geometry]));
  const margin = snapKm / KM_PER_DEG / Math.cos((45 * Math.PI) / 180); // generous in longitude up to 45° N
  return (lon, lat) => {
    const hit = inside(lon, lat);
    if (hit) return { code: hit.props.code, snapped_m: 0 };
    let best = -1;
    let bestKm = Infinity;
    for (let k = 0; k < features.length; k++) {
      const b = boxes[k]!;
      if (lon < b[0] - margin || lon > b[2] + margin || lat < b[1] - margin || lat > b[3] + margin) continue;
      const d = distanceKm(lon, lat, features[k]!.geometry);
      if (d <= snapKm && d < bestKm) [best, bestKm] = [k, d];
    }
    return best < 0 ? null : { code: features[best]!.properties.code, snapped_m: Math.round(bestKm * 1000) };
  };
}

/**
 * Bbox of the region's county polygons.
 * @example regionBbox(counties) // → [113.45…, 36.05…, 119.85…, 42.61…]
 */
export function regionBbox(features: readonly Feature<Areal, unknown>[]): Bbox4 {
  return bboxOf(features.map((f) => f.geometry));
}
