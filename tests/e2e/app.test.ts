// The foundation's browser flows against the built app in headless Debian Chromium.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import centroid from '@turf/centroid';
import type { Feature, FeatureCollection } from 'geojson';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  ROOT,
  launchBrowser,
  mapFingerprint,
  mapIdle,
  openApp,
  pixelDifference,
  screenPoint,
  watchExternalRequests,
} from './harness.ts';
import { browser, server, useAppInBrowser } from './setup.ts';

useAppInBrowser();

const cities = JSON.parse(
  readFileSync(join(ROOT, 'geo/build/boundaries-city.geojson'), 'utf8'),
) as FeatureCollection;
const xiongan = cities.features.find((f) => f.properties?.code === 'XIONGAN') as Feature;
const xionganCentroid = centroid(xiongan).geometry.coordinates as [number, number];

async function newPage(): Promise<{ page: Page; external: string[] }> {
  const page = await browser.context.newPage();
  const external = watchExternalRequests(page, server.url.replace(/\/$/, ''));
  return { page, external };
}

describe('the explorer in a browser', () => {
  it('loads with zero requests leaving localhost and draws a map that is not blank', async () => {
    const { page, external } = await newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await openApp(page, server.url);
    const fp = await mapFingerprint(page);
    expect(external).toEqual([]);
    expect(browser.external).toEqual([]);
    expect(errors).toEqual([]);
    // A blank or single-colour canvas has a handful of colours; a choropleth over a basemap has many.
    expect(fp.distinct).toBeGreaterThan(30);
    await expect(page.getByTestId('legend').textContent()).resolves.toMatch(/\d/);
    await page.close();
  });

  it("clicking Xiong'an's centroid at city level opens the panel naming 雄安新区", async () => {
    const { page } = await newPage();
    await openApp(page, server.url, '?lvl=city');
    const { x, y } = await screenPoint(page, xionganCentroid);
    await page.mouse.click(x, y);
    const panel = page.getByTestId('unit-panel');
    await panel.waitFor();
    await expect(panel.locator('h2').textContent()).resolves.toBe('雄安新区');
    await expect(page.getByTestId('xiongan-note').textContent()).resolves.toContain('1770');
    await page.close();
  });

  it('changing the indicator changes map pixels', async () => {
    const { page } = await newPage();
    await openApp(page, server.url, '?lvl=county');
    const before = await mapFingerprint(page);
    await page.getByTestId('indicator').selectOption('census_share_65plus');
    const after = await mapFingerprint(page);
    expect(pixelDifference(before.pixels, after.pixels)).toBeGreaterThan(0.05);
    await page.close();
  });

  it('the language switch changes the panel text', async () => {
    const { page } = await newPage();
    await openApp(page, server.url, '?lvl=city&sel=XIONGAN');
    const panel = page.getByTestId('unit-panel');
    await expect(panel.locator('h2').textContent()).resolves.toBe('雄安新区');
    const zhText = await panel.textContent();
    await page.getByTestId('lang-switch').click();
    await expect(panel.locator('h2').textContent()).resolves.toBe("Xiong'an New Area");
    const enText = await panel.textContent();
    expect(enText).not.toBe(zhText);
    expect(enText).toContain('planned area');
    await page.close();
  });

  it('a shared URL restores the same state and the same map', async () => {
    const { page } = await newPage();
    await openApp(page, server.url);
    await page.getByLabel(/Cities|地市/).check();
    await page.getByTestId('indicator').selectOption('census_share_65plus');
    await page.getByTestId('palette').selectOption('PuBuGn');
    // Click only once the city layer is drawn: picking reads the rendered features.
    await mapIdle(page);
    const { x, y } = await screenPoint(page, xionganCentroid);
    await page.mouse.click(x, y);
    await page.getByTestId('unit-panel').waitFor();
    await page.getByTestId('lang-switch').click();
    await mapIdle(page);
    await page.waitForFunction(
      () => window.location.search.includes('sel=XIONGAN') && window.location.search.includes('lang=en'),
    );
    const shared = await page.evaluate(() => window.location.href);
    const original = await mapFingerprint(page);

    const { page: other } = await newPage();
    await openApp(other, shared.replace(/\?.*/, ''), new URL(shared).search);
    await expect(other.getByTestId('unit-panel').locator('h2').textContent()).resolves.toBe(
      "Xiong'an New Area",
    );
    await expect(other.getByTestId('indicator').inputValue()).resolves.toBe('census_share_65plus');
    await expect(other.getByTestId('palette').inputValue()).resolves.toBe('PuBuGn');
    const restored = await mapFingerprint(other);
    expect(pixelDifference(original.pixels, restored.pixels)).toBeLessThan(0.02);
    await page.close();
    await other.close();
  });

  it('a broken or hostile URL falls back to defaults with a visible notice', async () => {
    const { page } = await newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await openApp(
      page,
      server.url,
      '?lvl=%3Cimg%20src=x%20onerror=alert(1)%3E&y=abc&sel=<script>&at=1e999,2,3',
    );
    const notices = page.getByTestId('notices');
    await expect(notices.textContent()).resolves.toContain('lvl');
    // Shown as text, never as HTML.
    await expect(page.locator('img[src="x"]').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    expect((await mapFingerprint(page)).distinct).toBeGreaterThan(30);
    await page.close();
  });
});

describe('the external-request detector', () => {
  it('sees a request to another host from a page and from a worker (so a zero count means something)', async () => {
    const probe = await launchBrowser();
    try {
      const page = await probe.context.newPage();
      const pageLevel = watchExternalRequests(page, server.url.replace(/\/$/, ''));
      // A page of the app's origin without the app's CSP, which would block these probes before they
      // reach the proxy (hardening.test.ts checks the CSP itself).
      await page.goto(`${server.url}units.json`);
      await page.evaluate(async () => {
        await fetch('http://example.invalid/page-probe').catch(() => undefined);
        const worker = new Worker(
          URL.createObjectURL(
            new Blob([
              "fetch('http://example.invalid/worker-probe').catch(() => 0).then(() => postMessage(1))",
            ]),
          ),
        );
        await new Promise((done) => (worker.onmessage = done));
      });
      expect(probe.external.join(' ')).toContain('page-probe');
      expect(probe.external.join(' ')).toContain('worker-probe');
      expect(pageLevel.join(' ')).toContain('page-probe');
    } finally {
      await probe.close();
    }
  });
});
