// The live map: the only place (with the other files of src/map) that talks to MapLibre and the
// deck.gl overlay. Components hand it plain data (colours per unit code, deck layers) and listen to
// its events; it hands back unit codes and deck objects from picking. The MapLibre map never leaves
// src/map.
import maplibregl, {
  type ExpressionSpecification,
  type LayerSpecification,
  type MapMouseEvent,
  type Map as MlMap,
  type StyleSpecification,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Layer } from '@deck.gl/core';
import type { FeatureCollection } from 'geojson';
import type { Lang } from '../core/format.ts';
import { LEVELS, type Level, type UnitCode } from '../core/types.ts';
import { NO_DATA_COLOR } from '../core/palettes.ts';
import {
  BASEMAP_ATTRIBUTION,
  BASEMAP_BOUNDS,
  LABELS_BEFORE_ID,
  LOCAL_IDEOGRAPH_FONT_FAMILY,
  labelLayerIds,
  labelTextField,
  offlineStyle,
} from './offline-style.ts';
import type { ViewState } from '../state/schema.ts';
import { drawsAnything, type DeckInputs } from '../layers/inputs.ts';
import type { DeckOverlay } from './deck-overlay.ts';
import { hideOnlineBasemap, showOnlineBasemap } from './online-basemap.ts';
import { stationLabels } from './station-labels.ts';
import { dragPoint, type DragHandlers } from './drag-point.ts';

const HATCH_IMAGE = 'no-data-hatch';
/** The fill of a unit: its choropleth colour (a feature state), no-data grey until it has one. */
const FILL_COLOR = [
  'to-color',
  ['coalesce', ['feature-state', 'color'], NO_DATA_COLOR],
] as unknown as ExpressionSpecification;
/** How long the pointer must rest before the thing under it is picked for the tooltip. */
const HOVER_REST_MS = 60;

export interface MapOptions {
  container: HTMLElement;
  baseUrl: string;
  lang: Lang;
  view: ViewState;
  /**
   * The units' boundaries; by default the app's files (`${baseUrl}boundaries-<level>.geojson`), which
   * MapLibre fetches and parses in its worker while the app loads its data.
   */
  boundaries?: Record<Level, FeatureCollection>;
  attribution: string;
  /** Off-screen export maps render at print resolution. */
  pixelRatio?: number;
  /** Largest canvas in device px; MapLibre's default (4096²) would silently lower an export's pixel ratio. */
  maxCanvasSize?: [number, number];
  interactive?: boolean;
  /** The level drawn first (the others stay hidden, and are not tiled, until setLevel). */
  level: Level;
}

/** A point on the map canvas, in CSS pixels. */
export interface Point {
  x: number;
  y: number;
}

/** What the app hears from the map: camera moves, clicks, the pointer. */
export interface MapEvents {
  /** The camera stopped moving: the new centre and zoom (rounded as links keep them). */
  moveEnd?(view: ViewState): void;
  click?(point: Point, lngLat: [number, number]): void;
  /** The pointer moved over the map (null when it left). */
  pointer?(point: Point | null): void;
}

export interface ExplorerMap {
  setLevel(level: Level): void;
  setChoropleth(level: Level, colorByCode: ReadonlyMap<UnitCode, string>, noData: readonly UnitCode[]): void;
  setHovered(level: Level, code: UnitCode | null): void;
  setLanguage(lang: Lang): void;
  /** Replace the boundary credit of the attribution control (it follows the interface language). */
  setAttribution(text: string): void;
  /**
   * Draw the deck.gl layers of these inputs (under the labels); resolves to the layers drawn. deck.gl
   * is loaded the first time there is something to draw.
   */
  setDeck(inputs: DeckInputs): Promise<Layer[]>;
  /** Resolves when the map has rendered everything it has been given (tiles, sources, deck layers). */
  whenIdle(): Promise<void>;
  pick(point: { x: number; y: number }, level: Level): UnitCode | null;
  /** The deck.gl object under a point, among the given layers (e.g. stations), or null. */
  pickDeck(point: { x: number; y: number }, layerIds: string[]): { layerId: string; object: unknown } | null;
  /** Listen to the map; returns a function that stops listening. */
  on(events: MapEvents): () => void;
  /** Let the user drag a point (the isochrone origin) instead of panning; returns a function that stops. */
  dragPoint(handlers: DragHandlers): () => void;
  setCursor(cursor: string): void;
  /** Move the camera (no animation). */
  jumpTo(view: ViewState): void;
  /**
   * Bring a box (west, south, east, north) into the part of the map that is not covered: the bottom
   * `coveredBottom` CSS px lie under a panel. `centre`: move only when the box's centre is out of that
   * part; `whole`: when any of the box is. The map pans when the box fits at the current zoom, else
   * zooms out to fit it (it never zooms in); `animate` eases there (unless the user asks for reduced
   * motion), else it jumps. Returns whether it moved.
   */
  reveal(
    box: [number, number, number, number],
    coveredBottom: number,
    mode: 'centre' | 'whole',
    animate: boolean,
  ): boolean;
  /** The live camera and the map's CSS size (what an export reproduces). */
  camera(): { centre: [number, number]; zoom: number; bearing: number; width: number; height: number };
  /** Calls back when the WebGL context is lost (after MapLibre has seen it); returns an unsubscribe. */
  onContextLost(lost: () => void): () => void;
  isContextLost(): boolean;
  /** Lay the optional online basemap under the app's layers, or take it away. Throws when it cannot. */
  setOnlineBasemap(on: boolean): Promise<void>;
  destroy(): void;
}

/** The MapLibre map behind an ExplorerMap: for the other modules of src/map only (offscreen.ts). */
const maps = new WeakMap<ExplorerMap, MlMap>();
export function mapOf(em: ExplorerMap): MlMap {
  return maps.get(em)!;
}

const fillId = (level: Level) => `units-fill-${level}`;
const hatchId = (level: Level) => `units-nodata-${level}`;
const lineId = (level: Level) => `units-line-${level}`;
const hoverId = (level: Level) => `units-hover-${level}`;

/** An 8×8 diagonal hatch so "no data" reads as missing, not as a low value. */
function hatchImage(): { width: number; height: number; data: Uint8Array } {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % size === 0 || (x + y) % size === 1;
      const i = (y * size + x) * 4;
      data.set(on ? [150, 150, 150, 255] : [0, 0, 0, 0], i);
    }
  }
  return { width: size, height: size, data };
}

/**
 * The offline style with the units' sources and layers in it from the start, so MapLibre tiles them
 * with the basemap in one pass (adding them on 'load' would tile and draw twice). Only the starting
 * level is visible: a hidden layer is not laid out. The choropleth colours are feature states
 * (`setChoropleth`), so they change without re-tiling and the fill's GL program is the same before
 * and after the data arrives.
 */
function styleWithUnits(opts: MapOptions): StyleSpecification {
  const style = offlineStyle({ baseUrl: opts.baseUrl, lang: opts.lang });
  const units: LayerSpecification[] = [];
  for (const level of LEVELS) {
    const source = `units-${level}`;
    style.sources[source] = {
      type: 'geojson',
      data: opts.boundaries?.[level] ?? `${opts.baseUrl}boundaries-${level}.geojson`,
      promoteId: 'code',
    };
    const visibility = level === opts.level ? 'visible' : 'none';
    units.push(
      {
        id: fillId(level),
        type: 'fill',
        source,
        layout: { visibility },
        // No antialiased outline: the white boundary lines draw the edges (one GL program fewer).
        paint: { 'fill-color': FILL_COLOR, 'fill-opacity': 0.88, 'fill-antialias': false },
      },
      {
        id: hatchId(level),
        type: 'fill',
        source,
        layout: { visibility: 'none' },
        filter: ['in', ['get', 'code'], ['literal', []]],
        paint: { 'fill-pattern': HATCH_IMAGE },
      },
      {
        id: lineId(level),
        type: 'line',
        source,
        layout: { visibility, 'line-join': 'round' },
        paint: { 'line-color': '#ffffff', 'line-width': level === 'county' ? 0.6 : 1 },
      },
      {
        id: hoverId(level),
        type: 'line',
        source,
        layout: { visibility, 'line-join': 'round' },
        filter: ['==', ['get', 'code'], ''],
        paint: { 'line-color': '#222', 'line-width': 2 },
      },
    );
  }
  // Province borders stay visible at every level for orientation.
  units.push({
    id: 'province-outline',
    type: 'line',
    source: 'units-province',
    layout: { 'line-join': 'round' },
    paint: { 'line-color': '#555', 'line-width': 1.4 },
  });
  const at = style.layers.findIndex((l) => l.id === LABELS_BEFORE_ID);
  style.layers.splice(at < 0 ? style.layers.length : at, 0, ...units);
  return style;
}

export function createExplorerMap(opts: MapOptions): ExplorerMap {
  const map = newMapLibreMap(opts);
  const setAttribution = addControls(map, opts);
  const style = styleGate(map);
  const units = unitLayers(map, style, opts.level);
  const deck = deckLayers(map);
  const labels = stationLabels(map, opts.lang);
  const api: ExplorerMap = {
    ...units,
    setLanguage(lang) {
      units.setLanguage(lang);
      style.when(() => labels.setLanguage(lang));
    },
    setAttribution,
    setDeck(inputs) {
      // Station names are MapLibre labels fed from the rail layer's inputs (station-labels.ts).
      style.when(() => labels.set(inputs.rail?.visible ? inputs.rail.stations : null));
      return deck.setDeck(inputs);
    },
    async whenIdle() {
      // deck.gl may still be loading for layers just switched on.
      await deck.loading();
      return whenMapIdle(map, style);
    },
    pick: (point, level) => pickUnit(map, style, point, level),
    pickDeck: deck.pick,
    on: (events) => listen(map, events),
    dragPoint: (handlers) => dragPoint(map, handlers),
    jumpTo(view) {
      map.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom });
    },
    reveal: (box, coveredBottom, mode, animate) => revealBox(map, box, coveredBottom, mode, animate),
    setCursor(cursor) {
      map.getCanvas().style.cursor = cursor;
    },
    camera: () => cameraOf(map),
    onContextLost: (lost) => onContextLost(map, lost),
    isContextLost: () => isContextLost(map),
    async setOnlineBasemap(on) {
      await api.whenIdle();
      if (on) await showOnlineBasemap(map);
      else hideOnlineBasemap(map);
    },
    destroy() {
      deck.remove();
      map.remove();
    },
  };
  maps.set(api, map);
  if (opts.interactive !== false) exposeForTests(api, map);
  return api;
}

function newMapLibreMap(opts: MapOptions): MlMap {
  return new maplibregl.Map({
    container: opts.container,
    style: styleWithUnits(opts),
    center: [opts.view.lon, opts.view.lat],
    zoom: opts.view.zoom,
    minZoom: 4,
    maxZoom: 13,
    // Chinese labels use the reader's own CJK font: no CJK glyphs are shipped, nothing is fetched.
    localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
    // Beyond the basemap's extent there is no data to draw.
    maxBounds: BASEMAP_BOUNDS,
    pixelRatio: opts.pixelRatio,
    ...(opts.maxCanvasSize ? { maxCanvasSize: opts.maxCanvasSize } : {}),
    interactive: opts.interactive ?? true,
    // An export map is sized by the exporter (resize/setPixelRatio), never by its container: a
    // container observer would redraw synchronously before deck.gl follows a pixel-ratio switch.
    trackResize: opts.interactive !== false,
    attributionControl: false,
    fadeDuration: 0,
    // Keeps the drawing buffer readable so exports and tests can copy the canvas. Multisampling only
    // for the export map: on screen it doubled the cost of every frame in software GL (a pan frame
    // ≈800 → ≈400 ms, tests/bench/pan.ts), and MapLibre antialiases its lines and labels itself
    // (MapLibre's own default is off too).
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: opts.interactive === false },
  });
}

/**
 * Navigation, scale and attribution controls on an interactive map (an export map has none). Returns
 * `setAttribution`, which replaces the attribution control when the boundary credit changes.
 */
function addControls(map: MlMap, opts: MapOptions): ExplorerMap['setAttribution'] {
  let attributionControl: maplibregl.AttributionControl | null = null;
  let attributionText = opts.attribution;
  if (opts.interactive !== false) {
    map.addControl(new maplibregl.NavigationControl({ showCompass: true }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    attributionControl = new maplibregl.AttributionControl({
      compact: true,
      customAttribution: [BASEMAP_ATTRIBUTION, opts.attribution],
    });
    map.addControl(attributionControl, 'bottom-right');
  }
  return (text) => {
    if (!attributionControl || text === attributionText) return;
    attributionText = text;
    map.removeControl(attributionControl);
    attributionControl = new maplibregl.AttributionControl({
      compact: true,
      customAttribution: [BASEMAP_ATTRIBUTION, text],
    });
    map.addControl(attributionControl, 'bottom-right');
  };
}

/** Whether the style is in; changes asked for before then wait for it (`when`). */
interface StyleGate {
  ready(): boolean;
  when(fn: () => void): void;
}

function styleGate(map: MlMap): StyleGate {
  let styleReady = false;
  const pending: (() => void)[] = [];
  // The hatch image is added once the style is in; the hatch layers stay hidden until then.
  map.once('style.load', () => {
    map.addImage(HATCH_IMAGE, hatchImage(), { pixelRatio: 2 });
    styleReady = true;
    pending.splice(0).forEach((fn) => fn());
  });
  return {
    ready: () => styleReady,
    when: (fn) => (styleReady ? fn() : pending.push(fn)),
  };
}

/** The units' layers: which level shows, their choropleth colours and no-data hatch, hover, labels. */
function unitLayers(
  map: MlMap,
  style: StyleGate,
  first: Level,
): Pick<ExplorerMap, 'setLevel' | 'setChoropleth' | 'setHovered' | 'setLanguage'> {
  let current: Level | null = first;
  /** Unit codes that have a colour state, per level (to clear them on the next choropleth). */
  const coloured = new Map<Level, UnitCode[]>();
  // The hatch layer is shown only when some unit has no data: a hidden layer costs no GL program
  // (software GL links each one for a noticeable part of the start-up).
  const hatched = new Map<Level, boolean>();
  const showHatch = (level: Level) =>
    map.setLayoutProperty(
      hatchId(level),
      'visibility',
      level === current && hatched.get(level) ? 'visible' : 'none',
    );
  return {
    setLevel(level) {
      style.when(() => {
        if (current === level) return;
        current = level;
        for (const l of LEVELS) {
          const v = l === level ? 'visible' : 'none';
          for (const id of [fillId(l), lineId(l), hoverId(l)]) map.setLayoutProperty(id, 'visibility', v);
          showHatch(l);
        }
      });
    },
    setChoropleth(level, colorByCode, noData) {
      style.when(() => {
        const source = `units-${level}`;
        for (const code of coloured.get(level) ?? [])
          if (!colorByCode.has(code)) map.removeFeatureState({ source, id: code }, 'color');
        for (const [code, color] of colorByCode) map.setFeatureState({ source, id: code }, { color });
        coloured.set(level, [...colorByCode.keys()]);
        map.setFilter(hatchId(level), ['in', ['get', 'code'], ['literal', [...noData]]]);
        hatched.set(level, noData.length > 0);
        showHatch(level);
      });
    },
    setHovered(level, code) {
      style.when(() => map.setFilter(hoverId(level), ['==', ['get', 'code'], code ?? '']));
    },
    setLanguage(lang) {
      style.when(() => {
        for (const id of labelLayerIds)
          if (map.getLayer(id)) map.setLayoutProperty(id, 'text-field', labelTextField(lang));
      });
    },
  };
}

/** The deck.gl overlay, loaded the first time there is something to draw. */
function deckLayers(map: MlMap): {
  setDeck: ExplorerMap['setDeck'];
  /** Resolves once a started load of deck.gl is over (failed or not). */
  loading(): Promise<unknown>;
  pick: ExplorerMap['pickDeck'];
  remove(): void;
} {
  let deck: Promise<DeckOverlay> | null = null;
  let drawnDeck: DeckOverlay | null = null;
  /** The inputs of the last setDeck: a slow first load draws the newest, not the first. */
  let deckInputs: DeckInputs | null = null;
  return {
    async setDeck(inputs) {
      deckInputs = inputs;
      if (!deck && !drawsAnything(inputs)) return [];
      // Ready once deck.gl has its GPU device, so that whenIdle (which awaits this) means drawn.
      deck ??= import('./deck-overlay.ts').then(async (m) => {
        const overlay = m.addDeckOverlay(map);
        await overlay.loaded;
        return (drawnDeck = overlay);
      });
      return (await deck).draw(deckInputs);
    },
    loading: async () => deck?.catch(() => undefined),
    pick: (point, layerIds) => (drawnDeck ? drawnDeck.pick(point, layerIds) : null),
    remove: () => drawnDeck?.remove(),
  };
}

/** Resolves when the style is in, every tile is loaded and the camera is still. */
function whenMapIdle(map: MlMap, style: StyleGate): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (style.ready() && map.loaded() && !map.isMoving()) resolve();
      else map.once('idle', check);
    };
    // Let a just-dispatched change reach the map before asking whether it is idle.
    requestAnimationFrame(() => requestAnimationFrame(check));
  });
}

/** The code of the unit drawn under a point at a level, or null. */
function pickUnit(map: MlMap, style: StyleGate, point: Point, level: Level): UnitCode | null {
  if (!style.ready()) return null;
  const hit = map.queryRenderedFeatures([point.x, point.y], { layers: [fillId(level)] })[0];
  const code = hit?.properties?.code;
  return typeof code === 'string' ? code : null;
}

/** Passes the map's camera, click and pointer events on; returns a function that stops it. */
function listen(map: MlMap, events: MapEvents): () => void {
  const moveEnd = () => {
    const c = map.getCenter();
    events.moveEnd?.({ lon: +c.lng.toFixed(4), lat: +c.lat.toFixed(4), zoom: +map.getZoom().toFixed(2) });
  };
  const click = (e: MapMouseEvent) => events.click?.(e.point, [e.lngLat.lng, e.lngLat.lat]);
  // Hover is reported once the pointer rests (HOVER_REST_MS), and never while a button is down
  // or the map moves: each report may pick deck objects, a render pass plus a GPU read-back that
  // would otherwise cost every drag step a frame's worth of time for a tooltip nobody reads.
  let rest: ReturnType<typeof setTimeout> | undefined;
  const move = (e: MapMouseEvent) => {
    clearTimeout(rest);
    if (e.originalEvent.buttons !== 0 || map.isMoving()) {
      events.pointer?.(null);
      return;
    }
    const point = e.point;
    rest = setTimeout(() => events.pointer?.(point), HOVER_REST_MS);
  };
  const out = () => {
    clearTimeout(rest);
    events.pointer?.(null);
  };
  const down = () => clearTimeout(rest);
  map.on('moveend', moveEnd);
  map.on('click', click);
  map.on('mousemove', move);
  map.on('mouseout', out);
  map.on('mousedown', down);
  return () => {
    map.off('moveend', moveEnd);
    map.off('click', click);
    map.off('mousemove', move);
    map.off('mouseout', out);
    map.off('mousedown', down);
    clearTimeout(rest);
  };
}

function cameraOf(map: MlMap): ReturnType<ExplorerMap['camera']> {
  const c = map.getCenter();
  const el = map.getContainer();
  return {
    centre: [c.lng, c.lat],
    zoom: map.getZoom(),
    bearing: map.getBearing(),
    width: el.clientWidth,
    height: el.clientHeight,
  };
}

function onContextLost(map: MlMap, lost: () => void): () => void {
  const canvas = map.getCanvas();
  const handler = (e: Event) => {
    e.preventDefault();
    // Let MapLibre see the event first.
    setTimeout(lost, 0);
  };
  canvas.addEventListener('webglcontextlost', handler);
  return () => canvas.removeEventListener('webglcontextlost', handler);
}

function isContextLost(map: MlMap): boolean {
  const gl = map.getCanvas().getContext('webgl2') ?? map.getCanvas().getContext('webgl');
  return !gl || gl.isContextLost();
}

/**
 * A handle for the browser tests and the benchmark: the live map, a promise of a full render, and
 * the time of the first complete map (`firstCompleteMs`, ms since navigation).
 */
function exposeForTests(api: ExplorerMap, map: MlMap): void {
  const handle: { map: MlMap; whenIdle: () => Promise<void>; firstCompleteMs?: number } = {
    map,
    whenIdle: () => api.whenIdle(),
  };
  const previous = (window as unknown as { __explorer?: { firstCompleteMs?: number } }).__explorer;
  if (previous?.firstCompleteMs !== undefined) handle.firstCompleteMs = previous.firstCompleteMs;
  else api.whenIdle().then(() => (handle.firstCompleteMs ??= performance.now()));
  (window as unknown as { __explorer: typeof handle }).__explorer = handle;
}

/** Room kept free at the top (the view title box) and at the sides, in CSS px. */
const REVEAL_PAD = { top: 56, side: 16, bottom: 16 } as const;

function revealBox(
  map: MlMap,
  box: [number, number, number, number],
  coveredBottom: number,
  mode: 'centre' | 'whole',
  animate: boolean,
): boolean {
  const { clientWidth: width, clientHeight: height } = map.getContainer();
  const free = { left: REVEAL_PAD.side, right: width - REVEAL_PAD.side, top: REVEAL_PAD.top };
  const bottom = height - coveredBottom - REVEAL_PAD.bottom;
  if (bottom - free.top < 80 || free.right - free.left < 80) return false; // no room worth moving for
  const inFree = (p: { x: number; y: number }) =>
    p.x >= free.left && p.x <= free.right && p.y >= free.top && p.y <= bottom;
  const sw = map.project([box[0], box[1]]);
  const ne = map.project([box[2], box[3]]);
  const middle = map.project([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2]);
  if (mode === 'centre' ? inFree(middle) : inFree(sw) && inFree(ne)) return false;
  const camera = map.cameraForBounds(box, {
    padding: { top: free.top, left: REVEAL_PAD.side, right: REVEAL_PAD.side, bottom: height - bottom },
    maxZoom: map.getZoom(),
  });
  if (!camera?.center) return false;
  // A camera a link can hold exactly (links keep 4 decimals of a degree and 2 of zoom; the zoom is
  // rounded down so the box still fits): the same link then draws the same map.
  const centre = maplibregl.LngLat.convert(camera.center);
  const to = {
    center: [Number(centre.lng.toFixed(4)), Number(centre.lat.toFixed(4))] as [number, number],
    zoom: Math.floor((camera.zoom ?? map.getZoom()) * 100) / 100,
  };
  const still = !animate || matchMedia('(prefers-reduced-motion: reduce)').matches;
  if (still) map.jumpTo(to);
  else map.easeTo({ ...to, duration: 400 });
  return true;
}
