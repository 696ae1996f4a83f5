/**
 * Origins of an isochrone from what a person types: a station name in Chinese or English (case and
 * spaces ignored, with or without 站 / "Station"), a station id, or "lon,lat". Unknown names give the
 * three closest names (edit distance); origins outside the region are refused.
 */
import { inRegion, type AccessGrid } from './grid.ts';
import type { Origin } from './isochrone.ts';
import type { RailStation } from './types.ts';
import { editDistance } from '../text.ts';

/**
 * A problem with the origin the user gave; the message is meant to be shown as is.
 * @example try { parseOrigin('Tianjn', stations, grid) } catch (e) { (e as OriginError).suggestions } // → 3 names
 */
export class OriginError extends Error {
  constructor(
    message: string,
    readonly suggestions: string[] = [],
  ) {
    super(message);
    this.name = 'OriginError';
  }
}

/**
 * Comparable form of a station name: NFKC, lower case, no spaces, no trailing 站 / "(railway) station",
 * no parenthesised remark.
 * @example normalizeName(' Beijing  West Railway Station ') // → 'beijingwest'
 * @example normalizeName('北京西站') // → '北京西'
 */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s*\(.*\)\s*$/, '')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/(railwaystation|station|火车站|站)$/, '');
}

function label(s: RailStation): string {
  return `${s.name_zh} (${s.name_en.replace(/\s*\(.*\)$/, '')})`;
}

/**
 * The station a name refers to, or an OriginError listing the three closest names.
 * @example findStation(stations, 'beijing south').id // → 'ST001'
 */
export function findStation(stations: readonly RailStation[], query: string): RailStation {
  const q = normalizeName(query);
  if (q === '') throw new OriginError('empty origin: give a station name or "lon,lat"');
  const keys = stations.flatMap((s) => [
    { s, key: normalizeName(s.name_zh) },
    { s, key: normalizeName(s.name_en) },
    { s, key: s.id.toLowerCase() },
  ]);
  const hit = keys.find((k) => k.key === q);
  if (hit) return hit.s;
  const best = new Map<RailStation, number>();
  for (const k of keys) best.set(k.s, Math.min(best.get(k.s) ?? Infinity, editDistance(q, k.key)));
  const ranked = [...best.entries()].sort((a, b) => a[1] - b[1] || (a[0].id < b[0].id ? -1 : 1)).slice(0, 3);
  const suggestions = ranked.map(([s]) => label(s));
  throw new OriginError(`unknown station "${query}"; closest names: ${suggestions.join(', ')}`, suggestions);
}

/** "Beijing South" → "beijingnan": the English direction words as the pinyin syllables users type. */
function pinyinish(nameEn: string): string {
  const words: Record<string, string> = { south: 'nan', north: 'bei', east: 'dong', west: 'xi' };
  return normalizeName(nameEn.replace(/\b(south|north|east|west)\b/gi, (w) => words[w.toLowerCase()]!));
}

/**
 * Located stations whose zh or en name (or pinyin-style name: "beijingnan") starts with or contains
 * the query; those starting with it first, then by id. Empty query: none.
 * @example searchStations(stations, '北京南')[0].name_en // → 'Beijing South'
 */
export function searchStations(stations: readonly RailStation[], query: string, limit = 8): RailStation[] {
  const q = normalizeName(query);
  if (q === '') return [];
  const ranked = stations.flatMap((s) => {
    if (s.lon === null || s.lat === null) return [];
    const keys = [normalizeName(s.name_zh), normalizeName(s.name_en), pinyinish(s.name_en)];
    const rank = keys.some((k) => k.startsWith(q)) ? 0 : keys.some((k) => k.includes(q)) ? 1 : 2;
    return rank < 2 ? [{ s, rank }] : [];
  });
  ranked.sort((a, b) => a.rank - b.rank || (a.s.id < b.s.id ? -1 : 1));
  return ranked.slice(0, limit).map((x) => x.s);
}

const LONLAT = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/;

/**
 * Parse an origin: "lon,lat" (WGS84) or a station name/id. A point must be inside the region (a grid
 * cell of a county); a station must be located, and may lie outside the region (a continuation end).
 * @example parseOrigin('北京西', stations, grid) // → { kind: 'station', station: {…ST015} }
 * @example parseOrigin('116.40,39.90', stations, grid) // → { kind: 'point', lon: 116.4, lat: 39.9 }
 */
export function parseOrigin(text: string, stations: readonly RailStation[], grid: AccessGrid): Origin {
  const m = LONLAT.exec(text);
  if (m) {
    const lon = Number(m[1]);
    const lat = Number(m[2]);
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90)
      throw new OriginError(`"${text}" is not a lon,lat position (lon first, WGS84 degrees)`);
    if (!inRegion(grid, lon, lat)) {
      throw new OriginError(
        `origin ${lon},${lat} is outside Beijing–Tianjin–Hebei (the analysis region); give a point inside it, lon first`,
      );
    }
    return { kind: 'point', lon, lat };
  }
  const s = findStation(stations, text);
  if (s.lon === null || s.lat === null)
    throw new OriginError(
      `${label(s)} is not located (no coordinates in the sources), so it cannot be an origin`,
    );
  // Out-of-region stations of the network (德州东, 沈阳 …) are origins too: the trip boards there and
  // reaches the region by rail. A point must lie inside the region.
  if (s.in_region && !inRegion(grid, s.lon, s.lat)) {
    throw new OriginError(`${label(s)} is outside Beijing–Tianjin–Hebei (the analysis region)`);
  }
  return { kind: 'station', station: s };
}
