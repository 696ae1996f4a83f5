import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { cspPlugin } from './src/build/csp.ts';

// geo/build holds the generated files the app fetches at run time (boundaries, basemap, glyphs);
// serving it as the public dir keeps the top level to src, geo, data and tests.
export default defineConfig({
  base: './',
  publicDir: 'geo/build',
  plugins: [svelte(), cspPlugin()],
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  // The background worker (src/data/work.worker.ts) is an ES module: it loads the spreadsheet reader
  // on demand like the page does, from the page's own origin (CSP worker-src 'self').
  worker: { format: 'es' },
  preview: { port: 4173, strictPort: true },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
