// Figure export speed and memory in headless Chromium (software GL): time of an A4 300-dpi PNG, a
// 1920×1080 PNG and an A4 300-dpi PDF (cold = first export of a page, then the median of warm runs),
// and the page's peak JS heap during the exports (sampled through the DevTools protocol).
// Run after `npm run build`: `npx tsx tests/bench/export.ts`. Figures only; nothing is asserted.
import type { ExportApiResult } from '../../src/export/api.ts';
import type { ExportOptions } from '../../src/export/figure.ts';
import { launchBrowser, openApp, serveApp } from '../e2e/harness.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const QUERY = '?lvl=county&sel=130638&lang=en';
const CASES: [string, ExportOptions][] = [
  ['A4 landscape 300 dpi PNG (3508×2480)', { format: 'png', preset: 'a4-300' }],
  ['1920×1080 PNG', { format: 'png', preset: '1920x1080' }],
  ['A4 landscape 300 dpi PDF', { format: 'pdf', preset: 'a4-300' }],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

const server = await serveApp();
const browser = await launchBrowser();
try {
  const rows: string[] = [];
  let peakHeap = 0;
  let baseHeap = 0;
  for (const [name, options] of CASES) {
    // A fresh page per case: its first export is cold (the export map loads), the rest are warm.
    const page = await browser.context.newPage();
    await openApp(page, server.url, QUERY);
    await page.waitForFunction(() => window.__explorerExport?.ready() === true);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    baseHeap = Math.max(baseHeap, usedSize);
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const h = await cdp.send('Runtime.getHeapUsage').catch(() => ({ usedSize: 0 }));
        peakHeap = Math.max(peakHeap, h.usedSize);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const times: number[] = [];
    const mapTimes: number[] = [];
    let last: Omit<ExportApiResult, 'base64'> & { bytes: number } = null as never;
    for (let i = 0; i < RUNS + 1; i++) {
      const started = Date.now();
      const r = await page.evaluate(
        (o) =>
          window
            .__explorerExport!.run(o)
            .then(({ base64, ...rest }) => ({ ...rest, bytes: Math.round((base64.length * 3) / 4) })),
        options,
      );
      times.push(Date.now() - started);
      mapTimes.push(r.timings.map);
      last = r;
    }
    sampling = false;
    await sampler;
    const [cold, ...warm] = times;
    rows.push(
      `${name.padEnd(40)} cold ${(cold! / 1000).toFixed(2)} s · warm median ${(median(warm) / 1000).toFixed(2)} s ` +
        `(map ${(median(mapTimes.slice(1)) / 1000).toFixed(2)} s) · ${last.width}×${last.height} px · ${MB(last.bytes)}`,
    );
    await page.close();
  }
  console.log(`Export benchmark (${RUNS} warm runs after one cold run, view ${QUERY}):`);
  for (const r of rows) console.log(`  ${r}`);
  console.log(
    `  JS heap: ${MB(baseHeap)} before, peak ${MB(peakHeap)} during exports (canvas pixels live outside the JS heap)`,
  );
  if (browser.external.length) console.log(`  WARNING: external requests: ${browser.external.join(', ')}`);
} finally {
  await browser.close();
  await server.stop();
}
