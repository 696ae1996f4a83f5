// Station names as MapLibre labels (issue 14: "labelled at sensible zooms"): MapLibre places them with
// its collision detection among the place names, from zoom 8 on, in the interface language. Fed from
// the deck inputs (the rail layer's open stations), so the export map gets them as the screen does.
// The layer is added on first use: a layer nobody shows would cost a GL program at start-up.
import type { FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import type { Lang } from '../core/format.ts';
import { BASEMAP_FONTS, labelTextField } from './offline-style.ts';

export const STATION_LABELS_ID = 'rail-station-labels';
/** Below the provinces' and major places' labels (they win collisions), above the minor places'. */
const BELOW = 'bm-label-province';
export const STATION_LABELS_MINZOOM = 8;

export interface LabelledStation {
  id: string;
  lon: number;
  lat: number;
  name_zh: string;
  name_en: string;
}

type Names = { name_zh: string; name_en: string };
const asGeoJson = (stations: readonly LabelledStation[]): FeatureCollection<Point, Names> => ({
  type: 'FeatureCollection',
  features: stations.map((s) => ({
    type: 'Feature',
    id: s.id,
    geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
    properties: { name_zh: s.name_zh, name_en: s.name_en },
  })),
});

/** Keeps one map's station labels in step with the stations shown (null: rail off). */
export function stationLabels(map: MlMap, lang: Lang) {
  let shown: readonly LabelledStation[] | null = null;
  let current = lang;
  return {
    set(stations: readonly LabelledStation[] | null): void {
      if (stations === shown) return;
      shown = stations;
      if (!map.getSource(STATION_LABELS_ID)) {
        if (!stations) return;
        map.addSource(STATION_LABELS_ID, { type: 'geojson', data: asGeoJson(stations) });
        map.addLayer(
          {
            id: STATION_LABELS_ID,
            type: 'symbol',
            source: STATION_LABELS_ID,
            minzoom: STATION_LABELS_MINZOOM,
            layout: {
              'text-field': labelTextField(current),
              'text-font': [BASEMAP_FONTS.regular],
              'text-size': ['interpolate', ['linear'], ['zoom'], 8, 11, 12, 13],
              'text-variable-anchor': ['top', 'bottom', 'right', 'left'],
              'text-radial-offset': 0.7,
              'text-justify': 'auto',
              'text-padding': 2,
            },
            paint: {
              'text-color': '#1d2730',
              'text-halo-color': 'rgba(255, 255, 255, 0.95)',
              'text-halo-width': 1.5,
            },
          },
          map.getLayer(BELOW) ? BELOW : undefined,
        );
        return;
      }
      if (stations) map.getSource<GeoJSONSource>(STATION_LABELS_ID)!.setData(asGeoJson(stations));
      map.setLayoutProperty(STATION_LABELS_ID, 'visibility', stations ? 'visible' : 'none');
    },
    setLanguage(lang: Lang): void {
      current = lang;
      if (map.getLayer(STATION_LABELS_ID))
        map.setLayoutProperty(STATION_LABELS_ID, 'text-field', labelTextField(lang));
    },
  };
}
