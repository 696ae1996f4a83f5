// The single app state. Components read `store.app` and change it only through `update(updater)`
// with a pure updater from updaters.ts; the URL follows the state (see App.svelte).
import type { UserFacility } from '../core/access/csv.ts';
import type { UnitCode } from '../core/types.ts';
import { DEFAULT_STATE, type AppState } from './schema.ts';
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

export const store = $state<{ app: AppState; ui: UiState }>({
  app: { ...DEFAULT_STATE },
  ui: { hover: null, playing: false, pickingOrigin: false, userFacilities: [], notices: [] },
});

export function update(updater: (state: AppState) => AppState): void {
  const next = updater(store.app);
  if (next !== store.app) store.app = next;
}

export function notify(notices: Notice[]): void {
  if (notices.length) store.ui.notices = [...store.ui.notices, ...notices];
}
