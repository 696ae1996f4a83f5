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
import { layoutBoxes, type Rect } from './layout.ts';
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

/**
 * A page of `width`×`height` px drawn by `draw` on one canvas and encoded as PNG with its dpi; the
 * canvas is freed afterwards. `drawMap` copies a map into the map frame (figures without one pass a no-op).
 */
export async function paintPng(
  size: { width: number; height: number; dpi: number },
  family: string,
  drawMap: (c: CanvasRenderingContext2D, r: Rect) => void,
  draw: (p: CanvasPainter) => void,
): Promise<Uint8Array> {
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx2d = canvas.getContext('2d');
  if (!ctx2d) throw new ExportError(`The browser could not allocate a ${size.width}×${size.height} canvas.`);
  draw(new CanvasPainter(ctx2d, family, drawMap));
  const bytes = withPngDpi(await canvasBytes(canvas, 'image/png'), size.dpi);
  // Free the big canvas now rather than at the next GC.
  canvas.width = canvas.height = 0;
  return bytes;
}

export async function exportPng(ctx: ExportContext, opts: ExportOptions): Promise<ExportResult> {
  const family = appFontFamily();
  const fig = await prepareFigure(ctx, opts, canvasMeasure(family));
  const started = performance.now();
  const { width, height, dpi } = fig.size;
  const bytes = await paintPng(
    fig.size,
    family,
    (c, r) => c.drawImage(fig.map.canvas, r.x, r.y, r.w, r.h),
    (painter) => drawFigure(painter, fig.layout, fig.texts, fig.bar, fig.lang),
  );
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
