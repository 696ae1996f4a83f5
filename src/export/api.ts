// Browser-side helpers around an export: saving a file, a link to the view, and the small window
// API the headless snapshot CLI (src/cli/snapshot.ts) and the browser tests drive.
import type { AppState } from '../state/schema.ts';
import { stateToQuery } from '../state/url.ts';
import { viewCsv, viewFileStem, viewGeoJson } from './data.ts';
import type { ExportContext, ExportOptions, ExportResult } from './figure.ts';

/** Save bytes or text as a file through a temporary link (works offline, no server round-trip). */
export function saveFile(content: Uint8Array | string, fileName: string, mime: string): void {
  const part: BlobPart = typeof content === 'string' ? content : new Uint8Array(content);
  const url = URL.createObjectURL(new Blob([part], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the download a moment to start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The URL that reproduces a state (what the address bar shows once it has caught up). */
export function viewLink(state: AppState, location: Location = window.location): string {
  return `${location.origin}${location.pathname}?${stateToQuery(state)}`;
}

export function downloadCsv(ctx: ExportContext): void {
  saveFile(viewCsv(ctx.data, ctx.state), `${viewFileStem(ctx.state)}.csv`, 'text/csv;charset=utf-8');
}

export function downloadGeoJson(ctx: ExportContext): void {
  const text = JSON.stringify(viewGeoJson(ctx.data, ctx.state, ctx.choropleth));
  saveFile(text, `${viewFileStem(ctx.state)}.geojson`, 'application/geo+json');
}

function toBase64(bytes: Uint8Array): Promise<string> {
  return new Promise((done, fail) => {
    const reader = new FileReader();
    reader.onload = () => done(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => fail(reader.error);
    reader.readAsDataURL(new Blob([new Uint8Array(bytes)]));
  });
}

export type ExportApiResult = Omit<ExportResult, 'bytes'> & { base64: string };

/** `window.__explorerExport`: the export entry point for headless use. */
export interface ExportApi {
  /** True once the data, the live map and its first full render are there. */
  ready(): boolean;
  /** Notices the app raised (e.g. while reading the URL), in English. */
  notices(): string[];
  link(): string;
  run(options: ExportOptions): Promise<ExportApiResult>;
  csv(): string;
  geojson(): string;
}

declare global {
  interface Window {
    __explorerExport?: ExportApi;
  }
}

/** Install the window API; `context` reads the app's current view at call time. Returns an uninstaller. */
export function installExportApi(context: () => ExportContext | null, notices: () => string[]): () => void {
  const need = () => {
    const ctx = context();
    if (!ctx) throw new Error('The app has not loaded its data and map yet.');
    return ctx;
  };
  const api: ExportApi = {
    ready: () => context()?.explorer != null,
    notices,
    link: () => viewLink(need().state),
    async run(options) {
      const { bytes, ...rest } = await exportFigure(need(), options);
      return { ...rest, base64: await toBase64(bytes) };
    },
    csv: () => viewCsv(need().data, need().state),
    geojson: () => JSON.stringify(viewGeoJson(need().data, need().state, need().choropleth)),
  };
  window.__explorerExport = api;
  return () => {
    if (window.__explorerExport === api) delete window.__explorerExport;
  };
}

/**
 * Export the current view as a PNG or PDF figure (the composers load on first use). Throws
 * ExportError with a readable message.
 */
export async function exportFigure(ctx: ExportContext, opts: ExportOptions): Promise<ExportResult> {
  if (opts.format === 'pdf') {
    const { exportPdf } = await import('./pdf.ts');
    return exportPdf(ctx, opts);
  }
  const { exportPng } = await import('./png.ts');
  return exportPng(ctx, opts);
}
