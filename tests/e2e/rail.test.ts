// The rail layer, the network through time and the 1-hour circle, in headless Chromium.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, Point } from 'geojson';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT, mapFingerprint, mapIdle, openApp, pixelDifference, screenPoint } from './harness.ts';
import { browser, server, useAppInBrowser } from './setup.ts';

useAppInBrowser();

const stations = JSON.parse(
  readFileSync(join(ROOT, 'geo/build/rail/stations.geojson'), 'utf8'),
) as FeatureCollection<Point, { id: string; name_zh: string }>;
const beijingSouth = stations.features.find((f) => f.properties.name_zh === '北京南')!;

async function railReady(page: Page) {
  await page.getByTestId('km-chart').waitFor();
}

describe('intercity rail in the browser', () => {
  it('toggling the rail layer changes pixels, and the network of 2010 is smaller than that of 2024', async () => {
    const page = await browser.context.newPage();
    // An indicator year without data keeps the base map uniform, so the difference is the rail lines.
    await openApp(page, server.url, '?lvl=province&y=2024');
    const off2024 = await mapFingerprint(page);
    await page.getByTestId('layer-rail').check();
    await railReady(page);
    const on2024 = await mapFingerprint(page);
    const lines2024 = pixelDifference(off2024.pixels, on2024.pixels);
    expect(lines2024).toBeGreaterThan(0.01);

    await page.getByTestId('year').fill('2010');
    const on2010 = await mapFingerprint(page);
    await page.getByTestId('layer-rail').uncheck();
    const off2010 = await mapFingerprint(page);
    const lines2010 = pixelDifference(off2010.pixels, on2010.pixels);
    expect(lines2010).toBeGreaterThan(0);
    expect(lines2010).toBeLessThan(lines2024 * 0.6);
    await page.close();
  });

  it('shows computed km next to the official figures and all 14 cities on HSR in 2024', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?rail=1&y=2024&lang=en');
    await railReady(page);
    const now = await page.getByTestId('km-now').textContent();
    const km = Number(now!.match(/([\d,]+) km/)![1]!.replace(/,/g, ''));
    expect(Math.abs(km - 2669) / 2669).toBeLessThan(0.02);
    await expect(page.getByTestId('hsr-cities').textContent()).resolves.toContain('14 of 14');
    await page.getByTestId('year').fill('2013');
    await expect(page.getByTestId('hsr-cities').textContent()).resolves.not.toContain('14 of 14');
    await page.close();
  });

  it('names the open stations it cannot draw, with the reason, for the network year (issue 14)', async () => {
    const { stations } = JSON.parse(
      readFileSync(join(ROOT, 'geo/build/rail/stations-unlocated.json'), 'utf8'),
    ) as { stations: { name_en: string; in_region: boolean; service_from: string | null }[] };
    const openBy = (year: number) =>
      stations.filter((s) => s.in_region && s.service_from && Number(s.service_from.slice(0, 4)) <= year);
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?rail=1&y=2024&lang=en');
    await railReady(page);
    const note = page.getByTestId('rail-unlocated');
    if (openBy(2024).length === 0) await expect(note.count()).resolves.toBe(0);
    else {
      const text = (await note.textContent())!;
      expect(text).toContain(`${openBy(2024).length} open stations are not on the map`);
      for (const s of openBy(2024)) expect(text).toContain(s.name_en);
      expect(text).toMatch(/300 m of the track/);
    }
    // The note follows the network year: before the first of them opened, there is none.
    const first = Math.min(...stations.map((s) => Number(s.service_from?.slice(0, 4) ?? 9999)));
    await page.getByTestId('year').fill(String(Math.max(2013, first - 1)));
    await expect.poll(() => note.count()).toBe(openBy(first - 1).length ? 1 : 0);
    await page.close();
  });

  it('clicking a station draws an isochrone and lists reachable units', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?lvl=province&rail=1&y=2024&lang=en');
    await railReady(page);
    const before = await mapFingerprint(page);
    const [lon, lat] = beijingSouth.geometry.coordinates as [number, number];
    const { x, y } = await screenPoint(page, [lon, lat]);
    await page.mouse.click(x, y);
    const results = page.getByTestId('iso-results');
    await results.waitFor();
    const text = await results.textContent();
    expect(text).toContain('Within 60 min');
    await page.locator('[data-testid="iso-results"] details').nth(1).locator('summary').click();
    await expect(results.textContent()).resolves.toContain('Tianjin');
    const after = await mapFingerprint(page);
    expect(pixelDifference(before.pixels, after.pixels)).toBeGreaterThan(0.01);
    await expect(page.evaluate(() => window.location.search)).resolves.toContain('o=ST001');
    await page.close();
  });

  it('an out-of-region continuation station is an origin, and the model panel shows the fixed trip time (issue 13)', async () => {
    const page = await browser.context.newPage();
    // ST084 沈阳: the 承沈 continuation beyond 牛河梁, outside the region.
    await openApp(page, server.url, '?lvl=province&rail=1&y=2024&o=ST084&lang=en');
    const results = page.getByTestId('iso-results');
    await results.waitFor();
    await page.locator('details.model summary').click();
    const fixed = page.getByTestId('rail-fixed');
    const before = await fixed.textContent();
    expect(before).toMatch(
      /Fixed time per rail trip .*: [\d.]+ min on a 350 km\/h line, [\d.]+ min on a 200 km\/h line/,
    );
    await page.getByTestId('param-stopLossMin').fill('6');
    await page.getByTestId('param-stopLossMin').press('Enter');
    await expect.poll(() => fixed.textContent()).not.toBe(before);
    await page.close();
  });

  it('impossible input gets a clear message and leaves the map as it was', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?lvl=province&rail=1&y=2024&o=ST001&lang=en');
    await page.getByTestId('iso-results').waitFor();
    const before = await mapFingerprint(page);
    await page.getByTestId('bands').fill('0, 60');
    await page.getByTestId('bands').press('Enter');
    await expect(page.locator('.rail .error').first().textContent()).resolves.toContain('must be > 0');
    await page.locator('details.model summary').click();
    await page.getByTestId('param-accessSpeedKmh').fill('-5');
    await page.getByTestId('param-accessSpeedKmh').press('Enter');
    await expect(page.getByTestId('notices').textContent()).resolves.toContain('accessSpeedKmh must be > 0');
    const after = await mapFingerprint(page);
    expect(pixelDifference(before.pixels, after.pixels)).toBeLessThan(0.005);
    await page.close();
  });

  it('a link with an unknown station or a point outside the region says so and draws no isochrone', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?rail=1&o=ST999&lang=en');
    await railReady(page);
    await expect(page.getByTestId('notices').textContent()).resolves.toMatch(/unknown station/);
    await expect(page.getByTestId('iso-results').count()).resolves.toBe(0);
    await page.close();
  });

  it('labels the stations from zoom 8, in the interface language, and not with rail off', async () => {
    const page = await browser.context.newPage();
    // Around 北京南 at zoom 9.
    await openApp(page, server.url, '?rail=1&y=2024&lvl=city&at=116.3790,39.8650,9.00&lang=zh');
    const labels = () =>
      page.evaluate(() => {
        const map = (window as unknown as { __explorer: { map: import('maplibre-gl').Map } }).__explorer.map;
        if (!map.getLayer('rail-station-labels')) return [];
        return map
          .queryRenderedFeatures({ layers: ['rail-station-labels'] })
          .map((f) => `${String(f.properties.name_zh)}|${String(f.properties.name_en)}`);
      });
    const zh = await labels();
    expect(zh).toContain('北京南|Beijing South');
    const layout = () =>
      page.evaluate(() =>
        JSON.stringify(
          (
            window as unknown as { __explorer: { map: import('maplibre-gl').Map } }
          ).__explorer.map.getLayoutProperty('rail-station-labels', 'text-field'),
        ),
      );
    await expect(layout()).resolves.toContain('name_zh');
    await page.getByTestId('lang-switch').click();
    await expect.poll(layout).not.toContain('name_zh');
    // Rail off: no station labels.
    await page.getByTestId('layer-rail').uncheck();
    await mapIdle(page);
    await expect.poll(labels).toEqual([]);
    // At the whole-region view the names would crowd the map: none are drawn.
    await openApp(page, server.url, '?rail=1&y=2024&lvl=city&at=116.5000,39.5000,6.50');
    await expect(labels()).resolves.toEqual([]);
    await page.close();
  });

  it('dragging the isochrone origin moves it (the map does not pan) and redraws the bands on the way', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?rail=1&o=ST069&b=60&y=2024&lvl=city&at=116.4210,39.9023,8.00&lang=en');
    const mapState = () =>
      page.evaluate(() => {
        const map = (window as unknown as { __explorer: { map: import('maplibre-gl').Map } }).__explorer.map;
        const r = map.getContainer().getBoundingClientRect();
        const p = map.project([116.421034, 39.902318]); // 北京 (ST069), from stations.geojson
        const c = map.getCenter();
        return { x: r.left + p.x, y: r.top + p.y, centre: [c.lng, c.lat] };
      });
    const before = await mapState();
    const fingerprint = await mapFingerprint(page);
    await page.mouse.move(before.x, before.y);
    await page.mouse.down();
    await page.mouse.move(before.x + 80, before.y + 30, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction(() => /[?&]o=116\.\d+%2C39\.\d+/.test(window.location.search));
    const origin = new URLSearchParams(await page.evaluate(() => window.location.search)).get('o')!;
    const [lon, lat] = origin.split(',').map(Number);
    expect(lon).toBeGreaterThan(116.5);
    expect(lat).toBeLessThan(39.9);
    const after = await mapState();
    expect(after.centre[0]).toBeCloseTo(before.centre[0]!, 4);
    expect(after.centre[1]).toBeCloseTo(before.centre[1]!, 4);
    // The bands were recomputed during the drag, not only at the release.
    const steps = await page.evaluate(() => performance.getEntriesByName('origin-drag-step').length);
    expect(steps).toBeGreaterThan(1);
    await mapIdle(page);
    expect(pixelDifference(fingerprint.pixels, (await mapFingerprint(page)).pixels)).toBeGreaterThan(0.005);
    await page.close();
  });
});
