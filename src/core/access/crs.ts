/**
 * Chinese map coordinates to WGS84 with gcoord: GCJ-02 (AMap, Tencent) and BD-09 (Baidu). Used by the
 * facility build and by user-uploaded facility lists, so both convert the same way.
 */
import gcoord from 'gcoord';
import { haversineKm } from '../rail/util.ts';

export type InputCrs = 'wgs84' | 'gcj02' | 'bd09';
export const INPUT_CRS: readonly InputCrs[] = ['wgs84', 'gcj02', 'bd09'];

const GCOORD_CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/**
 * One point from a declared CRS to WGS84 (gcoord leaves points outside China unchanged).
 * @example toWgs84(116.421237, 39.917338, 'bd09') // → [116.408591, 39.909688] (北京协和医学院, to 6 decimals)
 */
export function toWgs84(lon: number, lat: number, crs: InputCrs): [number, number] {
  if (crs === 'wgs84') return [lon, lat];
  const [x, y] = gcoord.transform([lon, lat] as [number, number], GCOORD_CRS[crs], gcoord.WGS84);
  return [x, y];
}

/**
 * Distance in metres between two lon/lat points (haversine on the rail engine's sphere).
 * @example Math.round(metresBetween(116.4, 39.9, 116.401, 39.9)) // → 85
 */
export function metresBetween(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return haversineKm(lon1, lat1, lon2, lat2) * 1000;
}

/**
 * A CRS name as a user may type it (case, dashes and common aliases ignored), or null.
 * @example parseCrs('BD-09') // → 'bd09'
 * @example parseCrs('GCJ02') // → 'gcj02'
 */
export function parseCrs(s: string): InputCrs | null {
  const k = s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  if (k === 'wgs84' || k === 'epsg4326' || k === 'gps') return 'wgs84';
  if (k === 'gcj02' || k === 'amap' || k === 'gaode' || k === 'tencent' || k === 'mars') return 'gcj02';
  if (k === 'bd09' || k === 'bd09ll' || k === 'baidu') return 'bd09';
  return null;
}
