// Report-grade export in a browser: exact sizes, a map that is drawn (basemap and deck.gl layers), the
// legend and texts, PDF structure, the export dialog, and the headless snapshot CLI. Needs a build.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportApiResult } from '../../src/export/api.ts';
import type { ExportOptions } from '../../src/export/figure.ts';
import type { Rect } from '../../src/export/layout.ts';
import {
  ROOT,
  launchBrowser,
  openApp,
  serveApp,
  watchExternalRequests,
  type Browser,
  type Served,
} from './harness.ts';

let server: Served;
let browser: Browser;
let out: string;
const pageExternal: string[][] = [];

beforeAll(async () => {
  server = await serveApp();
  browser = await launchBrowser();
  out = mkdtempSync(join(tmpdir(), 'jjj-export-'));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (out) rmSync(out, { recursive: true, force: true });
});

async function appPage(query: string): Promise<Page> {
  const page = await browser.context.newPage();
  pageExternal.push(watchExternalRequests(page, server.url.replace(/\/$/, '')));
  await openApp(page, server.url, query);
  await page.waitForFunction(() => window.__explorerExport?.ready() === true);
  return page;
}

function run(page: Page, options: ExportOptions): Promise<ExportApiResult> {
  return page.evaluate((o) => window.__explorerExport!.run(o), { date: '2025-01-01', ...options });
}

const decode = (r: ExportApiResult) => PNG.sync.read(Buffer.from(r.base64, 'base64'));

function pixels(png: PNG, r: Rect, fn: (rgb: [number, number, number], x: number, y: number) => void): void {
  for (let y = Math.max(0, Math.floor(r.y)); y < Math.min(png.height, Math.ceil(r.y + r.h)); y++) {
    for (let x = Math.max(0, Math.floor(r.x)); x < Math.min(png.width, Math.ceil(r.x + r.w)); x++) {
      const i = (y * png.width + x) * 4;
      fn([png.data[i]!, png.data[i + 1]!, png.data[i + 2]!], x, y);
    }
  }
}

/** Distinct colours (5 bits per channel) and the share of pure paper-white pixels in a region. */
function regionStats(png: PNG, r: Rect): { distinct: number; white: number; n: number } {
  const colours = new Set<number>();
  let white = 0;
  let n = 0;
  pixels(png, r, ([red, g, b]) => {
    n++;
    if (red === 255 && g === 255 && b === 255) white++;
    colours.add(((red >> 3) << 10) | ((g >> 3) << 5) | (b >> 3));
  });
  return { distinct: colours.size, white: white / n, n };
}

/** Pixels of the selected-unit outline (deck.gl GeoJsonLayer, rgb(20, 20, 20)) and their bounding box. */
function outlinePixels(png: PNG, r: Rect) {
  let count = 0;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  pixels(png, r, ([red, g, b], x, y) => {
    if (Math.abs(red - 20) <= 6 && Math.abs(g - 20) <= 6 && Math.abs(b - 20) <= 6) {
      count++;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  });
  return { count, box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } };
}

/** Share of pixels of a region that differ noticeably between two images of the same size. */
function difference(a: PNG, b: PNG, r: Rect): number {
  let changed = 0;
  let n = 0;
  pixels(a, r, ([ar, ag, ab], x, y) => {
    const i = (y * b.width + x) * 4;
    n++;
    if (Math.abs(ar - b.data[i]!) + Math.abs(ag - b.data[i + 1]!) + Math.abs(ab - b.data[i + 2]!) > 30)
      changed++;
  });
  return changed / n;
}

describe('figure export in the browser', () => {
  let page: Page;
  let hd: ExportApiResult;
  beforeAll(async () => {
    page = await appPage('?lvl=city&sel=XIONGAN&lang=en');
  });

  it('A4 at 300 dpi is exactly 3508 × 2480 px with a drawn map, legend and the deck.gl outline', async () => {
    const r = await run(page, { format: 'png', preset: 'a4-300' });
    expect(r.mime).toBe('image/png');
    const png = decode(r);
    expect([png.width, png.height]).toEqual([3508, 2480]);
    expect([r.width, r.height, r.dpi, r.tiles]).toEqual([3508, 2480, 300, 1]);

    // The map frame is drawn: many colours, no paper showing through.
    const map = regionStats(png, r.boxes.map!);
    expect(map.distinct).toBeGreaterThan(60);
    expect(map.white).toBeLessThan(0.02);
    // The legend has its swatches: several saturated colours.
    const legend = regionStats(png, r.boxes.legend!);
    expect(legend.white).toBeLessThan(0.97);
    expect(legend.distinct).toBeGreaterThan(8);
    // The title is drawn.
    expect(regionStats(png, r.boxes.title!).white).toBeLessThan(0.98);

    // The selected unit's deck.gl outline is there, at print scale, where Xiong'an is (not 1× in a corner).
    const outline = outlinePixels(png, r.boxes.map!);
    expect(outline.count).toBeGreaterThan(2000);
    const m = r.boxes.map!;
    expect(outline.box.w).toBeGreaterThan(100);
    const cx = (outline.box.x + outline.box.w / 2 - m.x) / m.w;
    const cy = (outline.box.y + outline.box.h / 2 - m.y) / m.h;
    expect(cx).toBeGreaterThan(0.2);
    expect(cx).toBeLessThan(0.8);
    expect(cy).toBeGreaterThan(0.2);
    expect(cy).toBeLessThan(0.8);
    writeFileSync(join(out, 'a4-300.png'), Buffer.from(r.base64, 'base64'));
  });

  it('1920 × 1080 is 1920 × 1080 and shows the outline too', async () => {
    hd = await run(page, { format: 'png', preset: '1920x1080' });
    const png = decode(hd);
    expect([png.width, png.height]).toEqual([1920, 1080]);
    expect(outlinePixels(png, hd.boxes.map!).count).toBeGreaterThan(200);
  });

  it('the outline colour is absent when nothing is selected (so its presence above means something)', async () => {
    const other = await appPage('?lvl=city&lang=en');
    const r = await run(other, { format: 'png', preset: '1920x1080' });
    expect(outlinePixels(decode(r), r.boxes.map!).count).toBeLessThan(20);
    await other.close();
  });

  it('changing the title text changes the title, not the map', async () => {
    const a = await run(page, { format: 'png', preset: '1920x1080', title: 'Figure 1. Density' });
    const b = await run(page, { format: 'png', preset: '1920x1080', title: 'Figure 2. Something else' });
    const [pa, pb] = [decode(a), decode(b)];
    expect(difference(pa, pb, a.boxes.title!)).toBeGreaterThan(0.01);
    expect(difference(pa, pb, a.boxes.map!)).toBeLessThan(0.01);
  });

  it('zh and en figures differ in the title area', async () => {
    const zh = await run(page, { format: 'png', preset: '1920x1080', lang: 'zh' });
    const en = await run(page, { format: 'png', preset: '1920x1080', lang: 'en' });
    expect(zh.boxes.title).toBeDefined();
    const box = { ...zh.boxes.title!, w: Math.max(zh.boxes.title!.w, en.boxes.title!.w) };
    expect(difference(decode(zh), decode(en), box)).toBeGreaterThan(0.02);
  });

  it('a map wider than a tile is drawn in tiles that line up with the one-piece render', async () => {
    const tiled = await run(page, { format: 'png', preset: '1920x1080', maxTileSide: 700 });
    expect(tiled.tiles).toBeGreaterThan(1);
    expect(tiled.warnings.join(' ')).toMatch(/tiles/);
    const [pt, ph] = [decode(tiled), decode(hd)];
    // Labels may be placed differently near seams; the rest must match.
    expect(difference(pt, ph, tiled.boxes.map!)).toBeLessThan(0.03);
    expect(outlinePixels(pt, tiled.boxes.map!).count).toBeGreaterThan(200);
  });

  it('PDF: one A4 landscape page with the title and sources as real text', async () => {
    const r = await run(page, {
      format: 'pdf',
      preset: 'a4-150',
      title: 'Population density of Jing-Jin-Ji cities',
    });
    const bytes = Buffer.from(r.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(join(out, 'a4.pdf'), bytes);
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({
      data: new Uint8Array(bytes),
      standardFontDataUrl: join(ROOT, 'node_modules/pdfjs-dist/standard_fonts/'),
    }).promise;
    expect(doc.numPages).toBe(1);
    const p = await doc.getPage(1);
    const [, , w, h] = p.view;
    expect(w).toBeCloseTo(841.89, 0);
    expect(h).toBeCloseTo(595.28, 0);
    const text = (await p.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    expect(text).toContain('Population density of Jing-Jin-Ji cities');
    expect(text).toContain('7th National Population Census');
    expect(text).toContain('Natural Earth');
    await doc.destroy();
  });

  it('refuses unknown presets with a clear message', async () => {
    await expect(run(page, { format: 'png', preset: 'a5-300' })).rejects.toThrow(/Unknown preset "a5-300"/);
  });

  it('made zero requests off the machine', () => {
    expect(pageExternal.flat()).toEqual([]);
    expect(browser.external).toEqual([]);
  });
});

describe('PDF of the default Chinese view', () => {
  let page: Page;
  const fontRequests: string[] = [];
  beforeAll(async () => {
    page = await appPage('');
    page.on('request', (r) => {
      if (r.url().includes('/fonts/')) fontRequests.push(r.url());
    });
  });
  afterAll(() => page?.close());

  /**
   * The page's text as pdf.js extracts it, and the number of images drawn: the map (a JPEG) and the
   * text images (transparent PNGs, each an image with a soft-mask image of its own).
   */
  async function readPdf(bytes: Buffer): Promise<{ text: string; images: number; textImages: number }> {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({
      data: new Uint8Array(bytes),
      standardFontDataUrl: join(ROOT, 'node_modules/pdfjs-dist/standard_fonts/'),
    }).promise;
    const p = await doc.getPage(1);
    const text = (await p.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    await doc.destroy();
    const raw = bytes.toString('latin1');
    const count = (re: RegExp) => raw.match(re)?.length ?? 0;
    const textImages = count(/\/SMask \d+ 0 R/g);
    return { text, images: count(/\/Subtype \/Image\b/g) - textImages, textImages };
  }

  it('writes the Chinese words of the figure as real text in the embedded CJK font, not as images', async () => {
    expect(fontRequests, 'the CJK font is fetched only for a PDF').toEqual([]);
    const r = await run(page, { format: 'pdf', preset: 'a4-300' });
    const bytes = Buffer.from(r.base64, 'base64');
    writeFileSync(join(out, 'a4-zh.pdf'), bytes);
    expect(fontRequests).toHaveLength(1);
    expect(fontRequests[0]).toContain('/fonts/wqy-microhei-subset.ttf');
    const raw = bytes.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toContain('/Identity-H');
    const { text, images, textImages } = await readPdf(bytes);
    console.log(`default zh A4 300-dpi PDF: ${bytes.length} B, ${images} images, ${textImages} of text`);
    // The title's indicator name, the legend's unit and no-data row, the sources heading, a county.
    for (const words of ['人口密度（2020年普查）', '平方公里', '无数据', '来源']) {
      expect(text).toContain(words);
    }
    // The map is the only image.
    expect(textImages).toBe(0);
    expect(images).toBe(1);
  });

  it('draws a character outside the font subset as an image, the rest of the line as text', async () => {
    const r = await run(page, { format: 'pdf', preset: 'a4-150', title: '人口密度龘 2020' });
    const { text, images, textImages } = await readPdf(Buffer.from(r.base64, 'base64'));
    expect(text).toContain('人口密度');
    expect(text).toContain('2020');
    expect(text).not.toContain('龘');
    expect(textImages).toBe(1);
    expect(images).toBe(2);
  });
});

describe('the export dialog', () => {
  it('opens from the keyboard, focuses the title, closes on Escape and gives focus back', async () => {
    const page = await appPage('?lvl=city&lang=en');
    const button = page.getByTestId('export-open');
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('export-dialog');
    await expect(dialog.evaluate((d) => (d as HTMLDialogElement).open)).resolves.toBe(true);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe(
      'export-title',
    );
    await page.keyboard.press('Escape');
    await expect(dialog.evaluate((d) => (d as HTMLDialogElement).open)).resolves.toBe(false);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe(
      'export-open',
    );
    await page.close();
  });

  it('downloads a PNG of the chosen size, the CSV of the view and shows the link to it', async () => {
    const page = await appPage('?lvl=city&sel=XIONGAN&lang=en');
    await page.getByTestId('export-open').click();
    await page.getByTestId('export-preset').selectOption('1920x1080');
    await page.getByTestId('export-title').fill('My figure');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-run').click(),
    ]);
    const file = join(out, 'dialog.png');
    await download.saveAs(file);
    const png = PNG.sync.read(readFileSync(file));
    expect([png.width, png.height]).toEqual([1920, 1080]);
    await expect(page.getByTestId('export-status').textContent()).resolves.toMatch(/1920 × 1080/);

    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    const csvFile = join(out, 'view.csv');
    await csvDownload.saveAs(csvFile);
    const csv = readFileSync(csvFile, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'code,name_zh,name_en,indicator,year,value,unit,source_title,source_url,confidence,theme',
    );
    expect(lines.some((l) => l.startsWith('XIONGAN,雄安新区,'))).toBe(true);

    const link = await page.getByTestId('export-link').inputValue();
    expect(link).toContain('sel=XIONGAN');
    expect(link).toContain('lvl=city');
    await page.close();
  });
});

describe('the snapshot CLI', () => {
  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'src/cli/snapshot.ts'), ...args],
        { cwd: ROOT, env: { ...process.env, INIT_CWD: out }, timeout: 170_000 },
        (err, stdout, stderr) =>
          done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('writes a PNG of the requested size from a copied link', async () => {
    const file = join(out, 'cli.png');
    const r = await cli([
      '--url',
      `${server.url}?lvl=city&sel=XIONGAN&lang=en`,
      '--preset',
      '1920x1080',
      '--out',
      file,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const png = PNG.sync.read(readFileSync(file));
    expect([png.width, png.height]).toEqual([1920, 1080]);
  }, 180_000);

  it('writes every figure of a batch', async () => {
    const batch = join(out, 'figures.json');
    writeFileSync(
      batch,
      JSON.stringify([
        { url: '?lvl=city&lang=en', preset: 'screen', out: 'b1.png', title: 'One' },
        { url: 'lvl=county&ind=census_share_65plus', preset: 'a4-150', out: 'b2.png' },
        { url: '?lvl=province', preset: 'a4p-150', out: 'b3.pdf' },
      ]),
    );
    const r = await cli(['--batch', batch]);
    expect(r.code).toBe(0);
    for (const f of ['b1.png', 'b2.png', 'b3.pdf']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(PNG.sync.read(readFileSync(join(out, 'b2.png'))).width).toBe(1754);
    expect(readFileSync(join(out, 'b3.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 180_000);

  it('exits non-zero with a clear message for a bad preset, before starting a browser', async () => {
    const r = await cli(['--url', '?lvl=city', '--preset', 'a5-300', '--out', join(out, 'x.png')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/unknown preset "a5-300"/);
    expect(existsSync(join(out, 'x.png'))).toBe(false);
  });

  it('exits non-zero and reports the app notices for a link it cannot read', async () => {
    const r = await cli(['--url', '?lvl=nowhere', '--preset', 'screen', '--out', join(out, 'y.png')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/lvl="nowhere"/);
    expect(existsSync(join(out, 'y.png'))).toBe(false);
  }, 180_000);
});
