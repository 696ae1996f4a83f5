// A pan changes the camera only: with rail, a 60-minute isochrone (with the 2013 compare) and the
// hospital E2SFCA on, twenty pans recompute no selector of the view model (src/view) and re-run no
// analysis. The counts come from the selectors themselves (window.__explorerView.recomputations).
import { describe, expect, it } from 'vitest';
import { mapIdle, openApp } from './harness.ts';
import { browser, server, useAppInBrowser } from './setup.ts';

useAppInBrowser();

type Counts = Record<string, number>;
const counts = (page: import('playwright-core').Page) =>
  page.evaluate(() =>
    (window as unknown as { __explorerView: { recomputations(): Counts } }).__explorerView.recomputations(),
  );

describe('the view pipeline', () => {
  it('pans 20 times with every analysis on and recomputes nothing', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?rail=1&o=ST015&cmp=2013&y=2024&svc=hospital&lang=en');
    await page.getByTestId('equity').waitFor();
    await page.getByTestId('rail-legend').waitFor();
    await mapIdle(page);
    const before = await counts(page);
    expect(before.railAnalysis).toBeGreaterThan(0);
    expect(before.accessRun).toBeGreaterThan(0);
    const box = (await page.getByTestId('map').boundingBox())!;
    // Pans start in the south-west, away from the isochrone origin (a press on it drags the origin).
    const cx = box.x + box.width * 0.3;
    const cy = box.y + box.height * 0.75;
    for (let i = 0; i < 20; i++) {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      await page.mouse.move(cx + (i % 2 ? -40 : 40), cy + 15, { steps: 4 });
      await page.mouse.up();
    }
    await mapIdle(page);
    // The pans reached the state (the link follows the camera) …
    await page.waitForFunction(() => new URLSearchParams(location.search).has('at'));
    // … and no selector ran again.
    expect(await counts(page)).toEqual(before);
    await page.close();
  });

  it('a change of year recomputes the analyses that read the year, once', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?rail=1&o=ST015&y=2024&lang=en');
    await page.getByTestId('rail-legend').waitFor();
    await mapIdle(page);
    const before = await counts(page);
    await page.getByTestId('year').fill('2020');
    await mapIdle(page);
    const after = await counts(page);
    expect(after.railAnalysis).toBe(before.railAnalysis! + 1);
    expect(after.openSections).toBe(before.openSections! + 1);
    await page.close();
  });

  it('the default map leaves out the rail series; choosing one loads them once, a link to one restores', async () => {
    const page = await browser.context.newPage();
    const railPart: string[] = [];
    page.on('request', (r) => {
      if (/indicators-rail-[^/]*\.csv$/.test(r.url())) railPart.push(r.url());
    });
    await openApp(page, server.url, '?lang=en');
    const option = page.locator('[data-testid="indicator"] option[value="rail_minutes_to_beijing"]');
    // Not loaded: the picker says so instead of counting no units.
    expect(await option.textContent()).toMatch(/…$/);
    expect(railPart).toEqual([]);
    await page.getByTestId('indicator').selectOption('rail_minutes_to_beijing');
    await mapIdle(page);
    expect(await option.textContent()).toMatch(/· [1-9]\d* \/ \d+ units$/);
    expect(railPart).toHaveLength(1);
    await page.close();

    const linked = await browser.context.newPage();
    await openApp(linked, server.url, '?ind=rail_minutes_to_beijing&y=2015&lang=en');
    expect(await linked.getByTestId('indicator').inputValue()).toBe('rail_minutes_to_beijing');
    expect(new URL(linked.url()).searchParams.get('y') ?? '2015').toBe('2015');
    expect(
      await linked.locator('[data-testid="indicator"] option[value="rail_minutes_to_beijing"]').textContent(),
    ).toMatch(/· [1-9]\d* \/ \d+ units$/);
    await linked.close();
  });
});
