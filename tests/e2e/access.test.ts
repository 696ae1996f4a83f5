// Facilities, coverage and the user's own facility list, in headless Chromium.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapFingerprint, mapIdle, openApp, pixelDifference } from './harness.ts';
import { browser, server, useAppInBrowser } from './setup.ts';

useAppInBrowser();

describe('public-service coverage in the browser', () => {
  it('toggling hospitals changes pixels', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?lvl=province&y=2024&lang=en');
    const before = await mapFingerprint(page);
    await page.getByTestId('facility-hospital').check();
    await page.getByTestId('facility-legend').waitFor();
    const after = await mapFingerprint(page);
    expect(pixelDifference(before.pixels, after.pixels)).toBeGreaterThan(0.005);
    await expect(page.getByTestId('facility-legend').textContent()).resolves.toContain('partial list');
    await page.close();
  });

  it('choosing a service maps coverage, and a new threshold updates the choropleth', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?lvl=county&y=2024&lang=en');
    await page.getByTestId('access-service').selectOption('hospital');
    await page.getByTestId('equity').waitFor();
    await expect(page.getByTestId('legend').locator('h2').first().textContent()).resolves.toContain('60 min');
    const at60 = await mapFingerprint(page);
    await page.getByTestId('access-catchment').fill('20');
    await page.getByTestId('access-catchment').press('Enter');
    await expect(page.getByTestId('legend').locator('h2').first().textContent()).resolves.toContain('20 min');
    const at20 = await mapFingerprint(page);
    expect(pixelDifference(at60.pixels, at20.pixels)).toBeGreaterThan(0.02);
    await expect(page.getByTestId('equity').textContent()).resolves.toMatch(/Gini/);
    await page.close();
  });

  it('a CSV with bad rows lists the row errors and draws the good rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jjj-csv-'));
    const file = join(dir, 'my-hospitals.csv');
    writeFileSync(
      file,
      [
        'name,type,lon,lat,capacity',
        'Good one,hospital,115.48,38.87,300',
        'Good two,hospital,114.50,37.06,120',
        'Outside,hospital,121.50,31.20,100',
        'No coords,hospital,,,50',
        'Bad number,hospital,abc,38.9,10',
        '<img src=x onerror=alert(1)>,hospital,116.9,38.3,10',
      ].join('\n'),
    );
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?lvl=province&y=2024&lang=en&fac=hospital');
    await page.getByTestId('facility-legend').waitFor();
    const before = await mapFingerprint(page);
    await page.getByTestId('user-facilities').locator('summary').click();
    await page.getByTestId('user-csv').setInputFiles(file);
    const result = page.getByTestId('user-csv-result');
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('3 rows accepted');
    // Rows, not messages: "No coords" has two problems and is one rejected row.
    expect(text).toContain('3 rows rejected');
    expect(text).toMatch(/line 4/);
    expect(text).toMatch(/line 5/);
    expect(text).toMatch(/line 6/);
    await expect(page.locator('img[src="x"]').count()).resolves.toBe(0);
    await mapIdle(page);
    const after = await mapFingerprint(page);
    expect(pixelDifference(before.pixels, after.pixels)).toBeGreaterThan(0);
    await page.close();
  });

  it('with no layer on, opening "your facilities" enables the upload; a drawn point is named on hover', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?lvl=province&y=2024&lang=en');
    await page.getByTestId('user-facilities').locator('summary').click();
    // The upload needs the facility data, which no layer has asked for yet: opening the section does.
    await page.locator('[data-testid="user-csv"]:enabled').waitFor({ timeout: 60_000 });
    await page.getByTestId('user-csv').setInputFiles({
      name: 'one-clinic.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('name,type,lon,lat\nHover test clinic,hospital,117.5,40.8\n'),
    });
    await page.getByTestId('user-csv-result').waitFor();
    await mapIdle(page);
    const at = await page.evaluate(() => {
      const map = (window as unknown as { __explorer: { map: import('maplibre-gl').Map } }).__explorer.map;
      const p = map.project([117.5, 40.8]);
      const r = map.getContainer().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    });
    await page.mouse.move(at.x, at.y);
    const tooltip = page.getByTestId('tooltip');
    await tooltip.waitFor();
    await expect(tooltip.textContent()).resolves.toContain('Hover test clinic');
    await page.close();
  });

  it('in Chinese, the row problems of a facility file are in Chinese', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?lvl=province&y=2024&lang=zh&fac=hospital');
    await page.getByTestId('facility-legend').waitFor();
    await page.getByTestId('user-facilities').locator('summary').click();
    await page.getByTestId('user-csv').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'name,type,lon,lat\nGood,hospital,115.48,38.87\nNo coords,hospital,,\nFar,hospital,121.5,31.2\n',
      ),
    });
    const result = page.getByTestId('user-csv-result');
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('经度缺失');
    expect(text).toContain('在京津冀范围');
    expect(text).not.toMatch(/is missing|outside the region/);
    await page.close();
  });
});
