// Rail step 5/5: the rail source registry (§7 of ../shared/data/rail/SOURCES.md) as JSON, so the app can
// show a title and link for the source ids carried by every line, section and station.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, GENERATED_NOTE, outDir, sharedPath, writeOutput } from './lib/build-io.ts';

interface RailSource {
  id: string;
  title: string;
  url: string;
  used_for: string;
}

const file = sharedPath('rail', 'SOURCES.md');
const lines = readFileSync(file, 'utf8').split('\n');
const start = lines.findIndex((l) => /^## \d+\. Source registry/.test(l));
if (start < 0) fail(file, 0, 'no "Source registry" section');

const sources: RailSource[] = [];
for (let i = start + 1; i < lines.length && !lines[i]!.startsWith('## '); i++) {
  const cells = lines[i]!.split('|').map((c) => c.trim());
  // | ID | source | used for |  →  ['', id, source, usedFor, '']
  if (cells.length < 5 || !/^[A-Z][A-Z0-9-]+$/.test(cells[1]!)) continue;
  const [, id, text, usedFor] = cells as [string, string, string, string];
  const url = text.match(/https?:\/\/[^\s;,)]+/)?.[0] ?? '';
  // The title is the text before the first URL (a publication name and date), else the URL itself.
  const title =
    text
      .split(/https?:\/\//)[0]!
      .replace(/[,;:]?\s*(mirror|repost|older revision)?\s*$/i, '')
      .trim() || url;
  if (!url && !title) fail(file, i + 1, `source ${id} has neither a title nor a URL`);
  sources.push({ id, title, url, used_for: usedFor });
}
if (sources.length === 0) fail(file, start + 1, 'the source registry is empty');
sources.sort((a, b) => (a.id < b.id ? -1 : 1));

const out = join(outDir('geo/build'), 'rail', 'sources.json');
writeOutput(out, JSON.stringify({ note: GENERATED_NOTE('npm run build:geo'), sources }, null, 1) + '\n');
console.log(`rail sources: ${sources.length} → ${out}`);
