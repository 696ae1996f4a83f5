// Where the data build reads its inputs. Every input can be overridden (command-line flag first, then an
// environment variable) so tests can run a step on small fixtures: e.g.
//   tsx data/scripts/30-indicators.ts --out /tmp/x --indicators bad.csv --units units.json --census c.csv
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  INDICATOR_PARTS,
  cellKey,
  compareRows,
  parseIndicatorCsv,
  type RowError,
} from '../../../src/core/indicators.ts';
import type { IndicatorRow, UnitInfo } from '../../../src/core/types.ts';
import { REPO_ROOT, fail, sharedPath } from '../../../geo/scripts/lib/build-io.ts';

/** The command that rebuilds these outputs (for "generated" notes). */
export const BUILD_CMD = 'npm run build:data';

/** The files the full build writes to its output folder (committed under data/, rebuilt byte for byte). */
export const DATA_OUTPUTS: readonly string[] = [
  ...Object.values(INDICATOR_PARTS),
  'catalog.json',
  'sources.json',
  'build-report.json',
  'coverage.json',
  'claims.json',
];

function flag(name: string, argv: string[] = process.argv.slice(2)): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

function override(name: string, env: string): string | undefined {
  const v = flag(name) ?? process.env[env];
  return v && v !== '' ? v : undefined;
}

function existing(p: string, what: string): string {
  const abs = resolve(p);
  if (!existsSync(abs)) fail(abs, 0, `${what} not found`);
  return abs;
}

/** Cited indicator CSVs (upstream format), in the order they are read. `--indicators a.csv,b.csv` or JJJ_INDICATOR_INPUTS. */
export function indicatorInputs(): string[] {
  const o = override('indicators', 'JJJ_INDICATOR_INPUTS');
  if (o) return o.split(',').map((p) => existing(p, 'indicator input'));
  return [sharedPath('indicators', 'indicators.csv'), sharedPath('indicators', 'indicators_round2.csv')];
}

/** True when the cited inputs were not overridden: the full build (staged rounds, evidence, computed series). */
export function fullBuild(): boolean {
  return override('indicators', 'JJJ_INDICATOR_INPUTS') === undefined;
}

/** Staged CSVs (round 3 upstream, rounds 4+ in data/sources/roundN). `--staged a.csv,b.csv` or JJJ_STAGED_INPUTS. */
export function stagedInputs(): string[] {
  const o = override('staged', 'JJJ_STAGED_INPUTS');
  if (o) return o.split(',').map((p) => existing(p, 'staged input'));
  if (!fullBuild()) return [];
  const dirOf = (d: string) =>
    existsSync(d)
      ? readdirSync(d)
          .filter((f) => f.endsWith('.csv'))
          .sort()
          .map((f) => resolve(d, f))
      : [];
  const sourcesDir = resolve(REPO_ROOT, 'data/sources');
  const rounds = readdirSync(sourcesDir)
    .filter((d) => /^round\d+$/.test(d))
    .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  return [
    ...dirOf(sharedPath('indicators', 'round3')),
    ...rounds.flatMap((d) => dirOf(resolve(sourcesDir, d))),
  ];
}

/** Evidence files (quoted sentences of rounds 1–2), only in the full build. */
export function evidenceInputs(): string[] {
  if (!fullBuild()) return [];
  return [
    sharedPath('indicators', 'indicators_evidence.csv'),
    sharedPath('indicators', 'indicators_round2_evidence.csv'),
  ].filter((p) => existsSync(p));
}

/** Page titles, publishers and kinds of the round-1/2 source URLs. */
export function pagesInput(): string {
  const o = override('pages', 'JJJ_PAGES_CSV');
  return o ? existing(o, 'pages table') : resolve(REPO_ROOT, 'data/sources/pages.csv');
}

/** Markdown file describing the cited sources. `--sources-md` or JJJ_INDICATOR_SOURCES_MD. */
export function sourcesMarkdown(): string {
  const o = override('sources-md', 'JJJ_INDICATOR_SOURCES_MD');
  return o ? existing(o, 'sources markdown') : sharedPath('indicators', 'SOURCES.md');
}

/** County census table. `--census` or JJJ_CENSUS_CSV. */
export function censusInput(): string {
  const o = override('census', 'JJJ_CENSUS_CSV');
  return o ? existing(o, 'census table') : sharedPath('facilities', 'population_county_census2020_jjj.csv');
}

/** Units list written by the geo build. `--units` or JJJ_UNITS_JSON. */
export function unitsInput(): string {
  const o = override('units', 'JJJ_UNITS_JSON');
  const p = resolve(o ?? resolve(REPO_ROOT, 'geo/build/units.json'));
  if (!existsSync(p))
    fail(p, 0, 'units list not found: run `npm run build:geo` first (or pass --units FILE)');
  return p;
}

/** Read and sanity-check units.json. */
export function readUnits(path: string): UnitInfo[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(path, 0, `not valid JSON (${(e as Error).message})`);
  }
  const units = (data as { units?: unknown }).units;
  if (!Array.isArray(units)) fail(path, 0, "expected { units: UnitInfo[] } (no 'units' array)");
  for (const u of units as UnitInfo[]) {
    if (typeof u.code !== 'string' || !Array.isArray(u.levels) || typeof u.area_km2 !== 'number')
      fail(path, 0, `unit ${JSON.stringify(u).slice(0, 80)} lacks code, levels or area_km2`);
  }
  return units as UnitInfo[];
}

/** Print every error as `BUILD ERROR file:line: reason` and stop the build (exit 1); no-op when empty. */
export function failOnErrors(errors: readonly { file: string; line: number; reason: string }[]): void {
  if (errors.length === 0) return;
  const sorted = [...errors].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  for (const e of sorted.slice(0, -1))
    console.error(`BUILD ERROR ${e.file}${e.line > 0 ? `:${e.line}` : ''}: ${e.reason}`);
  const last = sorted[sorted.length - 1]!;
  fail(last.file, last.line, last.reason);
}

/** JSON output text: 2-space indent, final newline (stable, and what Prettier would write). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * Every row of the indicators files built in a folder (all parts of INDICATOR_PARTS, in the order of
 * data/indicators.csv), with the parse errors of each. A missing part reads as an error.
 */
export function readIndicatorParts(dir: string): { rows: IndicatorRow[]; errors: RowError[] } {
  const rows: IndicatorRow[] = [];
  const errors: RowError[] = [];
  for (const file of Object.values(INDICATOR_PARTS)) {
    const path = join(dir, file);
    if (!existsSync(path)) {
      errors.push({ file: path, line: 0, reason: 'file not found' });
      continue;
    }
    const parsed = parseIndicatorCsv(readFileSync(path, 'utf8'), path);
    rows.push(...parsed.rows);
    errors.push(...parsed.errors);
  }
  return { rows: rows.sort(compareRows), errors };
}

/**
 * The shown (rank-1) values of the indicators files built in a folder, and a lookup by cell; stops the
 * build (one line per error) on a parse error or a missing part. What the coverage and claims steps read.
 */
export function readShownValues(dir: string): {
  shown: IndicatorRow[];
  at: (unit: string, indicator: string, year: number) => IndicatorRow | undefined;
} {
  const { rows, errors } = readIndicatorParts(dir);
  failOnErrors(errors);
  const shown = rows.filter((r) => r.rank === 1);
  const byCell = new Map(shown.map((r) => [cellKey(r.unit_code, r.indicator, r.year), r]));
  return { shown, at: (unit, indicator, year) => byCell.get(cellKey(unit, indicator, year)) };
}
