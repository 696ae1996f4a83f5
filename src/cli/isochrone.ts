// Rail isochrone from the command line:
//   npx tsx src/cli/isochrone.ts --origin 北京西 --year 2024 --minutes 60
// Reads geo/build/rail (network, access grid with county boundaries and census population, calibrated
// parameters) and prints JSON: reachable stations (minutes) and units (population) within the time.
// Bad arguments: a message on stderr and exit code 2.
import { existsSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAccessGrid, type AccessGridFile } from '../core/rail/grid.ts';
import {
  isochrone,
  isochroneChange,
  railContext,
  type Origin,
  type RailContext,
} from '../core/rail/isochrone.ts';
import { buildGraph, tripPath } from '../core/rail/graph.ts';
import { PARAM_KEYS, validateBands, validateParams, type TravelParams } from '../core/rail/model.ts';
import { OriginError, parseOrigin } from '../core/rail/origin.ts';
import { cleanName } from '../core/rail/stops.ts';
import type { RailNetworkData, RailStation } from '../core/rail/types.ts';
import { yearEnd } from '../core/rail/util.ts';
import {
  UsageError as CliUsageError,
  WorkError,
  checkOutputFile,
  parseJsonFile,
  readInputFile,
  runCli,
} from './run-cli.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const RAIL_DIR = join(REPO_ROOT, 'geo/build/rail');

const USAGE = `usage: npx tsx src/cli/isochrone.ts --origin <station name | lon,lat> [options]
  --year Y          network at the end of year Y (default: the latest opening year in the data)
  --minutes T       travel time of interest, minutes (default 60)
  --bands a,b,c     bands summarised and contoured (default 30,60,90; T is added)
  --compare Y0      also report the cells that entered the T-minute band since year Y0
  --geojson FILE    write the band polygons (and the change) as GeoJSON
  --to STATION      instead of an isochrone: the modelled minutes and path (lines, transfers, stops)
                    from the --origin station to this one (any station of the network, also
                    out-of-region or unlocated ones)
  --param k=v       override a model parameter (${PARAM_KEYS.join(', ')}); repeatable
  --data DIR        rail build folder (default geo/build/rail)`;

/** Calibrated defaults written by the build (geo/build/rail/calibration.json). */
export interface CalibrationFile {
  params: TravelParams;
}

/**
 * Load the rail build outputs into a context (network, access grid, calibrated defaults).
 * @example const ctx = loadRailContext(); // reads geo/build/rail
 */
export function loadRailContext(dir = RAIL_DIR): RailContext {
  const read = <T>(name: string): T => {
    const path = join(dir, name);
    // Say how to get the file: the default folder is built by build:geo; a --data folder may be wrong.
    if (!existsSync(path))
      throw new WorkError(
        dir === RAIL_DIR
          ? `${path} not found; build the rail data first: npm run build:geo`
          : `--data: ${dir} has no ${name}; is it a rail build folder (like geo/build/rail)?`,
      );
    return parseJsonFile<T>(readInputFile(path, '--data', undefined, WorkError), path, '--data', WorkError);
  };
  const network = read<RailNetworkData>('network.json');
  const grid = loadAccessGrid(read<AccessGridFile>('access-grid.json'));
  return railContext(network, grid, read<CalibrationFile>('calibration.json').params);
}

class UsageError extends CliUsageError {}

interface Args {
  origin: string;
  year: number | null;
  minutes: number;
  bands: number[];
  compare: number | null;
  geojson: string | null;
  to: string | null;
  params: Partial<TravelParams>;
  data: string;
}

function number(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`${flag} needs a number (got ${v ?? 'nothing'})`);
  return n;
}

function year(flag: string, v: string | undefined): number {
  const y = number(flag, v);
  if (!Number.isInteger(y) || y < 1900 || y > 2100)
    throw new UsageError(`${flag} needs a year such as 2024 (got ${v})`);
  return y;
}

/** Parse the command line; throws UsageError with a message for the user. */
export function parseArgs(argv: readonly string[]): Args {
  const a: Args = {
    origin: '',
    year: null,
    minutes: 60,
    bands: [30, 60, 90],
    compare: null,
    geojson: null,
    to: null,
    params: {},
    data: RAIL_DIR,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const v = argv[i + 1];
    const take = (): string => {
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      i++;
      return v;
    };
    if (flag === '--origin') a.origin = take();
    else if (flag === '--year') a.year = year(flag, take());
    else if (flag === '--minutes') a.minutes = number(flag, take());
    else if (flag === '--bands')
      a.bands = take()
        .split(',')
        .map((b) => number(flag, b));
    else if (flag === '--compare') a.compare = year(flag, take());
    else if (flag === '--geojson') a.geojson = take();
    else if (flag === '--to') a.to = take();
    else if (flag === '--data') a.data = resolve(take());
    else if (flag === '--param') {
      const [k, val] = take().split('=');
      if (!PARAM_KEYS.includes(k as keyof TravelParams))
        throw new UsageError(`unknown parameter "${k}"; known: ${PARAM_KEYS.join(', ')}`);
      a.params[k as keyof TravelParams] = number(`--param ${k}`, val);
    } else if (flag === '--help' || flag === '-h') throw new UsageError('');
    else throw new UsageError(`unknown argument "${flag}"`);
  }
  if (a.origin === '') throw new UsageError('--origin is required');
  const bandErrors = validateBands([a.minutes]);
  if (bandErrors.length > 0) throw new UsageError(`--minutes: ${bandErrors.join('; ')}`);
  a.bands = [...new Set([...a.bands, a.minutes])];
  const more = validateBands(a.bands);
  if (more.length > 0) throw new UsageError(`--bands: ${more.join('; ')}`);
  return a;
}

function describeOrigin(query: string, o: Origin) {
  return o.kind === 'station'
    ? {
        query,
        kind: o.kind,
        station: { id: o.station.id, name_zh: o.station.name_zh, name_en: o.station.name_en },
        lon: o.station.lon,
        lat: o.station.lat,
      }
    : { query, kind: o.kind, lon: o.lon, lat: o.lat };
}

/** A station by Chinese or English name or id (rail-only trips need no position). */
function stationNamed(net: RailNetworkData, query: string): RailStation {
  const q = query.trim();
  const en = q.toLowerCase().replace(/\s+station$/, '');
  const hit = net.stations.find(
    (s) => s.id === q || s.name_zh === cleanName(q) || s.name_en.toLowerCase() === en,
  );
  if (hit) return hit;
  const close = net.stations
    .filter((s) => s.name_zh.includes(cleanName(q)) || cleanName(q).includes(s.name_zh))
    .map((s) => s.name_zh);
  throw new UsageError(
    `unknown station "${query}"${close.length ? `; did you mean ${close.slice(0, 3).join(', ')}?` : ''}`,
  );
}

/** --origin A --to B: modelled minutes and the path of the fastest trip. */
function pairReport(c: RailContext, args: Args, params: TravelParams, y: number): Record<string, unknown> {
  const a = stationNamed(c.network, args.origin);
  const b = stationNamed(c.network, args.to!);
  const g = buildGraph(c.network, yearEnd(y), params);
  const path = tripPath(g, a.id, b.id);
  const name = (id: string) => c.network.stations.find((s) => s.id === id)!.name_zh;
  const line = (ids: string) =>
    ids
      .split('+')
      .map((l) => c.network.lines.find((x) => x.id === l)?.name_zh ?? l)
      .join(' → ');
  if (!path) throw new UsageError(`no rail path from ${a.name_zh} to ${b.name_zh} at the end of ${y}`);
  const legs = path.legs.map((l) => ({
    line: l.line,
    line_name: line(l.line),
    from: name(l.from),
    to: name(l.to),
    via: l.via.map(name),
    km: l.km,
  }));
  return {
    from: { id: a.id, name_zh: a.name_zh, in_region: a.in_region, located: a.lon !== null },
    to: { id: b.id, name_zh: b.name_zh, in_region: b.in_region, located: b.lon !== null },
    year: y,
    minutes: Math.round(path.minutes * 10) / 10,
    transfers: path.transfers,
    stops: path.stops,
    legs,
    summary: `${a.name_zh} → ${b.name_zh} (${y}): ${path.minutes.toFixed(1)} min; ${legs
      .map((l) => `${l.line_name} ${l.from}–${l.to}${l.via.length ? ` via ${l.via.join(', ')}` : ''}`)
      .join(
        '; then ',
      )}; ${path.transfers} transfer(s), ${path.stops} intermediate station(s) in service (the fastest train calls at a share ${params.callShare ?? 1} of them)`,
    params,
  };
}

/** Run with arguments; returns the JSON report (and writes --geojson if asked). */
export function run(argv: readonly string[], ctx?: RailContext): Record<string, unknown> {
  const args = parseArgs(argv);
  if (!ctx && !(existsSync(args.data) && statSync(args.data).isDirectory()))
    throw new UsageError(`--data: ${args.data} is not a folder`);
  if (args.geojson) checkOutputFile(resolve(args.geojson), '--geojson');
  const c = ctx ?? loadRailContext(args.data);
  const params = { ...c.defaults, ...args.params };
  const errors = validateParams(params);
  if (errors.length > 0) throw new UsageError(`invalid parameters: ${errors.join('; ')}`);
  const y = args.year ?? Math.max(...c.network.sections.map((s) => Number(s.opened.slice(0, 4))));
  if (args.compare !== null && args.compare > y)
    throw new UsageError(`--compare ${args.compare} is later than the year ${y}; give an earlier year`);
  if (args.to !== null) return pairReport(c, args, params, y);
  const origin = parseOrigin(args.origin, c.network.stations, c.grid);
  const iso = isochrone(c, { origin, year: y, bands: args.bands, params });
  const target = iso.summary.find((s) => s.minutes === args.minutes)!;
  const report: Record<string, unknown> = {
    origin: describeOrigin(args.origin, origin),
    year: y,
    minutes: args.minutes,
    params,
    params_source:
      Object.keys(args.params).length > 0 ? 'calibration.json with overrides' : 'calibration.json',
    stations: iso.stations.filter((s) => s.minutes <= args.minutes),
    population: target.population,
    cities: target.cities,
    counties: target.counties,
    bands: iso.summary.map((s) => ({ minutes: s.minutes, population: s.population, cells: s.cells })),
    population_note:
      'census 2020 county population spread evenly over each county’s grid cells; development zones without a polygon are not placed',
  };
  const features: unknown[] = [...iso.polygons.features];
  if (args.compare !== null) {
    const ch = isochroneChange(c, origin, args.compare, y, args.minutes, params);
    report.change = {
      from_year: args.compare,
      to_year: y,
      band: args.minutes,
      cells: ch.entered.length,
      population: ch.summary.population,
      cities: ch.summary.cities,
    };
    features.push(ch.feature);
  }
  if (args.geojson)
    writeFileSync(args.geojson, `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
  return report;
}

function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  process.stdout.write(`${JSON.stringify(run(argv), null, 2)}\n`);
  return 0;
}

const entry = process.argv[1];
if (entry && realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url)))
  runCli(main, { usageErrors: [OriginError], help: '--help' });
