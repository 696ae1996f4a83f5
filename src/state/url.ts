// App state <-> query string. Only what differs from the defaults is written, so links stay short.
// Reading is defensive: anything unknown, malformed or hostile falls back to the default for that
// field and produces a notice the UI shows; it never throws.
import { CLASS_METHODS, type ClassMethod } from '../core/classify.ts';
import { LANGS, type Lang } from '../core/format.ts';
import { paletteById } from '../core/palettes.ts';
import { LEVELS, type Level } from '../core/types.ts';
import { SUPPLY_MEASURES } from '../core/access/analysis.ts';
import { DECAYS, FCA_METHODS } from '../core/access/fca.ts';
import { TRAVEL_MODES } from '../core/access/travel.ts';
import { FACILITY_TYPES, type FacilityType } from '../core/access/types.ts';
import type { DataContext } from './context.ts';
import {
  CLASSES_MAX,
  CLASSES_MIN,
  DEFAULT_STATE,
  STATE_VERSION,
  YEAR_MAX,
  YEAR_MIN,
  CATCHMENT_MAX,
  ANSWERS_TABS,
  CHANGE_MODES,
  COMPARE_MAX,
  type AppState,
} from './schema.ts';

export interface Notice {
  /** i18n message key. */
  key: string;
  params?: Record<string, string>;
}

const MAX_QUERY_LENGTH = 2000;
const MAX_VALUE_LENGTH = 200;

/**
 * Migrations from older link versions: each takes the params of version n and returns version n+1.
 * Empty on purpose: links are still version 1. Every parameter added since the first app shell (rail,
 * origin, compare, bands, parameters, facilities, analysis) is new and optional, and no v1 parameter
 * was renamed or had values taken away (its levels, indicator ids, class methods and palettes all
 * still exist), so a v1 link reads as written (tests/unit/url-state.test.ts). A change that breaks
 * that must raise STATE_VERSION and add the migration here.
 */
const MIGRATIONS: Record<number, (p: URLSearchParams) => URLSearchParams> = {};

// Link numbers are plain decimals only: Number() would also read '' as 0, '0x10' as 16 and
// '1e999' as Infinity, so `at=,,` became 0,0,0 and `y=0x7e8` became 2024.
const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d{1,3})?$/;
/** A finite plain decimal, or NaN. */
export function linkNumber(text: string | undefined): number {
  const t = (text ?? '').trim();
  if (!DECIMAL.test(t)) return NaN;
  const n = Number(t);
  // 1e-400 reads as 0: refuse it rather than silently use 0.
  if (!Number.isFinite(n) || (n === 0 && /[1-9]/.test(t.replace(/[eE].*$/, '')))) return NaN;
  return n;
}
/** A whole number written as digits (no sign tricks, no exponent), or NaN. */
export function linkInteger(text: string | undefined): number {
  const t = (text ?? '').trim();
  return /^-?\d{1,6}$/.test(t) ? Number(t) : NaN;
}

/**
 * Serialise the state to a query string (without '?'), only fields that differ from the defaults.
 * @example stateToQuery({ ...DEFAULT_STATE, year: 2015 }) // → "v=1&y=2015"
 */
export function stateToQuery(state: AppState, defaults: AppState = DEFAULT_STATE): string {
  const p = new URLSearchParams();
  p.set('v', String(STATE_VERSION));
  const v = state.view;
  const d = defaults.view;
  if (v.lon !== d.lon || v.lat !== d.lat || v.zoom !== d.zoom) {
    p.set('at', `${v.lon.toFixed(4)},${v.lat.toFixed(4)},${v.zoom.toFixed(2)}`);
  }
  if (state.level !== defaults.level) p.set('lvl', state.level);
  if (state.indicator !== defaults.indicator) p.set('ind', state.indicator);
  if (state.year !== defaults.year) p.set('y', String(state.year));
  if (state.method !== defaults.method) p.set('cls', state.method);
  if (state.classes !== defaults.classes) p.set('k', String(state.classes));
  if (state.method === 'custom' && state.customBreaks.length) p.set('brk', state.customBreaks.join(','));
  if (state.palette !== defaults.palette) p.set('pal', state.palette);
  if (state.selected) p.set('sel', state.selected);
  if (state.lang !== defaults.lang) p.set('lang', state.lang);
  const r = state.rail;
  const dr = defaults.rail;
  if (r.on !== dr.on) p.set('rail', r.on ? '1' : '0');
  if (r.planned !== dr.planned) p.set('planned', r.planned ? '1' : '0');
  if (r.color !== dr.color) p.set('rc', r.color);
  if (r.origin) p.set('o', r.origin);
  if (r.bands.join(',') !== dr.bands.join(',')) p.set('b', r.bands.join(','));
  if (r.compare !== null) p.set('cmp', String(r.compare));
  const params = Object.entries(r.params).sort(([a], [b]) => (a < b ? -1 : 1));
  if (params.length) p.set('tp', params.map(([k, v]) => `${k}:${v}`).join(';'));
  const a = state.access;
  const da = defaults.access;
  if (a.facilities.length) p.set('fac', a.facilities.join(','));
  if (a.density !== da.density) p.set('dens', a.density ? '1' : '0');
  if (a.service) p.set('svc', a.service);
  if (a.method !== da.method) p.set('am', a.method);
  if (a.decay !== da.decay) p.set('ad', a.decay);
  if (a.catchment !== da.catchment) p.set('ac', String(a.catchment));
  if (a.supply !== da.supply) p.set('as', a.supply);
  if (a.mode !== da.mode) p.set('amode', a.mode);
  // issue 12: the change map (start year, mode) and the answers overlay (tab, gap series).
  if (state.change.from !== null) {
    p.set('chg', String(state.change.from));
    if (state.change.mode !== defaults.change.mode) p.set('chgm', state.change.mode);
  }
  if (state.answers.tab) p.set('ans', state.answers.tab);
  if (state.answers.gap) p.set('gi', state.answers.gap);
  if (state.compareUnits.length) p.set('cu', state.compareUnits.join(','));
  return p.toString();
}

/** Shorten a hostile value before it goes into a notice (the UI renders notices as text, never HTML). */
function shown(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/**
 * Parse a query string into a full state. `data` (when loaded) lets it check indicator ids and unit
 * codes; without it only the syntax is checked.
 * @example queryToState('?y=2015&lvl=city').state.year // → 2015
 */
export function queryToState(
  search: string,
  data?: DataContext,
  defaults: AppState = DEFAULT_STATE,
): { state: AppState; notices: Notice[] } {
  const notices: Notice[] = [];
  const state: AppState = {
    ...defaults,
    view: { ...defaults.view },
    customBreaks: [...defaults.customBreaks],
  };
  const raw = search.startsWith('?') ? search.slice(1) : search;
  if (raw.length === 0) return { state, notices };
  if (raw.length > MAX_QUERY_LENGTH) return { state, notices: [{ key: 'url.tooLong' }] };

  let p: URLSearchParams;
  try {
    p = new URLSearchParams(raw);
  } catch {
    return { state, notices: [{ key: 'url.unreadable' }] };
  }
  const bad = (param: string, value: string) =>
    notices.push({ key: 'url.badParam', params: { param, value: shown(value) } });
  const get = (name: string): string | undefined => {
    const value = p.get(name);
    if (value === null) return undefined;
    if (value.length > MAX_VALUE_LENGTH) {
      bad(name, value);
      return undefined;
    }
    return value;
  };

  p = migrate(p, get, bad, notices);
  const link: LinkReading = { get, state, bad, data, notices, defaults };
  for (const read of [readView, readIndicator, readClasses, readLanguage, readRail, readAccess, readAnswers])
    read(link);
  readSelection(link); // last: a selected unit is checked against the level read above
  readCompareUnits(link);
  return { state, notices };
}

/** What each part of the link reader gets: the parameters, the state it fills, where to report. */
interface LinkReading {
  get: (name: string) => string | undefined;
  state: AppState;
  /** Report a parameter whose value cannot be used (it is ignored). */
  bad: (param: string, value: string) => void;
  /** The loaded data, to check ids and codes (undefined: syntax only). */
  data: DataContext | undefined;
  notices: Notice[];
  defaults: AppState;
}

/**
 * The link's parameters brought up to the current version (`v`; a link without one is current). A
 * newer link is read as it is, with a notice.
 */
function migrate(
  p: URLSearchParams,
  get: (name: string) => string | undefined,
  bad: (param: string, value: string) => void,
  notices: Notice[],
): URLSearchParams {
  const version = linkInteger(get('v') ?? String(STATE_VERSION));
  if (!Number.isInteger(version) || version < 1) bad('v', p.get('v') ?? '');
  else if (version > STATE_VERSION) notices.push({ key: 'url.newerVersion' });
  else for (let n = version; n < STATE_VERSION; n++) p = MIGRATIONS[n]?.(p) ?? p;
  return p;
}

/** The camera (`at`: lon,lat,zoom). */
function readView({ get, state, bad }: LinkReading): void {
  const at = get('at');
  if (at === undefined) return;
  const parts = at.split(',');
  const [lon, lat, zoom] = parts.map(linkNumber);
  const ok =
    parts.length === 3 &&
    lon !== undefined &&
    lat !== undefined &&
    zoom !== undefined &&
    Math.abs(lon) <= 180 &&
    Math.abs(lat) <= 85 &&
    zoom >= 0 &&
    zoom <= 22 &&
    [lon, lat, zoom].every(Number.isFinite);
  if (ok) state.view = { lon, lat, zoom };
  else bad('at', at);
}

/** What the map shows: the level, the indicator (checked against the data when loaded) and the year. */
function readIndicator({ get, state, bad, data, notices }: LinkReading): void {
  const lvl = get('lvl');
  if (lvl !== undefined) {
    if ((LEVELS as readonly string[]).includes(lvl)) state.level = lvl as Level;
    else bad('lvl', lvl);
  }

  const ind = get('ind');
  if (ind !== undefined) {
    if (/^[a-z0-9_:.-]{1,80}$/i.test(ind) && (!data || data.hasIndicator(ind))) state.indicator = ind;
    else notices.push({ key: 'url.unknownIndicator', params: { value: shown(ind) } });
  }

  const y = get('y');
  if (y !== undefined) {
    const year = linkInteger(y);
    if (Number.isInteger(year) && year >= YEAR_MIN && year <= YEAR_MAX) state.year = year;
    else bad('y', y);
  }
}

/** How the map is coloured: the class method, the number of classes, custom breaks and the palette. */
function readClasses({ get, state, bad, defaults }: LinkReading): void {
  const cls = get('cls');
  if (cls !== undefined) {
    if ((CLASS_METHODS as readonly string[]).includes(cls)) state.method = cls as ClassMethod;
    else bad('cls', cls);
  }

  const k = get('k');
  if (k !== undefined) {
    const n = linkInteger(k);
    if (Number.isInteger(n) && n >= CLASSES_MIN && n <= CLASSES_MAX) state.classes = n;
    else bad('k', k);
  }

  const brk = get('brk');
  if (brk !== undefined) {
    const nums = brk.split(',').map(linkNumber);
    const increasing = nums.every((n, i) => Number.isFinite(n) && (i === 0 || n > nums[i - 1]!));
    if (nums.length >= 1 && nums.length <= CLASSES_MAX && increasing) state.customBreaks = nums;
    else bad('brk', brk);
  }
  if (state.method === 'custom' && state.customBreaks.length === 0) state.method = defaults.method;

  const pal = get('pal');
  if (pal !== undefined) {
    if (paletteById(pal)) state.palette = pal;
    else bad('pal', pal);
  }
}

/** The interface language. */
function readLanguage({ get, state, bad }: LinkReading): void {
  const lang = get('lang');
  if (lang === undefined) return;
  if ((LANGS as readonly string[]).includes(lang)) state.lang = lang as Lang;
  else bad('lang', lang);
}

/**
 * The selected unit, read last: it must be a unit at the level read before (when the data is loaded,
 * one that exists).
 */
function readSelection({ get, state, data, notices }: LinkReading): void {
  const sel = get('sel');
  if (sel === undefined) return;
  const levels = data?.unitLevels(sel);
  if (!/^[A-Z0-9]{2,12}$/.test(sel) || (data && !levels)) {
    notices.push({ key: 'url.unknownUnit', params: { value: shown(sel) } });
  } else if (levels && !levels.includes(state.level)) {
    notices.push({ key: 'url.unitNotAtLevel', params: { value: sel } });
  } else {
    state.selected = sel;
  }
}

/** The compare chart's units (`cu`, comma-separated): unknown codes are dropped with a notice. */
function readCompareUnits({ get, state, data, notices }: LinkReading): void {
  const cu = get('cu');
  if (cu === undefined) return;
  const known = cu.split(',').filter((code) => {
    const ok = /^[A-Z0-9]{2,12}$/.test(code) && (!data || data.unitLevels(code) !== undefined);
    if (!ok) notices.push({ key: 'url.unknownUnit', params: { value: shown(code) } });
    return ok;
  });
  state.compareUnits = [...new Set(known)].slice(0, COMPARE_MAX);
}

const STATION_ID = /^ST\d{3}$/;
const LON_LAT = /^-?\d{1,3}(\.\d+)?,-?\d{1,2}(\.\d+)?$/;
const PARAM_NAME = /^[a-zA-Z]{1,30}$/;

/**
 * The rail part of a link. Only the syntax is checked here; whether a station exists, a point is in
 * the region or parameters make sense is checked when the rail data is loaded (see rail updaters).
 */
function readRail({ get, state, bad }: LinkReading): void {
  const rail = { ...state.rail, bands: [...state.rail.bands], params: { ...state.rail.params } };
  const flag = (name: string, apply: (v: boolean) => void) => {
    const v = get(name);
    if (v === undefined) return;
    if (v === '1' || v === '0') apply(v === '1');
    else bad(name, v);
  };
  flag('rail', (v) => (rail.on = v));
  flag('planned', (v) => (rail.planned = v));
  const rc = get('rc');
  if (rc !== undefined) {
    if (rc === 'year' || rc === 'speed') rail.color = rc;
    else bad('rc', rc);
  }
  const o = get('o');
  if (o !== undefined) {
    if (STATION_ID.test(o) || LON_LAT.test(o)) rail.origin = o;
    else bad('o', o);
  }
  const b = get('b');
  if (b !== undefined) {
    const bands = b.split(',').map(linkNumber);
    const ok =
      bands.length >= 1 &&
      bands.length <= 6 &&
      bands.every((x, i) => Number.isFinite(x) && x > 0 && x <= 600 && (i === 0 || x > bands[i - 1]!));
    if (ok) rail.bands = bands;
    else bad('b', b);
  }
  const cmp = get('cmp');
  if (cmp !== undefined) {
    const y = linkInteger(cmp);
    // The comparison year is an earlier network; a later one would report growth backwards.
    if (Number.isInteger(y) && y >= YEAR_MIN && y <= YEAR_MAX && y <= state.year) rail.compare = y;
    else bad('cmp', cmp);
  }
  const tp = get('tp');
  if (tp !== undefined) {
    const entries = tp.split(';').map((kv) => kv.split(':'));
    const ok = entries.every(
      ([k, v]) => k !== undefined && PARAM_NAME.test(k) && Number.isFinite(linkNumber(v)),
    );
    if (ok) rail.params = Object.fromEntries(entries.map(([k, v]) => [k!, linkNumber(v)]));
    else bad('tp', tp);
  }
  state.rail = rail;
}

/** The accessibility part of a link. */
function readAccess({ get, state, bad }: LinkReading): void {
  const access = { ...state.access, facilities: [...state.access.facilities] };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], apply: (v: T) => void) => {
    const v = get(name);
    if (v === undefined) return;
    if ((allowed as readonly string[]).includes(v)) apply(v as T);
    else bad(name, v);
  };
  const fac = get('fac');
  if (fac !== undefined) {
    const types = fac.split(',');
    if (types.every((t) => (FACILITY_TYPES as readonly string[]).includes(t)))
      access.facilities = [...new Set(types)] as FacilityType[];
    else bad('fac', fac);
  }
  oneOf('dens', ['0', '1'], (v) => (access.density = v === '1'));
  oneOf('svc', FACILITY_TYPES, (v) => (access.service = v));
  oneOf('am', FCA_METHODS, (v) => (access.method = v));
  oneOf('ad', DECAYS, (v) => (access.decay = v));
  oneOf('as', SUPPLY_MEASURES, (v) => (access.supply = v));
  oneOf('amode', TRAVEL_MODES, (v) => (access.mode = v));
  const ac = get('ac');
  if (ac !== undefined) {
    const m = linkNumber(ac);
    if (Number.isFinite(m) && m > 0 && m <= CATCHMENT_MAX) access.catchment = m;
    else bad('ac', ac);
  }
  state.access = access;
}

/** The change map and the answers overlay part of a link (issue 12). */
function readAnswers({ get, state, bad, data, notices }: LinkReading): void {
  const change = { ...state.change };
  const chg = get('chg');
  if (chg !== undefined) {
    const y = linkInteger(chg);
    // A start equal to the slider's year is kept (the map then shows that one year, see setYear).
    if (Number.isInteger(y) && y >= YEAR_MIN && y <= YEAR_MAX) change.from = y;
    else bad('chg', chg);
  }
  const chgm = get('chgm');
  if (chgm !== undefined) {
    if ((CHANGE_MODES as readonly string[]).includes(chgm)) change.mode = chgm as AppState['change']['mode'];
    else bad('chgm', chgm);
  }
  state.change = change;
  const answers = { ...state.answers };
  const ans = get('ans');
  if (ans !== undefined) {
    if ((ANSWERS_TABS as readonly string[]).includes(ans)) answers.tab = ans as AppState['answers']['tab'];
    else bad('ans', ans);
  }
  const gi = get('gi');
  if (gi !== undefined) {
    if (/^[a-z0-9_:.-]{1,80}$/i.test(gi) && (!data || data.hasIndicator(gi))) answers.gap = gi;
    else notices.push({ key: 'url.unknownIndicator', params: { value: shown(gi) } });
  }
  state.answers = answers;
}
