// Issue 12 in the browser, part 2: the change map (switch, link, legend with both years, hatched
// missing units, export), the legend histogram, links that open the gap view and the timeline, and
// the PNG/PDF figures of the gap chart and the sharing timeline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { parseIndicatorCsv } from '../../src/core/indicators.ts';
import { ROOT, mapIdle, openApp } from './harness.ts';
import { browser, server, useAppInBrowser } from './setup.ts';

useAppInBrowser();

const { rows } = parseIndicatorCsv(readFileSync(join(ROOT, 'data/indicators.csv'), 'utf8'), 'data');
const noticesText = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-testid="notices"]')?.textContent?.trim() ?? '');

async function pdfText(bytes: Buffer): Promise<{ text: string; pages: number }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: join(ROOT, 'node_modules/pdfjs-dist/standard_fonts/'),
  }).promise;
  const page = await doc.getPage(1);
  const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
  const pages = doc.numPages;
  await doc.destroy();
  return { text, pages };
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

// First-release GDP at city level: 2013 and 2016 for most cities, not all: a change map with missing units.
const IND = 'gdp_first_release';
const valueAt = (year: number) =>
  new Map(
    rows
      .filter((r) => r.indicator === IND && r.rank === 1 && r.year === year)
      .map((r) => [r.unit_code, r.value]),
  );

describe('change map in the browser', () => {
  it('switches on 2013 → latest, names both years, hatches the units lacking one, keeps it in the link and the export', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, `?ind=${IND}&lvl=city&lang=en`);
    await mapIdle(page);
    await page.getByTestId('change-on').check();
    await page.waitForFunction(() => window.location.search.includes('chg=2013'));
    const search = await page.evaluate(() => window.location.search);
    const end = Number(new URLSearchParams(search).get('y'));
    expect(end).toBeGreaterThan(2013);
    const legend = page.getByTestId('legend');
    await expect(legend.locator('h2').textContent()).resolves.toContain(`2013 → ${end}`);
    // Units with both years are coloured; the rest are counted in the "missing" row.
    const start = valueAt(2013);
    const last = valueAt(end);
    const codes = await page.evaluate(() => window.__explorerExport!.csv());
    const shownCodes = codes
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(',')[0]!);
    const both = shownCodes.filter((c) => start.has(c) && last.has(c));
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThan(shownCodes.length);
    const missing = new RegExp(`Missing 2013 or ${end}\\s*\\((\\d+)\\)`).exec((await legend.textContent())!);
    expect(Number(missing?.[1])).toBe(shownCodes.length - both.length);
    // A histogram needs two values at least (with one, the legend draws none).
    if (both.length >= 2) {
      const bars = await page.getByTestId('legend-histogram').getAttribute('data-bars');
      expect(
        bars!
          .split(',')
          .map(Number)
          .reduce((a, b) => a + b, 0),
      ).toBe(both.length);
    } else {
      await expect(page.getByTestId('legend-histogram').count()).resolves.toBe(0);
    }
    // The CSV carries the start value and the change.
    const csv = await page.evaluate(() => window.__explorerExport!.csv());
    expect(csv.split('\r\n')[0]).toContain('change_from,value_from,source_title_from,change,change_mode');
    const c0 = both[0]!;
    const line = csv.split('\r\n').find((l) => l.startsWith(c0))!;
    expect(line).toContain(`,2013,${start.get(c0)},`);
    // Percent change, from the measure picker, goes into the link.
    await page.getByTestId('change-mode').selectOption('pct');
    await page.waitForFunction(() => window.location.search.includes('chgm=pct'));
    await expect(legend.textContent()).resolves.toContain(`% change from 2013 to ${end}`);
    await mapIdle(page);
    expect(await noticesText(page)).toBe('');
    // The figure names both years (PDF text), and the link opens the same change map.
    await page.waitForFunction(() => window.__explorerExport?.ready() === true);
    const r = await page.evaluate(() =>
      window.__explorerExport!.run({ format: 'pdf', preset: 'a4-150', date: '2026-01-01' }),
    );
    const pdf = await pdfText(Buffer.from(r.base64, 'base64'));
    // "→" is outside the PDF's Latin font, so it is drawn as an image between the two years.
    expect(pdf.text).toMatch(new RegExp(`change 2013\\s+(→\\s*)?${end}`));
    expect(pdf.text).toContain(`Missing 2013 or ${end}`);
    expect(r.fileName).toContain(`2013-${end}-change`);
    const link = await page.evaluate(() => window.__explorerExport!.link());
    await openApp(page, server.url, new URL(link).search);
    await mapIdle(page);
    await expect(page.getByTestId('legend').locator('h2').textContent()).resolves.toContain(`2013 → ${end}`);
    await expect(page.getByTestId('change-mode').inputValue()).resolves.toBe('pct');
    expect(await noticesText(page)).toBe('');
    await page.close();
  });

  it("opens from a unit's panel, in zh: the button names the years, and the map becomes the change map", async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, `?ind=${IND}&lvl=city&sel=130100&lang=zh`);
    const button = page.getByTestId('panel-change');
    const label = (await button.textContent()) ?? '';
    const [, from, to] = /(\d{4})→(\d{4})/.exec(label) ?? [];
    expect(from).toBe('2013');
    await button.click();
    await page.waitForFunction(() => window.location.search.includes('chg=2013'));
    await expect(page.getByTestId('legend').locator('h2').textContent()).resolves.toContain(`2013→${to}年`);
    // With the change map on, the panel no longer offers it.
    await expect(button.count()).resolves.toBe(0);
    await page.close();
  });

  it('draws a histogram of the values in the legend of the default map, in zh too', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?lang=zh');
    const h = page.getByTestId('legend-histogram');
    await h.waitFor();
    const bars = (await h.getAttribute('data-bars'))!.split(',').map(Number);
    const legend = (await page.getByTestId('legend').textContent())!;
    const noData = Number(/无数据\s*\((\d+)\)/.exec(legend)?.[1]);
    // Every county is either in a bar or in the no-data row (199 counties).
    expect(bars.reduce((a, b) => a + b, 0) + noData).toBe(199);
    await expect(h.getAttribute('aria-label')).resolves.toContain('分布');
    await page.close();
  });
});

describe('answers links and chart figures', () => {
  it('a link opens the gap view of a series and the timeline; the tabs write the link', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?ans=gap&gi=beds_per_1000&lang=en');
    await expect(page.getByTestId('gap-chart').getAttribute('data-indicator')).resolves.toBe('beds_per_1000');
    await page.getByTestId('answers-tab-sharing').click();
    await page.waitForFunction(() => window.location.search.includes('ans=sharing'));
    await openApp(page, server.url, '?ans=sharing&lang=zh');
    await page.getByTestId('sharing-timeline').waitFor();
    await page.getByTestId('answers-close').click();
    await page.waitForFunction(() => !window.location.search.includes('ans='));
    expect(await noticesText(page)).toBe('');
    await page.close();
  });

  it('exports the gap chart and the timeline as PNG and PDF with title, sources and notes', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?ans=gap&gi=beds_per_1000&lang=en');
    await page.getByTestId('gap-chart').waitFor();
    await page.getByTestId('gap-export').locator('summary').click();
    const png = await download(page, 'gap-export-png');
    expect(png.name).toBe('jjj-hebei-gap-beds_per_1000-a4-landscape-150-en.png');
    const img = PNG.sync.read(png.bytes);
    expect([img.width, img.height]).toEqual([1754, 1240]);
    // The series colours are drawn (Beijing red, Tianjin blue).
    let red = 0;
    let blue = 0;
    for (let i = 0; i < img.data.length; i += 4) {
      const [r, g, b] = [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
      if (Math.abs(r - 0xb2) < 8 && Math.abs(g - 0x18) < 8 && Math.abs(b - 0x2b) < 8) red++;
      if (Math.abs(r - 0x21) < 8 && Math.abs(g - 0x66) < 8 && Math.abs(b - 0xac) < 8) blue++;
    }
    expect(red).toBeGreaterThan(200);
    expect(blue).toBeGreaterThan(200);
    const pdf = await download(page, 'gap-export-pdf');
    const gap = await pdfText(pdf.bytes);
    expect(gap.pages).toBe(1);
    expect(gap.text).toContain('Hebei compared with Beijing, Tianjin and China');
    expect(gap.text).toMatch(/Sources/);
    expect(gap.text).toMatch(/closing|widening|unchanged/);

    await page.getByTestId('answers-tab-sharing').click();
    await page.getByTestId('sharing-timeline').waitFor();
    await page.getByTestId('sharing-export').locator('summary').click();
    await page.getByTestId('sharing-export-preset').selectOption('1920x1080');
    const tl = await download(page, 'sharing-export-pdf');
    expect(tl.name).toBe('jjj-sharing-timeline-1920x1080-en.pdf');
    const text = (await pdfText(tl.bytes)).text;
    expect(text).toContain('Jing-Jin-Ji sharing measures over time');
    for (const n of ['153', '171', '1,118']) expect(text).toContain(n);
    expect(text).toContain('www.exploringtianjin.com');
    const tlPng = PNG.sync.read((await download(page, 'sharing-export-png')).bytes);
    expect([tlPng.width, tlPng.height]).toEqual([1920, 1080]);
    await expect(page.getByTestId('sharing-export-status').textContent()).resolves.toContain('Saved');
    await page.close();
  });

  it('compares units over time from a panel: a line per unit, in the link, CSV with sources, PNG and PDF figures', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?ind=beds_per_1000&lvl=province&sel=110000&y=2020&lang=en');
    await page.getByTestId('panel-compare').click();
    const chart = page.getByTestId('compare-chart');
    await expect(chart.getAttribute('data-lines')).resolves.toBe('1');
    await page.getByTestId('compare-add').selectOption('130000');
    await expect(chart.getAttribute('data-lines')).resolves.toBe('2');
    // The units are part of the link: the same link opens the same chart.
    await expect.poll(() => new URL(page.url()).searchParams.get('cu')).toBe('110000,130000');
    const linked = await browser.context.newPage();
    await openApp(linked, server.url, new URL(page.url()).search);
    await expect(linked.getByTestId('compare-chart').getAttribute('data-lines')).resolves.toBe('2');
    await linked.close();
    // One dot per shown value of each unit.
    const shown = rows.filter(
      (r) => r.indicator === 'beds_per_1000' && r.rank === 1 && ['110000', '130000'].includes(r.unit_code),
    );
    await expect(chart.locator('circle').count()).resolves.toBe(shown.length);
    const csv = new TextDecoder().decode((await download(page, 'compare-download')).bytes);
    expect(csv.trim().split('\r\n').length).toBe(shown.length + 1);
    await page.getByTestId('compare-export').locator('summary').click();
    const png = await download(page, 'compare-export-png');
    expect(png.name).toBe('jjj-compare-beds_per_1000-a4-landscape-150-en.png');
    const pdf = await pdfText((await download(page, 'compare-export-pdf')).bytes);
    expect(pdf.text).toContain('over time');
    expect(pdf.text).toContain('Beijing');
    expect(pdf.text).toMatch(/Sources/);
    await page.getByTestId('compare-remove-110000').click();
    await expect(chart.getAttribute('data-lines')).resolves.toBe('1');
    await page.getByTestId('compare-close').click();
    await expect(page.getByTestId('compare').count()).resolves.toBe(0);
    await page.close();
  });
});
