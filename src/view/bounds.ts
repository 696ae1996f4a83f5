// Boxes the map brings into view: a selected unit, or the whole region (issue 14: on a phone the
// unit panel covers the lower half of the map, so a unit chosen from a link or the search was hidden).
import { bbox } from '@turf/bbox';
import type { FeatureCollection } from 'geojson';
import type { Level, UnitCode } from '../core/types.ts';
import type { Dataset } from '../data/dataset.ts';

/** West, south, east, north in degrees. */
export type Bounds = [number, number, number, number];

const boxesOf = new WeakMap<FeatureCollection, Map<UnitCode, Bounds>>();

/** Each unit's box at a level, computed once per boundary file. */
function boxes(fc: FeatureCollection): Map<UnitCode, Bounds> {
  let byCode = boxesOf.get(fc);
  if (!byCode) {
    byCode = new Map(fc.features.map((f) => [String(f.properties?.code), bbox(f).slice(0, 4) as Bounds]));
    boxesOf.set(fc, byCode);
  }
  return byCode;
}

/**
 * The box of a unit at a level, or null for a code not drawn there.
 * @example unitBounds(data, 'province', '110000') // → [115.42, 39.44, 117.51, 41.06]
 */
export function unitBounds(data: Dataset, level: Level, code: UnitCode): Bounds | null {
  return boxes(data.boundaries[level]).get(code) ?? null;
}

/** The box of the whole region (its provinces). */
export function regionBounds(data: Dataset): Bounds {
  const all = [...boxes(data.boundaries.province).values()];
  return [
    Math.min(...all.map((b) => b[0])),
    Math.min(...all.map((b) => b[1])),
    Math.max(...all.map((b) => b[2])),
    Math.max(...all.map((b) => b[3])),
  ];
}
