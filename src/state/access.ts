// Pure updaters for the facility layers and the accessibility analysis.
import { ACCESS_INDICATOR_ID, accessIndicatorIds } from '../core/access/analysis.ts';
import type { FacilityType } from '../core/access/types.ts';
import { CATCHMENT_MAX, type AccessState, type AppState } from './schema.ts';
import type { Checked } from './rail.ts';

const withAccess = (state: AppState, access: Partial<AccessState>): AppState => ({
  ...state,
  access: { ...state.access, ...access },
});

export function toggleFacility(state: AppState, type: FacilityType, on: boolean): AppState {
  const set = new Set(state.access.facilities);
  if (on) set.add(type);
  else set.delete(type);
  return withAccess(state, { facilities: [...set] });
}

export function setDensity(state: AppState, density: boolean): AppState {
  return withAccess(state, { density });
}

/**
 * Keep the shown indicator on the analysis when its options change: a coverage indicator follows to the
 * new coverage id, a score to the new score id. Other indicators are left alone.
 */
function followIndicator(before: AppState, after: AppState): AppState {
  const a = after.access;
  if (!a.service)
    return ACCESS_INDICATOR_ID.test(after.indicator) ? { ...after, indicator: before.indicator } : after;
  const ids = accessIndicatorIds(a.service, a);
  if (!ACCESS_INDICATOR_ID.test(before.indicator)) return after;
  return { ...after, indicator: before.indicator.startsWith('coverage_') ? ids.coverage : ids.score };
}

/** Analyse a service (or stop with null). Starting an analysis shows its coverage on the map. */
export function setService(
  state: AppState,
  service: FacilityType | null,
  fallbackIndicator: string,
): AppState {
  const next = withAccess(state, { service });
  if (service === null) {
    return ACCESS_INDICATOR_ID.test(state.indicator) ? { ...next, indicator: fallbackIndicator } : next;
  }
  const ids = accessIndicatorIds(service, next.access);
  return ACCESS_INDICATOR_ID.test(state.indicator)
    ? followIndicator(state, next)
    : { ...next, indicator: ids.coverage };
}

/** Change the method, decay, supply, travel mode or catchment; an impossible catchment is refused. */
export function setAccessOptions(
  state: AppState,
  options: Partial<Pick<AccessState, 'method' | 'decay' | 'catchment' | 'supply' | 'mode'>>,
): Checked {
  if (options.catchment !== undefined) {
    const c = options.catchment;
    if (!Number.isFinite(c) || c <= 0 || c > CATCHMENT_MAX) {
      return { error: `catchment must be between 0 and ${CATCHMENT_MAX} minutes (got ${c})` };
    }
  }
  return { state: followIndicator(state, withAccess(state, options)) };
}
