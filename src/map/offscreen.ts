// Renders the map of a figure on a hidden, non-interactive export map created at the print pixel
// ratio (dpi/96), never by changing the live map. The export map gets the same choropleth, language
// and deck.gl layers (setDeck, as the screen) and is read only once MapLibre is idle and every
// deck layer has loaded. Frames larger than the GPU's largest canvas are drawn in tiles.
import type { Layer } from '@deck.gl/core';
import type { FeatureCollection } from 'geojson';
import type { Lang } from '../core/format.ts';
import type { Level, UnitCode } from '../core/types.ts';
import { t } from '../i18n/messages.ts';
import type { DeckInputs } from '../layers/index.ts';
import { createExplorerMap, mapOf, type ExplorerMap } from './explorer-map.ts';
import { metresPerCssPixel, planTiles, tileCentre } from '../core/mercator.ts';

export interface MapRenderSpec {
  /** Frame size in device pixels. */
  width: number;
  height: number;
  pixelRatio: number;
  centre: [number, number];
  zoom: number;
  lang: Lang;
  level: Level;
  colorByCode: ReadonlyMap<UnitCode, string>;
  noData: readonly UnitCode[];
  /** Everything deck.gl draws, exactly as the live map gets it. */
  deck: DeckInputs;
  boundaries: Record<Level, FeatureCollection>;
  baseUrl: string;
  attribution: string;
  timeoutMs?: number;
  /** Largest tile side in device px (default: the GPU limit); lower it to test tiling. */
  maxTileSide?: number;
}

export interface RenderedMap {
  canvas: HTMLCanvasElement;
  /** Ground metres per device pixel at the map centre. */
  metresPerPixel: number;
  tiles: number;
  /** Largest canvas side the GPU allows (what tiling was planned against). */
  maxSide: number;
}

/** The export failed in a way the user should read (translated message, no stack needed). */
export class ExportError extends Error {}

let limits: number | undefined;
/** Pixel ratio the export map loads at before it switches to the print ratio. */
const LOAD_RATIO = 0.5;

/** Largest canvas side WebGL can render here: texture, renderbuffer and viewport limits. */
export function glMaxSide(): number {
  if (limits !== undefined) return limits;
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) throw new ExportError('WebGL is not available in this browser.');
  const viewport = gl.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array;
  limits = Math.min(
    gl.getParameter(gl.MAX_TEXTURE_SIZE) as number,
    gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number,
    viewport[0]!,
    viewport[1]!,
  );
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return limits;
}

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

/** Resolves once the map is idle and every deck layer has loaded, with a frame drawn after both. */
async function settle(
  em: ExplorerMap,
  layers: Layer[],
  deadline: number,
  lang: Lang,
  timeoutMs: number,
): Promise<void> {
  const deckLoaded = () => layers.every((l) => !l.props.visible || l.isLoaded);
  for (;;) {
    if (performance.now() > deadline)
      throw new ExportError(t(lang, 'export.err.timeout', { seconds: String(Math.round(timeoutMs / 1000)) }));
    await em.whenIdle();
    if (deckLoaded()) {
      // Listen before asking for the frame, so an 'idle' that comes quickly is not missed.
      const drawn = new Promise<void>((r) => mapOf(em).once('idle', () => r()));
      mapOf(em).triggerRepaint();
      await drawn;
      if (deckLoaded()) return;
    }
    await nextFrame();
  }
}

/**
 * Every frame MapLibre draws while sources and labels load costs GPU time, and software GL takes
 * seconds for one print-size frame. So the map loads and settles at a low pixel ratio, and only then
 * switches to the print ratio, right after MapLibre has drawn a frame: the container's CSS width
 * changes by 1 px at the same moment, so deck.gl's canvas observer (delivered later in that same
 * browser frame) follows the new drawing-buffer size before the one print-size frame is drawn.
 * setPixelRatio alone would leave deck layers at the old ratio in a corner (DESIGN.md).
 */
async function settleSharp(
  em: ExplorerMap,
  container: HTMLElement,
  size: { cssW: number; pr: number },
  layers: Layer[],
  deadline: number,
  lang: Lang,
  timeoutMs: number,
): Promise<void> {
  if (size.pr <= LOAD_RATIO) return settle(em, layers, deadline, lang, timeoutMs);
  container.style.width = `${size.cssW + 1}px`;
  mapOf(em).setPixelRatio(LOAD_RATIO);
  await settle(em, layers, deadline, lang, timeoutMs);
  const switched = new Promise<void>((resolve) => {
    mapOf(em).once('render', () => {
      container.style.width = `${size.cssW}px`;
      mapOf(em).setPixelRatio(size.pr);
      // The 'idle' of the frame just drawn would come before the print-size frame: wait for the next.
      mapOf(em).once('render', () => mapOf(em).once('idle', () => resolve()));
    });
    mapOf(em).triggerRepaint();
  });
  await switched;
  // A late source or label pass would show as a map that is not idle: settle again if so.
  if (!mapOf(em).loaded() || mapOf(em).isMoving()) await settle(em, layers, deadline, lang, timeoutMs);
}

/**
 * Pixels of a region of the map's WebGL canvas (top-left origin). readPixels, not drawImage: with
 * software GL, copying a print-size WebGL canvas into a 2-D canvas and reading it back took 40 s.
 */
function readMapPixels(canvas: HTMLCanvasElement, sx: number, sy: number, w: number, h: number): ImageData {
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as
    WebGL2RenderingContext | WebGLRenderingContext | null;
  if (!gl) throw new ExportError('The export map has no WebGL context.');
  const previous = gl.getParameter(gl.FRAMEBUFFER_BINDING) as WebGLFramebuffer | null;
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  const raw = new Uint8Array(w * h * 4);
  gl.readPixels(sx, canvas.height - sy - h, w, h, gl.RGBA, gl.UNSIGNED_BYTE, raw);
  gl.bindFramebuffer(gl.FRAMEBUFFER, previous);
  // GL rows run bottom-up; MapLibre's buffer is premultiplied (opaque almost everywhere).
  const out = new ImageData(w, h);
  const row = w * 4;
  for (let y = 0; y < h; y++) {
    const src = raw.subarray((h - 1 - y) * row, (h - y) * row);
    out.data.set(src, y * row);
  }
  for (let i = 3; i < out.data.length; i += 4) {
    const a = out.data[i]!;
    if (a > 0 && a < 255)
      for (let c = 1; c <= 3; c++) out.data[i - c] = Math.min(255, Math.round((out.data[i - c]! * 255) / a));
  }
  return out;
}

/**
 * Refuses maps that came out empty (a lost context, or a frame read before it was drawn): most of
 * the frame must be opaque and show more than a few colours. Samples a grid of pixels.
 */
function assertNotBlank(ctx: CanvasRenderingContext2D, width: number, height: number, lang: Lang): void {
  const px = ctx.getImageData(0, 0, width, height).data;
  const step = Math.max(1, Math.floor(Math.sqrt((width * height) / 4096)));
  const colours = new Set<number>();
  let opaque = 0;
  let seen = 0;
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      const i = (y * width + x) * 4;
      seen++;
      if (px[i + 3]! > 0) opaque++;
      colours.add(((px[i]! >> 3) << 10) | ((px[i + 1]! >> 3) << 5) | (px[i + 2]! >> 3));
    }
  }
  if (opaque < seen * 0.9 || colours.size < 4) throw new ExportError(t(lang, 'export.err.blank'));
}

/** An export map kept after an export, so the next one skips loading sources, glyphs and labels. */
interface WarmMap {
  em: ExplorerMap;
  container: HTMLDivElement;
  baseUrl: string;
  boundaries: Record<Level, FeatureCollection>;
  timer: ReturnType<typeof setTimeout> | undefined;
}
let warm: WarmMap | null = null;
/** Exports share the warm map, so they run one at a time. */
let queue: Promise<unknown> = Promise.resolve();
/** How long an unused export map is kept (its WebGL context and workers hold memory). */
const KEEP_WARM_MS = 60_000;

export function disposeExportMap(): void {
  if (!warm) return;
  clearTimeout(warm.timer);
  warm.em.destroy();
  warm.container.remove();
  warm = null;
}

/** The warm export map (or a new one) showing `spec` at the load ratio, its container `css` + 1 px wide. */
function acquire(
  spec: MapRenderSpec,
  centre: [number, number],
  css: { w: number; h: number },
  maxSide: number,
): WarmMap {
  if (warm && (warm.baseUrl !== spec.baseUrl || warm.boundaries !== spec.boundaries)) disposeExportMap();
  const ratio = Math.min(spec.pixelRatio, LOAD_RATIO);
  if (warm) {
    clearTimeout(warm.timer);
    Object.assign(warm.container.style, { width: `${css.w + 1}px`, height: `${css.h}px` });
    mapOf(warm.em).setPixelRatio(ratio);
    mapOf(warm.em).jumpTo({ center: centre, zoom: spec.zoom });
  } else {
    const container = document.createElement('div');
    container.setAttribute('aria-hidden', 'true');
    container.dataset.testid = 'export-map';
    // Laid out (MapLibre sizes its canvas from the container) but far off-screen and inert.
    Object.assign(container.style, {
      position: 'fixed',
      left: '-100000px',
      top: '0px',
      pointerEvents: 'none',
      width: `${css.w + 1}px`,
      height: `${css.h}px`,
    });
    document.body.appendChild(container);
    const em = createExplorerMap({
      container,
      baseUrl: spec.baseUrl,
      lang: spec.lang,
      level: spec.level,
      view: { lon: centre[0], lat: centre[1], zoom: spec.zoom },
      boundaries: spec.boundaries,
      attribution: spec.attribution,
      pixelRatio: ratio,
      maxCanvasSize: [maxSide, maxSide],
      interactive: false,
    });
    warm = { em, container, baseUrl: spec.baseUrl, boundaries: spec.boundaries, timer: undefined };
  }
  warm.em.setLevel(spec.level);
  warm.em.setChoropleth(spec.level, spec.colorByCode, spec.noData);
  warm.em.setLanguage(spec.lang);
  return warm;
}

function release(w: WarmMap): void {
  // Drop the print-size drawing buffer now; keep the loaded map for a while.
  mapOf(w.em).setPixelRatio(LOAD_RATIO);
  w.timer = setTimeout(disposeExportMap, KEEP_WARM_MS);
}

/**
 * Load the export map for a view ahead of an export (e.g. when the export dialog opens), so the
 * export itself only draws. Never fails: a problem shows up in the export that follows.
 */
export function warmUpMap(spec: MapRenderSpec): Promise<void> {
  const run = queue.then(async () => {
    const w = acquire(
      spec,
      spec.centre,
      { w: Math.ceil(spec.width / spec.pixelRatio), h: Math.ceil(spec.height / spec.pixelRatio) },
      glMaxSide(),
    );
    const layers = await w.em.setDeck(spec.deck);
    const timeoutMs = spec.timeoutMs ?? 120_000;
    await settle(w.em, layers, performance.now() + timeoutMs, spec.lang, timeoutMs);
    release(w);
  });
  queue = run.catch(() => disposeExportMap());
  return queue.then(() => undefined);
}

export function renderMap(spec: MapRenderSpec): Promise<RenderedMap> {
  const run = queue.then(() => renderMapNow(spec));
  queue = run.catch(() => undefined);
  return run;
}

async function renderMapNow(spec: MapRenderSpec): Promise<RenderedMap> {
  const { width, height, pixelRatio: pr, lang } = spec;
  const timeoutMs = spec.timeoutMs ?? 120_000;
  const deadline = performance.now() + timeoutMs;
  const maxSide = Math.min(glMaxSide(), spec.maxTileSide ?? Infinity);
  // A tile's CSS size is rounded up, so leave room for that rounding below the GPU limit.
  const tiles = planTiles(width, height, maxSide - Math.ceil(pr) - 1);
  const cssW = Math.ceil(Math.max(...tiles.map((tl) => tl.width)) / pr);
  const cssH = Math.ceil(Math.max(...tiles.map((tl) => tl.height)) / pr);

  const w = acquire(
    spec,
    tiles.length === 1 ? spec.centre : centreOf(tiles[0]!, spec),
    { w: cssW, h: cssH },
    glMaxSide(),
  );
  const { em, container } = w;
  let ok = false;
  try {
    const layers = await em.setDeck(spec.deck);

    const out = document.createElement('canvas');
    out.width = width;
    out.height = height;
    const ctx = out.getContext('2d', { willReadFrequently: true })!;
    for (const [i, tile] of tiles.entries()) {
      if (i > 0) mapOf(em).jumpTo({ center: centreOf(tile, spec) });
      await settleSharp(em, container, { cssW, pr }, layers, deadline, lang, timeoutMs);
      const gl = mapOf(em).getCanvas();
      if (gl.width < tile.width || gl.height < tile.height) {
        // MapLibre lowered the pixel ratio (GPU or canvas limit): refuse rather than save a blurred map.
        throw new ExportError(
          t(lang, 'export.err.clamped', {
            got: `${gl.width}×${gl.height}`,
            want: `${tile.width}×${tile.height}`,
          }),
        );
      }
      // The canvas may be a pixel or two larger than the tile (CSS rounding): take its centre.
      const sx = Math.floor((gl.width - tile.width) / 2);
      const sy = Math.floor((gl.height - tile.height) / 2);
      ctx.putImageData(readMapPixels(gl, sx, sy, tile.width, tile.height), tile.x, tile.y);
    }
    assertNotBlank(ctx, width, height, lang);
    const lat = tiles.length === 1 ? mapOf(em).getCenter().lat : spec.centre[1];
    const zoom = tiles.length === 1 ? mapOf(em).getZoom() : spec.zoom;
    ok = true;
    return { canvas: out, metresPerPixel: metresPerCssPixel(lat, zoom) / pr, tiles: tiles.length, maxSide };
  } finally {
    // A map that failed (timeout, blank) is not trusted for the next export.
    if (ok) release(w);
    else disposeExportMap();
  }
}

/** Geographic centre of a tile: the frame centre moved by the tile's offset from the frame's middle. */
function centreOf(
  tile: { x: number; y: number; width: number; height: number },
  spec: MapRenderSpec,
): [number, number] {
  const dx = (tile.x + tile.width / 2 - spec.width / 2) / spec.pixelRatio;
  const dy = (tile.y + tile.height / 2 - spec.height / 2) / spec.pixelRatio;
  return tileCentre(spec.centre, spec.zoom, { x: dx, y: dy });
}
