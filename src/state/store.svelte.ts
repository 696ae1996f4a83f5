// The single app state. Components read `store.app` and change it only through `update(updater)`
// with a pure updater from updaters.ts; the URL follows the state (see App.svelte).
import type { UnitCode } from '../core/types.ts';
import { DEFAULT_STATE, type AppState } from './schema.ts';
import type { Notice } from './url.ts';

/** What is under the pointer: a unit, or a rail station, section or planned line. */
export type Hovered =
  | { kind: 'unit'; code: UnitCode }
  | { kind: 'station'; id: string }
  | { kind: 'section'; id: string }
  | { kind: 'planned'; name: string };

export interface UiState {
  /** Thing under the pointer, with the pointer position for the tooltip. */
  hover: (Hovered & { x: number; y: number }) | null;
  playing: boolean;
  /** The next map click sets the isochrone origin instead of selecting a unit. */
  pickingOrigin: boolean;
  notices: Notice[];
}

export const store = $state<{ app: AppState; ui: UiState }>({
  app: { ...DEFAULT_STATE },
  ui: { hover: null, playing: false, pickingOrigin: false, notices: [] },
});

export function update(updater: (state: AppState) => AppState): void {
  const next = updater(store.app);
  if (next !== store.app) store.app = next;
}

export function notify(notices: Notice[]): void {
  if (notices.length) store.ui.notices = [...store.ui.notices, ...notices];
}
