// Basemap step 4/5: copy only the glyph ranges the labels need (Latin; CJK is drawn locally), for the
// font stacks the style uses, from shared/data/basemap/glyphs (Noto Sans, fontnik SDF PBFs).
// Reads the label files written by steps 55–60 into the same output folder.
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { offlineStyle } from '../../src/map/offline-style.ts';
import { fail, sharedPath } from './lib/build-io.ts';
import { basemapDirs } from './lib/basemap-geo.ts';
import { glyphRangesFor, labelTexts, styleFontStacks } from './lib/basemap-glyphs.ts';

const STEP = 'geo/scripts/65-basemap-glyphs.ts';
const dirs = basemapDirs();
if (!existsSync(join(dirs.basemap, 'places.geojson'))) {
  fail(join(dirs.basemap, 'places.geojson'), 0, 'missing: run steps 50–60 first (same --out)');
}

// Both languages: zh labels fall back to English and carry digits, which come from the PBFs too.
const stacks = [
  ...new Set(
    (['zh', 'en'] as const).flatMap((lang) =>
      styleFontStacks(offlineStyle({ baseUrl: 'http://localhost/', lang })),
    ),
  ),
].sort();
const ranges = glyphRangesFor(labelTexts(dirs.basemap));

rmSync(dirs.glyphs, { recursive: true, force: true }); // no stale ranges from an earlier label set
let bytes = 0;
for (const stack of stacks) {
  mkdirSync(join(dirs.glyphs, stack), { recursive: true });
  for (const range of ranges) {
    const src = sharedPath('basemap', 'glyphs', stack, `${range}.pbf`);
    if (statSync(src).size === 0) fail(src, 0, 'empty glyph range file');
    copyFileSync(src, join(dirs.glyphs, stack, `${range}.pbf`));
    bytes += statSync(src).size;
  }
}
console.log(`  glyphs: ${stacks.join(', ')} × ranges ${ranges.join(', ')} = ${bytes} B`);
if (ranges.length > 8) fail(STEP, 0, `labels need ${ranges.length} glyph ranges; check for stray characters`);
