// Pure updaters for the rail layer and the isochrone analysis. Those that take user input return an
// error message instead of a new state when the input is impossible, so the map stays as it was.
import { validateBands, validateParams, PARAM_KEYS, type TravelParams } from '../core/rail/model.ts';
import type { AppState, RailColor } from './schema.ts';

export type Checked = { state: AppState; error?: undefined } | { state?: undefined; error: string };

/** What the rail updaters need from the loaded rail data. */
export interface RailCheck {
  /** Why an origin ("ST015" or "lon,lat") cannot be used, or null when it can. */
  originError(origin: string): string | null;
  defaults: TravelParams;
}

const withRail = (state: AppState, rail: Partial<AppState['rail']>): AppState => ({
  ...state,
  rail: { ...state.rail, ...rail },
});

export function setRailOn(state: AppState, on: boolean): AppState {
  return state.rail.on === on ? state : withRail(state, { on });
}

export function setPlanned(state: AppState, planned: boolean): AppState {
  return state.rail.planned === planned ? state : withRail(state, { planned });
}

export function setRailColor(state: AppState, color: RailColor): AppState {
  return color === 'year' || color === 'speed' ? withRail(state, { color }) : state;
}

export function setOrigin(state: AppState, origin: string | null, check: RailCheck): Checked {
  if (origin === null) return { state: withRail(state, { origin: null }) };
  const error = check.originError(origin);
  return error ? { error } : { state: withRail(state, { origin, on: true }) };
}

export function setBands(state: AppState, bands: number[]): Checked {
  const errors = validateBands(bands);
  if (errors.length) return { error: errors.join('; ') };
  return { state: withRail(state, { bands: [...bands].sort((a, b) => a - b) }) };
}

export function setCompare(state: AppState, year: number | null): AppState {
  return withRail(state, { compare: year });
}

/** The parameters in force: calibrated defaults with the user's changes. */
export function effectiveParams(state: AppState, defaults: TravelParams): TravelParams {
  return { ...defaults, ...state.rail.params };
}

/** Change one model parameter; only values that differ from the defaults are kept (and shared). */
export function setParam(
  state: AppState,
  key: keyof TravelParams,
  value: number,
  defaults: TravelParams,
): Checked {
  if (!PARAM_KEYS.includes(key)) return { error: `unknown parameter ${String(key)}` };
  const next = { ...effectiveParams(state, defaults), [key]: value };
  const errors = validateParams(next);
  if (errors.length) return { error: errors.join('; ') };
  const changed = Object.fromEntries(
    PARAM_KEYS.filter((k) => next[k] !== undefined && next[k] !== defaults[k]).map((k) => [k, next[k]!]),
  );
  return { state: withRail(state, { params: changed }) };
}

export function resetParams(state: AppState): AppState {
  return withRail(state, { params: {} });
}

/**
 * Check a restored link's rail settings against the loaded data; drop what cannot be used and say why.
 */
export function checkRestoredRail(state: AppState, check: RailCheck): { state: AppState; errors: string[] } {
  const errors: string[] = [];
  let rail = state.rail;
  if (rail.origin) {
    const e = check.originError(rail.origin);
    if (e) {
      errors.push(e);
      rail = { ...rail, origin: null };
    }
  }
  const unknown = Object.keys(rail.params).filter((k) => !PARAM_KEYS.includes(k as keyof TravelParams));
  const merged = { ...check.defaults, ...rail.params };
  const paramErrors = unknown.length ? [`unknown parameter ${unknown.join(', ')}`] : validateParams(merged);
  if (paramErrors.length) {
    errors.push(...paramErrors);
    rail = { ...rail, params: {} };
  }
  return { state: rail === state.rail ? state : { ...state, rail }, errors };
}
