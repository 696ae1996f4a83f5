// All deck.gl layers of a view, from plain inputs. The live map and the export map both call this,
// so an export shows exactly what the screen shows.
import type { Layer } from '@deck.gl/core';
import type { FeatureCollection } from 'geojson';
import type { UnitCode } from '../core/types.ts';
import { facilityLayers, type FacilityLayerInputs } from './facilities.ts';
import { railLayers, type RailLayerInputs } from './rail.ts';
import { selectionLayer } from './selection.ts';

export interface DeckInputs {
  /** Boundaries of the level on show. */
  boundaries: FeatureCollection;
  selected: UnitCode | null;
  /** MapLibre layer id the deck layers are drawn beneath (the first label layer). */
  beforeId: string;
  /** Print exports scale line widths and point sizes by this factor (1 on screen). */
  scale?: number;
  /** The rail network and isochrone, when the rail layer is on. */
  rail?: Omit<RailLayerInputs, 'beforeId' | 'scale'> | null;
  /** Facility points or density, when any facility layer is on. */
  facilities?: Omit<FacilityLayerInputs, 'beforeId' | 'scale'> | null;
}

export function deckLayers(inputs: DeckInputs): Layer[] {
  const scale = inputs.scale ?? 1;
  return [
    ...(inputs.rail ? railLayers({ ...inputs.rail, beforeId: inputs.beforeId, scale }) : []),
    ...(inputs.facilities ? facilityLayers({ ...inputs.facilities, beforeId: inputs.beforeId, scale }) : []),
    selectionLayer(inputs.boundaries, inputs.selected, inputs.beforeId, scale),
  ];
}
