// Public-service accessibility from the command line:
//   npx tsx src/cli/accessibility.ts --service hospital --method e2sfca --catchment 60
//   npx tsx src/cli/accessibility.ts --service hospital --facilities my.csv --crs bd09 --supply beds
// Reads geo/build (facilities, rail network, access grid, units, county boundaries) and prints JSON:
// one row per county (code, names, population, score, share within the catchment) and the Gini / Theil
// summary. Bad arguments: message on stderr, exit 2; unusable data or files: message on stderr, exit 1.
import { existsSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection } from 'geojson';
import {
  accessibility,
  accessIndicatorRows,
  confidenceFrom,
  DECAYS,
  FACILITY_TYPES,
  FCA_METHODS,
  MAX_CSV_BYTES,
  parseCrs,
  parseUserFacilities,
  regionBbox,
  countyLocator,
  SUPPLY_MEASURES,
  supplyPoints,
  TRAVEL_MODES,
  travelSetup,
  unitLayout,
  userSupply,
  type AccessReport,
  type CompletenessFile,
  type Decay,
  type FacilityCollection,
  type FacilityType,
  type FcaMethod,
  type InputCrs,
  type SupplyMeasure,
  type SupplyPoint,
  type TravelMode,
  type UnitName,
  type FacilityMessage,
  type UserFacilityParse,
} from '../core/access/index.ts';
import type { Areal } from '../core/rail/geo.ts';
import type { RailContext } from '../core/rail/isochrone.ts';
import { PARAM_KEYS, validateParams, type TravelParams } from '../core/rail/model.ts';
import { loadRailContext } from './isochrone.ts';
import { decodeText } from '../core/user-indicators.ts';
import { facilityMessage } from '../i18n/facility-messages.ts';
import { UsageError, WorkError, parseJsonFile, readInputBytes, readInputFile, runCli } from './run-cli.ts';

export { UsageError };

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const GEO_BUILD = join(REPO_ROOT, 'geo/build');
/** Catchments beyond 3 hours say little about everyday access and make the pair lists very long. */
const MAX_CATCHMENT_MIN = 180;

const USAGE = `usage: npx tsx src/cli/accessibility.ts --service <${FACILITY_TYPES.join('|')}> [options]
  --method ${FCA_METHODS.join('|')}     default e2sfca (Luo & Qi 2009); 2sfca = Luo & Wang 2003
  --catchment MIN        catchment d0 in minutes (default 60, at most ${MAX_CATCHMENT_MIN})
  --decay ${DECAYS.join('|')}    e2sfca weights: zones 1/0.68/0.22 (default) or continuous Gaussian
  --supply ${SUPPLY_MEASURES.join('|')}      supply per facility (default count); beds: facilities without beds give "no data"
  --mode ${TRAVEL_MODES.join('|')}          road only, or the faster of road and road + HSR + road (default rail)
  --year Y               rail network at the end of year Y (default: latest opening year in the data)
  --facilities FILE      your own CSV (name,type,lon,lat[,capacity]; zh/en headers) instead of the built-in points
  --crs wgs84|gcj02|bd09 coordinate system of --facilities (required with it)
  --add                  use your CSV in addition to the built-in points
  --skip-bad-rows        use the good rows of --facilities even if some rows are rejected
  --demand cells|county-points   demand model (default cells)
  --param k=v            override a travel parameter (${PARAM_KEYS.join(', ')}); repeatable
  --indicators           also print indicator rows (score and coverage of every unit) for the indicator list
  --data DIR             build folder (default geo/build)`;

/** A problem with the data or a file (exit 1), as opposed to the command line (exit 2). */
export class DataError extends WorkError {}

export interface Args {
  service: FacilityType;
  method: FcaMethod;
  catchment: number;
  decay: Decay;
  decayGiven: boolean;
  supply: SupplyMeasure;
  mode: TravelMode;
  year: number | null;
  facilities: string | null;
  crs: InputCrs | null;
  add: boolean;
  skipBad: boolean;
  demand: 'cells' | 'county-points';
  indicators: boolean;
  params: Partial<TravelParams>;
  data: string;
}

function oneOf<T extends string>(flag: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v))
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${v}")`);
  return v as T;
}

function number(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`${flag} needs a number (got ${v ?? 'nothing'})`);
  return n;
}

/** Parse the command line; throws UsageError with a message for the user. */
export function parseArgs(argv: readonly string[]): Args {
  const a: Args = {
    service: 'hospital',
    method: 'e2sfca',
    catchment: 60,
    decay: 'step',
    decayGiven: false,
    supply: 'count',
    mode: 'rail',
    year: null,
    facilities: null,
    crs: null,
    add: false,
    skipBad: false,
    demand: 'cells',
    indicators: false,
    params: {},
    data: GEO_BUILD,
  };
  let service: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const take = (): string => {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      i++;
      return v;
    };
    if (flag === '--service') service = take();
    else if (flag === '--method') a.method = oneOf(flag, take(), FCA_METHODS);
    else if (flag === '--catchment') a.catchment = number(flag, take());
    else if (flag === '--decay') [a.decay, a.decayGiven] = [oneOf(flag, take(), DECAYS), true];
    else if (flag === '--supply') a.supply = oneOf(flag, take(), SUPPLY_MEASURES);
    else if (flag === '--mode') a.mode = oneOf(flag, take(), TRAVEL_MODES);
    else if (flag === '--year') a.year = year(flag, take());
    else if (flag === '--facilities') a.facilities = resolve(take());
    else if (flag === '--crs') a.crs = crs(take());
    else if (flag === '--add') a.add = true;
    else if (flag === '--skip-bad-rows') a.skipBad = true;
    else if (flag === '--indicators') a.indicators = true;
    else if (flag === '--demand') a.demand = oneOf(flag, take(), ['cells', 'county-points'] as const);
    else if (flag === '--data') a.data = resolve(take());
    else if (flag === '--param') param(a, take());
    else if (flag === '--help' || flag === '-h') throw new UsageError('');
    else throw new UsageError(`unknown argument "${flag}"`);
  }
  return check(a, service);
}

function year(flag: string, v: string): number {
  const y = number(flag, v);
  if (!Number.isInteger(y) || y < 1900 || y > 2100)
    throw new UsageError(`${flag} needs a year such as 2024 (got ${v})`);
  return y;
}

function crs(v: string): InputCrs {
  const c = parseCrs(v);
  if (!c) throw new UsageError(`--crs must be wgs84, gcj02 or bd09 (got "${v}")`);
  return c;
}

function param(a: Args, v: string): void {
  const [k, val] = v.split('=');
  if (!PARAM_KEYS.includes(k as keyof TravelParams))
    throw new UsageError(`unknown parameter "${k}"; known: ${PARAM_KEYS.join(', ')}`);
  a.params[k as keyof TravelParams] = number(`--param ${k}`, val);
}

function check(a: Args, service: string | null): Args {
  if (service === null) throw new UsageError('--service is required');
  a.service = oneOf('--service', service, FACILITY_TYPES);
  if (!(a.catchment > 0) || a.catchment > MAX_CATCHMENT_MIN)
    throw new UsageError(`--catchment must be > 0 and ≤ ${MAX_CATCHMENT_MIN} minutes (got ${a.catchment})`);
  if (a.method === '2sfca' && a.decayGiven && a.decay !== 'step')
    throw new UsageError(
      '--decay gaussian applies to --method e2sfca (2SFCA weighs everyone in the catchment 1)',
    );
  if (a.facilities !== null && a.crs === null)
    throw new UsageError('--facilities needs --crs wgs84|gcj02|bd09 (the coordinate system of the file)');
  if (a.facilities === null && (a.crs !== null || a.add || a.skipBad))
    throw new UsageError('--crs, --add and --skip-bad-rows go with --facilities FILE');
  return a;
}

function readJson<T>(path: string): T {
  if (!existsSync(path))
    throw new DataError(
      path.startsWith(GEO_BUILD)
        ? `${path} not found; build the data first: npm run build:geo`
        : `--data: ${path} not found; is --data a build folder (like geo/build)?`,
    );
  return parseJsonFile<T>(readInputFile(path, '--data', undefined, DataError), path, '--data', DataError);
}

/** The user's CSV, checked against the region; throws DataError on whole-file or (unless skipped) row errors. */
export function readUserFile(
  path: string,
  crs: InputCrs,
  service: FacilityType,
  dataDir: string,
): UserFacilityParse {
  // Only a regular file within the size limit is read (a folder, /dev/zero or a FIFO is refused).
  // Decoded like the app's import: UTF-8, UTF-16 with BOM, or GBK (GB18030) as Excel in China saves.
  const csv = decodeText(readInputBytes(path, '--facilities', MAX_CSV_BYTES));
  if (csv === null)
    throw new DataError(`--facilities: ${path} is not a text table (binary, or not UTF-8, UTF-16 or GBK)`);
  const counties = readJson<FeatureCollection<Areal, { code: string }>>(
    join(dataDir, 'boundaries-county.geojson'),
  ).features as Feature<Areal, { code: string }>[];
  const at = countyLocator(counties);
  return parseUserFacilities(csv, {
    crs,
    defaultType: service,
    region: { bbox: regionBbox(counties), countyAt: (lon, lat) => at(lon, lat)?.code ?? null },
  });
}

/** The CLI writes the file check's messages in English. */
const english = (m: FacilityMessage) => facilityMessage(m, 'en');

function formatRowErrors(path: string, p: UserFacilityParse): string {
  const shown = p.errors.slice(0, 50).map((e) => `  ${path}:${e.line}: ${english(e.message)}`);
  const more = p.errors.length > 50 ? [`  … and ${p.errors.length - 50} more`] : [];
  return [`--facilities: ${p.rejected} row(s) rejected:`, ...shown, ...more].join('\n');
}

interface Supply {
  points: SupplyPoint[];
  builtin: { used: number; flagged: number };
  user: Record<string, unknown> | null;
}

function supplyFor(args: Args): Supply {
  const fc = readJson<FacilityCollection>(join(args.data, 'facilities', `${args.service}.geojson`));
  const builtin = supplyPoints(fc, args.service);
  const flagged = fc.features.filter((f) => f.properties.flag !== null).length;
  if (args.facilities === null)
    return { points: builtin, builtin: { used: builtin.length, flagged }, user: null };
  const parsed = readUserFile(args.facilities, args.crs!, args.service, args.data);
  if (parsed.fatal) throw new DataError(`--facilities: ${args.facilities}: ${english(parsed.fatal)}`);
  if (parsed.errors.length > 0 && !args.skipBad)
    throw new DataError(`${formatRowErrors(args.facilities, parsed)}\nfix them or pass --skip-bad-rows`);
  const mine = userSupply(parsed.rows, args.service);
  const user = {
    file: args.facilities,
    crs: args.crs,
    rows: parsed.rows.length,
    used: mine.length,
    other_types: parsed.rows.length - mine.length,
    rejected: parsed.errors.map((e) => ({ line: e.line, reason: english(e.message) })),
    notes: parsed.notes.map(english),
  };
  const points = args.add ? [...builtin, ...mine] : mine;
  return { points, builtin: { used: args.add ? builtin.length : 0, flagged }, user };
}

const r4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);

function describe(report: AccessReport) {
  const eq = report.equity;
  const stats = (s: AccessReport['equity']['region']) => ({
    ...s,
    gini: r4(s.gini),
    theil: r4(s.theil),
    population: Math.round(s.population),
  });
  return {
    counties: report.counties.map((c) => ({
      code: c.code,
      name_zh: c.name_zh,
      name_en: c.name_en,
      population: Math.round(c.population),
      score: r4(c.score),
      share_within: r4(c.share_within),
    })),
    equity: {
      measure: 'population-weighted Gini and Theil (GE(1)) of county scores',
      region: stats(eq.region),
      provinces: eq.provinces.map((p) => ({
        code: p.code,
        name_zh: p.name_zh,
        name_en: p.name_en,
        ...stats(p),
      })),
      theil_between_provinces: r4(eq.theil_between),
      theil_within_provinces: r4(eq.theil_within),
    },
  };
}

/** Run with arguments; returns the JSON report. */
export function run(argv: readonly string[], ctx?: RailContext): Record<string, unknown> {
  const args = parseArgs(argv);
  const c = ctx ?? loadRailContextChecked(args.data);
  const params = { ...c.defaults, ...args.params };
  const errors = validateParams(params);
  if (errors.length > 0) throw new UsageError(`invalid parameters: ${errors.join('; ')}`);
  const supply = supplyFor(args);
  if (supply.points.length === 0)
    throw new DataError(
      `no usable ${args.service} points (${supply.builtin.flagged} built-in points are flagged display-only); give your own with --facilities FILE --crs …`,
    );
  const y = args.year ?? Math.max(...c.network.sections.map((s) => Number(s.opened.slice(0, 4))));
  const names = new Map(
    readJson<{ units: UnitName[] }>(join(args.data, 'units.json')).units.map((u) => [u.code, u]),
  );
  const setup = travelSetup(c, { mode: args.mode, year: y, params });
  const opts = {
    method: args.method,
    decay: args.decay,
    catchment: args.catchment,
    supply: args.supply,
    demand: args.demand,
  };
  const report = accessibility(setup, unitLayout(c.grid, names), supply.points, opts);
  const completeness = readJson<CompletenessFile>(join(args.data, 'facilities', 'completeness.json'));
  return {
    service: args.service,
    ...report.options,
    mode: args.mode,
    year: y,
    params,
    score_unit: { en: report.unit_en, zh: report.unit_zh },
    method_text: report.method,
    facilities: {
      used: report.facilities.used,
      builtin_used: supply.builtin.used,
      builtin_flagged_not_used: supply.builtin.flagged,
      capacity_missing: report.facilities.capacity_missing,
      user_file: supply.user,
    },
    completeness: completeness.rows.filter((r) => r.type === args.service),
    population_note:
      'census 2020 county population spread evenly over each county’s ≈2.5 km grid cells; development zones without a polygon are not placed',
    ...describe(report),
    ...(args.indicators
      ? {
          indicators: accessIndicatorRows(report, {
            service: args.service,
            year: y,
            confidence: confidenceFrom(completeness.rows, args.service),
          }),
        }
      : {}),
  };
}

function loadRailContextChecked(dataDir: string): RailContext {
  const dir = join(dataDir, 'rail');
  if (!existsSync(join(dir, 'access-grid.json')))
    throw new DataError(
      dataDir === GEO_BUILD
        ? `${dir}/access-grid.json not found; build the data first: npm run build:geo`
        : `--data: ${dir}/access-grid.json not found; is --data a build folder (like geo/build)?`,
    );
  return loadRailContext(dir);
}

function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  process.stdout.write(`${JSON.stringify(run(argv), null, 1)}\n`);
  return 0;
}

const entry = process.argv[1];
if (entry && realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url)))
  runCli(main, { help: '--help' });
