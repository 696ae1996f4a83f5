// issue 14: every view tells one story — the map title, the legend, the screen-reader description and
// the exported figure say the same thing, and the indicator is never silently missing under a network
// year it has no values for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bbox } from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { ROOT, launchBrowser, mapIdle, openApp } from './harness.ts';
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

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Units (filled or hatched) drawn under a page rectangle. */
async function unitsUnder(page: Page, box: Box): Promise<number> {
  return page.evaluate((b) => {
    const map = (window as unknown as { __explorer: { map: import('maplibre-gl').Map } }).__explorer.map;
    const r = map.getContainer().getBoundingClientRect();
    const layers = ['units-fill-county', 'units-nodata-county'].filter((id) => map.getLayer(id));
    return map.queryRenderedFeatures(
      [
        [b.x - r.left, b.y - r.top],
        [b.x - r.left + b.width, b.y - r.top + b.height],
      ],
      { layers },
    ).length;
  }, box);
}

describe('the legend', () => {
  it('at 1440×900 covers no unit of the default view, and lets clicks through to the map', async () => {
    const page = await appPage('?lang=zh');
    const box = (await page.getByTestId('legend').boundingBox())!;
    expect(await unitsUnder(page, box)).toBe(0);
    // A point inside the legend, on its padding: the map gets it.
    const hit = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x!, y!)?.className ?? '',
      [box.x + 4, box.y + box.height / 2],
    );
    expect(String(hit)).toContain('maplibregl-canvas');
    // It collapses to its heading and opens again.
    await page.getByTestId('legend-toggle').click();
    await expect(page.getByTestId('legend-body').count()).resolves.toBe(0);
    await page.getByTestId('legend-toggle').click();
    await expect(page.getByTestId('legend-body').count()).resolves.toBe(1);
    await page.close();
  });

  it('says when quantile classes collapse on tied values', async () => {
    // Nine quantile classes of the provinces' values cannot all be distinct.
    const page = await appPage('?lvl=province&k=9&lang=en');
    const note = page.getByTestId('legend-class-note');
    await expect(note.textContent()).resolves.toMatch(
      /^\d classes of the 9 asked: tied values share a class\.$/,
    );
    await page.close();
  });
});

describe('phone 390×844', () => {
  it('the map gets most of the screen; controls are a bottom sheet; no sideways overflow', async () => {
    const page = await appPage('?lang=zh', 390, 844);
    const map = (await page.locator('.maplibregl-canvas').boundingBox())!;
    expect(map.height / 844).toBeGreaterThanOrEqual(0.6);
    expect(map.width).toBe(390);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    // The legend starts collapsed, away from the map's centre and from the attribution.
    const legend = (await page.getByTestId('legend').boundingBox())!;
    const centre = { x: map.x + map.width / 2 - 1, y: map.y + map.height / 2 - 1, width: 2, height: 2 };
    expect(overlap(legend, centre)).toBe(false);
    const attrib = (await page.locator('.maplibregl-ctrl-attrib').boundingBox())!;
    expect(overlap(legend, attrib)).toBe(false);
    // "Table view" and the zoom buttons do not overlap.
    const table = (await page.getByTestId('table-toggle').boundingBox())!;
    const zoom = (await page.locator('.maplibregl-ctrl-zoom-in').boundingBox())!;
    expect(overlap(table, zoom)).toBe(false);

    // The sheet: collapsed → half → full → collapsed; the indicator can be picked from it.
    const sheet = page.getByTestId('controls-sheet');
    const heights: number[] = [];
    for (let i = 0; i < 3; i++) {
      heights.push((await sheet.boundingBox())!.height);
      await page.getByTestId('sheet-handle').click();
      await page.waitForTimeout(100);
    }
    heights.push((await sheet.boundingBox())!.height);
    expect(heights[0]).toBeLessThan(80);
    expect(heights[1]).toBeGreaterThan(300);
    expect(heights[2]).toBeGreaterThan(heights[1]!);
    expect(heights[3]).toBe(heights[0]);
    await page.getByTestId('sheet-handle').click();
    const picker = page.getByTestId('indicator');
    await expect(picker.isVisible()).resolves.toBe(true);
    const before = await page.getByTestId('legend').locator('h2').textContent();
    await picker.selectOption('gdp');
    await expect.poll(() => page.getByTestId('legend').locator('h2').textContent()).not.toBe(before);
    await page.getByTestId('sheet-handle').click();
    await page.getByTestId('sheet-handle').click();

    // A tap on the map selects the unit under it and opens its panel as a sheet.
    await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
    await page.getByTestId('unit-slot').waitFor();
    const panel = (await page.getByTestId('unit-slot').boundingBox())!;
    expect(panel.width).toBe(390);
    expect(panel.height).toBeLessThanOrEqual(844 * 0.56);
    await page.close();
  });
});

describe('phone journeys by touch (issue 14)', () => {
  it('turns on rail, draws the 1-hour circle from a station and exports a PNG, all by taps', async () => {
    const phone = await launchBrowser({ width: 390, height: 844 }, { hasTouch: true, isMobile: true });
    try {
      const page = await phone.context.newPage();
      await openApp(page, server.url, '?lang=en');
      await page.getByTestId('sheet-handle').tap();
      await page.getByTestId('layer-rail').tap();
      await page.getByTestId('origin').waitFor();
      await page.getByTestId('origin').selectOption('ST001');
      // The legend starts collapsed on a phone; the view's title names the circle once it is drawn.
      await expect
        .poll(() => page.getByTestId('view-title-text').textContent(), { timeout: 15000 })
        .toMatch(/Beijing South/);
      // Back to the map, then the export: the figure describes the circle.
      await page.getByTestId('sheet-handle').tap();
      await page.getByTestId('sheet-handle').tap();
      await page.getByTestId('export-open').tap();
      await expect(page.getByTestId('export-title').inputValue()).resolves.toMatch(/Beijing South/);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-run').tap(),
      ]);
      const png = PNG.sync.read(readFileSync((await download.path())!));
      expect(png.width).toBeGreaterThan(1000);
      await page.close();
    } finally {
      await phone.close();
    }
  });
});

describe('phone: what a link asks for is in view (issue 14)', () => {
  /** Where a lon/lat is drawn on the page, from the live map (the tests' handle). */
  const onPage = (page: Page, lonLat: [number, number]) =>
    page.evaluate((p) => {
      const map = (window as unknown as { __explorer: { map: import('maplibre-gl').Map } }).__explorer.map;
      const rect = map.getCanvas().getBoundingClientRect();
      const at = map.project(p);
      return { x: rect.left + at.x, y: rect.top + at.y };
    }, lonLat);
  const boxOf = (level: string, code: string) => {
    const fc = JSON.parse(
      readFileSync(join(ROOT, `geo/build/boundaries-${level}.geojson`), 'utf8'),
    ) as FeatureCollection;
    return bbox(level === 'province' ? fc : fc.features.find((f) => f.properties?.code === code)!);
  };

  it('a linked unit south of the default view comes into view above its panel', async () => {
    const page = await appPage('?lvl=city&sel=130600&lang=en', 390, 844);
    const panel = (await page.getByTestId('unit-slot').boundingBox())!;
    const [w, s, e, n] = boxOf('city', '130600');
    await expect
      .poll(async () => {
        const c = await onPage(page, [(w + e) / 2, (s + n) / 2]);
        return c.y > 48 && c.y < panel.y && c.x > 0 && c.x < 390;
      })
      .toBe(true);
    await page.close();
  });

  it('a link without a camera shows the whole region, and the header fits in English', async () => {
    const page = await appPage('?lvl=city&lang=en', 360, 740);
    const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
    const [w, s, e, n] = boxOf('province', '');
    for (const corner of [
      [w, s],
      [e, n],
    ] as [number, number][]) {
      const p = await onPage(page, corner);
      expect(p.x).toBeGreaterThanOrEqual(canvas.x);
      expect(p.x).toBeLessThanOrEqual(canvas.x + canvas.width);
      expect(p.y).toBeGreaterThanOrEqual(canvas.y);
      expect(p.y).toBeLessThanOrEqual(canvas.y + canvas.height);
    }
    for (const b of await page.locator('header button, header summary').all()) {
      const box = await b.boundingBox();
      if (box) expect(box.x + box.width, (await b.textContent()) ?? '').toBeLessThanOrEqual(360);
    }
    await expect(page.getByTestId('intro-open').getAttribute('aria-label')).resolves.toBe('Introduction');
    await page.close();
  });
});

describe('language', () => {
  it('the attribution follows the language switch; value notes are in Chinese in the zh interface', async () => {
    const page = await appPage('?lvl=city&ind=gdp&y=2024&sel=130100&lang=en');
    const attrib = page.locator('.maplibregl-ctrl-attrib');
    await expect(attrib.textContent()).resolves.toContain('Boundaries: Tianditu');
    const noteEn = await page.getByTestId('value-note').first().textContent();
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => attrib.textContent()).toContain('边界：天地图');
    await expect(attrib.textContent()).resolves.not.toContain('Boundaries:');
    const noteZh = (await page.getByTestId('value-note').first().textContent())!.trim();
    expect(noteZh).not.toBe(noteEn!.trim());
    expect(noteZh).toMatch(/[\u4e00-\u9fff]/);
    await page.close();
  });

  it('skip links lead to the map and the controls', async () => {
    const page = await appPage('?lang=en');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to the map');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('map-area');
    await page.close();
  });
});

describe('finding a station', () => {
  it('北京南 in the search sets the 1-hour circle from Beijing South and moves the map there', async () => {
    const page = await appPage('?lang=zh');
    const search = page.getByTestId('unit-search');
    await search.fill('北京南');
    const option = page.locator('[data-kind="station"]').first();
    await option.waitFor();
    await expect(option.textContent()).resolves.toContain('北京南');
    await search.press('Enter');
    await page.getByTestId('isochrone-legend').waitFor();
    await expect(page.getByTestId('view-title-text').textContent()).resolves.toMatch(
      /^从北京南出发的铁路出行时间/,
    );
    await expect.poll(() => new URL(page.url()).searchParams.get('o'), { timeout: 5000 }).toBe('ST001');
    // The camera went to the station (116.37°E 39.86°N).
    await expect
      .poll(() => new URL(page.url()).searchParams.get('at'), { timeout: 5000 })
      .toMatch(/^116\.37\d*,39\.86\d*,/);
    await page.close();
  });
});

describe('first visit', () => {
  it('a loading indicator shows until the first complete map, then goes', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}?rail=1&lang=en`, { waitUntil: 'commit' });
    const loading = page.getByTestId('loading');
    await loading.waitFor({ state: 'attached' });
    // (in the default language until the link is read with the data)
    await expect(loading.textContent()).resolves.toMatch(/Loading map and data|正在加载地图和数据/);
    await mapIdle(page);
    await loading.waitFor({ state: 'detached' });
    // By then the rail layer (loaded on demand) is in the legend.
    await expect(page.getByTestId('rail-legend').count()).resolves.toBe(1);
    await page.close();
  });
});

describe('the 1-hour circle', () => {
  it('a minutes slider sets the reach; bands, legend and title follow', async () => {
    const page = await appPage('?rail=1&o=ST015&y=2024&lang=en');
    await page.getByTestId('isochrone-legend').waitFor();
    await page.getByTestId('minutes').fill('120');
    await expect
      .poll(() => page.getByTestId('view-title-text').textContent())
      .toBe('Rail travel time from Beijing West, 2024 network · 40/80/120 min');
    await expect(page.getByTestId('isochrone-legend').textContent()).resolves.toContain('≤ 120 min');
    await expect.poll(() => new URL(page.url()).searchParams.get('b')).toBe('40,80,120');
    await page.close();
  });
});
