// PDF font: a TrueType (glyf) subset of WenQuanYi Micro Hei for the Chinese text of PDF figures,
// written to fonts/wqy-microhei-subset.ttf (see geo/build/fonts/README.md for source and licence).
// The characters kept: every character of the app's own texts that a standard PDF font cannot write
// (messages, source files, catalogue, sources, indicator notes, unit names, rail names) plus the 3,755
// GB 2312 level-1 hanzi and GB 2312 punctuation. The font is read from Debian's fonts-wqy-microhei
// (or JJJ_CJK_FONT); on a machine without it the committed subset is kept and the step says so.
// Hinting and layout tables are dropped: jsPDF embeds outlines and advances only.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import subsetFont from 'subset-font';
import { fail, outDir, REPO_ROOT, writeOutput } from './lib/build-io.ts';
import {
  charsOfFiles,
  cmapCodePoints,
  filesUnder,
  gb2312Level1,
  gb2312Punctuation,
  glyphCount,
  sfntTables,
  ttcFace,
} from './lib/cjk-font.ts';
import { runStep } from './lib/step.ts';

const STEP = 'geo/scripts/90-pdf-font.ts';
const PDF_FONT_FILE = 'fonts/wqy-microhei-subset.ttf';
const SOURCE = process.env['JJJ_CJK_FONT'] ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
/** The subset is fetched whole when a PDF is made; keep it well under this. */
const MAX_BYTES = 2_000_000;

const out = outDir('geo/build');
const target = join(out, PDF_FONT_FILE);

runStep(STEP, async () => {
  if (!existsSync(SOURCE)) {
    console.log(
      `  pdf font: ${SOURCE} not found (apt-get install fonts-wqy-microhei); kept the committed ${relative(REPO_ROOT, target)}`,
    );
    return;
  }
  const r = (p: string) => join(REPO_ROOT, p);
  const texts = [
    ...filesUnder(r('src'), ['.ts', '.svelte']),
    ...['catalog.json', 'sources.json', 'claims.json', 'indicators.csv', 'indicators-rail.csv']
      .map((f) => r(`data/${f}`))
      .filter(existsSync),
    join(out, 'units.json'),
    ...filesUnder(join(out, 'rail'), ['.json', '.geojson']),
  ];
  const appChars = charsOfFiles(texts);
  const wanted = [...new Set([...appChars, ...gb2312Level1(), ...gb2312Punctuation()])].sort(
    (a, b) => a.codePointAt(0)! - b.codePointAt(0)!,
  );
  const face = ttcFace(new Uint8Array(readFileSync(SOURCE)), 0);
  const font = new Uint8Array(
    await subsetFont(Buffer.from(face), wanted.join(''), {
      targetFormat: 'truetype',
      noLayoutClosure: true,
      noHinting: true,
      dropTables: ['GSUB', 'GPOS', 'GDEF', 'vhea', 'vmtx'],
    }),
  );
  const tables = sfntTables(font);
  if (!tables.has('glyf') || tables.has('CFF ')) fail(STEP, 0, 'the subset is not a TrueType (glyf) font');
  if (font.length > MAX_BYTES) fail(STEP, 0, `the subset has ${font.length} B, over ${MAX_BYTES} B`);
  const covered = cmapCodePoints(font);
  const missing = appChars.filter((ch) => !covered.has(ch.codePointAt(0)!));
  writeOutput(target, font);
  console.log(
    `  pdf font: ${wanted.length} characters asked (${appChars.length} from the app's texts), ` +
      `${covered.size} in the font, ${glyphCount(font)} glyphs, ${font.length} B → ${relative(REPO_ROOT, target)}`,
  );
  if (missing.length) {
    console.log(`  pdf font: not in the font, drawn as images: ${missing.join(' ')}`);
  }
});
