// Golden images of six scenes: what the user sees must not change by accident. Each scene is rendered
// in headless Chromium (software GL) and compared with tests/render/<scene>.png: a pixel counts as
// different when a channel differs by more than 24 of 255, and a scene passes while at most
// MAX_DIFF of its pixels differ (software GL anti-aliasing and glyph placement vary a little).
// `UPDATE_GOLDEN=1 npx vitest run --project e2e tests/e2e/golden.test.ts` rewrites the images after a
// deliberate change; look at them before committing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ROOT, mapIdle, openApp } from './harness.ts';
import { browser, server, useAppInBrowser } from './setup.ts';

useAppInBrowser();

const DIR = join(ROOT, 'tests/render');
const OUT = join(ROOT, 'tests/e2e/out');
const MAX_DIFF = 0.02;
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Share of pixels of two same-size PNGs that differ visibly. */
export function differingShare(a: PNG, b: PNG): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (
      Math.abs(a.data[i]! - b.data[i]!) > 24 ||
      Math.abs(a.data[i + 1]! - b.data[i + 1]!) > 24 ||
      Math.abs(a.data[i + 2]! - b.data[i + 2]!) > 24
    )
      n++;
  }
  return n / (a.width * a.height);
}

function compare(scene: string, png: Buffer): void {
  const file = join(DIR, `${scene}.png`);
  if (UPDATE || !existsSync(file)) {
    writeFileSync(file, png);
    if (!UPDATE) throw new Error(`no golden image for ${scene}: wrote ${file}; check it and commit it`);
    return;
  }
  const share = differingShare(PNG.sync.read(readFileSync(file)), PNG.sync.read(png));
  if (share > MAX_DIFF) {
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, `${scene}.actual.png`), png);
  }
  expect(share, `${scene}: ${(share * 100).toFixed(2)} % of pixels differ`).toBeLessThanOrEqual(MAX_DIFF);
}

const SCENES: { scene: string; query: string; ready?: string }[] = [
  { scene: 'default-choropleth', query: '?lang=zh' },
  { scene: 'rail-2024', query: '?rail=1&y=2024&lang=zh', ready: 'rail-legend' },
  {
    scene: 'isochrone-beijing-west-2013-compare',
    query: '?rail=1&o=ST015&cmp=2013&y=2024&lang=zh',
    ready: 'isochrone-legend',
  },
  { scene: 'hospital-e2sfca', query: '?svc=hospital&y=2024&lang=zh', ready: 'equity' },
  { scene: 'english-ui', query: '?lang=en' },
];

describe('golden images', () => {
  it('a tiny difference passes and a different image fails', () => {
    const a = new PNG({ width: 10, height: 10 });
    const b = new PNG({ width: 10, height: 10 });
    a.data.fill(255);
    b.data.fill(255);
    expect(differingShare(a, b)).toBe(0);
    b.data.fill(0, 0, 40);
    expect(differingShare(a, b)).toBeCloseTo(0.1, 9);
    expect(differingShare(a, new PNG({ width: 5, height: 10 }))).toBe(1);
  });

  for (const { scene, query, ready } of SCENES) {
    it(`draws ${scene} as before`, async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await openApp(page, server.url, query);
      if (ready) await page.getByTestId(ready).waitFor();
      await mapIdle(page);
      // Let the tooltip-free, settled frame be the one captured.
      await page.mouse.move(1, 1);
      await mapIdle(page);
      compare(scene, await page.screenshot());
      await page.close();
    });
  }

  it('exports an A4 figure with legend and scale bar as before', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await openApp(page, server.url, '?lvl=city&lang=en');
    await page.waitForFunction(() => window.__explorerExport?.ready() === true);
    const r = await page.evaluate(() =>
      window.__explorerExport!.run({ format: 'png', preset: 'a4-landscape-150', date: '2025-01-01' }),
    );
    compare('export-a4-150', Buffer.from(r.base64, 'base64'));
    await page.close();
  });
});
