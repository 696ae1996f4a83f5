// Web Mercator maths shared by the export map (tiling a print frame) and the figure layout (the
// scale bar): ground distance per pixel, tiles that fit the GPU, and tile centres.

/** Mean Earth radius MapLibre uses for its scale control, metres. */
const EARTH_RADIUS_M = 6371008.8;
/** MapLibre's world is 512 CSS px wide at zoom 0. */
const TILE_SIZE = 512;

/**
 * Ground metres per CSS pixel at a latitude and MapLibre zoom (Web Mercator, 512-px tiles).
 * @example metresPerCssPixel(0, 0) // → 78271.5…
 */
export function metresPerCssPixel(lat: number, zoom: number): number {
  return (2 * Math.PI * EARTH_RADIUS_M * Math.cos((lat * Math.PI) / 180)) / (TILE_SIZE * 2 ** zoom);
}

export interface Tile {
  /** Offset and size in frame device pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Split a frame into the fewest equal tiles that fit the GPU's largest canvas side.
 * @example planTiles(9000, 3000, 8192).length // → 2
 */
export function planTiles(width: number, height: number, maxSide: number): Tile[] {
  const nx = Math.ceil(width / maxSide);
  const ny = Math.ceil(height / maxSide);
  const tw = Math.ceil(width / nx);
  const th = Math.ceil(height / ny);
  const tiles: Tile[] = [];
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++)
      tiles.push({
        x: i * tw,
        y: j * th,
        width: Math.min(tw, width - i * tw),
        height: Math.min(th, height - j * th),
      });
  return tiles;
}

/**
 * Centre of a tile of a north-up Web Mercator frame: the frame centre shifted by the tile's offset
 * (in CSS pixels at `zoom`).
 * @example tileCentre([116, 39], 6, { x: 0, y: 0 }) // → [116, 39]
 */
export function tileCentre(
  centre: [number, number],
  zoom: number,
  offsetCss: { x: number; y: number },
): [number, number] {
  const world = TILE_SIZE * 2 ** zoom;
  const [lon, lat] = centre;
  const x = ((lon + 180) / 360) * world + offsetCss.x;
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * world + offsetCss.y;
  const lon2 = (x / world) * 360 - 180;
  const lat2 = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / world))) * 180) / Math.PI;
  return [lon2, lat2];
}
