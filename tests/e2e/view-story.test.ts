// issue 14: every view tells one story — the map title, the legend, the screen-reader description and
// the exported figure say the same thing, and the indicator is never silently missing under a network
// year it has no values for.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT, openApp } from './harness.ts';
import { browser, server, useAppInBrowser } from './setup.ts';

useAppInBrowser();

async function appPage(query: string, width = 1440, height = 900): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height });
  await openApp(page, server.url, query);
  return page;
}

describe('the network year and the indicator year', () => {
  it('2024 network over the 2020 census: the census is drawn for 2020 and the legend says so', async () => {
    const page = await appPage('?rail=1&y=2024&lang=zh');
    await page.getByTestId('rail-legend').waitFor();
    const legend = page.getByTestId('legend');
    await expect(legend.locator('h2').textContent()).resolves.toContain('· 2020');
    await expect(page.getByTestId('legend-year-note').textContent()).resolves.toBe(
      '2024年无数值：显示最近有数据的2020年。',
    );
    // Every county has its census value: no "no data (199)".
    await expect(legend.textContent()).resolves.toContain('无数据 (0)');
    const title = await page.getByTestId('view-title-text').textContent();
    expect(title).toBe('人口密度（2020年普查） · 2020年 · 2024年铁路网');
    await expect(page.getByTestId('map-description').textContent()).resolves.toContain(title!);
    // The table view reads the same year.
    await page.getByTestId('table-toggle').click();
    await expect(page.getByTestId('table-view').locator('caption').textContent()).resolves.toContain('2020');
    await page.close();
  });
});

describe('the exported figure describes the analysis on show', () => {
  it('isochrone from Beijing West in 2024 compared with 2013: title, residents per band, model source', async () => {
    const page = await appPage('?rail=1&o=ST015&cmp=2013&y=2024&lang=en');
    await page.getByTestId('isochrone-legend').waitFor();
    const title = await page.getByTestId('view-title-text').textContent();
    expect(title).toBe(
      'Rail travel time from Beijing West, 2024 network · 30/60/90 min · newly within 60 min since 2013',
    );
    await expect(page.getByTestId('isochrone-legend').textContent()).resolves.toContain(
      'newly within 60 min since 2013',
    );
    await page.waitForFunction(() => window.__explorerExport?.ready() === true);
    const r = await page.evaluate(() =>
      window.__explorerExport!.run({ format: 'pdf', preset: 'a4-150', date: '2025-01-01' }),
    );
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({
      data: new Uint8Array(Buffer.from(r.base64, 'base64')),
      standardFontDataUrl: join(ROOT, 'node_modules/pdfjs-dist/standard_fonts/'),
    }).promise;
    const p = await doc.getPage(1);
    const text = (await p.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    expect(text).toContain('Rail travel time from Beijing West, 2024 network');
    expect(text).toMatch(/Within 60 min: [\d,]+ residents/);
    expect(text).toMatch(/Newly within 60 min since 2013: [\d,]+ residents/);
    expect(text).toContain('Travel time:');
    expect(text).toContain('No values for 2024: showing 2020');
    expect(text).not.toContain('Sources: none');
    await doc.destroy();
    await page.close();
  });
});
