// What the deck.gl layers of a view are built from (plain data; no deck.gl here, so the map can
// decide whether to load deck.gl at all).
import type { FeatureCollection } from 'geojson';
import { FACILITY_TYPES } from '../core/access/types.ts';
import type { UnitCode } from '../core/types.ts';
import type { FacilityLayerInputs } from './facilities.ts';
import type { RailLayerInputs } from './rail.ts';

export interface DeckInputs {
  /** Boundaries of the level on show. */
  boundaries: FeatureCollection;
  selected: UnitCode | null;
  /** The rail network and isochrone, once the rail data has loaded. */
  rail?: Omit<RailLayerInputs, 'beforeId' | 'scale'> | null;
  /** Facility points or density, when any facility layer is on. */
  facilities?: Omit<FacilityLayerInputs, 'beforeId' | 'scale'> | null;
}

/** Layer ids of the facility point lists (`facility-points-${set id}`; picking asks for these). */
export const FACILITY_POINT_LAYER_IDS: readonly string[] = FACILITY_TYPES.flatMap((t) => [
  `facility-points-${t}`,
  `facility-points-user-${t}`,
]);

/** Whether any deck layer would draw: the default view (nothing selected, no layer on) draws none. */
export function drawsAnything(inputs: DeckInputs): boolean {
  return (
    inputs.selected !== null ||
    inputs.rail?.visible === true ||
    (inputs.facilities?.sets.some((s) => s.visible && s.points.length > 0) ?? false) ||
    (inputs.facilities?.density?.length ?? 0) > 0
  );
}
