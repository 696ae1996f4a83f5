// Pure layout maths for exported figures: presets and page sizes, text wrapping, where the title,
// map, legend, notes, scale bar, north arrow and sources go, and the scale-bar length.
// Everything is in device pixels of the output image; sizes are designed in CSS pixels (1/96 inch)
// and multiplied by dpi/96, so a 300-dpi page looks like the screen rather than a tiny copy of it.
// No DOM here: text is measured through an injected function so Node tests can run it.

export const CSS_DPI = 96;
const MM_PER_INCH = 25.4;
const PT_PER_INCH = 72;

// The map geometry the export map and the layout share lives in core (Web Mercator maths).
export { metresPerCssPixel, planTiles, tileCentre, type Tile } from '../core/mercator.ts';

export type Paper = 'a4' | 'a3';
export type Orientation = 'landscape' | 'portrait';
export const PAPERS_MM: Record<Paper, { short: number; long: number }> = {
  a4: { short: 210, long: 297 },
  a3: { short: 297, long: 420 },
};

export interface ExportSize {
  width: number;
  height: number;
  dpi: number;
  /** Set for paper presets: the PDF page is exactly this paper. */
  paper?: { paper: Paper; orientation: Orientation };
}

export const PRESET_IDS = [
  'screen-1x',
  'screen-2x',
  '1920x1080',
  'a4-landscape-150',
  'a4-landscape-300',
  'a4-portrait-150',
  'a4-portrait-300',
  'a3-landscape-150',
  'a3-portrait-150',
  'custom',
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/** Short names accepted by the snapshot CLI and the window API. */
export const PRESET_ALIASES: Readonly<Record<string, PresetId>> = {
  screen: 'screen-1x',
  hd: '1920x1080',
  'a4-150': 'a4-landscape-150',
  'a4-300': 'a4-landscape-300',
  'a4p-150': 'a4-portrait-150',
  'a4p-300': 'a4-portrait-300',
  'a3-150': 'a3-landscape-150',
  'a3p-150': 'a3-portrait-150',
};

/** Limits for custom sizes: beyond these a browser canvas of the whole figure may fail to allocate. */
export const LIMITS = { minSide: 320, maxSide: 12000, maxPixels: 80e6, minDpi: 48, maxDpi: 600 } as const;

/**
 * Pixels of a length in millimetres at a dpi, rounded to whole pixels.
 * @example mmToPx(297, 300) // → 3508
 */
export function mmToPx(mm: number, dpi: number): number {
  return Math.round((mm / MM_PER_INCH) * dpi);
}

/**
 * Pixel size of a sheet of paper at a dpi.
 * @example paperPx('a4', 'landscape', 300) // → { width: 3508, height: 2480 }
 */
export function paperPx(
  paper: Paper,
  orientation: Orientation,
  dpi: number,
): { width: number; height: number } {
  const { short, long } = PAPERS_MM[paper];
  const [w, h] = orientation === 'landscape' ? [long, short] : [short, long];
  return { width: mmToPx(w, dpi), height: mmToPx(h, dpi) };
}

/**
 * PDF page size in points: the paper for paper presets, else the pixel size at the dpi.
 * @example pageSizePt({ width: 3508, height: 2480, dpi: 300, paper: { paper: 'a4', orientation: 'landscape' } }) // → { width: 841.89, height: 595.28 } (rounded)
 */
export function pageSizePt(size: ExportSize): { width: number; height: number } {
  if (size.paper) {
    const { short, long } = PAPERS_MM[size.paper.paper];
    const [w, h] = size.paper.orientation === 'landscape' ? [long, short] : [short, long];
    return { width: (w / MM_PER_INCH) * PT_PER_INCH, height: (h / MM_PER_INCH) * PT_PER_INCH };
  }
  return { width: (size.width / size.dpi) * PT_PER_INCH, height: (size.height / size.dpi) * PT_PER_INCH };
}

export function normalisePreset(id: string): PresetId | undefined {
  const key = id.trim().toLowerCase();
  if ((PRESET_IDS as readonly string[]).includes(key)) return key as PresetId;
  return PRESET_ALIASES[key];
}

/**
 * The output size of a preset. `screen` is the live map's size in CSS pixels.
 * @example resolvePreset('a4-300', { screen: { width: 1000, height: 700 } }) // → { width: 3508, height: 2480, dpi: 300, paper: … }
 */
export function resolvePreset(
  id: string,
  ctx: { screen: { width: number; height: number }; custom?: { width: number; height: number; dpi: number } },
): ExportSize | { error: string } {
  const preset = normalisePreset(id);
  if (!preset) {
    const known = [...PRESET_IDS, ...Object.keys(PRESET_ALIASES)].join(', ');
    return { error: `Unknown preset "${id}". Known presets: ${known}.` };
  }
  const paper = /^(a4|a3)-(landscape|portrait)-(\d+)$/.exec(preset);
  if (paper) {
    const [, p, o, dpi] = paper as unknown as [string, Paper, Orientation, string];
    return { ...paperPx(p, o, Number(dpi)), dpi: Number(dpi), paper: { paper: p, orientation: o } };
  }
  let size: ExportSize;
  const screen = { width: Math.round(ctx.screen.width), height: Math.round(ctx.screen.height) };
  if (preset === 'screen-1x') size = { ...screen, dpi: CSS_DPI };
  else if (preset === 'screen-2x')
    size = { width: screen.width * 2, height: screen.height * 2, dpi: 2 * CSS_DPI };
  // 1920×1080 at 144 dpi is a 13.33×7.5 in slide (PowerPoint 16:9): text sized for a projector.
  else if (preset === '1920x1080') size = { width: 1920, height: 1080, dpi: 144 };
  else {
    if (!ctx.custom) return { error: 'The custom preset needs a width, a height and a dpi.' };
    size = {
      width: Math.round(ctx.custom.width),
      height: Math.round(ctx.custom.height),
      dpi: ctx.custom.dpi,
    };
  }
  const error = checkSize(size);
  return error ? { error } : size;
}

/** Why a size cannot be exported, or null when it can. */
export function checkSize(size: ExportSize): string | null {
  const { width, height, dpi } = size;
  if (![width, height, dpi].every(Number.isFinite)) return 'Width, height and dpi must be numbers.';
  if (width < LIMITS.minSide || height < LIMITS.minSide)
    return `The figure must be at least ${LIMITS.minSide} px on each side (asked ${width}×${height}).`;
  if (width > LIMITS.maxSide || height > LIMITS.maxSide || width * height > LIMITS.maxPixels)
    return `${width}×${height} px is larger than this exporter can compose in a browser (at most ${LIMITS.maxSide} px per side and ${LIMITS.maxPixels / 1e6} megapixels).`;
  if (dpi < LIMITS.minDpi || dpi > LIMITS.maxDpi)
    return `The dpi must be between ${LIMITS.minDpi} and ${LIMITS.maxDpi} (asked ${dpi}).`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Text

export interface FontSpec {
  /** Size in device pixels. */
  size: number;
  bold: boolean;
}
/** Width in device pixels of a text set in a font. */
export type Measure = (text: string, font: FontSpec) => number;

const CJK = '\u2e80-\u2fff\u3000-\u303f\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef';
const TOKEN = new RegExp(`[${CJK}]|\\s+|[^\\s${CJK}]+`, 'gu');
/** Punctuation that must not start a line (kept on the line before). */
const NO_LINE_START = /^[，。、；：？！）》」』】,.;:?!)\]]$/u;
/** Opening brackets that must not end a line (moved to the next). */
const NO_LINE_END = /[（《「『【“‘]$/u;
const ELLIPSIS = '…';

function hardBreak(word: string, maxWidth: number, font: FontSpec, measure: Measure): string[] {
  const parts: string[] = [];
  let cur = '';
  for (const ch of word) {
    if (cur && measure(cur + ch, font) > maxWidth) {
      parts.push(cur);
      cur = ch;
    } else cur += ch;
  }
  if (cur) parts.push(cur);
  return parts;
}

/** Shorten a line until it fits with an ellipsis. */
export function ellipsize(line: string, maxWidth: number, font: FontSpec, measure: Measure): string {
  if (measure(line, font) <= maxWidth) return line;
  const chars = [...line];
  while (chars.length > 0 && measure(chars.join('').trimEnd() + ELLIPSIS, font) > maxWidth) chars.pop();
  return chars.join('').trimEnd() + ELLIPSIS;
}

/**
 * Greedy line breaking at spaces, and between any two CJK characters. Explicit newlines start new
 * lines. Beyond `maxLines` the last line ends with an ellipsis.
 * @example wrapText('a b c', 2, { size: 1, bold: false }, (t) => t.length) // → ['a', 'b', 'c']
 */
export function wrapText(
  text: string,
  maxWidth: number,
  font: FontSpec,
  measure: Measure,
  maxLines = Infinity,
): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const token of paragraph.match(TOKEN) ?? []) {
      const isSpace = /^\s+$/.test(token);
      if (isSpace && line === '') continue;
      const candidate = line + (isSpace ? ' ' : token);
      if (isSpace || measure(candidate.trimEnd(), font) <= maxWidth || NO_LINE_START.test(token)) {
        line = candidate;
        continue;
      }
      let carried = '';
      if (NO_LINE_END.test(line.trimEnd())) {
        carried = line.trimEnd().slice(-1);
        line = line.trimEnd().slice(0, -1);
      }
      if (line.trim()) lines.push(line.trimEnd());
      const pieces =
        measure(carried + token, font) > maxWidth
          ? hardBreak(carried + token, maxWidth, font, measure)
          : [carried + token];
      lines.push(...pieces.slice(0, -1));
      line = pieces[pieces.length - 1] ?? '';
    }
    lines.push(line.trimEnd());
  }
  // Drop trailing empty lines (a notes field ending with a newline).
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length > maxLines) {
    const kept = lines.slice(0, Math.max(0, maxLines));
    if (kept.length)
      kept[kept.length - 1] = ellipsize(kept[kept.length - 1]! + ELLIPSIS, maxWidth, font, measure);
    return kept;
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Scale bar and map geometry

export interface ScaleBar {
  /** Length of the whole bar in metres: 1, 2 or 5 × 10^n. */
  metres: number;
  lengthPx: number;
  /** Number shown at the end of the bar, in `unit`. */
  value: number;
  unit: 'km' | 'm';
}

/**
 * The longest "nice" distance (1, 2 or 5 × 10^n metres) whose bar fits in `maxPx`.
 * @example niceScaleBar(100, 300) // → { metres: 20000, lengthPx: 200, value: 20, unit: 'km' }
 */
export function niceScaleBar(metresPerPx: number, maxPx: number): ScaleBar | null {
  if (!(metresPerPx > 0) || !(maxPx > 0)) return null;
  const maxMetres = metresPerPx * maxPx;
  const exp = Math.floor(Math.log10(maxMetres));
  let metres = 0;
  for (const e of [exp, exp - 1]) {
    for (const m of [5, 2, 1]) {
      const candidate = m * 10 ** e;
      if (candidate <= maxMetres * (1 + 1e-9)) {
        metres = candidate;
        break;
      }
    }
    if (metres) break;
  }
  if (metres < 1) return null;
  // Round away float noise (2 × 10^4 stays 20000).
  metres = Number(metres.toPrecision(6));
  const km = metres >= 1000;
  return {
    metres,
    lengthPx: metres / metresPerPx,
    value: km ? metres / 1000 : metres,
    unit: km ? 'km' : 'm',
  };
}

/**
 * Zoom for an export frame so that everything the live map shows stays in view ("contain"); the
 * centre stays the same.
 * @example fitZoom(6, { width: 1000, height: 700 }, { width: 2000, height: 1400 }) // → 7
 */
export function fitZoom(
  liveZoom: number,
  live: { width: number; height: number },
  frame: { width: number; height: number },
): number {
  const k = Math.min(frame.width / Math.max(1, live.width), frame.height / Math.max(1, live.height));
  return liveZoom + Math.log2(k);
}

/**
 * Segments of a 45° hatch clipped to a rectangle (for the "no data" swatch).
 * @example hatchSegments({ x: 0, y: 0, w: 10, h: 10 }, 5).length // → 3
 */
export function hatchSegments(r: Rect, spacing: number): [number, number, number, number][] {
  const segs: [number, number, number, number][] = [];
  // Lines x + y = c, for c from spacing to w + h, clipped to the rectangle.
  for (let c = spacing; c < r.w + r.h; c += spacing) {
    const x1 = Math.max(0, c - r.h);
    const x2 = Math.min(r.w, c);
    if (x2 <= x1) continue;
    segs.push([r.x + x1, r.y + (c - x1), r.x + x2, r.y + (c - x2)]);
  }
  return segs;
}

// ---------------------------------------------------------------------------------------------
// Figure layout

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TextLine {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
}

export interface TextBlock {
  lines: TextLine[];
  font: FontSpec;
  color: string;
  /** Bounding box of the block, for composing and tests. */
  box: Rect;
}

// Swatch kinds come with the legend model (view/legend.ts), which both legends draw.
import type { LegendHistogram, SwatchKind } from '../view/legend.ts';
export type { LegendHistogram, SwatchKind };

export interface LegendRow {
  kind: SwatchKind;
  color: string;
  /** Edge colour of a fill swatch drawn with a strong edge (isochrone bands). */
  line?: string;
  swatch: Rect;
  label: TextLine;
  count: TextLine | null;
}

/** The texts of a figure, already in the chosen language. */
export interface FigureTexts {
  title: string;
  subtitle: string;
  legendHeading: string;
  legendUnit: string;
  rows: { kind: SwatchKind; color: string; line?: string; label: string; count: string }[];
  /** The legend's histogram (the same model the screen draws), or none. */
  histogram?: LegendHistogram | null;
  notes: string;
  sources: string;
  attribution: string;
  north: string;
}

export interface FigureLayout {
  width: number;
  height: number;
  dpi: number;
  /** Device pixels per CSS pixel. */
  scale: number;
  margin: number;
  title: TextBlock;
  subtitle: TextBlock;
  map: Rect;
  legend: {
    box: Rect;
    heading: TextBlock;
    unit: TextBlock;
    rows: LegendRow[];
    rowFont: FontSpec;
    countColor: string;
    /** Where the histogram's bars go (its tick labels hang below); null without one. */
    histogram: Rect | null;
  };
  notes: TextBlock;
  sources: TextBlock;
  attribution: TextBlock;
  northArrow: Rect;
  /** Bottom-left corner of the scale bar (bar bottom) and the longest bar allowed. */
  scaleBar: { x: number; y: number; maxLength: number; barHeight: number; font: FontSpec };
  /** 'side': legend right of the map; 'below': legend under the map. */
  arrangement: 'side' | 'below';
}

/** Design sizes in CSS pixels; multiplied by dpi/96. */
const SIZE = {
  title: 22,
  titleSmall: 18,
  subtitle: 13.5,
  heading: 13,
  unit: 11.5,
  row: 12,
  rowHeight: 19,
  swatchW: 26,
  swatchH: 13,
  swatchGap: 8,
  notes: 10.5,
  sources: 10,
  attribution: 9,
  lineHeight: 1.3,
  gap: 12,
  panelMin: 200,
  panelMax: 300,
  inset: 12,
  north: { w: 22, h: 36 },
  scaleMax: 170,
  scaleBarH: 6,
  scaleFont: 10.5,
  histW: 200,
  histH: 34,
  histLabels: 16,
} as const;

export const COLORS = {
  ink: '#1d2730',
  muted: '#4f5b66',
  faint: '#6b7580',
  frame: '#8a949e',
  paper: '#ffffff',
} as const;

/** Lines placed from `top` down: one baseline per line, the box as wide as the widest line. */
function placeLines(
  lines: string[],
  x: number,
  top: number,
  font: FontSpec,
  color: string,
  measure: Measure,
  lineHeight: number,
): TextBlock {
  const lh = font.size * lineHeight;
  // Baseline sits at ~0.95 of the font size below the line's top (ascent of common UI fonts).
  const placed = lines.map((t, i) => ({ text: t, x, y: top + i * lh + font.size * 0.95 }));
  const w = lines.reduce((m, t) => Math.max(m, measure(t, font)), 0);
  return { lines: placed, font, color, box: { x, y: top, w, h: lines.length * lh } };
}

const wrapped = (text: string, maxWidth: number, font: FontSpec, measure: Measure, maxLines: number) =>
  text.trim() === '' || maxLines <= 0 ? [] : wrapText(text, maxWidth, font, measure, maxLines);

/** A text wrapped to `maxWidth` (at most `maxLines` lines) and placed from `top` down. */
export function block(
  text: string,
  x: number,
  top: number,
  maxWidth: number,
  font: FontSpec,
  color: string,
  measure: Measure,
  maxLines: number,
  lineHeight: number,
): TextBlock {
  return placeLines(
    wrapped(text, maxWidth, font, measure, maxLines),
    x,
    top,
    font,
    color,
    measure,
    lineHeight,
  );
}

/** The same, placed so that its last line ends at `bottom` (footers are laid out from the bottom up). */
export function blockAbove(
  text: string,
  x: number,
  bottom: number,
  maxWidth: number,
  font: FontSpec,
  color: string,
  measure: Measure,
  maxLines: number,
  lineHeight: number,
): TextBlock {
  const lines = wrapped(text, maxWidth, font, measure, maxLines);
  const top = bottom - lines.length * font.size * lineHeight;
  return placeLines(lines, x, top, font, color, measure, lineHeight);
}

export interface LayoutOptions {
  width: number;
  height: number;
  dpi: number;
  measure: Measure;
  /** Width/height of the view the map must contain (the live map); 4:3 if unknown. */
  mapAspect?: number;
  /** Force the legend beside or below the map; by default whichever leaves the bigger map. */
  arrangement?: 'side' | 'below';
}

/**
 * Area of the view inside a map frame when the view (of aspect `aspect`) is fitted into it:
 * what the reader actually gets to see at the largest scale.
 */
export function shownArea(frame: { w: number; h: number }, aspect: number): number {
  const w = Math.min(frame.w, frame.h * aspect);
  return w * (w / aspect);
}

/**
 * Place every element of a figure on a page of `width`×`height` device pixels. The legend and notes
 * go beside the map or below it, whichever shows the view larger; the map gets all the room left.
 */
export function layoutFigure(texts: FigureTexts, opts: LayoutOptions): FigureLayout {
  if (opts.arrangement) return placeFigure(texts, opts, opts.arrangement);
  const side = placeFigure(texts, opts, 'side');
  const below = placeFigure(texts, opts, 'below');
  const aspect = opts.mapAspect ?? 4 / 3;
  return shownArea(side.map, aspect) >= shownArea(below.map, aspect) ? side : below;
}

/** One arrangement of a figure: header down from the top, footer up from the bottom, the body between. */
function placeFigure(texts: FigureTexts, opts: LayoutOptions, arrangement: 'side' | 'below'): FigureLayout {
  const page = pageOf(opts);
  const { title, subtitle, bodyTop } = placeHeader(texts, page);
  const { attribution, sources, bodyBottom } = placeFooter(texts, page);
  const body = { top: bodyTop, bottom: bodyBottom };
  const placed = arrangement === 'side' ? placeBeside(texts, page, body) : placeBelow(texts, page, body);
  const map = roundRect(placed.map);
  const { northArrow, scaleBar } = placeMapMarks(map, page);
  return {
    width: page.width,
    height: page.height,
    dpi: page.dpi,
    scale: page.scale,
    margin: page.margin,
    title,
    subtitle,
    map,
    legend: placed.legend,
    notes: placed.notes,
    sources,
    attribution,
    northArrow,
    scaleBar,
    arrangement,
  };
}

/** The page a figure is laid out on, and the design-size helpers every step shares. */
interface Page {
  width: number;
  height: number;
  dpi: number;
  measure: Measure;
  /** Device pixels per CSS pixel. */
  scale: number;
  /** A design size in CSS pixels, in device pixels. */
  u: (css: number) => number;
  font: (css: number, bold?: boolean) => FontSpec;
  margin: number;
  /** Width between the margins. */
  innerW: number;
}

/** The area between the header and the footer, where the map, legend and notes go. */
interface Body {
  top: number;
  bottom: number;
}

/** What an arrangement puts in the body. */
interface BodyLayout {
  map: Rect;
  legend: FigureLayout['legend'];
  notes: TextBlock;
}

function pageOf(opts: LayoutOptions): Page {
  const { width, height, dpi, measure } = opts;
  const s = dpi / CSS_DPI;
  const u = (css: number) => css * s;
  const font = (css: number, bold = false): FontSpec => ({ size: u(css), bold });
  // The margin follows the page's short side, between 14 and 40 CSS pixels.
  const margin = Math.round(u(Math.min(40, Math.max(14, (0.035 * Math.min(width, height)) / s))));
  return { width, height, dpi, measure, scale: s, u, font, margin, innerW: width - 2 * margin };
}

/** Title and subtitle, from the top margin down; the body starts a gap below them. */
function placeHeader(
  texts: FigureTexts,
  page: Page,
): { title: TextBlock; subtitle: TextBlock; bodyTop: number } {
  const { u, font, margin, innerW, measure } = page;
  const small = page.width / page.scale < 760;
  const title = block(
    texts.title,
    margin,
    margin,
    innerW,
    font(small ? SIZE.titleSmall : SIZE.title, true),
    COLORS.ink,
    measure,
    2,
    1.2,
  );
  const subTop = title.box.y + title.box.h + u(3);
  const subtitle = block(
    texts.subtitle,
    margin,
    subTop,
    innerW,
    font(SIZE.subtitle),
    COLORS.muted,
    measure,
    2,
    SIZE.lineHeight,
  );
  const bodyTop = Math.round(subtitle.box.y + subtitle.box.h + u(SIZE.gap));
  return { title, subtitle, bodyTop };
}

/** Attribution and sources, laid out from the bottom margin up; the body ends a gap above them. */
function placeFooter(
  texts: FigureTexts,
  page: Page,
): { attribution: TextBlock; sources: TextBlock; bodyBottom: number } {
  const { u, font, margin, innerW, measure } = page;
  const attribution = blockAbove(
    texts.attribution,
    margin,
    page.height - margin,
    innerW,
    font(SIZE.attribution),
    COLORS.faint,
    measure,
    2,
    SIZE.lineHeight,
  );
  const sources = blockAbove(
    texts.sources,
    margin,
    attribution.box.y - u(3),
    innerW,
    font(SIZE.sources),
    COLORS.muted,
    measure,
    3,
    SIZE.lineHeight,
  );
  const bodyBottom = Math.round(sources.box.y - u(SIZE.gap));
  return { attribution, sources, bodyBottom };
}

/** Width of the widest legend row (swatch, label, count): it decides the legend column's width. */
function legendRowWidth(texts: FigureTexts, page: Page): number {
  const { u, measure } = page;
  const rowFont = page.font(SIZE.row);
  return texts.rows.reduce((m, r) => {
    const w = u(SIZE.swatchW + SIZE.swatchGap) + measure(r.label, rowFont) + u(6) + measure(r.count, rowFont);
    return Math.max(m, w);
  }, 0);
}

/** Legend beside the map: a column at the right with the notes under the legend, the map the rest. */
function placeBeside(texts: FigureTexts, page: Page, body: Body): BodyLayout {
  const { u, margin, innerW, measure } = page;
  const lh = SIZE.lineHeight;
  const notesFont = page.font(SIZE.notes);
  const panelW = Math.round(
    Math.min(Math.max(u(SIZE.panelMin), legendRowWidth(texts, page)), u(SIZE.panelMax), innerW * 0.34),
  );
  const gap = Math.round(u(16));
  const map = { x: margin, y: body.top, w: innerW - panelW - gap, h: body.bottom - body.top };
  const px = margin + innerW - panelW;
  const legend = placeLegend(texts, page, px, body.top, panelW);
  const notesTop = legend.box.y + legend.box.h + u(14);
  const maxLines = Math.floor((body.bottom - notesTop) / (notesFont.size * lh));
  const notes = block(texts.notes, px, notesTop, panelW, notesFont, COLORS.muted, measure, maxLines, lh);
  return { map, legend, notes };
}

/**
 * Legend below the map: legend and notes side by side in a panel at the bottom of the body, as tall
 * as the taller of the two (measured first at the origin); the map takes the height above it.
 */
function placeBelow(texts: FigureTexts, page: Page, body: Body): BodyLayout {
  const { u, margin, innerW, measure } = page;
  const lh = SIZE.lineHeight;
  const notesFont = page.font(SIZE.notes);
  const legendW = Math.round(Math.min(Math.max(u(SIZE.panelMin), legendRowWidth(texts, page)), innerW * 0.5));
  const probe = placeLegend(texts, page, 0, 0, legendW);
  const gap = Math.round(u(24));
  const notesW = innerW - legendW - gap;
  const notesLines = Math.max(0, Math.floor(probe.box.h / (notesFont.size * lh)));
  const notesProbe = wrapText(texts.notes, notesW, notesFont, measure, Math.max(notesLines, 6));
  const panelH = Math.max(probe.box.h, notesProbe.length * notesFont.size * lh);
  const panelTop = Math.round(body.bottom - panelH);
  const map = { x: margin, y: body.top, w: innerW, h: Math.round(panelTop - u(SIZE.gap) - body.top) };
  const legend = placeLegend(texts, page, margin, panelTop, legendW);
  const notes = block(
    texts.notes,
    margin + legendW + gap,
    panelTop,
    notesW,
    notesFont,
    COLORS.muted,
    measure,
    Math.max(notesLines, 6),
    lh,
  );
  return { map, legend, notes };
}

/** The legend from `top` down in a column `w` wide: heading, unit, histogram (if any), one row per class. */
function placeLegend(
  texts: FigureTexts,
  page: Page,
  x: number,
  top: number,
  w: number,
): FigureLayout['legend'] {
  const { u, font, measure } = page;
  const heading = block(
    texts.legendHeading,
    x,
    top,
    w,
    font(SIZE.heading, true),
    COLORS.ink,
    measure,
    3,
    1.25,
  );
  const unit = block(
    texts.legendUnit,
    x,
    heading.box.y + heading.box.h + u(1),
    w,
    font(SIZE.unit),
    COLORS.muted,
    measure,
    2,
    SIZE.lineHeight,
  );
  let y = unit.box.y + unit.box.h + u(6);
  let histogram: Rect | null = null;
  if (texts.histogram) {
    histogram = { x, y, w: Math.min(w, u(SIZE.histW)), h: u(SIZE.histH) };
    y += u(SIZE.histH + SIZE.histLabels);
  }
  const rowFont = font(SIZE.row);
  const rows = placeLegendRows(texts.rows, page, rowFont, x, y, w);
  const box = { x, y: top, w, h: rows.bottom - top };
  return { box, heading, unit, rows: rows.rows, rowFont, countColor: COLORS.faint, histogram };
}

/** Legend rows from `top` down: swatch, label (shortened to leave room for the count), count. */
function placeLegendRows(
  rows: FigureTexts['rows'],
  page: Page,
  rowFont: FontSpec,
  x: number,
  top: number,
  w: number,
): { rows: LegendRow[]; bottom: number } {
  const { u, measure } = page;
  let y = top;
  const placed = rows.map((r) => {
    const swatch = {
      x,
      y: y + u((SIZE.rowHeight - SIZE.swatchH) / 2),
      w: u(SIZE.swatchW),
      h: u(SIZE.swatchH),
    };
    const baseline = y + u(SIZE.rowHeight / 2) + rowFont.size * 0.36;
    const labelX = x + u(SIZE.swatchW + SIZE.swatchGap);
    const labelText = ellipsize(
      r.label,
      w - u(SIZE.swatchW + SIZE.swatchGap) - measure(r.count, rowFont) - u(6),
      rowFont,
      measure,
    );
    const labelW = measure(labelText, rowFont);
    const row: LegendRow = {
      kind: r.kind,
      color: r.color,
      ...(r.line ? { line: r.line } : {}),
      swatch,
      label: { text: labelText, x: labelX, y: baseline },
      count: r.count ? { text: r.count, x: labelX + labelW + u(6), y: baseline } : null,
    };
    y += u(SIZE.rowHeight);
    return row;
  });
  return { rows: placed, bottom: y };
}

const roundRect = (r: Rect): Rect => ({
  x: Math.round(r.x),
  y: Math.round(r.y),
  w: Math.round(r.w),
  h: Math.round(r.h),
});

/** North arrow at the map's top-right corner and the scale bar's place at its bottom-left. */
function placeMapMarks(map: Rect, page: Page): { northArrow: Rect; scaleBar: FigureLayout['scaleBar'] } {
  const { u } = page;
  const inset = u(SIZE.inset);
  const northArrow = {
    x: map.x + map.w - inset - u(SIZE.north.w),
    y: map.y + inset,
    w: u(SIZE.north.w),
    h: u(SIZE.north.h),
  };
  const scaleBar = {
    x: map.x + inset + u(6),
    y: map.y + map.h - inset - u(6),
    maxLength: Math.min(u(SIZE.scaleMax), map.w * 0.3),
    barHeight: u(SIZE.scaleBarH),
    font: page.font(SIZE.scaleFont),
  };
  return { northArrow, scaleBar };
}

/** Every rectangle of a layout that must stay inside the page, by name (for checks and tests). */
export function layoutBoxes(l: FigureLayout): Record<string, Rect> {
  return {
    title: l.title.box,
    subtitle: l.subtitle.box,
    map: l.map,
    legend: l.legend.box,
    notes: l.notes.box,
    sources: l.sources.box,
    attribution: l.attribution.box,
    northArrow: l.northArrow,
  };
}
