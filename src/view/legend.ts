// The legend of a view, as words and swatches in one language. The on-screen legend (Legend.svelte)
// and the exported figure (export/content.ts) both draw this model, so they cannot disagree.
import type { FacilityType } from '../core/access/types.ts';
import { classIndex } from '../core/classify.ts';
import type { ChangeMode } from '../core/change.ts';
import type { Choropleth } from '../core/choropleth.ts';
import { formatRange, formatValue, type Lang } from '../core/format.ts';
import { NO_DATA_COLOR } from '../core/palettes.ts';
import type { IndicatorMeta, SourceInfo, UnitInfo } from '../core/types.ts';
import { indicatorName, indicatorUnit, unitName } from '../data/names.ts';
import { t } from '../i18n/messages.ts';
import {
  BAND_COLORS,
  BAND_LINE_COLORS,
  CHANGE_LINE_RGBA,
  FACILITY_COLORS,
  RAIL_YEARS,
  SELECTION_RGBA,
  SPEED_CLASSES,
  yearColor,
} from '../layers/colors.ts';
import type { Dataset } from '../data/dataset.ts';
import type { AppState, RailState } from '../state/schema.ts';
import { dataYearOf } from './describe.ts';
import { compareBand } from './rail-analysis.ts';

/** How a row's swatch is drawn: an area, hatched "no data", an outline, a line, a dashed line, a dot. */
export type SwatchKind = 'fill' | 'nodata' | 'outline' | 'line' | 'dashed' | 'point';

export interface LegendRow {
  kind: SwatchKind;
  /** CSS colour (rgb or rgba). */
  color: string;
  /** A fill's edge colour when the map draws that area with a strong edge (isochrone bands). */
  line?: string;
  label: string;
  /** "(12)" for classes; empty where a count means nothing. */
  count: string;
}

export interface LegendGroup {
  id: 'choropleth' | 'rail' | 'isochrone' | 'facilities';
  /** Empty for the choropleth (the legend's own heading names it). */
  heading: string;
  rows: LegendRow[];
}

/**
 * The small histogram above the classes (Datawrapper's legend): equal-width bins over the range of
 * the values shown, each bar coloured by the class its middle falls in, and the class edges marked.
 * Positions are fractions of the histogram's width (0 = lowest value, 1 = highest); heights are
 * fractions of the tallest bar.
 */
export interface LegendHistogram {
  bars: { x0: number; x1: number; count: number; height: number; color: string }[];
  /** Class edges, at their position, with the label drawn under the ends (and at 0 for change maps). */
  ticks: { at: number; label: string }[];
  /** Units counted (those with a value). */
  n: number;
}

export interface LegendModel {
  heading: string;
  /** The year the indicator is drawn for (its nearest year with values when the slider's has none). */
  year: number;
  /** Why `year` is not the slider's year; '' when it is (issue 14). */
  yearNote: string;
  /** Said when quantile classes collapsed on tied values (fewer classes than asked); '' otherwise. */
  classNote: string;
  /** "Units: persons per km²". */
  unit: string;
  groups: LegendGroup[];
  sources: SourceInfo[];
  /** Distribution of the values behind the classes; null when fewer than two units have one. */
  histogram: LegendHistogram | null;
  /** The two years of a change map (the heading names them); null for a map of one year. */
  change: LegendChange | null;
}

/** A change map's two years and measure (state.change with the end year). */
export interface LegendChange {
  from: number;
  to: number;
  mode: ChangeMode;
}

export interface LegendInput {
  meta: IndicatorMeta | undefined;
  indicator: string;
  year: number;
  /** The slider's year when the indicator is drawn for its nearest year with values instead. */
  askedYear?: number;
  /** The classification asked for (to say when quantile classes collapse on ties). */
  asked?: { method: string; classes: number };
  choropleth: Choropleth;
  selected: UnitInfo | undefined;
  rail: RailState;
  facilities: readonly FacilityType[];
  /** Facility types whose list is known to be partial. */
  partial: ReadonlySet<FacilityType>;
  sources: SourceInfo[];
  lang: Lang;
  /** Set for a change map: the heading, units and "missing" row name both years. */
  change?: LegendChange | null;
}

export const rgbaCss = (c: readonly number[]) =>
  c.length > 3 && c[3] !== 255
    ? `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${+((c[3] ?? 255) / 255).toFixed(2)})`
    : `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

/** Opening years the rail ramp labels: the ends and three steps between. */
const RAMP_YEARS = [0, 1, 2, 3, 4].map((i) =>
  Math.round(RAIL_YEARS[0] + (i * (RAIL_YEARS[1] - RAIL_YEARS[0])) / 4),
);

function railRows(rail: RailState, lang: Lang): LegendRow[] {
  const rows: LegendRow[] =
    rail.color === 'year'
      ? RAMP_YEARS.map((y) => ({
          kind: 'line',
          color: rgbaCss(yearColor(y)),
          label: t(lang, 'legend.openedIn', { year: String(y) }),
          count: '',
        }))
      : SPEED_CLASSES.map((c, i) => ({
          kind: 'line',
          color: rgbaCss(c.color),
          label: c.min > 0 ? `≥ ${c.min} km/h` : `< ${SPEED_CLASSES[i - 1]?.min ?? 200} km/h`,
          count: '',
        }));
  rows.push({ kind: 'dashed', color: 'rgb(85, 85, 85)', label: t(lang, 'rail.schematic'), count: '' });
  if (rail.planned)
    rows.push({ kind: 'dashed', color: 'rgb(110, 80, 160)', label: t(lang, 'layers.planned'), count: '' });
  return rows;
}

function isochroneRows(rail: RailState, year: number, lang: Lang): LegendRow[] {
  const rows: LegendRow[] = rail.bands.map((b, i) => ({
    kind: 'fill',
    color: rgbaCss(BAND_COLORS[i] ?? BAND_COLORS[5]!),
    line: rgbaCss(BAND_LINE_COLORS[i] ?? BAND_LINE_COLORS[5]!),
    label: `≤ ${b} min`,
    count: '',
  }));
  // The area gained is drawn as a blue outline over light bands; its swatch is that outline.
  if (rail.compare !== null && rail.compare !== year)
    rows.push({
      kind: 'outline',
      color: rgbaCss(CHANGE_LINE_RGBA),
      label: t(lang, 'view.title.gained', {
        band: String(compareBand(rail.bands)),
        year: String(rail.compare),
      }),
      count: '',
    });
  return rows;
}

/**
 * The legend histogram of a choropleth: about `bins` equal-width bins (by default about 2√n, 5 to 20),
 * also cut at every class edge, so each bar lies in one class, takes its colour, and the bars of a
 * class add up to the class's count in the legend.
 * @example legendHistogram({ edges: [0, 5, 10], colors: ['a', 'b'], values: [1, 2, 9] } as Choropleth, 'en', 2).bars.map((b) => b.count) // → [2, 1]
 */
export function legendHistogram(
  choropleth: Pick<Choropleth, 'edges' | 'colors' | 'values'>,
  lang: Lang,
  bins?: number,
  zeroTick = false,
): LegendHistogram | null {
  const { edges, colors } = choropleth;
  const values = choropleth.values.filter(Number.isFinite);
  if (values.length < 2 || edges.length < 2) return null;
  const lo = edges[0]!;
  const hi = edges[edges.length - 1]!;
  if (!(hi > lo)) return null;
  const k = bins ?? Math.min(20, Math.max(5, Math.round(2 * Math.sqrt(values.length))));
  const at = (e: number) => (e - lo) / (hi - lo);
  // Cut points as fractions of the range: the equal steps and the class edges, merged.
  const cuts = [...new Set([...Array.from({ length: k + 1 }, (_, i) => i / k), ...edges.map(at)])]
    .filter((x) => x >= 0 && x <= 1)
    .sort((a, b) => a - b)
    .filter((x, i, xs) => i === 0 || x - xs[i - 1]! > 1e-9);
  const counts = new Array<number>(cuts.length - 1).fill(0);
  for (const v of values) {
    // The same rule as the classes: a value on a cut belongs to the bar above it, the maximum to the last.
    const x = at(v);
    let i = cuts.findIndex((c, j) => j > 0 && x < c - 1e-12) - 1;
    if (i < 0) i = x <= 0 ? 0 : counts.length - 1;
    counts[i]!++;
  }
  const tallest = Math.max(1, ...counts);
  const bars = counts.map((count, i) => {
    const mid = lo + ((cuts[i]! + cuts[i + 1]!) / 2) * (hi - lo);
    return {
      x0: cuts[i]!,
      x1: cuts[i + 1]!,
      count,
      height: count / tallest,
      color: colors[classIndex(mid, edges)] ?? NO_DATA_COLOR,
    };
  });
  const ticks = edges.map((e, i) => ({
    at: at(e),
    label: i === 0 || i === edges.length - 1 ? formatValue(e, lang) : '',
  }));
  if (zeroTick && lo < 0 && hi > 0) ticks.push({ at: at(0), label: '0' });
  return { bars, ticks, n: values.length };
}

/**
 * The legend of a view.
 * @example
 * legendModel({ meta, indicator: 'gdp', year: 2020, choropleth, selected: undefined, rail,
 *   facilities: [], partial: new Set(), sources: [], lang: 'en' }).groups[0].rows[0].kind; // 'fill'
 */
export function legendModel(v: LegendInput): LegendModel {
  const { choropleth, lang } = v;
  const classes: LegendRow[] = choropleth.colors.map((color, i) => ({
    kind: 'fill',
    color,
    label: formatRange(choropleth.edges[i]!, choropleth.edges[i + 1]!, lang),
    count: `(${formatValue(choropleth.counts[i] ?? 0, lang, 0)})`,
  }));
  const change = v.change ?? null;
  const years: Record<string, string> = change ? { from: String(change.from), to: String(change.to) } : {};
  classes.push({
    kind: 'nodata',
    color: NO_DATA_COLOR,
    label: change ? t(lang, 'change.missing', years) : t(lang, 'legend.noData'),
    count: `(${formatValue(choropleth.noData.length, lang, 0)})`,
  });
  if (v.selected)
    classes.push({
      kind: 'outline',
      color: rgbaCss(SELECTION_RGBA),
      label: t(lang, 'export.fig.selected', { name: unitName(v.selected, lang) }),
      count: '',
    });
  const groups: LegendGroup[] = [{ id: 'choropleth', heading: '', rows: classes }];
  if (v.rail.on) {
    const by = t(lang, v.rail.color === 'year' ? 'layers.byYear' : 'layers.bySpeed');
    groups.push({ id: 'rail', heading: `${t(lang, 'layers.rail')} · ${by}`, rows: railRows(v.rail, lang) });
    if (v.rail.origin)
      groups.push({
        id: 'isochrone',
        heading: t(lang, 'legend.isochrone'),
        rows: isochroneRows(v.rail, v.askedYear ?? v.year, lang),
      });
  }
  if (v.facilities.length)
    groups.push({
      id: 'facilities',
      heading: t(lang, 'legend.facilities'),
      rows: v.facilities.map((type) => ({
        kind: 'point',
        color: rgbaCss(FACILITY_COLORS[type]),
        label: v.partial.has(type)
          ? `${t(lang, `access.type.${type}`)} (${t(lang, 'access.partial')})`
          : t(lang, `access.type.${type}`),
        count: '',
      })),
    });
  const name = v.meta ? indicatorName(v.meta, lang) : v.indicator;
  const unit = v.meta ? indicatorUnit(v.meta, lang) : '';
  const sep = lang === 'zh' ? '：' : ': ';
  return {
    heading: change ? t(lang, 'change.heading', { indicator: name, ...years }) : name,
    year: v.year,
    yearNote:
      v.askedYear !== undefined && v.askedYear !== v.year
        ? t(lang, 'view.nearestYear', { asked: String(v.askedYear), year: String(v.year) })
        : '',
    classNote:
      v.asked?.method === 'quantile' &&
      choropleth.colors.length > 0 &&
      choropleth.colors.length < v.asked.classes
        ? t(lang, 'legend.ties', { n: String(choropleth.colors.length), asked: String(v.asked.classes) })
        : '',
    unit: change
      ? `${t(lang, 'legend.units')}${sep}${t(lang, change.mode === 'pct' ? 'change.unitPct' : 'change.unitDiff', { unit, ...years })}`
      : `${t(lang, 'legend.units')}${sep}${unit}`,
    groups,
    sources: v.sources,
    histogram: legendHistogram(choropleth, lang, undefined, change !== null),
    change,
  };
}

/** The legend of a state's view of a dataset: what the screen shows, in any language (for exports). */
export function legendOf(
  data: Dataset,
  state: Pick<AppState, 'indicator' | 'year' | 'level' | 'selected' | 'rail'> &
    Partial<Pick<AppState, 'method' | 'classes'>> & {
      access: Pick<AppState['access'], 'facilities'>;
      change?: AppState['change'];
    },
  choropleth: Choropleth,
  partial: ReadonlySet<FacilityType>,
  lang: Lang,
): LegendModel {
  // The indicator's year: the slider's, or its nearest year with values (said in yearNote); a
  // change map compares exactly the two years asked for.
  const year = legendChange(state) ? state.year : dataYearOf(data, state).year;
  return legendModel({
    meta: data.indicatorById.get(state.indicator),
    indicator: state.indicator,
    year,
    askedYear: state.year,
    ...(state.method && state.classes ? { asked: { method: state.method, classes: state.classes } } : {}),
    choropleth,
    selected: state.selected ? data.units.get(state.selected) : undefined,
    rail: state.rail,
    facilities: state.access.facilities,
    partial,
    // A change map compares the two years asked for; a one-year map shows its drawn year's sources.
    sources: legendChange(state)
      ? changeSources(data, state)
      : data.sourcesShown(state.indicator, year, state.level),
    lang,
    change: legendChange(state),
  });
}

/** The change a state shows (its start year and the slider's end year), or null for a one-year map. */
export function legendChange(state: { year: number; change?: AppState['change'] }): LegendChange | null {
  const c = state.change;
  return c && c.from !== null && c.from !== state.year
    ? { from: c.from, to: state.year, mode: c.mode }
    : null;
}

/** Sources of the values shown: of both years on a change map (first-seen order, once each). */
export function changeSources(
  data: Dataset,
  state: Pick<AppState, 'indicator' | 'year' | 'level'> & { change?: AppState['change'] },
): SourceInfo[] {
  const end = data.sourcesShown(state.indicator, state.year, state.level);
  const change = legendChange(state);
  if (!change) return end;
  const start = data.sourcesShown(state.indicator, change.from, state.level);
  const seen = new Set<string>();
  return [...start, ...end].filter((s) => !seen.has(s.id) && (seen.add(s.id), true));
}
