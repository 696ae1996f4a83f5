// deck.gl layers of public-service facilities: points by type, or a hexagon density for overviews.
// Points are drawn from typed arrays built once per point list (deck.gl's binary data): a list of
// 100 k points costs one loop, not 100 k accessor calls per attribute, and a new layer object over
// the same list (a pan, a print export) reuses the arrays, so deck uploads nothing again.
import { HexagonLayer } from '@deck.gl/aggregation-layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer, type ScatterplotLayerProps } from '@deck.gl/layers';
import type { FacilityFeature, FacilityType } from '../core/access/types.ts';
import { FACILITY_COLORS } from './colors.ts';

/** A drawable point: built-in facilities keep their feature; user points carry their file line. */
export interface FacilityPoint {
  type: FacilityType;
  lon: number;
  lat: number;
  flagged: boolean;
  user: boolean;
  feature?: FacilityFeature;
  name: string;
  line?: number;
}

/** One point list with its own layer: the built-in facilities of a type, or the user's of a type. */
export interface FacilityPointSet {
  id: `${FacilityType}` | `user-${FacilityType}`;
  type: FacilityType;
  points: readonly FacilityPoint[];
}

export interface FacilityLayerInputs {
  /** Every point list there is, each with whether it is drawn: a toggle flips `visible`, and the
   * list (and its GPU buffers) stays as it was. */
  sets: readonly (FacilityPointSet & { visible: boolean })[];
  /** The points the hexagon density counts, when it replaces the points; null draws points. */
  density: readonly FacilityPoint[] | null;
  beforeId: string;
  scale: number;
}

/** The attributes of a point list, one entry per point (what the GPU draws). */
export interface FacilityPointArrays {
  length: number;
  attributes: {
    getPosition: { value: Float64Array; size: 2 };
    getFillColor: { value: Uint8Array; size: 4; normalized: true };
    getLineColor: { value: Uint8Array; size: 4; normalized: true };
    getRadius: { value: Float32Array; size: 1 };
  };
}

const FLAGGED_FILL = [255, 255, 255, 180] as const;
const OUTLINE = [255, 255, 255, 230] as const;
const RADIUS_PX = { builtIn: 3.5, user: 4 } as const;

/**
 * Typed arrays for a point list. Flagged points (a known problem with the point) are drawn hollow:
 * a white fill inside their type's colour; user points have their own fill and are a little larger.
 * @example facilityPointArrays([{ type: 'hospital', lon: 116.4, lat: 39.9, flagged: false, user: false, name: 'A' }]).length // 1
 */
export function facilityPointArrays(points: readonly FacilityPoint[]): FacilityPointArrays {
  const n = points.length;
  const position = new Float64Array(n * 2);
  const fill = new Uint8Array(n * 4);
  const line = new Uint8Array(n * 4);
  const radius = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    position[2 * i] = p.lon;
    position[2 * i + 1] = p.lat;
    fill.set(p.flagged ? FLAGGED_FILL : FACILITY_COLORS[p.user ? 'user' : p.type], 4 * i);
    line.set(p.flagged ? FACILITY_COLORS[p.type] : OUTLINE, 4 * i);
    radius[i] = p.user ? RADIUS_PX.user : RADIUS_PX.builtIn;
  }
  return {
    length: n,
    attributes: {
      getPosition: { value: position, size: 2 },
      getFillColor: { value: fill, size: 4, normalized: true },
      getLineColor: { value: line, size: 4, normalized: true },
      getRadius: { value: radius, size: 1 },
    },
  };
}

// One set of arrays per point list: the selector keeps a list's identity until its points change,
// so these are built once per change.
const arraysOf = new WeakMap<readonly FacilityPoint[], FacilityPointArrays>();
function arraysFor(points: readonly FacilityPoint[]): FacilityPointArrays {
  let v = arraysOf.get(points);
  if (v === undefined) arraysOf.set(points, (v = facilityPointArrays(points)));
  return v;
}
type PointLayerProps = ScatterplotLayerProps<FacilityPoint> & { points: readonly FacilityPoint[] };

/** Binary data has no objects: picking hands back the point at the picked index instead. */
class FacilityPointLayer extends ScatterplotLayer<FacilityPoint, PointLayerProps> {
  static override layerName = 'FacilityPointLayer';
  override getPickingInfo(params: {
    info: PickingInfo;
    mode: string;
    sourceLayer: Layer | null;
  }): PickingInfo {
    const info = super.getPickingInfo(params);
    if (info.index >= 0) info.object = this.props.points[info.index];
    return info;
  }
}

export function facilityLayers(f: FacilityLayerInputs): Layer[] {
  const common = { beforeId: f.beforeId } as const;
  const points = f.sets.map(
    (set) =>
      new FacilityPointLayer({
        ...common,
        id: `facility-points-${set.id}`,
        visible: set.visible,
        // deck.gl reads binary data from `attributes`; its typings expect an iterable, hence the cast.
        data: arraysFor(set.points) as unknown as FacilityPoint[],
        points: set.points,
        radiusUnits: 'pixels',
        radiusScale: f.scale,
        stroked: true,
        filled: true,
        getLineWidth: 1,
        lineWidthUnits: 'pixels',
        lineWidthScale: f.scale,
        pickable: true,
      }),
  );
  if (!f.density) return points;
  return [
    ...points,
    new HexagonLayer<FacilityPoint>({
      ...common,
      id: 'facility-density',
      data: f.density,
      getPosition: (p) => [p.lon, p.lat],
      radius: 8000,
      coverage: 0.9,
      extruded: false,
      opacity: 0.75,
      colorRange: [
        [255, 247, 236],
        [254, 232, 200],
        [253, 187, 132],
        [252, 141, 89],
        [227, 74, 51],
        [179, 0, 0],
      ],
      pickable: true,
    }),
  ];
}
