// Colours of the deck.gl layers, apart from the layer classes so the legend (and the default view,
// which draws no deck layer) can use them without loading deck.gl.
import { interpolatePlasma } from 'd3-scale-chromatic';
import type { FacilityType } from '../core/access/types.ts';
import { YEAR_MAX, YEAR_MIN } from '../core/types.ts';

export type RGBA = [number, number, number, number];

/** d3-scale-chromatic interpolators return "#rrggbb". */
function hexToRgba(hex: string, alpha = 255): RGBA {
  const n = parseInt(hex.slice(1, 7), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, alpha];
}

/** The range the opening-year ramp spans: the years the app shows. */
export const RAIL_YEARS: [number, number] = [YEAR_MIN, YEAR_MAX];

/** Opening year → colour (plasma, dark = early, bright = recent). */
export function yearColor(year: number): RGBA {
  const t = (year - RAIL_YEARS[0]) / (RAIL_YEARS[1] - RAIL_YEARS[0]);
  return hexToRgba(interpolatePlasma(0.1 + 0.8 * Math.min(1, Math.max(0, t))));
}

/** Design speed classes, fastest darkest. */
export const SPEED_CLASSES: { min: number; color: RGBA }[] = [
  { min: 350, color: [128, 0, 38, 255] },
  { min: 300, color: [212, 44, 44, 255] },
  { min: 250, color: [240, 120, 34, 255] },
  { min: 200, color: [232, 180, 40, 255] },
  { min: 0, color: [130, 130, 130, 255] },
];

export function speedColor(kmh: number | null): RGBA {
  return (SPEED_CLASSES.find((c) => (kmh ?? 0) >= c.min) ?? SPEED_CLASSES[SPEED_CLASSES.length - 1]!).color;
}

/**
 * Band colours for 1–6 bands, nearest first (warm to cool). Light fills over the muted choropleth;
 * each band's edge is drawn in BAND_LINE_COLORS, so the bands read as outlines, not as a brown mix.
 */
export const BAND_COLORS: RGBA[] = [
  [189, 0, 38, 70],
  [240, 59, 32, 55],
  [253, 141, 60, 45],
  [254, 204, 92, 40],
  [255, 237, 160, 35],
  [255, 255, 204, 30],
];
export const BAND_LINE_COLORS: RGBA[] = [
  [165, 0, 38, 255],
  [215, 48, 31, 255],
  [230, 120, 30, 255],
  [200, 160, 40, 255],
  [180, 160, 90, 255],
  [150, 150, 110, 255],
];

/** Area newly inside the compared band since the compare year: a light blue fill inside a blue edge. */
export const CHANGE_RGBA: RGBA = [0, 114, 178, 45];
export const CHANGE_LINE_RGBA: RGBA = [0, 90, 170, 255];

/** How much the choropleth fades toward white while an isochrone is drawn over it (0 = not at all). */
export const MUTED_MIX = 0.6;

/** Okabe–Ito colours (distinguishable with colour-vision deficiencies). */
export const FACILITY_COLORS: Record<FacilityType | 'user', RGBA> = {
  hospital: [213, 94, 0, 255],
  university: [0, 114, 178, 255],
  attraction: [0, 158, 115, 255],
  library: [204, 121, 167, 255],
  user: [230, 159, 0, 255],
};

/** The outline colour; the legend repeats it. */
export const SELECTION_RGBA: [number, number, number, number] = [20, 20, 20, 255];
