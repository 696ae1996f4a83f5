// The optional online basemap (OpenFreeMap "liberty"), laid under the app's own layers only after the
// user asks for it. Its fills and lines replace the offline land/water layers; its labels and icons are
// left out (the offline labels stay, so no online glyphs or sprites are needed). Nothing here runs
// unless the user switches: the default stays fully offline.
import type { Map as MlMap, LayerSpecification, SourceSpecification } from 'maplibre-gl';

export const ONLINE_STYLE_URL = 'https://tiles.openfreemap.org/styles/liberty';
const PREFIX = 'online-';
/** Offline basemap layers hidden while the online one is shown (labels and place dots stay). */
const OFFLINE_FILLS = ['bm-land', 'bm-neighbours', 'bm-urban', 'bm-lakes', 'bm-rivers', 'bm-coastline'];

interface OnlineStyle {
  sources: Record<string, SourceSpecification>;
  layers: LayerSpecification[];
}

/** Layers that draw without the online style's glyphs or sprite. */
function drawable(layer: LayerSpecification): boolean {
  if (!['background', 'fill', 'line', 'fill-extrusion'].includes(layer.type)) return false;
  const paint = (layer as { paint?: Record<string, unknown> }).paint ?? {};
  return !('fill-pattern' in paint) && !('line-pattern' in paint) && !('fill-extrusion-pattern' in paint);
}

/** Fetch the online style and put its fills and lines under the app's layers. Throws when it cannot. */
export async function showOnlineBasemap(map: MlMap, url = ONLINE_STYLE_URL): Promise<void> {
  const res = await fetch(url, { credentials: 'omit' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const style = (await res.json()) as OnlineStyle;
  if (!style || typeof style.sources !== 'object' || !Array.isArray(style.layers))
    throw new Error('not a MapLibre style');
  hideOnlineBasemap(map);
  for (const [id, source] of Object.entries(style.sources)) map.addSource(PREFIX + id, source);
  const before = 'bm-land';
  for (const layer of style.layers.filter(drawable)) {
    const spec = { ...layer, id: PREFIX + layer.id } as LayerSpecification & { source?: string };
    if (spec.source) spec.source = PREFIX + spec.source;
    map.addLayer(spec, before);
  }
  for (const id of OFFLINE_FILLS) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'none');
}

/** Back to the offline basemap. */
export function hideOnlineBasemap(map: MlMap): void {
  const style = map.getStyle();
  for (const layer of style.layers) if (layer.id.startsWith(PREFIX)) map.removeLayer(layer.id);
  for (const id of Object.keys(style.sources)) if (id.startsWith(PREFIX)) map.removeSource(id);
  for (const id of OFFLINE_FILLS) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'visible');
}
