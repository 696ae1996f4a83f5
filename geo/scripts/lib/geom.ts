// Small planar geometry helpers for the boundaries build and its tests. Coordinates are lon/lat
// degrees; "planar" here means treating them as x/y, which is what RFC 7946 winding and the
// point-in-polygon tests need. Geodesic areas come from @turf/area instead.
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type Areal = Polygon | MultiPolygon;

/** The polygons of a Polygon or MultiPolygon, as arrays of rings. */
export function polygonsOf(g: Areal): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Number of positions in a geometry (closing positions included, as in the file). */
export function countPositions(g: Areal): number {
  let n = 0;
  for (const poly of polygonsOf(g)) for (const ring of poly) n += ring.length;
  return n;
}

function xy(p: Position | undefined): [number, number] {
  if (!p || p.length < 2) throw new Error('position with fewer than 2 numbers');
  return [p[0]!, p[1]!];
}

/** Shoelace sum of a closed ring: > 0 when counter-clockwise (in lon/lat), in square degrees × 2. */
export function ringSignedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x0, y0] = xy(ring[i]);
    const [x1, y1] = xy(ring[i + 1]);
    s += x0 * y1 - x1 * y0;
  }
  return s;
}

/**
 * Round every coordinate to `decimals`, drop consecutive duplicates that rounding creates and
 * keep the ring closed. Identical input positions round identically, so shared borders stay shared.
 */
export function roundRing(ring: Position[], decimals: number): Position[] {
  const f = 10 ** decimals;
  const out: Position[] = [];
  for (const p of ring) {
    const [x, y] = xy(p);
    const q: Position = [Math.round(x * f) / f, Math.round(y * f) / f];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0]!, first[1]!]);
  return out;
}

/** RFC 7946 winding: exterior ring counter-clockwise, holes clockwise. Returns new arrays. */
export function rewindPolygon(rings: Position[][]): Position[][] {
  return rings.map((ring, i) => {
    const ccw = ringSignedArea2(ring) > 0;
    const wantCcw = i === 0;
    return ccw === wantCcw ? ring.slice() : ring.slice().reverse();
  });
}

/** Round + rewind every ring of a Polygon/MultiPolygon. */
export function tidyGeometry(g: Areal, decimals: number): Areal {
  const polys = polygonsOf(g).map((rings) => rewindPolygon(rings.map((r) => roundRing(r, decimals))));
  return polys.length === 1
    ? { type: 'Polygon', coordinates: polys[0]! }
    : { type: 'MultiPolygon', coordinates: polys };
}

/**
 * Area-weighted (planar) centroid of a Polygon/MultiPolygon, holes subtracted.
 * @example areaCentroid({ type: 'Polygon', coordinates: [[[0,0],[2,0],[2,2],[0,2],[0,0]]] }) // [1, 1]
 */
export function areaCentroid(g: Areal): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (const poly of polygonsOf(g)) {
    poly.forEach((ring, i) => {
      // Exterior rings add, holes subtract, whatever their stored winding.
      const s2 = ringSignedArea2(ring);
      const sign = (i === 0) === s2 > 0 ? 1 : -1;
      for (let k = 0; k + 1 < ring.length; k++) {
        const [x0, y0] = xy(ring[k]);
        const [x1, y1] = xy(ring[k + 1]);
        const c = (x0 * y1 - x1 * y0) * sign;
        a += c;
        cx += (x0 + x1) * c;
        cy += (y0 + y1) * c;
      }
    });
  }
  if (a === 0) throw new Error('zero-area geometry has no centroid');
  return [cx / (3 * a), cy / (3 * a)];
}

/**
 * A point strictly inside a Polygon/MultiPolygon (JTS "interior point" idea): take the largest
 * polygon, cut it with a horizontal line that avoids every vertex, and return the middle of the
 * widest inside stretch. Unlike a centroid it cannot fall outside a C-shaped unit.
 */
export function interiorPoint(g: Areal): [number, number] {
  let best: Position[][] | undefined;
  let bestArea = -1;
  for (const poly of polygonsOf(g)) {
    const a = Math.abs(ringSignedArea2(poly[0] ?? []));
    if (a > bestArea) {
      bestArea = a;
      best = poly;
    }
  }
  if (!best || bestArea <= 0) throw new Error('geometry has no polygon with area');
  const ys = best[0]!.map((p) => xy(p)[1]);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const mid = (minY + maxY) / 2;
  // Scan at the midpoint between the vertex latitudes nearest below and above the bbox middle.
  let below = minY;
  let above = maxY;
  for (const ring of best)
    for (const p of ring) {
      const y = xy(p)[1];
      if (y <= mid && y > below) below = y;
      if (y > mid && y < above) above = y;
    }
  const scanY = (below + above) / 2;
  const xs: number[] = [];
  for (const ring of best)
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = xy(ring[i]);
      const [x1, y1] = xy(ring[i + 1]);
      if (y0 > scanY !== y1 > scanY) xs.push(x0 + ((scanY - y0) * (x1 - x0)) / (y1 - y0));
    }
  xs.sort((p, q) => p - q);
  let bestX = Number.NaN;
  let bestW = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const w = xs[i + 1]! - xs[i]!;
    if (w > bestW) {
      bestW = w;
      bestX = (xs[i]! + xs[i + 1]!) / 2;
    }
  }
  if (!(bestW > 0)) throw new Error('could not find an interior point');
  return [bestX, scanY];
}
