// The online basemap is opt-in: nothing is requested from its host until the user switches, and then
// the request is attempted (refused here: by the build's CSP, or by the test proxy in a build made
// with JJJ_ONLINE_BASEMAP=1) and the app falls back to the offline basemap with a visible message.
import { describe, expect, it } from 'vitest';
import { mapFingerprint, openApp } from './harness.ts';
import { browser, server, useAppInBrowser } from './setup.ts';

useAppInBrowser();

describe('online basemap switch', () => {
  it('requests tiles.openfreemap.org only after the user switches', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(e.blockedURI));
    });
    const attempts = async () => [
      ...browser.external,
      ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)),
    ];
    await openApp(page, server.url, '?lang=en');
    await page.getByTestId('settings').locator('summary').click();
    await expect(page.getByTestId('settings').textContent()).resolves.toContain('tiles.openfreemap.org');
    await page.getByLabel(/Cities/).check();
    await mapFingerprint(page);
    expect(await attempts()).toEqual([]);

    await page.getByTestId('basemap-online').check();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="notices"]')?.textContent?.includes('online basemap'),
    );
    expect((await attempts()).join(' ')).toContain('tiles.openfreemap.org');
    // Back on the offline basemap, the map still draws.
    await expect(page.getByTestId('basemap-offline').isChecked()).resolves.toBe(true);
    expect((await mapFingerprint(page)).distinct).toBeGreaterThan(30);
    await page.close();
  });
});
