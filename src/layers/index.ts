// All deck.gl layers of a view, from plain inputs. The live map and the export map both call this,
// so an export shows exactly what the screen shows.
import type { Layer } from '@deck.gl/core';
import { facilityLayers } from './facilities.ts';
import type { DeckInputs } from './inputs.ts';
import { railLayers } from './rail.ts';
import { selectionLayer } from './selection.ts';

export { drawsAnything, type DeckInputs } from './inputs.ts';

export interface DeckDrawing {
  /** MapLibre layer id the deck layers are drawn beneath (the first label layer). */
  beforeId: string;
  /** Print exports scale line widths and point sizes by this factor (1 on screen). */
  scale?: number;
}

export function deckLayers(inputs: DeckInputs, { beforeId, scale = 1 }: DeckDrawing): Layer[] {
  return [
    ...(inputs.rail ? railLayers({ ...inputs.rail, beforeId, scale }) : []),
    ...(inputs.facilities ? facilityLayers({ ...inputs.facilities, beforeId, scale }) : []),
    selectionLayer(inputs.boundaries, inputs.selected, beforeId, scale),
  ];
}
