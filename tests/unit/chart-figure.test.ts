// Figures of the gap chart and the sharing timeline (issue 12): layout inside the page, what is drawn
// (series, dots, dates), the texts and the sources, through a painter that records its calls.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gapSeries } from '../../src/core/gap.ts';
import { parseIndicatorCsv } from '../../src/core/indicators.ts';
import {
  chartTexts,
  dateInYears,
  drawChartPage,
  drawGapChart,
  drawTimeline,
  gapSources,
  layoutChart,
  timelineChartModel,
  timelineSources,
  type ChartTexts,
} from '../../src/export/chart-figure.ts';
import type { Painter } from '../../src/export/draw.ts';
import { resolvePreset } from '../../src/export/layout.ts';
import { gapChartModel, type ClaimsFile } from '../../src/view/answers.ts';

const ROOT = join(import.meta.dirname, '../..');
const { rows } = parseIndicatorCsv(readFileSync(join(ROOT, 'data/indicators.csv'), 'utf8'), 'data');
const claims = JSON.parse(readFileSync(join(ROOT, 'data/claims.json'), 'utf8')) as ClaimsFile;
const measure = (t: string, f: { size: number }) => [...t].length * f.size * 0.55;

function recorder() {
  const calls: { op: string; args: unknown[] }[] = [];
  const p: Painter = {
    rect: (...args) => void calls.push({ op: 'rect', args }),
    polyline: (...args) => void calls.push({ op: 'polyline', args }),
    polygon: (...args) => void calls.push({ op: 'polygon', args }),
    text: (...args) => void calls.push({ op: 'text', args }),
    map: (...args) => void calls.push({ op: 'map', args }),
  };
  return { p, calls, texts: () => calls.filter((c) => c.op === 'text').map((c) => c.args[0] as string) };
}

const texts: ChartTexts = {
  title: 'Hebei compared with Beijing, Tianjin and China: Hospital beds per 1,000 residents',
  subtitle: 'Hebei ÷ reference by year (1 = parity)',
  notes: 'closing: 0.84 (2013) → 1.02 (2020)\nRatios of the values of the same year.',
  sources: 'Sources: a; b',
  attribution: 'Exported 2026-01-01',
};

describe('chart figure layout', () => {
  for (const preset of ['a4-landscape-300', 'a4-portrait-150', '1920x1080']) {
    it(`keeps every part inside the ${preset} page, the chart between header and footer`, () => {
      const size = resolvePreset(preset, { screen: { width: 1280, height: 800 } });
      if ('error' in size) throw new Error(size.error);
      const l = layoutChart(texts, { ...size, measure });
      for (const b of [l.title.box, l.subtitle.box, l.chart, l.notes.box, l.sources.box, l.attribution.box]) {
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.x + b.w).toBeLessThanOrEqual(size.width);
        expect(b.y + b.h).toBeLessThanOrEqual(size.height);
      }
      expect(l.chart.y).toBeGreaterThan(l.subtitle.box.y + l.subtitle.box.h);
      expect(l.chart.y + l.chart.h).toBeLessThan(l.notes.box.y);
      expect(l.notes.box.y + l.notes.box.h).toBeLessThanOrEqual(l.sources.box.y);
      expect(l.chart.h).toBeGreaterThan(size.height * 0.4);
      expect(l.notes.lines.map((x) => x.text)).toEqual(texts.notes.split('\n'));
    });
  }
});

describe('gap chart figure', () => {
  it('draws one line per reference through every year of the data, with a key', () => {
    const series = gapSeries(rows, 'beds_per_1000');
    const model = gapChartModel(rows, 'beds_per_1000', 800, 400);
    const { p, calls, texts: drawn } = recorder();
    const keys = model.lines.map((l) => ({ reference: l.reference, label: `key ${l.reference}` }));
    drawGapChart(p, { x: 100, y: 50, w: 1600, h: 856 }, model, keys, 2);
    const lines = calls.filter((c) => c.op === 'polyline' && (c.args[2] as number) === 4);
    expect(lines.map((c) => (c.args[0] as unknown[]).length)).toEqual(series.map((s) => s.points.length));
    const years = [...new Set(series.flatMap((s) => s.points.map((q) => q.year)))];
    expect(drawn()).toContain(String(Math.min(...years)));
    expect(drawn()).toContain(String(Math.max(...years)));
    for (const k of keys) expect(drawn()).toContain(k.label);
    // Dots at the model's positions, scaled by 2 and offset into the frame.
    const first = model.lines[0]!.dots[0]!;
    const dot = calls.find((c) => c.op === 'rect')!.args[0] as { x: number; y: number; w: number };
    expect(dot.x + dot.w / 2).toBeCloseTo(100 + first.x * 2);
    expect(dot.y + dot.w / 2).toBeCloseTo(50 + first.y * 2);
  });

  it('cites the pages behind the Hebei and reference values', () => {
    const byId = new Map(
      rows.map((r) => [r.source_id, { id: r.source_id, title: `t-${r.source_id}`, url: '' }]),
    );
    const src = gapSources(rows, 'beds_per_1000', byId);
    const expected = new Set(
      rows
        .filter(
          (r) =>
            r.indicator === 'beds_per_1000' &&
            r.rank === 1 &&
            ['130000', '110000', '120000', '000000'].includes(r.unit_code),
        )
        .map((r) => r.source_id),
    );
    expect(new Set(src.map((s) => s.id))).toEqual(expected);
    expect(
      chartTexts({ title: 'x', subtitle: '', notes: '', sources: src }, 'en', '2026-01-01').sources,
    ).toMatch(/^Sources/);
  });
});

describe('sharing timeline figure', () => {
  it('places every dated figure of every measure at its date, on one row per measure', () => {
    const model = timelineChartModel(claims.timeline, 'en', 1000, 600);
    expect(model.rows.map((r) => r.id)).toEqual(claims.timeline.map((m) => m.id));
    for (const [i, m] of claims.timeline.entries()) {
      const dated = m.entries.filter((e) => e.date);
      expect(model.rows[i]!.dots).toHaveLength(dated.length);
      expect(model.rows[i]!.dots.filter((d) => !d.verified)).toHaveLength(
        dated.filter((e) => !e.verified).length,
      );
    }
    // Later dates sit further right.
    const xs = model.rows.flatMap((r) => r.dots.map((d) => d.x));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(model.axis.x0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(model.axis.x1);
    expect(dateInYears('2024-05')).toBeLessThan(dateInYears('2024-05-20'));
    const libraries = model.rows.find((r) => r.id === 'card_libraries')!;
    for (const n of ['153', '171']) expect(libraries.dots.some((d) => d.label.startsWith(n))).toBe(true);

    const { p, texts: drawn } = recorder();
    drawTimeline(p, { x: 0, y: 0, w: 2000, h: 1200 }, model, 2, measure);
    for (const r of model.rows) for (const d of r.dots) expect(drawn()).toContain(d.label);
    const zh = timelineChartModel(claims.timeline, 'zh', 1000, 600);
    expect(zh.rows[0]!.name).toBe(claims.timeline[0]!.name_zh);
  });

  it('lists each release page once, by host, and draws the page texts', () => {
    const src = timelineSources(claims.timeline);
    const hosts = new Set(
      claims.timeline.flatMap((m) =>
        m.entries.filter((e) => e.source_url).map((e) => new URL(e.source_url).hostname),
      ),
    );
    expect(src.map((s) => s.title).sort()).toEqual([...hosts].sort());
    const { p, texts: drawn } = recorder();
    const l = layoutChart(texts, { width: 1600, height: 1000, dpi: 96, measure });
    let chart: unknown = null;
    drawChartPage(p, l, (_p, r) => (chart = r));
    expect(chart).toEqual(l.chart);
    expect(drawn()).toContain(texts.title);
    expect(drawn()).toContain('Sources: a; b');
  });
});
