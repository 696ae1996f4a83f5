// issue 11 in the browser: an official yearbook table as .xlsx is recognised, previewed with its source
// line and catalogue match, joins the picker under its theme, and shows as user-supplied cells in the
// coverage view (series × unit × year, grouped by theme, keyboard-operable, zh and en); the unit panel
// groups indicators by theme and lists those without a value as "no data".
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, openApp } from './harness.ts';
import { browser, server, useAppInBrowser } from './setup.ts';

useAppInBrowser();

const XLSX = join(ROOT, 'tests/fixtures/user-data/各市文化卫生社会保障情况-2008.xlsx');

describe('official tables and the coverage view', () => {
  it('imports a yearbook .xlsx and shows its cells as user-supplied in the coverage view', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?lang=en&lvl=city');
    await page.getByTestId('user-file').setInputFiles(XLSX);
    const preview = page.getByTestId('user-preview');
    await preview.waitFor();
    await expect(page.getByTestId('user-summary').textContent()).resolves.toContain('11 of 12 rows');
    await expect(page.getByTestId('user-origin').textContent()).resolves.toMatch(
      /yearbook table · sheet “表1”[\s\S]*tjj\.hebei\.gov\.cn/,
    );
    // 公共图书馆数 always matches; 注册护士数 too once the catalogue has that indicator.
    const matches = await page.getByTestId('user-match').allTextContents();
    expect(matches[0]).toContain('“Public libraries”');
    expect(matches.length).toBeLessThanOrEqual(2);
    await expect(page.getByTestId('user-problems').textContent()).resolves.toContain('城市合计');
    await page.getByTestId('user-add').click();
    await preview.waitFor({ state: 'detached' });

    // The picker: the matched indicator sits under Culture, the others under "Your own data"; each
    // option says how many units have a value this year.
    const picker = page.getByTestId('indicator');
    await page.waitForFunction(() =>
      (document.querySelector('[data-testid=indicator]') as HTMLSelectElement).value.startsWith('user:'),
    );
    const selected = picker.locator('option:checked');
    await expect(selected.textContent()).resolves.toMatch(/^公共图书馆数 \(user data\) · 11 \/ 14 units$/);
    await expect(selected.evaluate((o) => (o.parentElement as HTMLOptGroupElement).label)).resolves.toBe(
      'Culture',
    );
    const groups = await picker
      .locator('optgroup')
      .evaluateAll((gs) => gs.map((g) => (g as HTMLOptGroupElement).label));
    expect(groups[0]).toBe('Health');
    expect(groups).toContain('Your own data');
    await expect(picker.locator('optgroup[label="Your own data"] option').count()).resolves.toBe(
      5 - matches.length,
    );

    // The coverage view, by keyboard: open, expand the library series, read its cells, close with Esc.
    await page.getByTestId('coverage-open').focus();
    await page.keyboard.press('Enter');
    const view = page.getByTestId('coverage-view');
    await view.waitFor();
    await expect(page.getByTestId('coverage-summary').textContent()).resolves.toMatch(/\d+ user-supplied/);
    const themes = await page
      .getByTestId('coverage-theme')
      .evaluateAll((s) => s.map((e) => e.getAttribute('data-theme')));
    expect(themes[0]).toBe('health');
    expect(themes).toContain('culture');
    expect(themes[themes.length - 1]).toBe('user');
    const libraries = view.locator('[data-indicator=public_libraries]');
    await expect(libraries.locator('summary [data-status=user]').textContent()).resolves.toContain('11');
    await libraries.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect(libraries.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(true);
    const header = await libraries.locator('thead th').allTextContents();
    const col = header.indexOf('2008');
    expect(col).toBeGreaterThan(0);
    const shijiazhuang = libraries.locator('tbody tr', { hasText: 'Shijiazhuang' });
    await expect(
      shijiazhuang
        .locator('td')
        .nth(col - 1)
        .getAttribute('data-status'),
    ).resolves.toBe('user');
    await expect(libraries.locator('td[data-status=user]').count()).resolves.toBe(11);
    // Every missing block names where to look.
    await expect(libraries.getByTestId('coverage-gaps').locator('li').first().textContent()).resolves.toMatch(
      /^Where to find .+ for .+: .+/,
    );
    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'detached' });
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe(
      'coverage-open',
    );

    // The download names the theme.
    const csv = await page.evaluate(() => window.__explorerExport?.csv() ?? '');
    expect(csv.split('\r\n')[0]).toMatch(/,theme$/);
    expect(csv).toContain(',culture\r\n');
    expect(browser.external).toEqual([]);
    await page.close();
  });

  it('groups the unit panel by theme, lists indicators without a value, and speaks Chinese', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?lvl=city&sel=130100');
    const panel = page.getByTestId('unit-panel');
    await panel.waitFor();
    const themes = await panel
      .getByTestId('panel-theme')
      .evaluateAll((s) => s.map((e) => e.getAttribute('data-theme')));
    expect(themes[0]).toBe('health');
    expect(new Set(themes).size).toBe(themes.length);
    await expect(panel.getByTestId('panel-no-data').first().textContent()).resolves.toMatch(/^\s*无数据：/);
    await page.getByTestId('coverage-open').click();
    await expect(page.getByTestId('coverage-view').locator('h2').textContent()).resolves.toBe(
      '数据覆盖：序列 × 单元 × 年份',
    );
    await page.getByTestId('coverage-close').click();
    await page.getByTestId('coverage-view').waitFor({ state: 'detached' });
    await page.close();
  });
});
