// Which glyph ranges the offline style needs, shared by build step 65 and the unit tests.
// MapLibre asks `glyphs` for the 256-code-point range of every character it cannot draw locally;
// CJK is drawn from the local font (localIdeographFontFamily), so only Latin ranges are shipped.
import type { StyleSpecification } from 'maplibre-gl';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// BMP ranges of maplibre-gl 5.24 `codePointUsesLocalIdeographFontFamily` (src/util/script_detection.ts).
const LOCAL_BMP: readonly [number, number][] = [
  [0x02ea, 0x02eb],
  [0x1100, 0x11ff],
  [0x2e80, 0x2fdf],
  [0x3000, 0x30ff],
  [0x3105, 0x312f],
  [0x3131, 0x318e],
  [0x31a0, 0x4dbf],
  [0x4e00, 0xa48c],
  [0xa490, 0xa4c6],
  [0xa960, 0xa97c],
  [0xac00, 0xd7c6],
  [0xd7cb, 0xd7fb],
  [0xf900, 0xfa6d],
  [0xfa70, 0xfad9],
  [0xfe10, 0xfe1f],
  [0xfe30, 0xfe4f],
  [0xff00, 0xffef],
];

/** True when MapLibre draws this code point with the local CJK font instead of fetching a range. */
export function drawnLocally(cp: number): boolean {
  if (cp > 0xffff) return cp >= 0x20000 && cp <= 0x323af; // CJK extensions B–H: all local
  return LOCAL_BMP.some(([a, b]) => cp >= a && cp <= b);
}

/** Range file name ("0-255") of a code point. */
export const rangeOf = (cp: number) => {
  const start = Math.floor(cp / 256) * 256;
  return `${start}-${start + 255}`;
};

/**
 * Ranges needed to draw these texts; upper case is included because the style upper-cases area
 * labels. 0-255 is always included (digits, punctuation, the newline of peak labels).
 */
export function glyphRangesFor(texts: Iterable<string>): string[] {
  const starts = new Set<number>([0]);
  for (const t of texts) {
    for (const ch of `${t}${t.toUpperCase()}`) {
      const cp = ch.codePointAt(0)!;
      if (!drawnLocally(cp)) starts.add(Math.floor(cp / 256) * 256);
    }
  }
  return [...starts].sort((a, b) => a - b).map((s) => rangeOf(s));
}

/** Every name_en / name_zh of the built basemap GeoJSON files in `dir`. */
export function labelTexts(dir: string): string[] {
  const texts: string[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.geojson'))
    .sort()) {
    const fc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      features: { properties: Record<string, unknown> | null }[];
    };
    for (const f of fc.features) {
      for (const key of ['name_en', 'name_zh']) {
        const v = f.properties?.[key];
        if (typeof v === 'string') texts.push(v);
      }
    }
  }
  return texts;
}

/** Font stacks used by the style's symbol layers (each must be a literal single-font stack). */
export function styleFontStacks(style: StyleSpecification): string[] {
  const stacks = new Set<string>();
  for (const layer of style.layers) {
    if (layer.type !== 'symbol') continue;
    const font = layer.layout?.['text-font'];
    if (!Array.isArray(font) || font.length !== 1 || typeof font[0] !== 'string') {
      throw new Error(
        `layer ${layer.id}: text-font must be one literal font stack, got ${JSON.stringify(font)}`,
      );
    }
    stacks.add(font[0]);
  }
  return [...stacks].sort();
}
