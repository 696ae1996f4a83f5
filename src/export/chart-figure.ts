// Figures of the answers charts (issue 12): the Hebei gap chart and the sharing timeline as a page
// with title, subtitle, the chart, notes, sources and attribution — the same presets, painters (PNG,
// PDF) and text wrapping as the map figure, without a map. Pure: Node-tested.
import { formatValue, type Lang } from '../core/format.ts';
import type { SourceInfo } from '../core/types.ts';
import { t } from '../i18n/messages.ts';
import type { GapChartModel, TimelineMeasure } from '../view/answers.ts';
import { sourcesLine } from './content.ts';
import type { Painter } from './draw.ts';
import {
  COLORS,
  CSS_DPI,
  block,
  blockAbove,
  ellipsize,
  type Measure,
  type Rect,
  type TextBlock,
} from './layout.ts';

/** Line height of the chart figure's texts, in font sizes. */
const LINE_HEIGHT = 1.3;

export type ChartKind = 'gap' | 'timeline' | 'compare';

export interface ChartTexts {
  title: string;
  subtitle: string;
  notes: string;
  sources: string;
  attribution: string;
}

export interface ChartLayout {
  width: number;
  height: number;
  dpi: number;
  /** Device pixels per CSS pixel. */
  scale: number;
  title: TextBlock;
  subtitle: TextBlock;
  chart: Rect;
  notes: TextBlock;
  sources: TextBlock;
  attribution: TextBlock;
}

/**
 * Title and subtitle on top, notes, sources and attribution at the foot, the chart in between.
 * @example layoutChart(texts, { width: 1920, height: 1080, dpi: 144, measure }).chart.w // → about 1820
 */
export function layoutChart(
  texts: ChartTexts,
  opts: { width: number; height: number; dpi: number; measure: Measure },
): ChartLayout {
  const { width: W, height: H, dpi, measure } = opts;
  const s = dpi / CSS_DPI;
  const u = (css: number) => css * s;
  const margin = Math.round(u(Math.min(40, Math.max(14, (0.035 * Math.min(W, H)) / s))));
  const innerW = W - 2 * margin;
  const title = block(
    texts.title,
    margin,
    margin,
    innerW,
    { size: u(22), bold: true },
    COLORS.ink,
    measure,
    2,
    1.2,
  );
  const subtitle = block(
    texts.subtitle,
    margin,
    title.box.y + title.box.h + u(3),
    innerW,
    { size: u(13.5), bold: false },
    COLORS.muted,
    measure,
    2,
    LINE_HEIGHT,
  );
  const attribution = blockAbove(
    texts.attribution,
    margin,
    H - margin,
    innerW,
    { size: u(9), bold: false },
    COLORS.faint,
    measure,
    2,
    LINE_HEIGHT,
  );
  const sources = blockAbove(
    texts.sources,
    margin,
    attribution.box.y - u(3),
    innerW,
    { size: u(10), bold: false },
    COLORS.muted,
    measure,
    3,
    LINE_HEIGHT,
  );
  const notes = blockAbove(
    texts.notes,
    margin,
    sources.box.y - u(8),
    innerW,
    { size: u(10.5), bold: false },
    COLORS.muted,
    measure,
    4,
    LINE_HEIGHT,
  );
  const top = Math.round(subtitle.box.y + subtitle.box.h + u(12));
  const bottom = Math.round(notes.box.y - u(12));
  const chart = { x: margin, y: top, w: innerW, h: Math.max(0, bottom - top) };
  return { width: W, height: H, dpi, scale: s, title, subtitle, chart, notes, sources, attribution };
}

/** Where each series of the gap chart is drawn (and what its key says). */
export const GAP_COLOURS: Readonly<Record<string, string>> = {
  '110000': '#b2182b',
  '120000': '#2166ac',
  '000000': '#555555',
};

/** A line chart laid out in CSS px (the gap chart, the compare chart), with a key of its series. */
export interface LineChartDrawing {
  width: number;
  height: number;
  /** Left edge of the plot (the y labels are right-aligned just before it). */
  left: number;
  yTicks: readonly { y: number; label: string }[];
  xTicks: readonly { x: number; label: string }[];
  lines: readonly { colour: string; dots: readonly { x: number; y: number }[] }[];
  /** A dashed reference line (the gap chart's parity), if any. */
  referenceY?: number;
}

/** Draw a line chart in its frame, with the key of its series under it. */
export function drawLineChart(
  p: Painter,
  r: Rect,
  c: LineChartDrawing,
  keys: readonly { colour: string; label: string }[],
  s: number,
): void {
  const X = (x: number) => r.x + x * s;
  const Y = (y: number) => r.y + y * s;
  const tick = { size: 10 * s, bold: false };
  const right = c.width - 12;
  for (const tk of c.yTicks) {
    p.polyline(
      [
        [X(c.left), Y(tk.y)],
        [X(right), Y(tk.y)],
      ],
      '#e6e6e6',
      0.75 * s,
    );
    p.text(tk.label, X(c.left - 4), Y(tk.y + 3.5), tick, COLORS.muted, 'right');
  }
  for (const tk of c.xTicks) p.text(tk.label, X(tk.x), Y(c.height - 8), tick, COLORS.muted, 'center');
  if (c.referenceY !== undefined)
    for (let x = c.left; x < right; x += 7)
      p.polyline(
        [
          [X(x), Y(c.referenceY)],
          [X(Math.min(x + 4, right)), Y(c.referenceY)],
        ],
        '#999999',
        0.75 * s,
      );
  for (const line of c.lines) {
    p.polyline(
      line.dots.map((d) => [X(d.x), Y(d.y)] as [number, number]),
      line.colour,
      2 * s,
    );
    for (const d of line.dots) {
      const half = 3 * s;
      p.rect({ x: X(d.x) - half, y: Y(d.y) - half, w: 2 * half, h: 2 * half }, line.colour);
    }
  }
  // The key, one entry per series, under the chart.
  let kx = X(c.left);
  const ky = Y(c.height + 16);
  for (const k of keys) {
    p.rect({ x: kx, y: ky - 8 * s, w: 10 * s, h: 10 * s }, k.colour);
    p.text(k.label, kx + 14 * s, ky, { size: 11 * s, bold: false }, COLORS.ink);
    kx += (14 + 11 * 0.62 * k.label.length + 24) * s;
  }
}

const gapColour = (reference: string) => GAP_COLOURS[reference] ?? '#333333';

/**
 * Draw the gap chart model (laid out in CSS px by gapChartModel at the chart's CSS size) in its frame,
 * with a key of the series under it.
 */
export function drawGapChart(
  p: Painter,
  r: Rect,
  model: GapChartModel,
  keys: { reference: string; label: string }[],
  s: number,
): void {
  drawLineChart(
    p,
    r,
    {
      ...model,
      left: 40,
      referenceY: model.parityY,
      lines: model.lines.map((l) => ({ colour: gapColour(l.reference), dots: l.dots })),
    },
    keys.map((k) => ({ colour: gapColour(k.reference), label: k.label })),
    s,
  );
}

export interface TimelineDot {
  x: number;
  label: string;
  verified: boolean;
  /** Label above (true) or below the axis, alternating so close dates do not overprint. */
  above: boolean;
}

export interface TimelineRowModel {
  id: string;
  name: string;
  y: number;
  dots: TimelineDot[];
}

export interface TimelineChartModel {
  rows: TimelineRowModel[];
  ticks: { x: number; label: string }[];
  axis: { x0: number; x1: number };
  rowHeight: number;
}

/** Position of a date (YYYY, YYYY-MM or YYYY-MM-DD) in years, mid-month/mid-year when not given. */
export function dateInYears(d: string): number {
  const [y, m = '6', day = '15'] = d.split('-');
  return Number(y) + (Number(m) - 1) / 12 + (Number(day) - 1) / 365;
}

/**
 * The timeline as rows (one per measure) of dated figures on a shared year axis, in CSS px of a
 * `width`×`height` frame; the names take the left `nameShare` of the width.
 * @example timelineChartModel(timeline, 'en', 900, 600).rows.length // → the number of measures
 */
export function timelineChartModel(
  timeline: readonly TimelineMeasure[],
  lang: Lang,
  width: number,
  height: number,
  nameShare = 0.3,
): TimelineChartModel {
  const dated = timeline.flatMap((m) => m.entries.filter((e) => e.date));
  const years = dated.map((e) => Number(e.date.slice(0, 4)));
  const y0 = years.length ? Math.min(...years) : 2014;
  const y1 = (years.length ? Math.max(...years) : 2025) + 1;
  const x0 = width * nameShare + 10;
  const x1 = width - 16;
  const x = (d: string) => x0 + ((dateInYears(d) - y0) / (y1 - y0)) * (x1 - x0);
  const rowHeight = (height - 20) / Math.max(1, timeline.length);
  const rows = timeline.map((m, i) => {
    const unit = lang === 'zh' ? m.unit_zh : m.unit_en;
    const dots = m.entries
      .filter((e) => e.date)
      .sort((a, b) => dateInYears(a.date) - dateInYears(b.date))
      .map((e, j) => ({
        x: x(e.date),
        label: `${e.value !== null ? formatValue(e.value, lang) : e.value_text}${unit && e.value !== null ? (lang === 'zh' ? unit : ` ${unit}`) : ''}`,
        verified: e.verified,
        above: j % 2 === 0,
      }));
    return { id: m.id, name: lang === 'zh' ? m.name_zh : m.name_en, y: 20 + (i + 0.5) * rowHeight, dots };
  });
  const ticks = [];
  const step = y1 - y0 > 8 ? 2 : 1;
  for (let y = y0; y <= y1; y += step) ticks.push({ x: x(`${y}-01-01`), label: String(y) });
  return { rows, ticks, axis: { x0, x1 }, rowHeight };
}

export function drawTimeline(
  p: Painter,
  r: Rect,
  model: TimelineChartModel,
  s: number,
  measure: Measure,
): void {
  const X = (x: number) => r.x + x * s;
  const Y = (y: number) => r.y + y * s;
  const tick = { size: 10 * s, bold: false };
  for (const tk of model.ticks) {
    p.text(tk.label, X(tk.x), Y(12), tick, COLORS.muted, 'center');
    p.polyline(
      [
        [X(tk.x), Y(16)],
        [X(tk.x), r.y + r.h],
      ],
      '#eeeeee',
      0.75 * s,
    );
  }
  const nameFont = { size: Math.min(12, model.rowHeight * 0.34) * s, bold: true };
  const labelFont = { size: Math.min(10, model.rowHeight * 0.28) * s, bold: false };
  for (const row of model.rows) {
    p.text(
      ellipsize(row.name, (model.axis.x0 - 14) * s, nameFont, measure),
      r.x,
      Y(row.y + 4),
      nameFont,
      COLORS.ink,
    );
    p.polyline(
      [
        [X(model.axis.x0), Y(row.y)],
        [X(model.axis.x1), Y(row.y)],
      ],
      '#999999',
      0.75 * s,
    );
    for (const d of row.dots) {
      const half = 3.5 * s;
      p.rect(
        { x: X(d.x) - half, y: Y(row.y) - half, w: 2 * half, h: 2 * half },
        d.verified ? '#2c6e9e' : '#ffffff',
        { color: '#2c6e9e', width: 1 * s },
      );
      const ly = d.above ? Y(row.y) - half - 3 * s : Y(row.y) + half + labelFont.size + 1 * s;
      p.text(d.label, X(d.x), ly, labelFont, COLORS.ink, 'center');
    }
  }
}

/** Sources of a gap chart: the pages behind the Hebei and reference values it divides. */
export function gapSources(
  rows: readonly { indicator: string; unit_code: string; rank: number; source_id: string }[],
  indicator: string,
  sourceById: ReadonlyMap<string, SourceInfo>,
  units: readonly string[] = ['130000', '110000', '120000', '000000'],
): SourceInfo[] {
  const seen = new Set<string>();
  const out: SourceInfo[] = [];
  for (const r of rows) {
    if (r.indicator !== indicator || r.rank !== 1 || !units.includes(r.unit_code) || seen.has(r.source_id))
      continue;
    seen.add(r.source_id);
    const src = sourceById.get(r.source_id);
    if (src) out.push(src);
  }
  return out;
}

/** Sources of the timeline: each release's page, by host, once. */
export function timelineSources(timeline: readonly TimelineMeasure[]): SourceInfo[] {
  const seen = new Set<string>();
  const out: SourceInfo[] = [];
  for (const m of timeline)
    for (const e of m.entries) {
      if (!e.source_url) continue;
      let host: string;
      try {
        host = new URL(e.source_url).hostname;
      } catch {
        continue;
      }
      if (seen.has(host)) continue;
      seen.add(host);
      out.push({ id: host, title: host, url: e.source_url });
    }
  return out;
}

/** The texts of a chart figure in a language. */
export function chartTexts(
  parts: { title: string; subtitle: string; notes: string; sources: readonly SourceInfo[] },
  lang: Lang,
  date: string,
): ChartTexts {
  return {
    title: parts.title,
    subtitle: parts.subtitle,
    notes: parts.notes,
    sources: sourcesLine(parts.sources, lang),
    attribution: t(lang, 'chart.exported', { date }),
  };
}

export function drawChartPage(p: Painter, l: ChartLayout, drawChart: (p: Painter, r: Rect) => void): void {
  p.rect({ x: 0, y: 0, w: l.width, h: l.height }, COLORS.paper);
  for (const b of [l.title, l.subtitle, l.notes, l.sources, l.attribution])
    for (const line of b.lines) p.text(line.text, line.x, line.y, b.font, b.color);
  drawChart(p, l.chart);
}
