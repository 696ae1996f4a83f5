import * as chromatic from 'd3-scale-chromatic';

export type PaletteKind = 'sequential' | 'diverging';

export interface Palette {
  id: string;
  kind: PaletteKind;
  /** Safe for the common colour-vision deficiencies (ColorBrewer's "colorblind safe" flag; viridis family by design). */
  cbSafe: boolean;
  /** colors(n) gives n colours from low to high. */
  colors: (n: number) => string[];
}

/** Sample an interpolator at n evenly spaced points, skipping the palest end so the lowest class stays visible. */
function sampled(interpolate: (t: number) => string, lo = 0.08, hi = 1): (n: number) => string[] {
  return (n) =>
    n <= 1
      ? [interpolate((lo + hi) / 2)]
      : Array.from({ length: n }, (_, i) => interpolate(lo + ((hi - lo) * i) / (n - 1)));
}

/** ColorBrewer schemes exist for 3–9 classes; use the discrete scheme where it exists. */
function brewer(
  scheme: readonly (readonly string[])[],
  interpolate: (t: number) => string,
): (n: number) => string[] {
  return (n) => {
    const s = scheme[n];
    return s ? [...s] : sampled(interpolate)(n);
  };
}

export const PALETTES: readonly Palette[] = [
  {
    id: 'viridis',
    kind: 'sequential',
    cbSafe: true,
    colors: sampled((t) => chromatic.interpolateViridis(1 - t), 0, 0.92),
  },
  {
    id: 'cividis',
    kind: 'sequential',
    cbSafe: true,
    colors: sampled((t) => chromatic.interpolateCividis(1 - t), 0, 0.95),
  },
  {
    id: 'YlGnBu',
    kind: 'sequential',
    cbSafe: true,
    colors: brewer(chromatic.schemeYlGnBu, chromatic.interpolateYlGnBu),
  },
  {
    id: 'Blues',
    kind: 'sequential',
    cbSafe: true,
    colors: brewer(chromatic.schemeBlues, chromatic.interpolateBlues),
  },
  {
    id: 'OrRd',
    kind: 'sequential',
    cbSafe: true,
    colors: brewer(chromatic.schemeOrRd, chromatic.interpolateOrRd),
  },
  {
    id: 'PuBuGn',
    kind: 'sequential',
    cbSafe: true,
    colors: brewer(chromatic.schemePuBuGn, chromatic.interpolatePuBuGn),
  },
  {
    id: 'RdBu',
    kind: 'diverging',
    cbSafe: true,
    colors: brewer(chromatic.schemeRdBu, chromatic.interpolateRdBu),
  },
  {
    id: 'PuOr',
    kind: 'diverging',
    cbSafe: true,
    colors: brewer(chromatic.schemePuOr, chromatic.interpolatePuOr),
  },
  {
    id: 'BrBG',
    kind: 'diverging',
    cbSafe: true,
    colors: brewer(chromatic.schemeBrBG, chromatic.interpolateBrBG),
  },
  // Not colour-blind safe: offered because people ask for it, flagged in the UI.
  {
    id: 'RdYlGn',
    kind: 'diverging',
    cbSafe: false,
    colors: brewer(chromatic.schemeRdYlGn, chromatic.interpolateRdYlGn),
  },
  {
    id: 'Spectral',
    kind: 'diverging',
    cbSafe: false,
    colors: brewer(chromatic.schemeSpectral, chromatic.interpolateSpectral),
  },
];

export const DEFAULT_PALETTE = 'viridis';

export function paletteById(id: string): Palette | undefined {
  return PALETTES.find((p) => p.id === id);
}

/** Grey for "no data", drawn with a hatch on the map and as a swatch in the legend. */
export const NO_DATA_COLOR = '#d9d9d9';
