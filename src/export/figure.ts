// One export, start to end: preset → size, texts → layout, export map → map image, then the PNG or
// PDF composer. Both formats share the layout and drawing code; only the painter differs.
import type { FacilityType } from '../core/access/types.ts';
import type { Choropleth } from '../core/choropleth.ts';
import type { Lang } from '../core/format.ts';
import type { Dataset } from '../data/dataset.ts';
import { appBaseUrl } from '../data/load.ts';
import { t } from '../i18n/messages.ts';
import type { DeckInputs } from '../layers/index.ts';
import type { ExplorerMap } from '../map/explorer-map.ts';
import type { RailStation } from '../core/rail/types.ts';
import type { AppState } from '../state/schema.ts';
import type { RailAnalysis } from '../view/rail-analysis.ts';
import { figureTexts, isoDate } from './content.ts';
import { viewFileStem } from './data.ts';
import {
  CSS_DPI,
  fitZoom,
  layoutFigure,
  niceScaleBar,
  normalisePreset,
  resolvePreset,
  type ExportSize,
  type FigureLayout,
  type FigureTexts,
  type Measure,
  type Rect,
  type ScaleBar,
} from './layout.ts';
import { ExportError, renderMap, warmUpMap, type RenderedMap } from '../map/offscreen.ts';

export type ExportFormat = 'png' | 'pdf';

export interface ExportOptions {
  format: ExportFormat;
  /** A preset id or alias (layout.ts PRESET_IDS / PRESET_ALIASES). */
  preset: string;
  custom?: { width: number; height: number; dpi: number };
  /** Language of the figure; defaults to the app's. */
  lang?: Lang;
  title?: string;
  subtitle?: string;
  notes?: string;
  /** Date printed on the figure (YYYY-MM-DD); defaults to today. */
  date?: string;
  timeoutMs?: number;
  /** Largest map tile in device px (default: the GPU's limit). Lower it to exercise tiling. */
  maxTileSide?: number;
}

/** What is on screen: the data, the state, the choropleth and deck.gl inputs being drawn, the live map. */
export interface ExportContext {
  data: Dataset;
  state: AppState;
  choropleth: Choropleth;
  explorer: ExplorerMap | null;
  /** The live map's deck.gl inputs; without them, the selection outline of the state. */
  deckInputs?: DeckInputs | null;
  /** Facility types whose list is partial (the legend says so). */
  partial?: ReadonlySet<FacilityType>;
  /** The isochrone on show and the stations naming its origin: the figure's title and notes describe it. */
  analysis?: RailAnalysis | { error: string } | null;
  stations?: readonly RailStation[] | null;
  /**
   * False while a layer the state asks for is still loading its data (e.g. just after switching rail
   * on): a figure then would list the layer in its legend but not draw it, so exports wait.
   */
  complete?: boolean;
}

/** The deck.gl inputs of the view: the live map's, or those the state implies. */
export function deckInputsOf(ctx: ExportContext): DeckInputs {
  return (
    ctx.deckInputs ?? {
      boundaries: ctx.data.boundaries[ctx.state.level],
      selected: ctx.state.selected,
    }
  );
}

export interface ExportResult {
  bytes: Uint8Array;
  mime: string;
  fileName: string;
  width: number;
  height: number;
  dpi: number;
  /** PDF page size in points. */
  page?: { width: number; height: number };
  tiles: number;
  warnings: string[];
  /** Where the parts of the figure are, in output pixels (for checks and tests). */
  boxes: Record<string, Rect>;
  /** Milliseconds spent rendering the map and composing/encoding. */
  timings: { map: number; compose: number };
}

/** Centre, zoom and CSS size of the view to reproduce. */
export interface LiveView {
  centre: [number, number];
  zoom: number;
  width: number;
  height: number;
  bearing: number;
}

export function liveView(ctx: ExportContext): LiveView {
  if (ctx.explorer) return ctx.explorer.camera();
  const v = ctx.state.view;
  return {
    centre: [v.lon, v.lat],
    zoom: v.zoom,
    width: window.innerWidth,
    height: window.innerHeight,
    bearing: 0,
  };
}

export function resolveSize(ctx: ExportContext, opts: ExportOptions): ExportSize {
  const live = liveView(ctx);
  const size = resolvePreset(opts.preset, {
    screen: { width: live.width, height: live.height },
    custom: opts.custom,
  });
  if ('error' in size) throw new ExportError(size.error);
  return size;
}

export interface PreparedFigure {
  size: ExportSize;
  lang: Lang;
  texts: FigureTexts;
  layout: FigureLayout;
  map: RenderedMap;
  bar: ScaleBar | null;
  warnings: string[];
  mapMs: number;
}

/** Lay the figure out with the composer's text metrics, then render its map at print resolution. */
export async function prepareFigure(
  ctx: ExportContext,
  opts: ExportOptions,
  measure: Measure,
): Promise<PreparedFigure> {
  const size = resolveSize(ctx, opts);
  const lang = opts.lang ?? ctx.state.lang;
  const date = opts.date ?? isoDate(new Date());
  const texts = figureTexts(ctx, lang, date, {
    title: opts.title,
    subtitle: opts.subtitle,
    notes: opts.notes,
  });
  const live = liveView(ctx);
  const layout = layoutFigure(texts, {
    width: size.width,
    height: size.height,
    dpi: size.dpi,
    measure,
    mapAspect: live.width / Math.max(1, live.height),
  });
  const pr = size.dpi / CSS_DPI;
  if (layout.map.w < 100 * pr || layout.map.h < 80 * pr)
    throw new ExportError(t(lang, 'export.err.tooSmall'));

  const warnings: string[] = [];
  if (Math.abs(live.bearing) > 0.5) warnings.push(t(lang, 'export.warn.rotated'));
  const zoom = fitZoom(live.zoom, live, { width: layout.map.w / pr, height: layout.map.h / pr });
  const started = performance.now();
  const map = await renderMap({
    width: layout.map.w,
    height: layout.map.h,
    pixelRatio: pr,
    centre: live.centre,
    zoom,
    lang,
    level: ctx.state.level,
    colorByCode: ctx.choropleth.colorByCode,
    noData: ctx.choropleth.noData,
    deck: deckInputsOf(ctx),
    boundaries: ctx.data.boundaries,
    baseUrl: appBaseUrl(),
    attribution: t(lang, 'map.attribution'),
    timeoutMs: opts.timeoutMs,
    maxTileSide: opts.maxTileSide,
  });
  if (map.tiles > 1)
    warnings.push(t(lang, 'export.warn.tiled', { n: String(map.tiles), max: String(map.maxSide) }));
  const bar = niceScaleBar(map.metresPerPixel, layout.scaleBar.maxLength);
  return { size, lang, texts, layout, map, bar, warnings, mapMs: performance.now() - started };
}

/** Start loading the export map for the current view (see warmUpMap); resolves when it is ready. */
export function prewarmExport(ctx: ExportContext, lang?: Lang): Promise<void> {
  const live = liveView(ctx);
  const figLang = lang ?? ctx.state.lang;
  return warmUpMap({
    width: live.width,
    height: live.height,
    pixelRatio: 1,
    centre: live.centre,
    zoom: live.zoom,
    lang: figLang,
    level: ctx.state.level,
    colorByCode: ctx.choropleth.colorByCode,
    noData: ctx.choropleth.noData,
    deck: deckInputsOf(ctx),
    boundaries: ctx.data.boundaries,
    baseUrl: appBaseUrl(),
    attribution: t(figLang, 'map.attribution'),
  });
}

export function fileName(ctx: ExportContext, opts: ExportOptions, ext: string): string {
  const preset = normalisePreset(opts.preset) ?? 'custom';
  return `${viewFileStem(ctx.state)}-${preset}${opts.lang ? `-${opts.lang}` : ''}.${ext}`;
}

export { ExportError };
