// GCJ-02 ("Mars" coordinates used by AMap/Tencent/DataV) → WGS84 with gcoord. The boundaries build
// itself uses the WGS84 Tianditu layers; this is here for the CRS tests and for any GCJ-02 input.
import gcoord from 'gcoord';
import type { Position } from 'geojson';
import type { Areal } from './geom.ts';

/** A WGS84 copy of a GCJ-02 polygon geometry (the input is left untouched). */
export function gcj02ToWgs84<G extends Areal>(g: G): G {
  // gcoord declares its own GeoJSON types (tuple positions); the data are the same shape.
  type GcoordInput = Parameters<typeof gcoord.transform>[0];
  return gcoord.transform(
    structuredClone(g) as unknown as GcoordInput,
    gcoord.GCJ02,
    gcoord.WGS84,
  ) as unknown as G;
}

/** One point from `from` to `to` (e.g. gcoord.WGS84 → gcoord.GCJ02). */
export function convertPoint(p: Position, from: 'WGS84' | 'GCJ02', to: 'WGS84' | 'GCJ02'): [number, number] {
  const crs = { WGS84: gcoord.WGS84, GCJ02: gcoord.GCJ02 } as const;
  const out = gcoord.transform([p[0]!, p[1]!] as [number, number], crs[from], crs[to]);
  return [out[0], out[1]];
}
