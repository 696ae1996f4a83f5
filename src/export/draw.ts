// Draws a laid-out figure through a small painter interface, so the PNG (2-D canvas) and the PDF
// (jsPDF page) come from the same drawing code. Coordinates are output device pixels; a painter
// converts them (the PDF one to points). No DOM here.
import {
  COLORS,
  hatchSegments,
  type FigureLayout,
  type FigureTexts,
  type FontSpec,
  type LegendHistogram,
  type Rect,
  type ScaleBar,
} from './layout.ts';

export type Align = 'left' | 'center' | 'right';

export interface Painter {
  rect(r: Rect, fill: string | null, stroke?: { color: string; width: number }, fillAlpha?: number): void;
  polyline(points: readonly [number, number][], color: string, width: number): void;
  polygon(points: readonly [number, number][], fill: string, stroke?: { color: string; width: number }): void;
  text(text: string, x: number, y: number, font: FontSpec, color: string, align?: Align): void;
  /** The rendered map, exactly `r.w`×`r.h` device pixels. */
  map(r: Rect): void;
}

/**
 * Parse a CSS colour of the forms palettes produce (#rgb, #rrggbb, rgb(), rgba()) to 0–255 channels.
 * @example parseColor('rgb(20, 20, 20)') // → [20, 20, 20]
 */
export function parseColor(css: string): [number, number, number] {
  const c = css.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c);
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((x) => x + x).join('') : hex[1]!;
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(c);
  if (rgb) return [1, 2, 3].map((i) => Math.round(Number(rgb[i]))) as [number, number, number];
  return [0, 0, 0];
}

function drawBlock(
  p: Painter,
  b: { lines: { text: string; x: number; y: number }[]; font: FontSpec; color: string },
) {
  for (const line of b.lines) p.text(line.text, line.x, line.y, b.font, b.color);
}

function drawNorthArrow(p: Painter, r: Rect, label: string, s: number) {
  const cx = r.x + r.w / 2;
  const top = r.y + r.h * 0.42;
  const tip = r.y + r.h * 0.42 - r.h * 0.02;
  const base = r.y + r.h;
  const notch = r.y + r.h * 0.82;
  const half = r.w / 2;
  const pad = 4 * s;
  p.rect({ x: r.x - pad, y: r.y - pad, w: r.w + 2 * pad, h: r.h + 2 * pad }, '#ffffff', undefined, 0.82);
  // Left half dark, right half light: the classic two-tone needle, readable on any background.
  p.polygon(
    [
      [cx, tip],
      [cx - half, base],
      [cx, notch],
    ],
    '#333b44',
    { color: '#333b44', width: 0.8 * s },
  );
  p.polygon(
    [
      [cx, tip],
      [cx + half, base],
      [cx, notch],
    ],
    '#ffffff',
    { color: '#333b44', width: 0.8 * s },
  );
  p.text(label, cx, top - 3 * s, { size: 12.5 * s, bold: true }, '#333b44', 'center');
}

function drawScaleBar(p: Painter, l: FigureLayout, bar: ScaleBar, label: string) {
  const s = l.scale;
  const { x, y, barHeight, font } = l.scaleBar;
  const len = bar.lengthPx;
  const top = y - barHeight;
  const pad = 6 * s;
  const labelY = top - 4 * s;
  const endLabel = `${label}`;
  const backing = {
    x: x - pad,
    y: labelY - font.size - pad * 0.6,
    w: len + pad * 2 + font.size * 1.6,
    h: y - (labelY - font.size) + pad * 1.6,
  };
  p.rect(backing, '#ffffff', undefined, 0.82);
  const half = len / 2;
  p.rect({ x, y: top, w: half, h: barHeight }, '#333b44', { color: '#333b44', width: 0.8 * s });
  p.rect({ x: x + half, y: top, w: half, h: barHeight }, '#ffffff', { color: '#333b44', width: 0.8 * s });
  p.text('0', x, labelY, font, COLORS.ink, 'center');
  p.text(endLabel, x + len, labelY, font, COLORS.ink, 'center');
}

/** The legend histogram (view/legend.ts LegendHistogram) in its box: bars, baseline, class edges. */
export function drawHistogram(p: Painter, r: Rect, h: LegendHistogram, s: number): void {
  for (const b of h.bars) {
    if (b.count === 0) continue;
    const bh = Math.max(s, b.height * r.h);
    p.rect(
      { x: r.x + b.x0 * r.w + 0.5 * s, y: r.y + r.h - bh, w: Math.max(s, (b.x1 - b.x0) * r.w - s), h: bh },
      b.color,
    );
  }
  p.polyline(
    [
      [r.x, r.y + r.h],
      [r.x + r.w, r.y + r.h],
    ],
    '#888888',
    0.75 * s,
  );
  const font = { size: 9 * s, bold: false };
  for (const tk of h.ticks) {
    const x = r.x + tk.at * r.w;
    p.polyline(
      [
        [x, r.y + r.h],
        [x, r.y + r.h + 3 * s],
      ],
      '#555555',
      0.75 * s,
    );
    if (tk.label)
      p.text(
        tk.label,
        x,
        r.y + r.h + 12 * s,
        font,
        COLORS.muted,
        tk.at <= 0 ? 'left' : tk.at >= 1 ? 'right' : 'center',
      );
  }
}

/** Label at the end of the scale bar: "50 km" / "50 公里". */
export function scaleLabel(bar: ScaleBar, lang: 'zh' | 'en'): string {
  const unit = bar.unit === 'km' ? (lang === 'zh' ? '公里' : 'km') : lang === 'zh' ? '米' : 'm';
  return `${bar.value} ${unit}`;
}

export function drawFigure(
  p: Painter,
  l: FigureLayout,
  texts: FigureTexts,
  bar: ScaleBar | null,
  lang: 'zh' | 'en',
): void {
  const s = l.scale;
  p.rect({ x: 0, y: 0, w: l.width, h: l.height }, COLORS.paper);
  p.map(l.map);
  p.rect(l.map, null, { color: COLORS.frame, width: Math.max(1, 0.75 * s) });

  drawBlock(p, l.title);
  drawBlock(p, l.subtitle);

  drawBlock(p, l.legend.heading);
  drawBlock(p, l.legend.unit);
  if (l.legend.histogram && texts.histogram) drawHistogram(p, l.legend.histogram, texts.histogram, s);
  for (const row of l.legend.rows) {
    const sw = row.swatch;
    if (row.kind === 'fill') {
      p.rect(
        sw,
        row.color,
        row.line ? { color: row.line, width: 2 * s } : { color: 'rgba(0, 0, 0, 0.25)', width: 0.75 * s },
      );
    } else if (row.kind === 'nodata') {
      p.rect(sw, row.color);
      for (const [x1, y1, x2, y2] of hatchSegments(sw, 4 * s)) {
        p.polyline(
          [
            [x1, y1],
            [x2, y2],
          ],
          '#969696',
          1.1 * s,
        );
      }
      p.rect(sw, null, { color: 'rgba(0, 0, 0, 0.25)', width: 0.75 * s });
    } else if (row.kind === 'line' || row.kind === 'dashed') {
      const y = sw.y + sw.h / 2;
      const dash = row.kind === 'dashed' ? 5 * s : sw.w;
      for (let x = sw.x; x < sw.x + sw.w; x += dash * 1.6)
        p.polyline(
          [
            [x, y],
            [Math.min(x + dash, sw.x + sw.w), y],
          ],
          row.color,
          3 * s,
        );
    } else if (row.kind === 'point') {
      const d = Math.min(sw.w, sw.h) * 0.8;
      p.rect({ x: sw.x + (sw.w - d) / 2, y: sw.y + (sw.h - d) / 2, w: d, h: d }, row.color, {
        color: 'rgb(255, 255, 255)',
        width: 0.75 * s,
      });
    } else {
      // The selected unit is outlined on the map: show an outline, not a fill.
      const w = 3 * s;
      p.rect({ x: sw.x + w / 2, y: sw.y + w / 2, w: sw.w - w, h: sw.h - w }, null, {
        color: row.color,
        width: w,
      });
    }
    p.text(row.label.text, row.label.x, row.label.y, l.legend.rowFont, COLORS.ink);
    if (row.count) p.text(row.count.text, row.count.x, row.count.y, l.legend.rowFont, l.legend.countColor);
  }
  drawBlock(p, l.notes);
  drawBlock(p, l.sources);
  drawBlock(p, l.attribution);

  drawNorthArrow(p, l.northArrow, texts.north, s);
  if (bar) drawScaleBar(p, l, bar, scaleLabel(bar, lang));
}
