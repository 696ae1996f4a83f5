// Issue 14: the first-visit introduction — shown on a plain first visit, not over a shared link,
// dismissed for good, reopened from the header, and its starting points open their views.
import { expect, it, describe } from 'vitest';
import { mapIdle, openApp } from './harness.ts';
import { browser, server, useAppInBrowser } from './setup.ts';

useAppInBrowser();

/** A page that is a first visit: the harness's "seen" mark is not set, and any stored mark is gone. */
async function firstVisit() {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    sessionStorage.setItem('jjj-test.first-visit', '1');
    if (!sessionStorage.getItem('jjj-test.cleared')) {
      localStorage.removeItem('jjj-explorer.intro-seen');
      sessionStorage.setItem('jjj-test.cleared', '1');
    }
  });
  return page;
}

describe('first-visit introduction', () => {
  it('shows on a plain first visit, closes with the button, stays closed, and reopens from the header', async () => {
    const page = await firstVisit();
    await openApp(page, server.url);
    const intro = page.getByTestId('intro');
    await intro.waitFor();
    await expect(intro.locator('h2').textContent()).resolves.toBe('京津冀公共服务共建共享');
    await expect(intro.locator('a').count()).resolves.toBe(3);
    // The close button has the focus, so Enter or Escape dismisses it from the keyboard.
    await page.keyboard.press('Escape');
    await expect(intro.count()).resolves.toBe(0);
    await page.reload();
    await mapIdle(page);
    await expect(page.getByTestId('intro').count()).resolves.toBe(0);
    await page.getByTestId('intro-open').click();
    await intro.waitFor();
    await page.getByTestId('intro-close').click();
    await expect(intro.count()).resolves.toBe(0);
    await page.close();
  });

  it('does not cover a shared link, and its 1-hour-circle start opens the isochrone from Beijing', async () => {
    const linked = await firstVisit();
    await openApp(linked, server.url, '?lvl=city&lang=en');
    await expect(linked.getByTestId('intro').count()).resolves.toBe(0);
    await linked.close();

    const page = await firstVisit();
    await openApp(page, server.url, '');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('intro-circle').click();
    await page.waitForURL(/o=ST069/);
    await mapIdle(page);
    await expect(page.getByTestId('intro').count()).resolves.toBe(0);
    const search = await page.evaluate(() => window.location.search);
    expect(search).toContain('lang=en');
    await expect(page.getByTestId('legend').textContent()).resolves.toMatch(/60 min/);
    await page.close();
  });
});
