// PDF figures: one jsPDF page of the requested paper, the map as an image, everything else drawn as
// vectors and real text. Latin text is Helvetica (jsPDF's built-in fonts are WinAnsi only). Chinese
// text is real, selectable text too: a TrueType subset of WenQuanYi Micro Hei (geo/build/fonts, GB 2312
// level 1 plus every character of the app's texts) is fetched on the first PDF (pdf-font.ts) and
// embedded as an Identity-H font, of which jsPDF writes only the glyphs used. Bold CJK text is that same
// font filled and stroked (Micro Hei has no bold face). A character the subset lacks, or every CJK
// character when the font cannot be loaded, is drawn as before: a small transparent image rendered at
// ≥300 dpi with the screen's CJK font, on the same baseline.
import type { jsPDF as JsPdf } from 'jspdf';
import { appFontFamily, canvasMeasure, cssFont } from './canvas-painter.ts';
import { drawFigure, parseColor, type Align, type Painter } from './draw.ts';
import {
  fileName,
  prepareFigure,
  type ExportContext,
  type ExportOptions,
  type ExportResult,
} from './figure.ts';
import { layoutBoxes, pageSizePt, type FontSpec, type Measure, type Rect } from './layout.ts';
import { addPdfCjkFont, loadPdfCjkFont, type PdfCjkFont } from './pdf-font.ts';
import { pdfRuns, splitRuns } from './pdf-text.ts';
import { canvasBytes } from './png.ts';

export type JsPdfModule = typeof import('jspdf');

/** CSS alpha of rgba() colours; the PDF blends such strokes with the white paper. */
function alphaOf(css: string): number {
  const m = /^rgba\([^)]*,\s*([\d.]+)\s*\)$/i.exec(css.trim());
  return m ? Number(m[1]) : 1;
}

function solid(css: string): [number, number, number] {
  const [r, g, b] = parseColor(css);
  const a = alphaOf(css);
  return [r, g, b].map((c) => Math.round(c * a + 255 * (1 - a))) as [number, number, number];
}

const TEXT_IMAGE_DPI = 300;
/** Stroke width of fake-bold CJK text, in em. */
const FAKE_BOLD_EM = 0.04;

export class PdfPainter implements Painter {
  private images = 0;
  private readonly cjkCache = new Map<string, string>();

  constructor(
    private readonly lib: JsPdfModule,
    private readonly doc: JsPdf,
    /** Points per output pixel. */
    private readonly k: number,
    private readonly dpi: number,
    private readonly family: string,
    private readonly cjkMeasure: Measure,
    private readonly drawMap: (doc: JsPdf, r: Rect) => void,
    /** The embedded CJK font of this document; null: every CJK run is an image. */
    private readonly cjkFont: PdfCjkFont | null = null,
  ) {}

  private readonly inFont = (ch: string) => this.cjkFont?.has(ch) ?? false;

  private setFont(font: FontSpec, cjk = false) {
    if (cjk) this.doc.setFont(this.cjkFont!.name, 'normal');
    else this.doc.setFont('helvetica', font.bold ? 'bold' : 'normal');
    this.doc.setFontSize(font.size * this.k);
  }

  /**
   * Width in output pixels of a text as this painter sets it: Helvetica's and the CJK font's metrics,
   * the canvas's for runs drawn as images.
   */
  readonly measure: Measure = (text, font) => {
    let w = 0;
    for (const run of pdfRuns(text, this.inFont)) {
      if (run.kind === 'image') w += this.cjkMeasure(run.text, font);
      else {
        this.setFont(font, run.kind === 'font');
        w += this.doc.getStringUnitWidth(run.text) * font.size;
      }
    }
    return w;
  };

  rect(r: Rect, fill: string | null, stroke?: { color: string; width: number }, fillAlpha = 1): void {
    const d = this.doc;
    const k = this.k;
    if (fill) {
      if (fillAlpha < 1) d.setGState(new this.lib.GState({ opacity: fillAlpha }));
      d.setFillColor(...solid(fill));
      d.rect(r.x * k, r.y * k, r.w * k, r.h * k, 'F');
      if (fillAlpha < 1) d.setGState(new this.lib.GState({ opacity: 1 }));
    }
    if (stroke) {
      d.setDrawColor(...solid(stroke.color));
      d.setLineWidth(stroke.width * k);
      d.rect(r.x * k, r.y * k, r.w * k, r.h * k, 'S');
    }
  }

  polyline(points: readonly [number, number][], color: string, width: number): void {
    const d = this.doc;
    const k = this.k;
    d.setDrawColor(...solid(color));
    d.setLineWidth(width * k);
    for (let i = 1; i < points.length; i++) {
      const [x1, y1] = points[i - 1]!;
      const [x2, y2] = points[i]!;
      d.line(x1 * k, y1 * k, x2 * k, y2 * k);
    }
  }

  polygon(
    points: readonly [number, number][],
    fill: string,
    stroke?: { color: string; width: number },
  ): void {
    const d = this.doc;
    const k = this.k;
    const [x0, y0] = points[0]!;
    const deltas = points.slice(1).map(([x, y], i) => [(x - points[i]![0]) * k, (y - points[i]![1]) * k]);
    d.setFillColor(...solid(fill));
    if (stroke) {
      d.setDrawColor(...solid(stroke.color));
      d.setLineWidth(stroke.width * k);
      d.setLineJoin('round');
    }
    d.lines(deltas, x0 * k, y0 * k, [1, 1], stroke ? 'FD' : 'F', true);
  }

  text(text: string, x: number, y: number, font: FontSpec, color: string, align: Align = 'left'): void {
    const runs = pdfRuns(text, this.inFont);
    const widths = runs.map((r) => this.measure(r.text, font));
    const total = widths.reduce((a, b) => a + b, 0);
    let cx = align === 'left' ? x : align === 'center' ? x - total / 2 : x - total;
    for (const [i, run] of runs.entries()) {
      if (run.kind === 'image') this.cjkImage(run.text, cx, y, font, color, widths[i]!);
      else this.fontText(run.text, cx, y, font, color, run.kind === 'font');
      cx += widths[i]!;
    }
  }

  /** A run as real text; bold CJK text is filled and stroked (fake bold, same advance widths). */
  private fontText(text: string, x: number, y: number, font: FontSpec, color: string, cjk: boolean) {
    const d = this.doc;
    this.setFont(font, cjk);
    d.setTextColor(...solid(color));
    if (cjk && font.bold) {
      d.setDrawColor(...solid(color));
      d.setLineWidth(font.size * this.k * FAKE_BOLD_EM);
      d.setLineJoin('round');
      d.text(text, x * this.k, y * this.k, { baseline: 'alphabetic', renderingMode: 'fillThenStroke' });
      d.setLineJoin('miter');
    } else d.text(text, x * this.k, y * this.k, { baseline: 'alphabetic' });
  }

  /** A run of CJK text as a transparent PNG at ≥300 dpi, its baseline on the line's baseline. */
  private cjkImage(text: string, x: number, y: number, font: FontSpec, color: string, width: number) {
    const f = Math.max(1, TEXT_IMAGE_DPI / this.dpi);
    const ascent = font.size * 1.05;
    const h = font.size * 1.35;
    const key = `${text}|${font.size}|${font.bold}|${color}`;
    let alias = this.cjkCache.get(key);
    let data: HTMLCanvasElement | undefined;
    if (!alias) {
      data = document.createElement('canvas');
      data.width = Math.ceil((width + 2) * f);
      data.height = Math.ceil(h * f);
      const c = data.getContext('2d')!;
      c.scale(f, f);
      c.font = cssFont(font, this.family);
      c.fillStyle = color;
      c.textBaseline = 'alphabetic';
      c.fillText(text, 0, ascent);
      alias = `cjk${this.images++}`;
      this.cjkCache.set(key, alias);
    }
    const k = this.k;
    // jsPDF reuses an image already added under the same alias.
    this.doc.addImage(data ?? '', 'PNG', x * k, (y - ascent) * k, (width + 2) * k, h * k, alias, 'FAST');
  }

  map(r: Rect): void {
    this.drawMap(this.doc, r);
  }
}

/**
 * A jsPDF document of one page of the size's paper, `k` points per output pixel, its title set when
 * it is Latin (document properties are written in PDFDocEncoding).
 */
export function newPdfPage(
  lib: JsPdfModule,
  size: { width: number; height: number; dpi: number },
  title: string,
): { doc: JsPdf; page: { width: number; height: number }; k: number } {
  const page = pageSizePt(size);
  const doc = new lib.jsPDF({
    unit: 'pt',
    format: [page.width, page.height],
    orientation: page.width >= page.height ? 'landscape' : 'portrait',
    compress: true,
  });
  doc.setProperties({
    ...(splitRuns(title).every((r) => r.latin) ? { title } : {}),
    creator: 'Jing-Jin-Ji Public Service Explorer',
  });
  return { doc, page, k: page.width / size.width };
}

export async function exportPdf(ctx: ExportContext, opts: ExportOptions): Promise<ExportResult> {
  const [lib, fontFile] = await Promise.all([import('jspdf'), loadPdfCjkFont()]);
  const family = appFontFamily();
  const cjkMeasure = canvasMeasure(family);
  // A document to measure with before the page size is known; the page itself is created below.
  const probe = new lib.jsPDF({ unit: 'pt', format: 'a4' });
  const probeFont = fontFile === null ? null : addPdfCjkFont(probe, fontFile);
  const measurer = new PdfPainter(lib, probe, 1, 96, family, cjkMeasure, () => undefined, probeFont);
  const fig = await prepareFigure(ctx, opts, measurer.measure);
  const started = performance.now();
  const { width, height, dpi } = fig.size;
  const { doc, page, k } = newPdfPage(lib, fig.size, fig.texts.title);
  // JPEG keeps a 300-dpi map small and fast to embed; at print resolution its artefacts are invisible.
  const jpeg = await canvasBytes(fig.map.canvas, 'image/jpeg', 0.92);
  const cjkFont = fontFile === null ? null : addPdfCjkFont(doc, fontFile);
  const painter = new PdfPainter(
    lib,
    doc,
    k,
    dpi,
    family,
    cjkMeasure,
    (d, r) => d.addImage(jpeg, 'JPEG', r.x * k, r.y * k, r.w * k, r.h * k, 'map', 'NONE'),
    cjkFont,
  );
  drawFigure(painter, fig.layout, fig.texts, fig.bar, fig.lang);
  const bytes = new Uint8Array(doc.output('arraybuffer'));
  fig.map.canvas.width = fig.map.canvas.height = 0;
  return {
    bytes,
    mime: 'application/pdf',
    fileName: fileName(ctx, opts, 'pdf'),
    width,
    height,
    dpi,
    page,
    tiles: fig.map.tiles,
    warnings: fig.warnings,
    boxes: layoutBoxes(fig.layout),
    timings: { map: fig.mapMs, compose: performance.now() - started },
  };
}
