// Exports of the answers charts (gap chart, sharing timeline) as PNG or PDF at the map figure's
// presets: the chart-figure layout drawn with the same painters as the map figure. Browser-only.
import type { Lang } from '../core/format.ts';
import { ExportError } from '../map/offscreen.ts';
import { appFontFamily, CanvasPainter, canvasMeasure } from './canvas-painter.ts';
import {
  drawChartPage,
  layoutChart,
  type ChartKind,
  type ChartLayout,
  type ChartTexts,
} from './chart-figure.ts';
import type { Painter } from './draw.ts';
import { normalisePreset, pageSizePt, resolvePreset, type Measure, type Rect } from './layout.ts';
import { splitRuns } from './pdf-text.ts';
import { withPngDpi } from './png-meta.ts';
import { canvasBytes } from './png.ts';

export interface ChartSubject {
  kind: ChartKind;
  /** File name without preset and extension, e.g. "jjj-hebei-gap-beds_per_1000". */
  fileStem: string;
  lang: Lang;
  texts: ChartTexts;
  /** Draw the chart into its frame (device px); `s` is device px per CSS px. */
  draw(p: Painter, r: Rect, s: number, measure: Measure): void;
}

export interface ChartExportOptions {
  format: 'png' | 'pdf';
  preset: string;
  /** The window's size, for the screen presets. */
  screen: { width: number; height: number };
}

export interface ChartExportResult {
  bytes: Uint8Array;
  mime: string;
  fileName: string;
  width: number;
  height: number;
  dpi: number;
  layout: ChartLayout;
}

export async function exportChart(
  subject: ChartSubject,
  opts: ChartExportOptions,
): Promise<ChartExportResult> {
  const size = resolvePreset(opts.preset, { screen: opts.screen });
  if ('error' in size) throw new ExportError(size.error);
  const { width, height, dpi } = size;
  const family = appFontFamily();
  const fileName = `${subject.fileStem}-${normalisePreset(opts.preset) ?? 'custom'}-${subject.lang}.${opts.format}`;
  if (opts.format === 'png') {
    const measure = canvasMeasure(family);
    const layout = layoutChart(subject.texts, { width, height, dpi, measure });
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const c = canvas.getContext('2d');
    if (!c) throw new ExportError(`The browser could not allocate a ${width}×${height} canvas.`);
    const painter = new CanvasPainter(c, family, () => undefined);
    drawChartPage(painter, layout, (p, r) => subject.draw(p, r, layout.scale, measure));
    const bytes = withPngDpi(await canvasBytes(canvas, 'image/png'), dpi);
    canvas.width = canvas.height = 0;
    return { bytes, mime: 'image/png', fileName, width, height, dpi, layout };
  }
  const lib = await import('jspdf');
  const { PdfPainter } = await import('./pdf.ts');
  const page = pageSizePt(size);
  const k = page.width / width;
  const doc = new lib.jsPDF({
    unit: 'pt',
    format: [page.width, page.height],
    orientation: page.width >= page.height ? 'landscape' : 'portrait',
    compress: true,
  });
  const painter = new PdfPainter(lib, doc, k, dpi, family, canvasMeasure(family), () => undefined);
  const layout = layoutChart(subject.texts, { width, height, dpi, measure: painter.measure });
  if (splitRuns(subject.texts.title).every((r) => r.latin)) doc.setProperties({ title: subject.texts.title });
  drawChartPage(painter, layout, (p, r) => subject.draw(p, r, layout.scale, painter.measure));
  const bytes = new Uint8Array(doc.output('arraybuffer'));
  return { bytes, mime: 'application/pdf', fileName, width, height, dpi, layout };
}
