// The offline basemap style: valid MapLibre style, nothing outside baseUrl, and every file and glyph
// range it can ask for is in geo/build (the committed build output).
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../geo/scripts/lib/build-io.ts';
import { glyphRangesFor, labelTexts, styleFontStacks } from '../../geo/scripts/lib/basemap-glyphs.ts';
import {
  BASEMAP_ATTRIBUTION,
  BASEMAP_SOURCES,
  LABELS_BEFORE_ID,
  labelLayerIds,
  labelTextField,
  offlineStyle,
} from '../../src/map/offline-style.ts';

const BASE = 'http://127.0.0.1:4173/jjj/';
const LANGS = ['zh', 'en'] as const;
const BUILD = join(REPO_ROOT, 'geo/build');

/** Every string anywhere in a JSON value. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

describe.each(LANGS)('offlineStyle (%s)', (lang) => {
  const style = offlineStyle({ baseUrl: BASE, lang });

  it('validates against the MapLibre style spec', () => {
    expect(validateStyleMin(style).map((e) => e.message)).toEqual([]);
  });

  it('points every source and the glyphs below baseUrl, and nowhere else', () => {
    expect(style.glyphs?.startsWith(BASE)).toBe(true);
    expect(style.sprite).toBeUndefined();
    for (const [id, src] of Object.entries(style.sources)) {
      expect(src.type, id).toBe('geojson');
      expect((src as { data: string }).data.startsWith(`${BASE}basemap/`), id).toBe(true);
    }
    const urls = strings(style).filter((s) => /^[a-z][a-z0-9+.-]*:/i.test(s) || s.startsWith('//'));
    expect(urls.filter((u) => !u.startsWith(BASE))).toEqual([]);
  });

  it('draws label layers last, starting at LABELS_BEFORE_ID, with the language text field', () => {
    const ids = style.layers.map((l) => l.id);
    const first = ids.indexOf(LABELS_BEFORE_ID);
    expect(first).toBeGreaterThan(0);
    expect(style.layers.slice(first).every((l) => l.type === 'symbol' || l.type === 'circle')).toBe(true);
    for (const id of labelLayerIds) {
      const layer = style.layers.find((l) => l.id === id);
      expect(layer?.type, id).toBe('symbol');
      expect(ids.indexOf(id), id).toBeGreaterThan(first);
      expect(layer?.type === 'symbol' && layer.layout?.['text-field'], id).toEqual(labelTextField(lang));
    }
    // Every symbol layer is switchable, so none keeps the old language after setLayoutProperty.
    expect(style.layers.filter((l) => l.type === 'symbol').map((l) => l.id)).toEqual([...labelLayerIds]);
  });
});

describe('offlineStyle inputs and exports', () => {
  it('rejects a baseUrl that is relative or lacks the trailing slash', () => {
    expect(() => offlineStyle({ baseUrl: './', lang: 'en' })).toThrow(/absolute URL/);
    expect(() => offlineStyle({ baseUrl: 'http://127.0.0.1:4173/jjj', lang: 'en' })).toThrow(/ending in/);
  });

  it('falls back to English where a feature has no Chinese name', () => {
    expect(labelTextField('zh')).toEqual(['coalesce', ['get', 'name_zh'], ['get', 'name_en']]);
    expect(labelTextField('en')).toEqual(['get', 'name_en']);
  });

  it('has a short attribution naming the data sources', () => {
    expect(BASEMAP_ATTRIBUTION).toMatch(/Natural Earth/);
    expect(BASEMAP_ATTRIBUTION).toMatch(/GSHHG/);
    expect(BASEMAP_ATTRIBUTION.length).toBeLessThan(100);
  });
});

describe('committed basemap build (geo/build)', () => {
  const style = offlineStyle({ baseUrl: BASE, lang: 'en' });

  it.each(Object.entries(style.sources))('source %s has its file in geo/build/basemap', (_id, src) => {
    const rel = (src as { data: string }).data.slice(BASE.length);
    const file = join(BUILD, rel);
    expect(existsSync(file), `${file} missing: run npm run build:geo`).toBe(true);
    const fc = JSON.parse(readFileSync(file, 'utf8')) as {
      type: string;
      generated: string;
      features: unknown[];
    };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.generated).toMatch(/^generated — do not edit, run npm run build:geo/);
    expect(fc.features.length).toBeGreaterThan(0);
  });

  it('ships exactly the files the style references', () => {
    expect(Object.keys(style.sources).sort()).toEqual([...BASEMAP_SOURCES].sort());
  });

  it('has every glyph range the labels need, for every font stack the style uses', () => {
    const texts = labelTexts(join(BUILD, 'basemap'));
    expect(texts.length).toBeGreaterThan(50);
    const ranges = glyphRangesFor(texts);
    expect(ranges).toContain('0-255');
    const stacks = [
      ...new Set(LANGS.flatMap((lang) => styleFontStacks(offlineStyle({ baseUrl: BASE, lang })))),
    ];
    expect(stacks.length).toBeGreaterThan(0);
    const missing = stacks.flatMap((stack) =>
      ranges.map((r) => `${stack}/${r}.pbf`).filter((f) => !existsSync(join(BUILD, 'glyphs', f))),
    );
    expect(missing).toEqual([]);
  });

  it('keeps the basemap GeoJSON within its size budget (≈400 KB raw)', () => {
    const total = BASEMAP_SOURCES.reduce(
      (sum, name) => sum + readFileSync(join(BUILD, 'basemap', `${name}.geojson`)).length,
      0,
    );
    expect(total).toBeLessThan(420_000);
  });
});

describe('glyphRangesFor', () => {
  it('skips CJK (drawn from the local font) and adds ranges for other scripts', () => {
    expect(glyphRangesFor(['北京', 'Beijing'])).toEqual(['0-255']);
    expect(glyphRangesFor(['Lüliang'])).toEqual(['0-255']);
    expect(glyphRangesFor(['Ōtsu', '—'])).toEqual(['0-255', '256-511', '8192-8447']);
  });
});
