// deck.gl layers of the rail network and the 1-hour circle.
import type { Layer } from '@deck.gl/core';
import { PathStyleExtension } from '@deck.gl/extensions';
import { GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection, LineString, MultiPolygon } from 'geojson';
import type { SectionFeature } from '../core/rail/types.ts';
import {
  BAND_COLORS,
  BAND_LINE_COLORS,
  CHANGE_LINE_RGBA,
  CHANGE_RGBA,
  speedColor,
  yearColor,
} from './colors.ts';

export interface RailLayerInputs {
  /** Off: the layers stay (hidden), so switching back on re-uploads nothing. */
  visible: boolean;
  /** Sections open in the year on show (the view filters them, and keeps the array while the year stays). */
  sections: readonly SectionFeature[];
  color: 'year' | 'speed';
  /** Stations in service in the year on show. */
  stations: readonly {
    id: string;
    lon: number;
    lat: number;
    serviceYear: number | null;
    name_zh: string;
    name_en: string;
  }[];
  planned: readonly { name_zh: string; geometry: LineString | null }[] | null;
  /** Isochrone bands, largest first. */
  isochrone: FeatureCollection<MultiPolygon, { minutes: number }> | null;
  change: Feature<MultiPolygon> | null;
  origin: [number, number] | null;
  beforeId: string;
  scale: number;
}

const dashed = [new PathStyleExtension({ dash: true })];
/** Opacity (0–255) of sections wholly outside the region. */
export const OUTSIDE_ALPHA = 90;

export function railLayers(r: RailLayerInputs): Layer[] {
  const open = r.sections;
  const base = (f: SectionFeature) =>
    r.color === 'year' ? yearColor(f.properties.open_year) : speedColor(f.properties.design_speed_kmh);
  // Continuations beyond the region are drawn faded (OUTSIDE_ALPHA): context, not part of the region.
  const color = (f: SectionFeature): [number, number, number, number] => {
    const [cr, cg, cb, ca] = base(f);
    return f.properties.outside_region ? [cr, cg, cb, OUTSIDE_ALPHA] : [cr, cg, cb, ca ?? 255];
  };
  const s = r.scale;
  const common = { beforeId: r.beforeId, visible: r.visible } as const;
  const layers: Layer[] = [];
  if (r.isochrone) {
    const n = r.isochrone.features.length;
    layers.push(
      new GeoJsonLayer({
        ...common,
        id: 'isochrone-bands',
        data: r.isochrone.features as Feature[],
        filled: true,
        stroked: true,
        // Largest band first: colour index counts from the smallest.
        getFillColor: (_f: unknown, { index }: { index: number }) =>
          BAND_COLORS[n - 1 - index] ?? BAND_COLORS[5]!,
        getLineColor: (_f: unknown, { index }: { index: number }) =>
          BAND_LINE_COLORS[n - 1 - index] ?? BAND_LINE_COLORS[5]!,
        getLineWidth: 1.6 * s,
        lineWidthUnits: 'pixels',
        pickable: false,
        updateTriggers: { getFillColor: [n], getLineColor: [n] },
      }),
    );
  }
  if (r.change) {
    layers.push(
      new GeoJsonLayer({
        ...common,
        id: 'isochrone-change',
        data: [r.change] as Feature[],
        filled: true,
        stroked: true,
        getFillColor: CHANGE_RGBA,
        getLineColor: CHANGE_LINE_RGBA,
        getLineWidth: 2.5 * s,
        lineWidthUnits: 'pixels',
      }),
    );
  }
  if (r.planned) {
    const planned = r.planned.filter((p) => p.geometry !== null);
    layers.push(
      new PathLayer({
        ...common,
        id: 'rail-planned',
        data: planned,
        getPath: (p: (typeof planned)[number]) => p.geometry!.coordinates as [number, number][],
        getColor: [110, 80, 160, 220],
        getWidth: 2.5 * s,
        widthUnits: 'pixels',
        getDashArray: [3, 2],
        extensions: dashed,
        pickable: true,
      }),
    );
  }
  layers.push(
    new PathLayer({
      ...common,
      id: 'rail-casing',
      data: open,
      getPath: (f: SectionFeature) => f.geometry.coordinates as [number, number][],
      getColor: [255, 255, 255, 230],
      getWidth: 5.5 * s,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
    }),
    new PathLayer({
      ...common,
      id: 'rail-sections',
      data: open,
      getPath: (f: SectionFeature) => f.geometry.coordinates as [number, number][],
      getColor: color,
      getWidth: 3 * s,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      // Station-to-station chords where no track geometry exists are dashed: schematic, not surveyed.
      getDashArray: (f: SectionFeature) => (f.properties.schematic ? [2, 1.5] : [0, 0]),
      extensions: dashed,
      pickable: true,
      updateTriggers: { getColor: [r.color] },
    }),
    new ScatterplotLayer({
      ...common,
      id: 'rail-stations',
      data: r.stations,
      getPosition: (st: { lon: number; lat: number }) => [st.lon, st.lat],
      getRadius: 3.5 * s,
      radiusUnits: 'pixels',
      stroked: true,
      getFillColor: [255, 255, 255, 255],
      getLineColor: [30, 30, 30, 255],
      getLineWidth: 1.3 * s,
      lineWidthUnits: 'pixels',
      pickable: true,
    }),
  );
  if (r.origin) {
    layers.push(
      new ScatterplotLayer({
        ...common,
        id: 'isochrone-origin',
        data: [r.origin],
        getPosition: (p: [number, number]) => p,
        getRadius: 7 * s,
        radiusUnits: 'pixels',
        stroked: true,
        getFillColor: [189, 0, 38, 255],
        getLineColor: [255, 255, 255, 255],
        getLineWidth: 2 * s,
        lineWidthUnits: 'pixels',
      }),
    );
  }
  return layers;
}
