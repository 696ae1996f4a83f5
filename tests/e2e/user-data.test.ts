// Bring your own indicators: a table picked through the file input is previewed (unmatched rows with
// suggestions), added to the picker as user data, drawn, shown in the panel, kept in the URL and in the
// browser across reloads, and removed again. Nothing leaves the machine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { legacyUserIndicatorId, userIndicatorId } from '../../src/core/user-indicators.ts';
import { ROOT, mapFingerprint, openApp, pixelDifference } from './harness.ts';
import { browser, server, useAppInBrowser } from './setup.ts';

useAppInBrowser();

const FILE = join(ROOT, 'tests/fixtures/user-data/执业医师数.csv');

describe('user indicators', () => {
  it('loads, previews, draws, links, persists and removes a user table', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?lvl=city');
    const before = await mapFingerprint(page);
    await page.getByTestId('user-file').setInputFiles(FILE);
    const preview = page.getByTestId('user-preview');
    await preview.waitFor();
    await expect(page.getByTestId('user-summary').textContent()).resolves.toMatch(
      /12 行中使用 11 行|11 of 12/,
    );
    const problems = await page.getByTestId('user-problems').textContent();
    expect(problems).toContain('石家装');
    expect(problems).toContain('石家庄市');
    await page.getByTestId('user-add').click();
    await preview.waitFor({ state: 'detached' });

    const selected = page.getByTestId('indicator').locator('option:checked');
    await expect(selected.textContent()).resolves.toContain('执业医师数（用户数据）');
    const id = await page.getByTestId('indicator').inputValue();
    expect(id).toMatch(/^user:[0-9a-f]{16}$/);
    const after = await mapFingerprint(page);
    expect(pixelDifference(before.pixels, after.pixels)).toBeGreaterThan(0.02);
    await page.waitForFunction((i) => window.location.search.includes(`ind=${encodeURIComponent(i)}`), id);
    // The data export carries the user's values and names the file as their source.
    const csv = await page.evaluate(() => window.__explorerExport?.csv() ?? '');
    expect(csv).toContain('32500');
    expect(csv).toContain('执业医师数.csv');

    // A reload (same browser) restores the table and the link's indicator.
    const link = await page.evaluate(() => window.location.href);
    const other = await browser.context.newPage();
    await openApp(other, link.replace(/\?.*/, ''), new URL(link).search);
    await expect(other.getByTestId('indicator').inputValue()).resolves.toBe(id);
    expect(pixelDifference(after.pixels, (await mapFingerprint(other)).pixels)).toBeLessThan(0.02);
    await openApp(other, link.replace(/\?.*/, ''), `${new URL(link).search}&sel=130100`);
    const panel = other.getByTestId('unit-panel');
    await expect(panel.textContent()).resolves.toContain('32,500');
    await expect(panel.textContent()).resolves.toContain('执业医师数.csv');
    await other.close();

    await page.getByTestId('user-remove').click();
    await expect(page.getByTestId('indicator').inputValue()).resolves.toBe('census_density');
    await expect(
      page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('user'))),
    ).resolves.toEqual([]);
    expect(browser.external).toEqual([]);
    await page.close();
  });

  it('takes a table dropped onto the app', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?lang=en');
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['name,2020\nShijiazhuang,5\nBaoding,6\n'], 'dropped.csv', { type: 'text/csv' }));
      for (const type of ['dragover', 'drop'])
        document.body.dispatchEvent(
          new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }),
        );
    });
    await page.getByTestId('user-preview').waitFor();
    await expect(page.getByTestId('user-summary').textContent()).resolves.toContain('2 of 2 rows');
    await page.getByTestId('user-cancel').click();
    expect(browser.external).toEqual([]);
    await page.close();
  });

  it('asks for the year when the table has none, and explains a link to a table not loaded here', async () => {
    const page = await browser.context.newPage();
    await openApp(page, server.url, '?lang=en&ind=user:0badc0de');
    await expect(page.getByTestId('notices').textContent()).resolves.toContain('not loaded in this browser');
    await page.getByTestId('user-file').setInputFiles(join(ROOT, 'tests/fixtures/bad-inputs/no-year.csv'));
    await page.getByTestId('user-year').fill('2020');
    await page.getByRole('button', { name: 'OK' }).click();
    await expect(page.getByTestId('user-summary').textContent()).resolves.toContain('1 of 1 rows');
    await expect(page.getByTestId('user-add').isEnabled()).resolves.toBe(true);
    await page.getByTestId('user-cancel').click();
    await page.close();
  });
  // issue 15: storage blocked, corrupt stored text, two tabs.
  it('starts when localStorage is blocked and says tables will not be kept', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(() =>
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      }),
    );
    await openApp(page, server.url, '?lang=en');
    expect((await mapFingerprint(page)).distinct).toBeGreaterThan(30);
    await expect(page.getByTestId('notices').textContent()).resolves.toContain('will not be kept');
    // A table can still be used for this visit.
    await page.getByTestId('user-file').setInputFiles(FILE);
    await page.getByTestId('user-add').click();
    await expect(page.getByTestId('user-tables').textContent()).resolves.toContain('执业医师数.csv');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps corrupt stored tables aside, says so and offers them as a download', async () => {
    const raw = readFileSync(join(ROOT, 'tests/fixtures/bad-inputs/stored-tables-truncated.json'), 'utf8');
    const page = await browser.context.newPage();
    // The app must have started before the corrupt text goes in (its start-up reads the stored tables).
    await openApp(page, server.url, '?lang=en');
    await page.evaluate((text) => localStorage.setItem('jjj-explorer.user-tables.v1', text), raw);
    await openApp(page, server.url, '?lang=en');
    await expect(page.getByTestId('notices').textContent()).resolves.toContain('could not all be read');
    await expect(
      page.evaluate(() => localStorage.getItem('jjj-explorer.user-tables.v1.corrupt')),
    ).resolves.toBe(raw);
    const download = page.waitForEvent('download');
    await page.getByTestId('user-corrupt-download').click();
    const file = await (await download).path();
    expect(readFileSync(file, 'utf8')).toBe(raw);
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  it('two tabs adding tables keep both', async () => {
    const a = await browser.context.newPage();
    const b = await browser.context.newPage();
    await openApp(a, server.url, '?lang=en');
    await openApp(b, server.url, '?lang=en');
    await a.getByTestId('user-file').setInputFiles(FILE);
    await a.getByTestId('user-add').click();
    await b.evaluate(() => {
      const input = document.querySelector('[data-testid="user-file"]') as HTMLInputElement;
      const dt = new DataTransfer();
      dt.items.add(new File(['name,2020\nShijiazhuang,5\nBaoding,6\n'], 'second.csv', { type: 'text/csv' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await b.getByTestId('user-add').click();
    const stored = await a.evaluate(() =>
      (
        JSON.parse(localStorage.getItem('jjj-explorer.user-tables.v1') ?? '{"tables":[]}') as {
          tables: { fileName: string }[];
        }
      ).tables.map((t) => t.fileName),
    );
    expect(stored.sort()).toEqual(['second.csv', '执业医师数.csv']);
    // The first tab hears of the second tab's table through the storage event.
    await a.waitForFunction(() =>
      document.querySelector('[data-testid="user-tables"]')?.textContent?.includes('second.csv'),
    );
    await a.evaluate(() => localStorage.clear());
    await a.close();
    await b.close();
  });
  it('a link with an old 32-bit user id opens the kept (migrated) table', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}?lang=en`);
    const name = '旧表';
    const stored = {
      version: 1,
      tables: [
        {
          indicators: [{ id: legacyUserIndicatorId(name), name, unit: '' }],
          fileName: 'old.csv',
          values: [
            [0, '130100', 2020, 5],
            [0, '130600', 2020, 6],
          ],
          layout: 'wide-years',
          keyColumn: 'name',
          keyKind: 'name',
        },
      ],
    };
    await page.evaluate(
      (text) => localStorage.setItem('jjj-explorer.user-tables.v1', text),
      JSON.stringify(stored),
    );
    await openApp(page, server.url, `?lang=en&lvl=city&y=2020&ind=${legacyUserIndicatorId(name)}`);
    await expect(page.getByTestId('indicator').inputValue()).resolves.toBe(userIndicatorId(name));
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });
});
