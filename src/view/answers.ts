// The answers views as pure models: the claims file's types, the sharing timeline as CSV rows, and the
// Hebei gap chart (lines, axes, the direction in words). Components only draw these.
import { GAP_REFERENCES, gapSeries, type GapSeries } from '../core/gap.ts';
import type { Lang } from '../core/format.ts';
import type { IndicatorRow } from '../core/types.ts';

import type { ClaimEntry, ClaimsFile, TimelineEntry, TimelineMeasure } from '../core/claims.ts';
export type { ClaimEntry, ClaimsFile, TimelineEntry, TimelineMeasure };

/** A claim's "show" link in the current language (the claim's state plus lang). */
export function claimHref(urlState: string, lang: Lang): string {
  return `${urlState}${urlState.includes('?') && urlState.length > 1 ? '&' : '?'}lang=${lang}`;
}

export const TIMELINE_CSV_COLUMNS = [
  'measure',
  'measure_zh',
  'measure_en',
  'date',
  'as_of',
  'value',
  'value_as_written',
  'verified',
  'quote',
  'source_url',
  'source_kind',
  'note',
  'discrepancy_zh',
  'discrepancy_en',
] as const;

/** Every timeline entry as a CSV row (header first), with its quote and page. */
export function timelineRows(timeline: readonly TimelineMeasure[]): (string | number | null)[][] {
  return [
    [...TIMELINE_CSV_COLUMNS],
    ...timeline.flatMap((m) =>
      m.entries.map((e) => [
        m.id,
        m.name_zh,
        m.name_en,
        e.date,
        e.as_of,
        e.value,
        e.value_text,
        e.verified ? 'yes' : 'no',
        e.quote,
        e.source_url,
        e.source_kind,
        e.note,
        m.discrepancy_zh,
        m.discrepancy_en,
      ]),
    ),
  ];
}

export interface GapLine {
  reference: string;
  series: GapSeries;
  /** SVG path in chart coordinates. */
  path: string;
  dots: { x: number; y: number; year: number; ratio: number }[];
}

export interface GapChartModel {
  width: number;
  height: number;
  years: [number, number] | null;
  ratios: [number, number];
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
  parityY: number;
  lines: GapLine[];
}

const PAD = { left: 40, right: 12, top: 10, bottom: 24 };

/**
 * The gap chart of one indicator: a line per reference unit (Beijing, Tianjin, nation), x = year,
 * y = Hebei ÷ reference, with the parity line at 1.
 */
export function gapChartModel(
  rows: readonly IndicatorRow[],
  indicator: string,
  width = 420,
  height = 200,
): GapChartModel {
  const all = gapSeries(rows, indicator, GAP_REFERENCES);
  const points = all.flatMap((s) => s.points);
  const years: [number, number] | null = points.length
    ? [Math.min(...points.map((p) => p.year)), Math.max(...points.map((p) => p.year))]
    : null;
  const rs = [1, ...points.map((p) => p.ratio)];
  const lo = Math.floor(Math.min(...rs) * 10) / 10;
  const hi = Math.ceil(Math.max(...rs) * 10) / 10;
  const ratios: [number, number] = [lo, hi === lo ? lo + 0.1 : hi];
  const [y0, y1] = years ?? [0, 1];
  const x = (year: number) =>
    PAD.left + (y1 === y0 ? 0.5 : (year - y0) / (y1 - y0)) * (width - PAD.left - PAD.right);
  const y = (r: number) =>
    PAD.top + (1 - (r - ratios[0]) / (ratios[1] - ratios[0])) * (height - PAD.top - PAD.bottom);
  const step = (ratios[1] - ratios[0]) / 4;
  const yTicks = Array.from({ length: 5 }, (_, i) => {
    const v = ratios[0] + i * step;
    return { y: y(v), label: v.toFixed(2) };
  });
  const xTicks = years
    ? [...new Set([y0, Math.round((y0 + y1) / 2), y1])].map((yr) => ({ x: x(yr), label: String(yr) }))
    : [];
  const lines = all.map((s) => {
    const dots = s.points.map((p) => ({ x: x(p.year), y: y(p.ratio), year: p.year, ratio: p.ratio }));
    const path = dots.map((d, i) => `${i ? 'L' : 'M'}${d.x.toFixed(1)},${d.y.toFixed(1)}`).join('');
    return { reference: s.reference, series: s, path, dots };
  });
  return { width, height, years, ratios, yTicks, xTicks, parityY: y(1), lines };
}

/** "closing: 0.62 → 0.71" (message key and parameters), or null with fewer than two years. */
export function gapDirectionText(s: GapSeries): { key: string; params: Record<string, string> } | null {
  if (!s.first || !s.last) return null;
  if (!s.direction)
    return { key: 'gap.oneYear', params: { value: s.first.ratio.toFixed(2), year: String(s.first.year) } };
  return {
    key: `gap.${s.direction}`,
    params: {
      first: `${s.first.ratio.toFixed(2)} (${s.first.year})`,
      last: `${s.last.ratio.toFixed(2)} (${s.last.year})`,
    },
  };
}

/** The gap series as CSV rows (header first): year, Hebei, reference, ratio, and the sources. */
export function gapRows(rows: readonly IndicatorRow[], indicator: string): (string | number | null)[][] {
  const src = new Map(
    rows
      .filter((r) => r.rank === 1 && r.indicator === indicator)
      .map((r) => [`${r.unit_code}|${r.year}`, r.source_id]),
  );
  return [
    [
      'indicator',
      'reference',
      'year',
      'hebei',
      'reference_value',
      'ratio',
      'hebei_source',
      'reference_source',
    ],
    ...gapSeries(rows, indicator).flatMap((s) =>
      s.points.map((p) => [
        indicator,
        s.reference,
        p.year,
        p.hebei,
        p.reference,
        p.ratio,
        src.get(`130000|${p.year}`) ?? '',
        src.get(`${s.reference}|${p.year}`) ?? '',
      ]),
    ),
  ];
}
