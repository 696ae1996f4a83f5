// Bench fixture: MapLibre alone drawing the app's default map — the same offline style and the same
// boundary sources (all three levels; counties as a five-colour choropleth, province outlines) — and
// recording when it first becomes idle. tests/bench/app.ts times the app against this page.
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import {
  LABELS_BEFORE_ID,
  LOCAL_IDEOGRAPH_FONT_FAMILY,
  offlineStyle,
} from '../../../src/map/offline-style.ts';
import { DEFAULT_VIEW } from '../../../src/state/schema.ts';

const base = new URL('../', window.location.href).href;
const map = new maplibregl.Map({
  container: 'map',
  style: offlineStyle({ baseUrl: base, lang: 'zh' }),
  center: [DEFAULT_VIEW.lon, DEFAULT_VIEW.lat],
  zoom: DEFAULT_VIEW.zoom,
  localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
  fadeDuration: 0,
  attributionControl: false,
});
map.on('load', () => {
  for (const level of ['province', 'city', 'county'])
    map.addSource(`units-${level}`, { type: 'geojson', data: `${base}boundaries-${level}.geojson` });
  map.addLayer(
    {
      id: 'fill',
      type: 'fill',
      source: 'units-county',
      // A choropleth colours each unit from its data: five colours by code, like the app's five classes.
      paint: {
        'fill-color': [
          'match',
          ['%', ['to-number', ['get', 'code']], 5],
          0,
          '#fde725',
          1,
          '#5ec962',
          2,
          '#21918c',
          3,
          '#3b528b',
          '#440154',
        ],
        'fill-opacity': 0.88,
      },
    },
    LABELS_BEFORE_ID,
  );
  map.addLayer(
    { id: 'line', type: 'line', source: 'units-county', paint: { 'line-color': '#fff', 'line-width': 0.6 } },
    LABELS_BEFORE_ID,
  );
  map.addLayer(
    {
      id: 'outline',
      type: 'line',
      source: 'units-province',
      paint: { 'line-color': '#555', 'line-width': 1.4 },
    },
    LABELS_BEFORE_ID,
  );
  map.once('idle', () => {
    (window as unknown as { __bare: { firstCompleteMs: number } }).__bare = {
      firstCompleteMs: performance.now(),
    };
  });
});
