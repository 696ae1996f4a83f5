// deck.gl layers of public-service facilities: points by type, or a hexagon density for overviews.
import { HexagonLayer } from '@deck.gl/aggregation-layers';
import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
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

export interface FacilityLayerInputs {
  points: readonly FacilityPoint[];
  density: boolean;
  beforeId: string;
  scale: number;
}

export function facilityLayers(f: FacilityLayerInputs): Layer[] {
  const common = { beforeId: f.beforeId } as const;
  if (f.density) {
    return [
      new HexagonLayer<FacilityPoint>({
        ...common,
        id: 'facility-density',
        data: f.points.filter((p) => !p.flagged),
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
  return [
    new ScatterplotLayer<FacilityPoint>({
      ...common,
      id: 'facility-points',
      data: f.points,
      getPosition: (p) => [p.lon, p.lat],
      getRadius: (p) => (p.user ? 4 : 3.5) * f.scale,
      radiusUnits: 'pixels',
      stroked: true,
      // Flagged points (a known problem with the point) are drawn hollow: shown, but not used.
      filled: true,
      getFillColor: (p) => (p.flagged ? [255, 255, 255, 180] : FACILITY_COLORS[p.user ? 'user' : p.type]),
      getLineColor: (p) => (p.flagged ? FACILITY_COLORS[p.type] : [255, 255, 255, 230]),
      getLineWidth: 1 * f.scale,
      lineWidthUnits: 'pixels',
      pickable: true,
    }),
  ];
}
