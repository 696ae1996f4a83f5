/**
 * Planar helpers on lon/lat polygons: bounding boxes and point-in-polygon (even-odd rule over all
 * rings, so holes and multipolygons work). Written here rather than imported because the
 * @turf/boolean-point-in-polygon and @turf/bbox hoisted in node_modules are 6.x (pulled in by another
 * dependency), not the 7.4 of @turf/turf; these few lines do not depend on that hoisting.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

export type Areal = Polygon | MultiPolygon;
export type Bbox4 = [number, number, number, number];

/**
 * The polygons of a Polygon or MultiPolygon, as arrays of rings.
 * @example polygonsOf({ type: 'Polygon', coordinates: [ring] }) // → [[ring]]
 */
export function polygonsOf(g: Areal): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/**
 * Bounding box [minLon, minLat, maxLon, maxLat] of some polygons.
 * @example bboxOf([{ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 1], [0, 0]]] }]) // → [0, 0, 2, 1]
 */
export function bboxOf(geoms: readonly Areal[]): Bbox4 {
  const b: Bbox4 = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of geoms) {
    for (const poly of polygonsOf(g)) {
      for (const ring of poly) {
        for (const p of ring) {
          if (p[0]! < b[0]) b[0] = p[0]!;
          if (p[1]! < b[1]) b[1] = p[1]!;
          if (p[0]! > b[2]) b[2] = p[0]!;
          if (p[1]! > b[3]) b[3] = p[1]!;
        }
      }
    }
  }
  return b;
}

/**
 * Whether a point is inside a Polygon/MultiPolygon (even-odd rule; points exactly on an edge may go
 * either way).
 * @example pointInPolygon(1, 0.5, { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]]] }) // → true
 */
export function pointInPolygon(lon: number, lat: number, g: Areal): boolean {
  let inside = false;
  for (const poly of polygonsOf(g)) {
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const xi = ring[i]![0]!;
        const yi = ring[i]![1]!;
        const xj = ring[j]![0]!;
        const yj = ring[j]![1]!;
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

/** A polygon with its bbox, for quick rejection. */
export interface IndexedArea<P> {
  props: P;
  geometry: Areal;
  bbox: Bbox4;
}

/**
 * Index areas for point lookups (bbox pre-filter, then point-in-polygon).
 * @example const find = areaLookup(counties); find(116.4, 39.9)?.props.code // → '110101'
 */
export function areaLookup<P>(
  features: readonly Feature<Areal, P>[],
): (lon: number, lat: number) => IndexedArea<P> | null {
  const areas = features.map((f) => ({
    props: f.properties,
    geometry: f.geometry,
    bbox: bboxOf([f.geometry]),
  }));
  return (lon, lat) => {
    for (const a of areas) {
      if (lon < a.bbox[0] || lon > a.bbox[2] || lat < a.bbox[1] || lat > a.bbox[3]) continue;
      if (pointInPolygon(lon, lat, a.geometry)) return a;
    }
    return null;
  };
}
