// The answers views in headless Chromium: every claim's "show" link opens a state without notices, the
// sharing timeline shows every figure (and downloads), the gap chart shows the data's years and ratios.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { gapSeries } from '../../src/core/gap.ts';
import { readIndicatorParts } from '../../data/scripts/lib/inputs.ts';
import { ROOT, mapIdle, openApp } from './harness.ts';
import { browser, server, useAppInBrowser } from './setup.ts';

useAppInBrowser();

const claims = JSON.parse(readFileSync(join(ROOT, 'data/claims.json'), 'utf8')) as {
  claims: { id: string; url_state: string | null; verdict: string }[];
};
const { rows } = readIndicatorParts(join(ROOT, 'data'));

async function openClaims(page: Page, lang: 'zh' | 'en') {
  await openApp(page, server.url, `?lang=${lang}`);
  await page.getByTestId('answers-open').click();
  await page.getByTestId('claims-table').waitFor();
}

const noticesText = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-testid="notices"]')?.textContent?.trim() ?? '');

describe('answers in the browser', () => {
  // 14 distinct states, half of them loading the rail network: a long test on a shared machine.
  it(
    'lists every claim in en and zh, and each "show" link opens a state without notices',
    { timeout: 900_000 },
    async () => {
      const page = await browser.context.newPage();
      await openClaims(page, 'zh');
      await expect(page.getByTestId('claim-row').count()).resolves.toBe(claims.claims.length);
      await expect(page.getByTestId('claims-table').textContent()).resolves.toContain('此处无法核对');
      await openClaims(page, 'en');
      const table = (await page.getByTestId('claims-table').textContent())!;
      expect(table).toContain('reproduced');
      expect(table).toContain('differs');
      const hrefs = await page
        .getByTestId('claim-show')
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
      expect(hrefs.length).toBe(claims.claims.filter((c) => c.url_state).length);

      // Clicking a link navigates to the claim's state.
      await page.getByTestId('claim-show').first().click();
      await page.waitForFunction(() => window.location.search.includes('rail=1'));
      for (const href of [...new Set(hrefs)]) {
        await openApp(page, server.url, href);
        if (href.includes('rail=1')) await page.getByTestId('km-chart').waitFor({ timeout: 90_000 });
        await mapIdle(page);
        expect(await noticesText(page), href).toBe('');
        expect(await page.getByTestId('unit-panel').count(), href).toBe(href.includes('sel=') ? 1 : 0);
      }
      await page.close();
    },
  );

  it('shows the sharing timeline with every library figure and downloads it as CSV', async () => {
    const page = await browser.context.newPage();
    await openClaims(page, 'en');
    await page.getByTestId('answers-tab-sharing').click();
    const lib = page.locator('[data-measure="card_libraries"]');
    await lib.waitFor();
    const text = (await lib.textContent())!;
    for (const n of ['153', '171', '193']) expect(text).toContain(n);
    await expect(lib.getByTestId('sharing-discrepancy').count()).resolves.toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('sharing-download').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('measure,measure_zh,measure_en,date');
    expect(csv).toContain('http://www.exploringtianjin.com/2024-05/14/c_986953.htm');
    await page.close();
  });

  it('opens the gap chart for beds per 1,000 from a province panel, with the years and ratios of the data', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?ind=beds_per_1000&lvl=province&sel=130000&lang=en');
    await page.getByTestId('panel-gap').click();
    const chart = page.getByTestId('gap-chart');
    await chart.waitFor();
    await expect(chart.getAttribute('data-indicator')).resolves.toBe('beds_per_1000');
    const series = gapSeries(rows, 'beds_per_1000');
    const years = [...new Set(series.flatMap((s) => s.points.map((p) => p.year)))].sort((a, b) => a - b);
    const shown = await page
      .locator('[data-testid="gap-table"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-year'))));
    expect(shown).toEqual(years);
    for (const s of series)
      for (const p of s.points) {
        const cell = page.locator(
          `[data-testid="gap-table"] tr[data-year="${p.year}"] td[data-reference="${s.reference}"]`,
        );
        await expect(cell.textContent()).resolves.toBe(p.ratio.toFixed(3));
      }
    const bj = series.find((s) => s.reference === '110000')!;
    const words = await page.locator('[data-testid="gap-direction"][data-reference="110000"]').textContent();
    expect(words).toContain(
      `${bj.direction}: ${bj.first!.ratio.toFixed(2)} (${bj.first!.year}) → ${bj.last!.ratio.toFixed(2)}`,
    );
    // a city/county series: Gini and Theil across units by year
    await page.getByTestId('gap-indicator').selectOption('rail_minutes_to_beijing');
    const cityRows = page.locator('[data-testid="gap-inequality"][data-level="city"] tbody tr');
    await expect(cityRows.count()).resolves.toBeGreaterThan(10);
    // the same chart in Chinese, from the picker
    await openApp(page, server.url, '?ind=beds_per_1000&lang=zh');
    await page.getByTestId('picker-gap').click();
    await expect(page.getByTestId('gap-chart').textContent()).resolves.toMatch(
      /河北 ÷ 北京：(缩小|扩大|不变)/,
    );
    await page.close();
  });
});
