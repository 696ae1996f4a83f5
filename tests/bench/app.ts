// Prints the app's weight and start-up speed: production JS and data bytes (raw and gzip) and the time
// from navigation to the first complete map in headless Chromium (median of several runs), side by side
// with a bare MapLibre page drawing the same default sources (tests/bench/bare-map, built here into
// dist/bench-bare), run for run in the same browser, so the ratio holds on any machine.
// Run after `npm run build`. Figures only; nothing here asserts a time.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { ROOT, launchBrowser, openApp, serveApp } from '../e2e/harness.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function bytes(files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const buf = readFileSync(f);
    raw += buf.length;
    gzip += gzipSync(buf, { level: 9 }).length;
  }
  return { raw, gzip };
}

const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dist = join(ROOT, 'dist');
const BARE = 'bench-bare';
const all = walk(dist).filter((f) => !relative(dist, f).startsWith(BARE));
await build({
  configFile: false,
  root: join(ROOT, 'tests/bench/bare-map'),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: { outDir: join(dist, BARE), emptyOutDir: true, target: 'es2022' },
});
const js = all.filter((f) => f.endsWith('.js'));
const css = all.filter((f) => f.endsWith('.css'));

const server = await serveApp();
const browser = await launchBrowser();
const times: number[] = [];
const bareTimes: number[] = [];
let fetched: { url: string; size: number }[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.context.newPage();
    const seen: { url: string; size: number }[] = [];
    page.on('response', async (res) => {
      const body = await res.body().catch(() => Buffer.alloc(0));
      seen.push({ url: res.url(), size: body.length });
    });
    // A fresh cache each run would need a fresh profile; the first run is the cold one and is reported too.
    await openApp(page, server.url);
    await page.waitForFunction(
      () => (window as unknown as { __explorer: { firstCompleteMs?: number } }).__explorer.firstCompleteMs,
    );
    times.push(
      await page.evaluate(
        () => (window as unknown as { __explorer: { firstCompleteMs: number } }).__explorer.firstCompleteMs,
      ),
    );
    if (i === 0) fetched = seen;
    await page.close();
    const bare = await browser.context.newPage();
    await bare.goto(`${server.url}${BARE}/index.html`);
    await bare.waitForFunction(() => (window as unknown as { __bare?: unknown }).__bare);
    bareTimes.push(
      await bare.evaluate(
        () => (window as unknown as { __bare: { firstCompleteMs: number } }).__bare.firstCompleteMs,
      ),
    );
    await bare.close();
  }
} finally {
  await browser.close();
  await server.stop();
}

// What the default view actually downloads: its JS (lazy chunks such as the PDF library are not
// fetched until used) and its data.
const fetchedFiles = fetched
  .filter((f) => f.url.startsWith('http'))
  .map((f) => new URL(f.url).pathname.replace(/^\//, ''))
  .filter((p) => !p.endsWith('.html') && p !== '')
  .map((p) => join(dist, decodeURIComponent(p)))
  .filter((p, i, all) => all.indexOf(p) === i);
const initialJs = fetchedFiles.filter((p) => p.endsWith('.js'));
const dataFiles = fetchedFiles.filter((p) => !p.endsWith('.js') && !p.endsWith('.css'));

const jsBytes = bytes(js);
const dataBytes = bytes(dataFiles);
console.log('app bundle');
console.log(
  `  JS, all chunks            ${js.length} files  raw ${kB(jsBytes.raw)}  gzip ${kB(jsBytes.gzip)}`,
);
const initial = bytes(initialJs);
console.log(
  `  JS loaded by default view ${initialJs.length} files  raw ${kB(initial.raw)}  gzip ${kB(initial.gzip)}`,
);
console.log(`  CSS  ${css.length} files  raw ${kB(bytes(css).raw)}  gzip ${kB(bytes(css).gzip)}`);
console.log(
  `  data fetched by the default view: ${dataFiles.length} files  raw ${kB(dataBytes.raw)}  gzip ${kB(dataBytes.gzip)}`,
);
for (const f of dataFiles) {
  const b = bytes([f]);
  console.log(
    `    ${relative(dist, f).padEnd(48)} raw ${kB(b.raw).padStart(9)}  gzip ${kB(b.gzip).padStart(9)}`,
  );
}
const all_ = (xs: number[]) => xs.map((t) => t.toFixed(0)).join(', ');
console.log(`first complete map (navigation → map idle), ${RUNS} runs each, alternating:`);
console.log(`  app              median ${median(times).toFixed(0)} ms  (all: ${all_(times)})`);
console.log(`  bare MapLibre    median ${median(bareTimes).toFixed(0)} ms  (all: ${all_(bareTimes)})`);
const ratios = times.map((t, i) => t / bareTimes[i]!);
console.log(
  `  ratio app / bare median ${median(ratios).toFixed(2)}×  (per run: ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
);
// The figures issue 10 started from (its text), beside the goal.
console.log('  issue 10 before: 3–3.6× (medians 4.1 vs 1.15 s, 7.7 vs 2.6 s on two boxes); goal ≤1.3×');
