// `npm run snapshot`: headless figure export for report pipelines. Serves dist/ on 127.0.0.1, opens
// the app at the given view in Debian's Chromium (no request leaves the machine), runs the same
// in-page export as the Export dialog (window.__explorerExport) and writes the files.
//
//   npm run snapshot -- --url '?lvl=city&sel=XIONGAN' --preset a4-300 --format png --out fig.png
//   npm run snapshot -- --batch figures.json
import { accessSync, constants, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { ROOT, launchBrowser, mapIdle, serveApp } from '../../tests/e2e/harness.ts';
import type { ExportApiResult } from '../export/api.ts';
import type { ExportOptions } from '../export/figure.ts';
import { PRESET_ALIASES, PRESET_IDS, normalisePreset } from '../export/layout.ts';
import { CliError, isCalendarDate, parseJsonFile, readInputFile, runCli } from './run-cli.ts';

const USAGE = `Usage:
  npm run snapshot -- --url <app URL or query string> --preset <preset> --out <file.png|file.pdf> [options]
  npm run snapshot -- --batch <figures.json> [--allow-notices]

Options:
  --url <url>        A link copied from the app ("Copy link"), or just its query string (?lvl=city&y=2015).
                     Only the query is used: the app is always served locally from dist/.
  --preset <id>      ${[...PRESET_IDS, ...Object.keys(PRESET_ALIASES)].join(', ')}
  --format png|pdf   Defaults to the extension of --out.
  --out <file>       Where to write the figure.
  --title, --subtitle, --notes <text>   Replace the default texts of the figure.
  --lang zh|en       Language of the figure (default: the link's language).
  --width, --height, --dpi <n>          For --preset custom.
  --date YYYY-MM-DD  Date printed on the figure (default: today).
  --viewport WxH     Browser window, which sets the extent shown (default 1280x800).
  --allow-notices    Export even if the app could not read every setting of the link.

A batch file is a JSON list of {url, preset, out, format?, title?, subtitle?, notes?, lang?, width?,
height?, dpi?, date?}; relative "out" paths are relative to the batch file.
Needs a production build: npm run build.`;

/** A batch file is a short list of figures; anything near this size is not one. */
const MAX_BATCH_BYTES = 1024 * 1024;

/** "label: " before a message, or nothing for the single-figure form. */
const at = (label: string) => (label ? `${label}: ` : '');

interface Job {
  url: string;
  out: string;
  options: ExportOptions;
  label: string;
}

/** The query string of an app link, or the query itself. */
export function queryOf(url: string): string {
  const u = url.trim();
  if (/^https?:\/\//i.test(u)) return new URL(u).search;
  if (u === '' || u.startsWith('?')) return u;
  return `?${u.replace(/^[^?]*\?/, '')}`;
}

function checkWritable(file: string, label: string): void {
  const dir = dirname(file);
  if (!existsSync(dir))
    throw new CliError(`${at(label)}cannot write ${file}: the folder ${dir} does not exist.`);
  try {
    accessSync(dir, constants.W_OK);
    if (existsSync(file)) {
      if (statSync(file).isDirectory())
        throw new CliError(`${at(label)}cannot write ${file}: it is a folder.`);
      accessSync(file, constants.W_OK);
    }
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${at(label)}cannot write ${file}: permission denied.`);
  }
}

function num(value: unknown, name: string, label: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n))
    throw new CliError(`${at(label)}--${name} must be a number (got "${String(value)}").`);
  return n;
}

/** Validate one figure request (CLI flags or a batch entry) into a job, before any browser starts. */
function toJob(raw: Record<string, unknown>, base: string, label: string): Job {
  const str = (k: string): string | undefined => {
    const v = raw[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new CliError(`${at(label)}"${k}" must be a string.`);
    return v;
  };
  const preset = str('preset');
  if (!preset) throw new CliError(`${at(label)}a preset is required (--preset a4-300).`);
  if (!normalisePreset(preset)) {
    throw new CliError(
      `${at(label)}unknown preset "${preset}". Known presets: ${[...PRESET_IDS, ...Object.keys(PRESET_ALIASES)].join(', ')}.`,
    );
  }
  const outRaw = str('out');
  if (!outRaw) throw new CliError(`${at(label)}an output file is required (--out fig.png).`);
  const out = resolve(base, outRaw);
  const format = (str('format') ?? extname(out).slice(1)).toLowerCase();
  if (format !== 'png' && format !== 'pdf') {
    throw new CliError(
      `${at(label)}the format must be png or pdf (got "${format || 'none'}"; use --format or a .png/.pdf name).`,
    );
  }
  const lang = str('lang');
  if (lang !== undefined && lang !== 'zh' && lang !== 'en')
    throw new CliError(`${at(label)}--lang must be zh or en.`);
  const width = num(raw.width, 'width', label);
  const height = num(raw.height, 'height', label);
  const dpi = num(raw.dpi, 'dpi', label);
  let custom: ExportOptions['custom'];
  if (normalisePreset(preset) === 'custom') {
    if (width === undefined || height === undefined || dpi === undefined)
      throw new CliError(`${at(label)}the custom preset needs --width, --height and --dpi.`);
    custom = { width, height, dpi };
  }
  const date = str('date');
  if (date !== undefined && !isCalendarDate(date))
    throw new CliError(
      `${at(label)}--date must be a real date as YYYY-MM-DD between 1900 and 2100 (got "${date}").`,
    );
  let url: string;
  try {
    url = queryOf(str('url') ?? '');
  } catch {
    throw new CliError(
      `${at(label)}--url is not a valid URL or query string (got "${String(raw.url).slice(0, 80)}").`,
    );
  }
  checkWritable(out, label);
  return {
    url,
    out,
    label,
    options: {
      format,
      preset,
      custom,
      lang: lang as ExportOptions['lang'],
      title: str('title'),
      subtitle: str('subtitle'),
      notes: str('notes'),
      date,
    },
  };
}

function readBatch(file: string): Job[] {
  const path = resolve(file);
  // Only a small regular file is read: a folder, /dev/zero or a FIFO is refused before opening it.
  const list = parseJsonFile<unknown>(readInputFile(path, '--batch', MAX_BATCH_BYTES), path, '--batch');
  if (!Array.isArray(list) || list.length === 0)
    throw new CliError(`${path}: expected a non-empty JSON list of figures.`);
  const jobs = list.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw new CliError(`${path}: item ${i + 1} is not an object.`);
    return toJob(item as Record<string, unknown>, dirname(path), `${file} item ${i + 1}`);
  });
  const outs = new Set<string>();
  for (const j of jobs) {
    if (outs.has(j.out)) throw new CliError(`${path}: ${j.out} is written by more than one figure.`);
    outs.add(j.out);
  }
  return jobs;
}

/** Strip Playwright's wrapping of an error thrown in the page. */
function pageMessage(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg
    .replace(/^page\.evaluate:\s*/i, '')
    .replace(/^Error:\s*/i, '')
    .split('\n')[0]!;
}

async function runJob(page: Page, base: string, job: Job, allowNotices: boolean): Promise<ExportApiResult> {
  await page.goto(`${base}${job.url}`);
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __explorer?: unknown; __explorerExport?: { ready(): boolean } };
      return w.__explorer !== undefined && w.__explorerExport?.ready() === true;
    },
    null,
    { timeout: 60_000 },
  );
  await mapIdle(page);
  const notices = await page.evaluate(() => window.__explorerExport!.notices());
  if (notices.length && !allowNotices) {
    throw new CliError(
      `the app could not read the link as given:\n  - ${notices.join('\n  - ')}\n(nothing written; fix the link or pass --allow-notices)`,
    );
  }
  try {
    return await page.evaluate((o) => window.__explorerExport!.run(o), job.options);
  } catch (err) {
    throw new CliError(pageMessage(err));
  }
}

async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        url: { type: 'string' },
        preset: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        title: { type: 'string' },
        subtitle: { type: 'string' },
        notes: { type: 'string' },
        lang: { type: 'string' },
        width: { type: 'string' },
        height: { type: 'string' },
        dpi: { type: 'string' },
        date: { type: 'string' },
        viewport: { type: 'string' },
        batch: { type: 'string' },
        'allow-notices': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new CliError(`${err instanceof Error ? err.message.split('\n')[0] : String(err)} (see --help)`);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const viewport = /^(\d+)x(\d+)$/.exec(String(values.viewport ?? '1280x800'));
  if (!viewport) throw new CliError('--viewport must look like 1280x800.');
  const fields = [
    'url',
    'preset',
    'format',
    'out',
    'title',
    'subtitle',
    'notes',
    'lang',
    'width',
    'height',
    'dpi',
    'date',
  ];
  const single = Object.fromEntries(fields.map((k) => [k, values[k]]));
  // npm runs scripts in the package folder; INIT_CWD is where the user typed the command.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const jobs = values.batch ? readBatch(resolve(cwd, String(values.batch))) : [toJob(single, cwd, '')];
  if (!existsSync(join(ROOT, 'dist/index.html')))
    throw new CliError('dist/ is missing: run `npm run build` first.');

  const server = await serveApp();
  const browser = await launchBrowser({ width: Number(viewport[1]), height: Number(viewport[2]) });
  let failed = 0;
  try {
    for (const job of jobs) {
      const page = await browser.context.newPage();
      const started = Date.now();
      try {
        const result = await runJob(page, server.url, job, Boolean(values['allow-notices']));
        writeFileSync(job.out, Buffer.from(result.base64, 'base64'));
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        console.log(`wrote ${job.out} (${result.width}×${result.height} px, ${result.dpi} dpi, ${secs} s)`);
        for (const w of result.warnings) console.warn(`  note: ${w}`);
      } catch (err) {
        failed++;
        console.error(
          `${at(job.label) || 'snapshot: '}${err instanceof CliError ? err.message : pageMessage(err)}`,
        );
      } finally {
        await page.close();
      }
    }
    if (browser.external.length)
      console.warn(`warning: the browser tried to reach: ${browser.external.join(', ')}`);
  } finally {
    await browser.close();
    await server.stop();
  }
  if (failed) console.error(`${failed} of ${jobs.length} figure(s) failed.`);
  return failed ? 1 : 0;
}

runCli(main);
