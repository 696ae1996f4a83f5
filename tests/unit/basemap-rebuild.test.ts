// Rebuilding the offline basemap (geo/scripts steps 50–69) into a temporary folder must reproduce the
// committed geo/build/basemap and geo/build/glyphs byte for byte.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SHARED_DATA } from '../../geo/scripts/lib/build-io.ts';

const SCRIPTS = join(REPO_ROOT, 'geo/scripts');
const BASEMAP_STEPS = readdirSync(SCRIPTS)
  .filter((f) => /^(5\d|6\d)-.*\.ts$/.test(f))
  .sort();
const hasShared = existsSync(join(SHARED_DATA, 'basemap')) && existsSync(join(SHARED_DATA, 'boundaries'));

/** Files below dir, relative to root, sorted. */
function listFiles(root: string, dir: string): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(join(root, f)).isFile())
    .map((f) => relative(root, join(root, f)))
    .sort();
}

describe('basemap rebuild', () => {
  it.skipIf(!hasShared)(
    'steps 50–69 reproduce geo/build/basemap and geo/build/glyphs byte for byte',
    { timeout: 180_000 },
    () => {
      const out = mkdtempSync(join(tmpdir(), 'jjj-basemap-'));
      try {
        expect(BASEMAP_STEPS.length).toBeGreaterThanOrEqual(4);
        for (const step of BASEMAP_STEPS) {
          execFileSync(process.execPath, ['--import', 'tsx', join(SCRIPTS, step), '--out', out], {
            cwd: REPO_ROOT,
            stdio: 'pipe',
          });
        }
        const committed = join(REPO_ROOT, 'geo/build');
        const files = [...listFiles(committed, 'basemap'), ...listFiles(committed, 'glyphs')];
        expect(files.length).toBeGreaterThan(10);
        expect([...listFiles(out, 'basemap'), ...listFiles(out, 'glyphs')]).toEqual(files);
        const differing = files.filter(
          (f) => !readFileSync(join(committed, f)).equals(readFileSync(join(out, f))),
        );
        expect(differing, 'rebuilt files differ from geo/build: run npm run build:geo').toEqual([]);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );

  it.skipIf(hasShared)('is skipped: ../shared/data (basemap, boundaries) is not available here', () => {
    expect(hasShared).toBe(false);
  });
});
