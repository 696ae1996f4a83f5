import { describe, expect, it } from 'vitest';
import {
  checkSize,
  fitZoom,
  hatchSegments,
  layoutBoxes,
  layoutFigure,
  metresPerCssPixel,
  mmToPx,
  niceScaleBar,
  pageSizePt,
  paperPx,
  planTiles,
  resolvePreset,
  shownArea,
  tileCentre,
  wrapText,
  type FigureTexts,
  type Measure,
  type Rect,
} from '../../src/export/layout.ts';

/** A monospace stand-in for canvas text metrics: CJK characters are one em, others 0.55 em. */
const measure: Measure = (text, font) =>
  [...text].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.55) * font.size, 0);
const screen = { width: 1000, height: 700 };

const texts = (rows = 5, extra: Partial<FigureTexts> = {}): FigureTexts => ({
  title: 'Population density (2020 census) · 2020',
  subtitle: 'Beijing · Tianjin · Hebei · Counties · Units: persons per km²',
  legendHeading: 'Population density (2020 census)',
  legendUnit: 'Units: persons per km²',
  rows: [
    ...Array.from({ length: rows }, (_, i) => ({
      kind: 'fill' as const,
      color: '#440154',
      label: `${i * 100}–${(i + 1) * 100}`,
      count: '(12)',
    })),
    { kind: 'nodata' as const, color: '#d9d9d9', label: 'No data', count: '(3)' },
  ],
  notes: 'Classes: quantile, 5 classes. Hatched grey: no data.\nCensus population divided by area.',
  sources:
    'Sources: 7th National Population Census (2020), county-level tabulation; Beijing statistical communiqué',
  attribution: 'Basemap: Natural Earth · GSHHG · Boundaries: Tianditu · Exported 2025-01-01',
  north: 'N',
  ...extra,
});

const inside = (r: Rect, W: number, H: number) =>
  r.x >= 0 && r.y >= 0 && r.x + r.w <= W + 0.5 && r.y + r.h <= H + 0.5;
const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('page sizes', () => {
  it('A4 landscape at 300 dpi is exactly 3508 × 2480 px', () => {
    expect(paperPx('a4', 'landscape', 300)).toEqual({ width: 3508, height: 2480 });
    expect(resolvePreset('a4-300', { screen })).toMatchObject({ width: 3508, height: 2480, dpi: 300 });
    expect(resolvePreset('a4-landscape-300', { screen })).toMatchObject({ width: 3508, height: 2480 });
  });

  it('gives the other paper presets in pixels at their dpi', () => {
    expect(paperPx('a4', 'portrait', 300)).toEqual({ width: 2480, height: 3508 });
    expect(paperPx('a4', 'landscape', 150)).toEqual({ width: 1754, height: 1240 });
    expect(resolvePreset('a3-150', { screen })).toMatchObject({ width: 2480, height: 1754, dpi: 150 });
    expect(resolvePreset('a3-portrait-150', { screen })).toMatchObject({ width: 1754, height: 2480 });
    expect(mmToPx(25.4, 96)).toBe(96);
  });

  it('screen presets follow the live map, 1920×1080 is a 16:9 slide', () => {
    expect(resolvePreset('screen-1x', { screen })).toEqual({ width: 1000, height: 700, dpi: 96 });
    expect(resolvePreset('screen-2x', { screen })).toEqual({ width: 2000, height: 1400, dpi: 192 });
    const hd = resolvePreset('1920x1080', { screen });
    expect(hd).toMatchObject({ width: 1920, height: 1080 });
    // 13.33 × 7.5 in, PowerPoint's 16:9 page.
    expect(pageSizePt(hd as never)).toEqual({ width: 960, height: 540 });
  });

  it('PDF pages are the paper size in points', () => {
    const a4 = resolvePreset('a4-150', { screen });
    const pt = pageSizePt(a4 as never);
    expect(pt.width).toBeCloseTo(841.89, 1);
    expect(pt.height).toBeCloseTo(595.28, 1);
  });

  it('refuses unknown presets and impossible custom sizes with a reason', () => {
    expect(resolvePreset('a5-300', { screen })).toEqual({
      error: expect.stringContaining('Unknown preset "a5-300"'),
    });
    expect(resolvePreset('custom', { screen })).toEqual({ error: expect.stringContaining('width') });
    expect(resolvePreset('custom', { screen, custom: { width: 2000, height: 1000, dpi: 200 } })).toEqual({
      width: 2000,
      height: 1000,
      dpi: 200,
    });
    expect(checkSize({ width: 20000, height: 1000, dpi: 300 })).toMatch(/larger/);
    expect(checkSize({ width: 100, height: 1000, dpi: 300 })).toMatch(/at least/);
    expect(checkSize({ width: 1000, height: 1000, dpi: 2000 })).toMatch(/dpi/);
  });
});

describe('scale bar', () => {
  it('picks the longest 1, 2 or 5 × 10^n distance that fits', () => {
    expect(niceScaleBar(100, 300)).toEqual({ metres: 20000, lengthPx: 200, value: 20, unit: 'km' });
    expect(niceScaleBar(100, 600)).toMatchObject({ metres: 50000, lengthPx: 500, value: 50 });
    expect(niceScaleBar(100, 99)).toMatchObject({ metres: 5000, value: 5, unit: 'km' });
    expect(niceScaleBar(1, 180)).toMatchObject({ metres: 100, value: 100, unit: 'm' });
    expect(niceScaleBar(0, 100)).toBeNull();
  });

  it('always gives a nice number no longer than the room, and at least 40% of it', () => {
    for (const mpp of [3.7, 17, 123.4, 999, 4321]) {
      for (const room of [80, 170, 531]) {
        const bar = niceScaleBar(mpp, room)!;
        expect(bar.lengthPx).toBeLessThanOrEqual(room + 1e-6);
        expect(bar.lengthPx).toBeGreaterThanOrEqual(room * 0.4);
        const mantissa = bar.metres / 10 ** Math.floor(Math.log10(bar.metres));
        expect([1, 2, 5]).toContain(Math.round(mantissa));
      }
    }
  });

  it("uses Web Mercator ground resolution with the mean Earth radius (as MapLibre's scale control)", () => {
    expect(metresPerCssPixel(0, 0)).toBeCloseTo((2 * Math.PI * 6371008.8) / 512, 6);
    // Halves per zoom level and shrinks with cos(latitude).
    expect(metresPerCssPixel(39.4, 7)).toBeCloseTo(
      (metresPerCssPixel(0, 0) * Math.cos((39.4 * Math.PI) / 180)) / 128,
      6,
    );
  });
});

describe('map frame', () => {
  it('fits the live view into the export frame', () => {
    expect(fitZoom(6, { width: 1000, height: 700 }, { width: 2000, height: 1400 })).toBeCloseTo(7);
    expect(fitZoom(6, { width: 1000, height: 700 }, { width: 1000, height: 350 })).toBeCloseTo(5);
  });

  it('tiles a frame larger than the GPU limit and keeps the tiles inside it', () => {
    expect(planTiles(3000, 2000, 4096)).toEqual([{ x: 0, y: 0, width: 3000, height: 2000 }]);
    const tiles = planTiles(9000, 5000, 4096);
    expect(tiles).toHaveLength(6);
    expect(tiles.reduce((a, t) => a + t.width * t.height, 0)).toBe(9000 * 5000);
    for (const t of tiles) expect(Math.max(t.width, t.height)).toBeLessThanOrEqual(4096);
  });

  it('moves tile centres by whole-pixel offsets in Web Mercator', () => {
    expect(tileCentre([116, 39], 6, { x: 0, y: 0 })[0]).toBeCloseTo(116, 9);
    expect(tileCentre([116, 39], 6, { x: 0, y: 0 })[1]).toBeCloseTo(39, 9);
    // 512 px at zoom 0 is the whole world: 256 px east is 180° of longitude.
    expect(tileCentre([0, 0], 0, { x: 256, y: 0 })[0]).toBeCloseTo(180, 9);
    // North is up: a negative y offset moves north.
    expect(tileCentre([116, 39], 6, { x: 0, y: -100 })[1]).toBeGreaterThan(39);
  });

  it('clips the no-data hatch to its swatch', () => {
    const r = { x: 10, y: 20, w: 26, h: 13 };
    const segs = hatchSegments(r, 4);
    expect(segs.length).toBeGreaterThan(5);
    for (const [x1, y1, x2, y2] of segs) {
      for (const [x, y] of [
        [x1, y1],
        [x2, y2],
      ] as const) {
        expect(x).toBeGreaterThanOrEqual(r.x - 1e-9);
        expect(x).toBeLessThanOrEqual(r.x + r.w + 1e-9);
        expect(y).toBeGreaterThanOrEqual(r.y - 1e-9);
        expect(y).toBeLessThanOrEqual(r.y + r.h + 1e-9);
      }
    }
  });
});

describe('text wrapping', () => {
  const font = { size: 10, bold: false };
  it('breaks at spaces and keeps lines within the width', () => {
    const lines = wrapText('the quick brown fox jumps over the lazy dog', 60, font, measure);
    expect(lines.join(' ')).toBe('the quick brown fox jumps over the lazy dog');
    for (const l of lines) expect(measure(l, font)).toBeLessThanOrEqual(60);
  });

  it('breaks between Chinese characters but not before closing punctuation', () => {
    const lines = wrapText('京津冀公共服务共建共享地图，北京天津河北。', 45, font, measure);
    expect(lines.join('')).toBe('京津冀公共服务共建共享地图，北京天津河北。');
    for (const l of lines) expect(l.startsWith('，') || l.startsWith('。')).toBe(false);
  });

  it('keeps opening brackets with what follows', () => {
    const lines = wrapText('分级：分位数，5 级。灰色斜线：无数据（缺失值未作填补）。', 90, font, measure);
    for (const l of lines) expect(l.endsWith('（')).toBe(false);
  });

  it('ends with an ellipsis beyond the line limit and honours newlines', () => {
    const lines = wrapText('one two three four five six seven eight nine ten', 40, font, measure, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(wrapText('a\nb', 100, font, measure)).toEqual(['a', 'b']);
  });

  it('hard-breaks a word longer than the line', () => {
    const lines = wrapText(
      'github.com/leiii/census/data/census/census_county_2020_v1.xlsx',
      60,
      font,
      measure,
    );
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(measure(l, font)).toBeLessThanOrEqual(60);
  });
});

describe('figure layout', () => {
  const cases: [string, number, number, number][] = [
    ['A4 landscape 300 dpi', 3508, 2480, 300],
    ['A4 portrait 300 dpi', 2480, 3508, 300],
    ['A3 landscape 150 dpi', 2480, 1754, 150],
    ['1920×1080', 1920, 1080, 144],
    ['screen', 1000, 700, 96],
  ];
  for (const [name, W, H, dpi] of cases) {
    it(`${name}: every part is inside the page and nothing overlaps the map`, () => {
      const l = layoutFigure(texts(9), { width: W, height: H, dpi, measure });
      const boxes = layoutBoxes(l);
      for (const [key, box] of Object.entries(boxes)) expect(inside(box, W, H), key).toBe(true);
      for (const row of l.legend.rows) expect(inside(row.swatch, W, H)).toBe(true);
      for (const key of ['title', 'subtitle', 'legend', 'notes', 'sources', 'attribution']) {
        expect(overlap(boxes[key]!, l.map), key).toBe(false);
      }
      // Insets sit inside the map frame.
      expect(l.northArrow.x).toBeGreaterThan(l.map.x);
      expect(l.northArrow.x + l.northArrow.w).toBeLessThan(l.map.x + l.map.w);
      expect(l.scaleBar.x).toBeGreaterThan(l.map.x);
      expect(l.scaleBar.y).toBeLessThan(l.map.y + l.map.h);
      // The map gets most of the page.
      expect((l.map.w * l.map.h) / (W * H)).toBeGreaterThan(0.4);
      expect(Number.isInteger(l.map.w) && Number.isInteger(l.map.h)).toBe(true);
    });
  }

  it('puts the legend beside the map on landscape pages and below it on portrait pages', () => {
    const land = layoutFigure(texts(), { width: 3508, height: 2480, dpi: 300, measure });
    expect(land.arrangement).toBe('side');
    expect(land.legend.box.x).toBeGreaterThanOrEqual(land.map.x + land.map.w);
    const port = layoutFigure(texts(), { width: 2480, height: 3508, dpi: 300, measure });
    expect(port.arrangement).toBe('below');
    expect(port.legend.box.y).toBeGreaterThanOrEqual(port.map.y + port.map.h);
  });

  it('on a squarish page picks the arrangement that shows the view larger', () => {
    const opts = { width: 1320, height: 1480, dpi: 192, measure, mapAspect: 0.9 };
    const chosen = layoutFigure(texts(), opts);
    const other = layoutFigure(texts(), {
      ...opts,
      arrangement: chosen.arrangement === 'side' ? 'below' : 'side',
    });
    expect(shownArea(chosen.map, 0.9)).toBeGreaterThanOrEqual(shownArea(other.map, 0.9));
    expect(shownArea({ w: 400, h: 100 }, 2)).toBe(200 * 100);
  });

  it('scales sizes with dpi, so 300 dpi looks like 150 dpi at twice the pixels', () => {
    const a = layoutFigure(texts(), { width: 1754, height: 1240, dpi: 150, measure });
    const b = layoutFigure(texts(), { width: 3508, height: 2480, dpi: 300, measure });
    expect(b.title.font.size).toBeCloseTo(a.title.font.size * 2);
    expect(b.legend.rows[0]!.swatch.w).toBeCloseTo(a.legend.rows[0]!.swatch.w * 2);
    expect(b.map.w / b.width).toBeCloseTo(a.map.w / a.width, 2);
  });

  it('lists every legend row in order, the no-data row hatched', () => {
    const l = layoutFigure(texts(5), { width: 3508, height: 2480, dpi: 300, measure });
    expect(l.legend.rows.map((r) => r.kind)).toEqual(['fill', 'fill', 'fill', 'fill', 'fill', 'nodata']);
    const ys = l.legend.rows.map((r) => r.swatch.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });
});
