// All deck.gl layers of a view, from plain inputs. The live map and the export map both call this,
// so an export shows exactly what the screen shows.
import type { Layer } from '@deck.gl/core';
import type { FeatureCollection } from 'geojson';
import type { UnitCode } from '../core/types.ts';
import { selectionLayer } from './selection.ts';

export interface DeckInputs {
  /** Boundaries of the level on show. */
  boundaries: FeatureCollection;
  selected: UnitCode | null;
  /** MapLibre layer id the deck layers are drawn beneath (the first label layer). */
  beforeId: string;
  /** Print exports scale line widths and point sizes by this factor (1 on screen). */
  scale?: number;
}

export function deckLayers(inputs: DeckInputs): Layer[] {
  return [selectionLayer(inputs.boundaries, inputs.selected, inputs.beforeId, inputs.scale ?? 1)];
}
