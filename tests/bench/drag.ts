// Dragging the isochrone origin (issue 14): per drag step, the main-thread time from the pointer move
// to the updated layer props (state, rail analysis with contours, deck inputs; the performance
// measure 'origin-drag-step' in MapView), and the frame interval during the drag (software GL,
// headless Chromium). Figures only.
import { launchBrowser, openApp, serveApp } from '../e2e/harness.ts';

const STEPS = 40;
const quantile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
};
const stats = (xs: number[]) =>
  `median ${quantile(xs, 0.5).toFixed(1)} ms, p90 ${quantile(xs, 0.9).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n ${xs.length})`;

const server = await serveApp();
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await openApp(
    page,
    server.url,
    '?rail=1&o=ST069&b=30,60,90&y=2024&lvl=city&at=116.4210,39.9023,8.00&lang=en',
  );
  // A frame recorder, as source text: tsx would wrap a named function in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    const tickFrame = (t) => {
      window.__frames.push(t);
      if (window.__recording) requestAnimationFrame(tickFrame);
    };
    requestAnimationFrame(tickFrame);
  })()`);
  const start = await page.evaluate(() => {
    const map = (window as unknown as { __explorer: { map: import('maplibre-gl').Map } }).__explorer.map;
    const r = map.getContainer().getBoundingClientRect();
    const p = map.project([116.421034, 39.902318]); // 北京 (ST069), from stations.geojson
    return { x: r.left + p.x, y: r.top + p.y };
  });
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= STEPS; i++) {
    await page.mouse.move(start.x + i * 4, start.y + i * 1.5);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  }
  await page.mouse.up();
  const { steps, frames } = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return {
      steps: performance.getEntriesByName('origin-drag-step').map((e) => e.duration),
      frames: w.__frames.slice(1).map((t, i) => t - w.__frames[i]!),
    };
  });
  console.log(`drag of the isochrone origin (${STEPS} pointer moves, bands 30/60/90 min, 2024 network):`);
  console.log(`  per drag step, move → analysis + contours + layer props: ${stats(steps)}`);
  console.log(`  frame interval during the drag:                        ${stats(frames)}`);
  console.log('  issue 14 goal: ≤16 ms compute + contour + layer update per drag frame');
  await page.close();
} finally {
  await browser.close();
  await server.stop();
}
