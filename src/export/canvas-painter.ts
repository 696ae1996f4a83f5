// The Painter of draw.ts on a 2-D canvas (PNG exports, and the CJK text images of PDF exports).
import type { Align, Painter } from './draw.ts';
import type { FontSpec, Measure, Rect } from './layout.ts';

/** The app's own font stack (app.css), so figures read like the screen; CJK from local fonts. */
export function appFontFamily(): string {
  const css = getComputedStyle(document.documentElement).fontFamily;
  return css || "system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
}

export const cssFont = (font: FontSpec, family: string) =>
  `${font.bold ? '700' : '400'} ${font.size}px ${family}`;

/** Text widths from a canvas, for laying out a figure drawn with the same fonts. */
export function canvasMeasure(family: string): Measure {
  const ctx = document.createElement('canvas').getContext('2d')!;
  const cache = new Map<string, number>();
  return (text, font) => {
    const key = `${font.size}|${font.bold}|${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      ctx.font = cssFont(font, family);
      w = ctx.measureText(text).width;
      cache.set(key, w);
    }
    return w;
  };
}

export class CanvasPainter implements Painter {
  constructor(
    private readonly ctx: CanvasRenderingContext2D,
    private readonly family: string,
    private readonly drawMap: (ctx: CanvasRenderingContext2D, r: Rect) => void,
  ) {}

  rect(r: Rect, fill: string | null, stroke?: { color: string; width: number }, fillAlpha = 1): void {
    const c = this.ctx;
    if (fill) {
      c.globalAlpha = fillAlpha;
      c.fillStyle = fill;
      c.fillRect(r.x, r.y, r.w, r.h);
      c.globalAlpha = 1;
    }
    if (stroke) {
      c.strokeStyle = stroke.color;
      c.lineWidth = stroke.width;
      c.strokeRect(r.x, r.y, r.w, r.h);
    }
  }

  polyline(points: readonly [number, number][], color: string, width: number): void {
    const c = this.ctx;
    c.beginPath();
    points.forEach(([x, y], i) => (i === 0 ? c.moveTo(x, y) : c.lineTo(x, y)));
    c.strokeStyle = color;
    c.lineWidth = width;
    c.stroke();
  }

  polygon(
    points: readonly [number, number][],
    fill: string,
    stroke?: { color: string; width: number },
  ): void {
    const c = this.ctx;
    c.beginPath();
    points.forEach(([x, y], i) => (i === 0 ? c.moveTo(x, y) : c.lineTo(x, y)));
    c.closePath();
    c.fillStyle = fill;
    c.fill();
    if (stroke) {
      c.strokeStyle = stroke.color;
      c.lineWidth = stroke.width;
      c.lineJoin = 'round';
      c.stroke();
    }
  }

  text(text: string, x: number, y: number, font: FontSpec, color: string, align: Align = 'left'): void {
    const c = this.ctx;
    c.font = cssFont(font, this.family);
    c.fillStyle = color;
    c.textAlign = align;
    c.textBaseline = 'alphabetic';
    c.fillText(text, x, y);
  }

  map(r: Rect): void {
    this.drawMap(this.ctx, r);
  }
}
