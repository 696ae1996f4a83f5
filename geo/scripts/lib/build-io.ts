// Small helpers shared by the geo/ and data/ build steps: where the upstream data is, where outputs
// go, and how a step fails. Build steps are the only code that reads ../shared/data.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/** Upstream raw data (read-only). Override with JJJ_SHARED_DATA. */
export const SHARED_DATA = resolve(process.env.JJJ_SHARED_DATA ?? resolve(REPO_ROOT, '../shared/data'));

export function sharedPath(...parts: string[]): string {
  const p = resolve(SHARED_DATA, ...parts);
  if (!existsSync(p)) fail(p, 0, 'upstream file not found (set JJJ_SHARED_DATA to the shared/data folder)');
  return p;
}

/** Output folder: `--out DIR` on the command line, else the given default (relative to the repo). */
export function outDir(defaultRel: string, argv: string[] = process.argv.slice(2)): string {
  const i = argv.indexOf('--out');
  const dir = i >= 0 && argv[i + 1] ? resolve(argv[i + 1]!) : resolve(REPO_ROOT, defaultRel);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const GENERATED_NOTE = (cmd: string) => `generated — do not edit, run ${cmd}`;

/** Write a file, creating folders; content is written exactly as given (builds must be byte-stable). */
export function writeOutput(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/** Stop the build with the offending file, line (0 when not line-based) and reason. */
export function fail(file: string, line: number, reason: string): never {
  console.error(`BUILD ERROR ${file}${line > 0 ? `:${line}` : ''}: ${reason}`);
  process.exit(1);
}
