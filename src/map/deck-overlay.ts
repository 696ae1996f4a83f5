// The deck.gl overlay of a map, loaded on first use: the default view draws no deck layer, so
// deck.gl (and its shaders) stay out of the start-up. One MapboxOverlay, interleaved with MapLibre's
// layers so labels stay above the data.
import type { Layer } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Map as MlMap } from 'maplibre-gl';
import { deckLayers, type DeckInputs } from '../layers/index.ts';
import { LABELS_BEFORE_ID } from './offline-style.ts';

export interface DeckOverlay {
  draw(inputs: DeckInputs): Layer[];
  pick(point: { x: number; y: number }, layerIds: string[]): { layerId: string; object: unknown } | null;
  remove(): void;
}

export function addDeckOverlay(map: MlMap): DeckOverlay {
  // deck.gl's own hover picking (a picking render pass and a readPixels on every pointer move, even
  // mid-drag) is off: the app picks only when it asks (pick), through the same overlay.
  const overlay = new MapboxOverlay({ interleaved: true, layers: [], _pickable: false });
  map.addControl(overlay);
  return {
    draw(inputs) {
      const layers = deckLayers(inputs, { beforeId: LABELS_BEFORE_ID });
      overlay.setProps({ layers });
      return layers;
    },
    pick(point, layerIds) {
      overlay.setProps({ _pickable: true });
      const info = overlay.pickObject({ x: point.x, y: point.y, radius: 5, layerIds });
      overlay.setProps({ _pickable: false });
      return info?.object && info.layer ? { layerId: info.layer.id, object: info.object } : null;
    },
    remove() {
      map.removeControl(overlay);
    },
  };
}
