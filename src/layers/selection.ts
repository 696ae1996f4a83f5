// The selected unit's outline, drawn by deck.gl above the choropleth (and below the labels).
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection } from 'geojson';
import type { UnitCode } from '../core/types.ts';
import { SELECTION_RGBA } from './colors.ts';

export function selectionLayer(
  boundaries: FeatureCollection,
  selected: UnitCode | null,
  beforeId: string,
  scale = 1,
): GeoJsonLayer {
  const features: Feature[] = selected
    ? boundaries.features.filter((f) => f.properties?.code === selected)
    : [];
  return new GeoJsonLayer({
    id: 'selected-unit',
    data: features,
    filled: false,
    stroked: true,
    getLineColor: SELECTION_RGBA,
    getLineWidth: 3 * scale,
    lineWidthUnits: 'pixels',
    lineJointRounded: true,
    pickable: false,
    visible: features.length > 0,
    beforeId,
  });
}
