// The offline basemap style: GeoJSON layers and Latin glyphs built by `npm run build:geo` into
// geo/build (served as the app's public dir), so nothing is fetched from another origin. Chinese
// text is drawn from the reader's own CJK font through the map's `localIdeographFontFamily`.
// A quiet light look (pale land, blue-grey water, grey labels) so a choropleth can sit on top.
import type {
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';

export type BasemapLang = 'zh' | 'en';

/** For the map's attribution control and for exported figures. */
export const BASEMAP_ATTRIBUTION = 'Natural Earth · GSHHG 2.3.7 (LGPL-3.0+) · Tianditu province outlines';

/**
 * Extent of the basemap: the neighbouring provinces and a land backdrop reach this far, and beyond it
 * there is only the sea-coloured background. Pass it as the map's `maxBounds`.
 */
export const BASEMAP_BOUNDS: [[number, number], [number, number]] = [
  [108, 32.5],
  [124.2, 46.5],
];

/** A CSS font-family list for `localIdeographFontFamily`: CJK glyphs come from local fonts. */
export const LOCAL_IDEOGRAPH_FONT_FAMILY =
  "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** Single-font stacks only: a static server cannot combine stacks. Glyphs ship for these two. */
export const BASEMAP_FONTS = { regular: 'Noto Sans Regular', italic: 'Noto Sans Italic' } as const;

/** GeoJSON files under `${baseUrl}basemap/`, one source each. */
export const BASEMAP_SOURCES = [
  'land',
  'coastline',
  'lakes',
  'rivers',
  'neighbours',
  'province-lines',
  'urban',
  'places',
  'labels',
] as const;

const C = {
  sea: '#d8e3ea',
  land: '#f6f5f1',
  neighbour: '#ecebe6',
  urban: '#e7e3dc',
  river: '#a9c3d6',
  coast: '#b3c7d5',
  borderJjj: '#a8a59d',
  borderOther: '#c3c0b8',
  waterText: '#6c8aa0',
  placeText: '#3f3f3f',
  placeTextOutside: '#85827b',
  contextText: '#a29e95',
  halo: 'rgba(255, 255, 255, 0.9)',
  haloWater: 'rgba(216, 227, 234, 0.85)',
};

/** Text of every label layer: Chinese falls back to English where the data has no Chinese name. */
export function labelTextField(lang: BasemapLang): ExpressionSpecification {
  return lang === 'zh' ? ['coalesce', ['get', 'name_zh'], ['get', 'name_en']] : ['get', 'name_en'];
}

const byZoom = (...stops: (number | ExpressionSpecification)[]): ExpressionSpecification => [
  'interpolate',
  ['linear'],
  ['zoom'],
  ...stops,
];
// Filters are evaluated at integer tile zooms, so min_zoom 6.7 shows from z7 on.
const shownFrom: ExpressionSpecification = ['>=', ['zoom'], ['get', 'min_zoom']];
const kindIs = (...kinds: string[]): ExpressionSpecification => [
  'all',
  ['match', ['get', 'kind'], kinds, true, false],
  shownFrom,
];

/** A value per class 1, 2, 3 and anything else (places: `tier`, 1 = capital; rivers: `rank`). */
const perClass = (
  prop: 'tier' | 'rank',
  v1: number,
  v2: number,
  v3: number,
  v4: number,
): ExpressionSpecification => ['match', ['get', prop], 1, v1, 2, v2, 3, v3, v4];
const placeSize = (t1: number, t2: number, t3: number, t4: number) => perClass('tier', t1, t2, t3, t4);

/** Id of the first label layer: the app inserts its choropleth and deck.gl layers below it. */
export const LABELS_BEFORE_ID = 'bm-place-dots';

/**
 * Symbol layers whose `text-field` is `labelTextField(lang)`: switch language with setLayoutProperty.
 * Later layers win label collisions: capitals and prefecture seats, then neighbouring provinces, then
 * minor places, peaks, regions and water.
 */
export const labelLayerIds: readonly string[] = [
  'bm-label-river',
  'bm-label-water',
  'bm-label-region',
  'bm-label-peak',
  'bm-label-place-minor',
  'bm-label-province',
  'bm-label-place',
];

/** Place names beside their dot; minor places are a separate, lower layer so they give way first. */
function placeLabels(
  id: string,
  tiers: ExpressionSpecification,
  text: ExpressionSpecification,
): LayerSpecification {
  return {
    id,
    type: 'symbol',
    source: 'places',
    filter: ['all', shownFrom, tiers],
    layout: {
      'text-field': text,
      'text-font': [BASEMAP_FONTS.regular],
      'text-size': byZoom(5, placeSize(14, 12.5, 11.5, 10.5), 10, placeSize(19, 16, 14.5, 13)),
      'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
      'text-radial-offset': 0.45,
      'text-justify': 'auto',
      'text-padding': 3,
      'symbol-sort-key': ['get', 'rank'],
    },
    paint: {
      'text-color': ['case', ['get', 'jjj'], C.placeText, C.placeTextOutside],
      'text-halo-color': C.halo,
      'text-halo-width': 1.4,
    },
  };
}

function layers(lang: BasemapLang): LayerSpecification[] {
  const text = labelTextField(lang);
  // Upper-case, spaced English for areas; Chinese has no case and keeps its own spacing.
  const areaTransform = lang === 'en' ? 'uppercase' : 'none';
  return [
    { id: 'bm-background', type: 'background', paint: { 'background-color': C.sea } },
    { id: 'bm-land', type: 'fill', source: 'land', paint: { 'fill-color': C.land, 'fill-antialias': false } },
    {
      id: 'bm-neighbours',
      type: 'fill',
      source: 'neighbours',
      paint: { 'fill-color': C.neighbour, 'fill-antialias': false },
    },
    // NE 50m urban areas are coarse blocks: strongest at the region's overview zooms, faded closer in.
    {
      id: 'bm-urban',
      type: 'fill',
      source: 'urban',
      paint: { 'fill-color': C.urban, 'fill-opacity': byZoom(5, 0.55, 7.5, 0.8, 10, 0.4) },
    },
    { id: 'bm-lakes', type: 'fill', source: 'lakes', paint: { 'fill-color': C.sea } },
    {
      id: 'bm-rivers',
      type: 'line',
      source: 'rivers',
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': C.river,
        'line-width': byZoom(
          5,
          perClass('rank', 0.9, 0.7, 0.45, 0.35),
          10,
          perClass('rank', 2.4, 1.8, 1.3, 1),
        ),
        'line-opacity': ['match', ['get', 'kind'], 'canal', 0.75, 1],
      },
    },
    {
      id: 'bm-coastline',
      type: 'line',
      source: 'coastline',
      layout: { 'line-join': 'round' },
      paint: { 'line-color': C.coast, 'line-width': byZoom(5, 0.5, 10, 1) },
    },
    {
      id: 'bm-province-lines',
      type: 'line',
      source: 'province-lines',
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': ['case', ['get', 'jjj'], C.borderJjj, C.borderOther],
        'line-width': byZoom(5, 0.6, 10, 1.4),
        'line-dasharray': [3, 2],
      },
    },
    // ---- label group: everything from here on stays above the app's data layers ----
    {
      id: 'bm-place-dots',
      type: 'circle',
      source: 'places',
      filter: shownFrom,
      paint: {
        'circle-radius': byZoom(5, placeSize(3.2, 2.6, 2.1, 1.6), 10, placeSize(4.5, 3.8, 3.2, 2.6)),
        'circle-color': ['case', ['get', 'jjj'], '#555451', '#9c9991'],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
    {
      id: 'bm-label-river',
      type: 'symbol',
      source: 'rivers',
      minzoom: 7,
      filter: ['has', 'name_en'],
      layout: {
        'symbol-placement': 'line',
        'symbol-spacing': 350,
        'text-field': text,
        'text-font': [BASEMAP_FONTS.italic],
        'text-size': byZoom(7, 10, 10, 12),
        'text-letter-spacing': 0.05,
        'text-max-angle': 50,
      },
      paint: { 'text-color': C.waterText, 'text-halo-color': C.halo, 'text-halo-width': 1.2 },
    },
    {
      id: 'bm-label-water',
      type: 'symbol',
      source: 'labels',
      filter: kindIs('sea', 'lake'),
      layout: {
        'text-field': text,
        'text-font': [BASEMAP_FONTS.italic],
        'text-size': byZoom(5, ['match', ['get', 'kind'], 'sea', 12, 9.5], 10, [
          'match',
          ['get', 'kind'],
          'sea',
          18,
          12.5,
        ]),
        'text-letter-spacing': ['match', ['get', 'kind'], 'sea', 0.3, 0.05],
        'text-max-width': 7,
        'symbol-sort-key': ['get', 'rank'],
      },
      paint: { 'text-color': C.waterText, 'text-halo-color': C.haloWater, 'text-halo-width': 1 },
    },
    {
      id: 'bm-label-region',
      type: 'symbol',
      source: 'labels',
      maxzoom: 9,
      filter: kindIs('region'),
      layout: {
        'text-field': text,
        'text-font': [BASEMAP_FONTS.italic],
        'text-size': byZoom(5, 10, 9, 13),
        'text-transform': areaTransform,
        'text-letter-spacing': 0.25,
        'text-max-width': 8,
        'symbol-sort-key': ['get', 'rank'],
      },
      paint: { 'text-color': C.contextText, 'text-halo-color': C.halo, 'text-halo-width': 1 },
    },
    {
      id: 'bm-label-peak',
      type: 'symbol',
      source: 'labels',
      filter: kindIs('peak'),
      layout: {
        'text-field': text,
        'text-font': [BASEMAP_FONTS.italic],
        'text-size': 10,
        'text-line-height': 1.1,
      },
      paint: { 'text-color': C.contextText, 'text-halo-color': C.halo, 'text-halo-width': 1 },
    },
    placeLabels('bm-label-place-minor', ['==', ['get', 'tier'], 4], text),
    {
      id: 'bm-label-province',
      type: 'symbol',
      source: 'labels',
      filter: kindIs('province'),
      layout: {
        'text-field': text,
        'text-font': [BASEMAP_FONTS.regular],
        'text-size': byZoom(5, 11, 9, 15),
        'text-transform': areaTransform,
        'text-letter-spacing': 0.2,
        'text-max-width': 8,
      },
      paint: { 'text-color': C.contextText, 'text-halo-color': C.halo, 'text-halo-width': 1.2 },
    },
    placeLabels('bm-label-place', ['<=', ['get', 'tier'], 3], text),
  ];
}

/**
 * The complete offline style. `baseUrl` is the absolute URL the app is served from, ending in '/'
 * (e.g. `new URL(import.meta.env.BASE_URL, location.href).href`); every source and the glyphs
 * resolve below it.
 */
export function offlineStyle(opts: { baseUrl: string; lang: BasemapLang }): StyleSpecification {
  const { baseUrl, lang } = opts;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(baseUrl) || !baseUrl.endsWith('/')) {
    throw new Error(`offlineStyle: baseUrl must be an absolute URL ending in '/', got "${baseUrl}"`);
  }
  const sources: Record<string, SourceSpecification> = {};
  for (const name of BASEMAP_SOURCES) {
    // The data is generalised to ≈200 m, so tiling past z11 adds nothing but work.
    sources[name] = { type: 'geojson', data: `${baseUrl}basemap/${name}.geojson`, maxzoom: 11 };
  }
  return {
    version: 8,
    name: `Jing-Jin-Ji offline basemap (${lang})`,
    glyphs: `${baseUrl}glyphs/{fontstack}/{range}.pbf`,
    sources,
    layers: layers(lang),
  };
}
