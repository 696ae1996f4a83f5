// Exports of the answers charts (gap chart, sharing timeline) as PNG or PDF at the map figure's
// presets: the chart-figure layout drawn with the same painters as the map figure. Browser-only.
import type { Lang } from '../core/format.ts';
import { ExportError } from '../map/offscreen.ts';
import { appFontFamily, canvasMeasure } from './canvas-painter.ts';
import {
  drawChartPage,
  layoutChart,
  type ChartKind,
  type ChartLayout,
  type ChartTexts,
} from './chart-figure.ts';
import type { Painter } from './draw.ts';
import { normalisePreset, resolvePreset, type Measure, type Rect } from './layout.ts';
import { paintPng } from './png.ts';

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
    const bytes = await paintPng(
      size,
      family,
      () => undefined,
      (painter) => drawChartPage(painter, layout, (p, r) => subject.draw(p, r, layout.scale, measure)),
    );
    return { bytes, mime: 'image/png', fileName, width, height, dpi, layout };
  }
  const [lib, { PdfPainter, newPdfPage }, { addPdfCjkFont, loadPdfCjkFont }] = await Promise.all([
    import('jspdf'),
    import('./pdf.ts'),
    import('./pdf-font.ts'),
  ]);
  const fontFile = await loadPdfCjkFont();
  const { doc, k } = newPdfPage(lib, size, subject.texts.title);
  const cjkFont = fontFile === null ? null : addPdfCjkFont(doc, fontFile);
  const painter = new PdfPainter(lib, doc, k, dpi, family, canvasMeasure(family), () => undefined, cjkFont);
  const layout = layoutChart(subject.texts, { width, height, dpi, measure: painter.measure });
  drawChartPage(painter, layout, (p, r) => subject.draw(p, r, layout.scale, painter.measure));
  const bytes = new Uint8Array(doc.output('arraybuffer'));
  return { bytes, mime: 'application/pdf', fileName, width, height, dpi, layout };
}
