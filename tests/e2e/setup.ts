// One built app served and one browser for a test file: call `useAppInBrowser()` at the top of the
// file, then use `server` and `browser` (live bindings, set before the first test runs).
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, serveApp, type Browser, type Served } from './harness.ts';

export let server: Served;
export let browser: Browser;

export function useAppInBrowser(): void {
  beforeAll(async () => {
    server = await serveApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
}
