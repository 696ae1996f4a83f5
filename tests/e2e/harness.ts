// Browser test harness: serves the built app (dist/) with `vite preview` on a free loopback port and
// drives Debian's Chromium through playwright-core. Never downloads a browser.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that give WebGL2 through SwiftShader and keep Chromium from calling home (DESIGN.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Chromium's own services (autofill, sign-in, component and safe-browsing updates) would otherwise
  // call Google; they are the browser's traffic, not the app's, and have no place in an offline test.
  '--disable-client-side-phishing-detection',
  '--disable-domain-reliability',
  '--disable-default-apps',
  '--no-pings',
  '--disable-breakpad',
  '--disable-field-trial-config',
  '--disable-features=AutofillServerCommunication,OptimizationHints,OptimizationGuideModelDownloading,MediaRouter,DialMediaRouteProvider,CertificateTransparencyComponentUpdater,Translate,NetworkTimeServiceQuerying',
  '--metrics-recording-only',
];

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

export interface Served {
  url: string;
  stop(): Promise<void>;
}

/** Serve dist/ on 127.0.0.1. The app must have been built (`npm run build`). */
export async function serveApp(): Promise<Served> {
  if (!existsSync(join(ROOT, 'dist/index.html')))
    throw new Error('dist/ is missing: run `npm run build` first');
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise((done) => {
        child.once('exit', () => done());
        child.kill();
      }),
  };
}

/**
 * Chromium's own background services (sign-in, component updates, network time) still reach for
 * these hosts whatever the flags; they are the browser's traffic, not the app's. Page and worker
 * requests to any host, these included, are caught separately by watchExternalRequests.
 */
const BROWSER_SERVICE_HOST =
  /^(CONNECT )?(https?:\/\/)?([\w-]+\.)*(google\.com|googleapis\.com|gvt1\.com)(:\d+)?(\/|$)/;

export interface Browser {
  context: BrowserContext;
  /**
   * Every request the browser tried to send off this machine (any page, worker or the browser
   * itself) — Chromium sends all non-loopback traffic to a local proxy that records and refuses it —
   * less the browser's own service calls (BROWSER_SERVICE_HOST).
   */
  external: string[];
  close(): Promise<void>;
}

/** A proxy that records what reaches it and answers 403, so nothing leaves and everything is seen. */
async function refusingProxy(): Promise<{ port: number; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = createHttpServer((req, res) => {
    if (!BROWSER_SERVICE_HOST.test(req.url ?? '')) seen.push(req.url ?? '');
    res.writeHead(403).end();
  });
  // The browser may reset a refused connection; that is no error of the test (unhandled, it would
  // fail the whole run).
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('connect', (req, socket) => {
    socket.on('error', () => socket.destroy());
    if (!BROWSER_SERVICE_HOST.test(`CONNECT ${req.url}`)) seen.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return { port, seen, close: () => new Promise((done) => server.close(() => done())) };
}

export async function launchBrowser(
  viewport = { width: 1280, height: 800 },
  /** A phone: touch events and a mobile viewport. */
  device: { hasTouch?: boolean; isMobile?: boolean } = {},
): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium`);
  const profile = mkdtempSync(join(tmpdir(), 'jjj-chromium-'));
  const proxy = await refusingProxy();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // Loopback bypasses the proxy by default, so only the app's own origin is reached directly.
    args: [...CHROMIUM_ARGS, `--proxy-server=http://127.0.0.1:${proxy.port}`],
    viewport,
    ...device,
  });
  // Tests open the app as a returning visitor: the first-visit introduction (a dialog over the map)
  // stays closed unless a test clears this mark (tests/e2e/intro.test.ts).
  await context.addInitScript(() => {
    try {
      if (!sessionStorage.getItem('jjj-test.first-visit'))
        localStorage.setItem('jjj-explorer.intro-seen', '1');
    } catch {
      /* storage blocked in this test: the app shows the introduction */
    }
  });
  return {
    context,
    external: proxy.seen,
    close: async () => {
      await context.close();
      await proxy.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Records every request the page makes that leaves the app's origin. */
export function watchExternalRequests(page: Page, origin: string): string[] {
  const external: string[] = [];
  page.on('request', (req) => {
    const u = req.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    if (!u.startsWith(origin)) external.push(u);
  });
  return external;
}

/** Open the app at `query` and wait until the map has drawn everything (first complete map). */
export async function openApp(page: Page, base: string, query = ''): Promise<void> {
  await page.goto(`${base}${query}`);
  await page.waitForFunction(
    () => (window as unknown as { __explorer?: unknown }).__explorer !== undefined,
    null,
    {
      timeout: 60_000,
    },
  );
  await mapIdle(page);
}

export async function mapIdle(page: Page): Promise<void> {
  // First every layer the state asks for must have its data (rail, facilities load on demand) …
  await page.waitForFunction(
    () => (window as unknown as { __explorerView?: { complete: boolean } }).__explorerView?.complete === true,
  );
  // … then the map must have drawn it.
  await page.evaluate(() =>
    (window as unknown as { __explorer: { whenIdle(): Promise<void> } }).__explorer.whenIdle(),
  );
}

/**
 * A coarse fingerprint of the map canvas: the WebGL canvas drawn into a 2-D canvas of 96×64 and read
 * back, plus the number of distinct colours. Compare fingerprints to tell whether pixels changed.
 */
export async function mapFingerprint(page: Page): Promise<{ pixels: number[]; distinct: number }> {
  await mapIdle(page);
  return page.evaluate(() => {
    const gl = document.querySelector('.maplibregl-canvas') as HTMLCanvasElement;
    const c = document.createElement('canvas');
    c.width = 96;
    c.height = 64;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(gl, 0, 0, 96, 64);
    const data = Array.from(ctx.getImageData(0, 0, 96, 64).data);
    const colors = new Set<string>();
    for (let i = 0; i < data.length; i += 4) colors.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    return { pixels: data, distinct: colors.size };
  });
}

/** Share of fingerprint pixels that differ by more than a small tolerance. */
export function pixelDifference(a: number[], b: number[]): number {
  let changed = 0;
  for (let i = 0; i < a.length; i += 4) {
    const d = Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
    if (d > 24) changed++;
  }
  return changed / (a.length / 4);
}

/** Screen position (page coordinates) of a lon/lat on the map. */
export async function screenPoint(page: Page, lonLat: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((ll) => {
    const e = (
      window as unknown as {
        __explorer: {
          map: { project(ll: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement };
        };
      }
    ).__explorer;
    const p = e.map.project(ll);
    const r = e.map.getCanvas().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, lonLat);
}
