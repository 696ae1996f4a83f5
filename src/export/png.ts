// PNG figures: the layout drawn on one 2-D canvas of the exact output size, with the export map's
// pixels copied 1:1 into the map frame, then encoded with a pHYs chunk giving the dpi.
import { appFontFamily, CanvasPainter, canvasMeasure } from './canvas-painter.ts';
import { drawFigure } from './draw.ts';
import {
  fileName,
  prepareFigure,
  type ExportContext,
  type ExportOptions,
  type ExportResult,
} from './figure.ts';
import { ExportError } from '../map/offscreen.ts';
import { layoutBoxes } from './layout.ts';
import { withPngDpi } from './png-meta.ts';

export function canvasBytes(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Uint8Array> {
  return new Promise((done, fail) =>
    canvas.toBlob(
      (blob) => {
        if (!blob)
          fail(new ExportError(`The browser could not encode a ${canvas.width}×${canvas.height} image.`));
        else blob.arrayBuffer().then((b) => done(new Uint8Array(b)), fail);
      },
      type,
      quality,
    ),
  );
}

export async function exportPng(ctx: ExportContext, opts: ExportOptions): Promise<ExportResult> {
  const family = appFontFamily();
  const fig = await prepareFigure(ctx, opts, canvasMeasure(family));
  const started = performance.now();
  const { width, height, dpi } = fig.size;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx2d = canvas.getContext('2d');
  if (!ctx2d) throw new ExportError(`The browser could not allocate a ${width}×${height} canvas.`);
  const painter = new CanvasPainter(ctx2d, family, (c, r) => c.drawImage(fig.map.canvas, r.x, r.y, r.w, r.h));
  drawFigure(painter, fig.layout, fig.texts, fig.bar, fig.lang);
  const bytes = withPngDpi(await canvasBytes(canvas, 'image/png'), dpi);
  // Free the big canvases now rather than at the next GC.
  canvas.width = canvas.height = 0;
  fig.map.canvas.width = fig.map.canvas.height = 0;
  return {
    bytes,
    mime: 'image/png',
    fileName: fileName(ctx, opts, 'png'),
    width,
    height,
    dpi,
    tiles: fig.map.tiles,
    warnings: fig.warnings,
    boxes: layoutBoxes(fig.layout),
    timings: { map: fig.mapMs, compose: performance.now() - started },
  };
}
