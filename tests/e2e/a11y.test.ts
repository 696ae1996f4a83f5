// Keyboard and screen-reader use: the unit search (combobox), the table view, the play button and the
// text description of the map.
import { describe, expect, it } from 'vitest';
import { openApp } from './harness.ts';
import { browser, server, useAppInBrowser } from './setup.ts';

useAppInBrowser();

describe('keyboard and screen reader', () => {
  it('selecting a unit from the search list with the keyboard opens its panel', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?lvl=city');
    await page.getByTestId('unit-search').focus();
    await page.keyboard.type('xiong');
    await page.getByTestId('unit-listbox').waitFor();
    // The stations load on the first keystroke; wait for them so the list does not grow between keys.
    await page.getByTestId('unit-listbox').locator('li[data-kind="station"]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('unit-search').getAttribute('aria-activedescendant')).resolves.toBe(
      'unit-option-XIONGAN',
    );
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('unit-panel').locator('h2').textContent()).resolves.toBe('雄安新区');
    await page.waitForFunction(() => window.location.search.includes('sel=XIONGAN'));
    // The play button is reachable and works from the keyboard.
    await page.getByTestId('play').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('play').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('play').getAttribute('aria-pressed')).resolves.toBe('false');
    await page.close();
  });

  it('the table view lists the units sorted by value, and by name on request', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?lvl=city&lang=en');
    await page.getByTestId('table-toggle').click();
    const table = page.getByTestId('table-view');
    await table.waitFor();
    const values = await table.locator('tbody td.num').evaluateAll((tds) =>
      tds
        .map((td) => td.getAttribute('data-value'))
        .filter((v) => v !== '')
        .map(Number),
    );
    expect(values.length).toBeGreaterThan(5);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await expect(table.locator('th[aria-sort="descending"]').count()).resolves.toBe(1);
    await expect(table.locator('thead').textContent()).resolves.toMatch(/Source.*Confidence/);
    await page.getByTestId('sort-name').click();
    const names = await table.locator('tbody th').allTextContents();
    expect(names.map((n) => n.trim())).toEqual(
      [...names.map((n) => n.trim())].sort((a, b) => a.localeCompare(b, 'en')),
    );
    await page.getByTestId('table-toggle').click();
    await table.waitFor({ state: 'detached' });
    await page.close();
  });

  it('describes the map in words in a live region', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?lvl=county&lang=en');
    const d = page.getByTestId('map-description');
    await expect(d.getAttribute('aria-live')).resolves.toBe('polite');
    const text = (await d.textContent())!;
    expect(text).toMatch(
      /Population density.*2020, by Counties\. Highest: .+\. Lowest: .+\. \d+ units without data\./,
    );
    await page.close();
  });
});
