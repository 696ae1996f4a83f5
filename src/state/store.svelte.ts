// The single app state. Components read `store.app` and change it only through `update(updater)`
// with a pure updater from updaters.ts; the URL follows the state (see App.svelte).
// Updaters return new objects and keep the slices they don't touch, so `store.app.rail` is the very
// same object before and after a pan: the memoised selectors in src/view see that nothing they read
// has changed, and nothing that reads only other keys re-runs at all.
import type { UserFacility } from '../core/access/csv.ts';
import type { UnitCode } from '../core/types.ts';
import { DEFAULT_STATE, type AppState } from './schema.ts';
import type { Checked } from './rail.ts';
import type { Notice } from './url.ts';

/** What is under the pointer: a unit, or a rail station, section or planned line. */
export type Hovered =
  | { kind: 'unit'; code: UnitCode }
  | { kind: 'station'; id: string }
  | { kind: 'section'; id: string }
  | { kind: 'planned'; name: string }
  | {
      kind: 'facility';
      name: string;
      type: string;
      grade: string | null;
      beds: number | null;
      source: string;
      confidence: string;
      flag: string | null;
      user: boolean;
    }
  | { kind: 'density'; count: number };

export interface UiState {
  /** Thing under the pointer, with the pointer position for the tooltip. */
  hover: (Hovered & { x: number; y: number }) | null;
  playing: boolean;
  /** The next map click sets the isochrone origin instead of selecting a unit. */
  pickingOrigin: boolean;
  /** Facilities the user loaded from a CSV (kept in memory only; never uploaded). */
  userFacilities: UserFacility[];
  notices: Notice[];
}

/**
 * One signal per top-level key of the state, so that reading `store.app.rail` depends on the rail
 * settings alone: a pan, which replaces only `view`, re-runs nothing that reads other keys.
 */
class StateSignals {
  version = $state.raw(DEFAULT_STATE.version);
  view = $state.raw(DEFAULT_STATE.view);
  level = $state.raw(DEFAULT_STATE.level);
  indicator = $state.raw(DEFAULT_STATE.indicator);
  year = $state.raw(DEFAULT_STATE.year);
  method = $state.raw(DEFAULT_STATE.method);
  classes = $state.raw(DEFAULT_STATE.classes);
  customBreaks = $state.raw(DEFAULT_STATE.customBreaks);
  palette = $state.raw(DEFAULT_STATE.palette);
  selected = $state.raw(DEFAULT_STATE.selected);
  lang = $state.raw(DEFAULT_STATE.lang);
  rail = $state.raw(DEFAULT_STATE.rail);
  access = $state.raw(DEFAULT_STATE.access);
  change = $state.raw(DEFAULT_STATE.change);
  answers = $state.raw(DEFAULT_STATE.answers);
  compareUnits = $state.raw(DEFAULT_STATE.compareUnits);
}
const signals = new StateSignals();
const KEYS = Object.keys(DEFAULT_STATE) as (keyof AppState)[];

/** The state as a plain object whose keys read the signals (spreading it copies the values). */
const app = Object.defineProperties(
  {},
  Object.fromEntries(KEYS.map((key) => [key, { get: () => signals[key], enumerable: true }])),
) as AppState;

function write(next: AppState): void {
  for (const key of KEYS)
    if (!Object.is(next[key], signals[key])) (signals as unknown as Record<string, unknown>)[key] = next[key];
}

/**
 * UI state. `userFacilities` is a raw signal: a 100 k-row list is replaced whole, never edited, and a
 * deep proxy over every row made reading it take seconds.
 */
class UiSignals implements UiState {
  hover = $state<UiState['hover']>(null);
  playing = $state(false);
  pickingOrigin = $state(false);
  userFacilities = $state.raw<UserFacility[]>([]);
  notices = $state<Notice[]>([]);
}

const ui: UiState = new UiSignals();

/** `store.app` is read-only: every change goes through `update` (the type has no setter). */
export const store: { readonly app: AppState; ui: UiState } = { app, ui };

/** A copy of the state as it is now (for work that outlives this moment, such as an export). */
export function snapshot(): AppState {
  return { ...app };
}

export function update(updater: (state: AppState) => AppState): void {
  const next = updater(app);
  if (next !== app) write(next);
}

/** Replace the whole state: only for restoring a shared link at start-up. */
export function restore(state: AppState): void {
  write(state);
}

/**
 * Apply an updater that checks user input: on success the state changes, on failure it stays and
 * the reason is shown as a notice and returned (panels show it beside their input too).
 */
export function updateChecked(updater: (state: AppState) => Checked): string | null {
  const result = updater(app);
  if (result.error !== undefined) {
    notify([{ key: 'rail.error', params: { message: result.error } }]);
    return result.error;
  }
  if (result.state !== app) write(result.state);
  return null;
}

export function notify(notices: Notice[]): void {
  if (notices.length) ui.notices = [...ui.notices, ...notices];
}
