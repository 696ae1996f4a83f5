// The words of an exported figure, in the figure's language: title, subtitle, legend rows, notes,
// sources of the values shown (as the on-screen legend lists them) and attribution. Pure: Node-tested.
import type { Choropleth } from '../core/choropleth.ts';
import { formatRange, formatValue, type Lang } from '../core/format.ts';
import { NO_DATA_COLOR } from '../core/palettes.ts';
import type { SourceInfo } from '../core/types.ts';
import type { Dataset } from '../data/dataset.ts';
import { indicatorName, indicatorUnit, unitName } from '../data/names.ts';
import { t } from '../i18n/messages.ts';
import { BASEMAP_ATTRIBUTION } from '../map/offline-style.ts';
import { FACILITY_COLORS } from '../layers/facilities.ts';
import { BAND_COLORS, SPEED_CLASSES, yearColor } from '../layers/rail.ts';
import type { AppState } from '../state/schema.ts';
import type { FigureTexts } from './layout.ts';

/** Colour of the deck.gl selected-unit outline (layers/selection.ts), repeated in the legend. */
export const SELECTION_COLOR = 'rgb(20, 20, 20)';
const MAX_SOURCES = 8;
/** Fewer sources leave room for longer titles (the footer has three lines). */
const titleRoom = (n: number) => (n <= 1 ? 300 : n <= 3 ? 150 : 90);

export interface FigureOverrides {
  title?: string;
  subtitle?: string;
  notes?: string;
}

/** What the figure shows: the app state and the choropleth the screen is drawing. */
export interface FigureSubject {
  data: Dataset;
  state: AppState;
  choropleth: Choropleth;
}

export function defaultTitle({ data, state }: Pick<FigureSubject, 'data' | 'state'>, lang: Lang): string {
  const meta = data.indicatorById.get(state.indicator);
  return t(lang, 'export.fig.title', {
    indicator: meta ? indicatorName(meta, lang) : state.indicator,
    year: String(state.year),
  });
}

export function defaultSubtitle({ data, state }: Pick<FigureSubject, 'data' | 'state'>, lang: Lang): string {
  const meta = data.indicatorById.get(state.indicator);
  return t(lang, 'export.fig.subtitle', {
    region: t(lang, 'app.subtitle'),
    level: t(lang, `level.${state.level}`),
    unitsLabel: t(lang, 'legend.units'),
    unit: meta ? indicatorUnit(meta, lang) : '',
  });
}

export function defaultNotes({ data, state, choropleth }: FigureSubject, lang: Lang): string {
  const meta = data.indicatorById.get(state.indicator);
  const classes = t(lang, 'export.fig.classes', {
    method: t(lang, `classify.${state.method}`),
    n: String(choropleth.colors.length),
  });
  const note = meta ? (lang === 'zh' ? meta.notes_zh : meta.notes_en) : '';
  return note ? `${classes}\n${note}` : classes;
}

/** Sources of the values on show, in first-seen order (the same list the on-screen legend gives). */
export function shownSources({ data, state }: Pick<FigureSubject, 'data' | 'state'>): SourceInfo[] {
  return data.sourcesShown(state.indicator, state.year, state.level);
}

const rgbCss = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

/** Legend rows of the deck.gl layers on show: rail lines, isochrone bands, facility types. */
function layerRows(state: AppState, lang: Lang): FigureTexts['rows'] {
  const rows: FigureTexts['rows'] = [];
  if (state.rail.on) {
    const color = state.rail.color === 'year' ? yearColor(state.year) : SPEED_CLASSES[0]!.color;
    rows.push({ kind: 'outline', color: rgbCss(color), label: t(lang, 'layers.rail'), count: '' });
    if (state.rail.origin) {
      state.rail.bands.forEach((b, i) =>
        rows.push({
          kind: 'fill',
          color: rgbCss(BAND_COLORS[i] ?? BAND_COLORS[5]!),
          label: `≤ ${b} min`,
          count: '',
        }),
      );
    }
  }
  for (const type of state.access.facilities) {
    rows.push({
      kind: 'fill',
      color: rgbCss(FACILITY_COLORS[type]),
      label: `${t(lang, `access.type.${type}`)} (${t(lang, 'access.partial')})`,
      count: '',
    });
  }
  return rows;
}

const shorten = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

export function sourcesLine(sources: readonly SourceInfo[], lang: Lang): string {
  if (sources.length === 0) return t(lang, 'export.fig.noSources');
  const sep = lang === 'zh' ? '：' : ': ';
  const room = titleRoom(sources.length);
  const shown = sources.slice(0, MAX_SOURCES).map((s) => shorten(s.title, room));
  // The count goes first: the footer may cut the list short, the CSV has every source.
  const label =
    sources.length > 2
      ? t(lang, 'export.fig.sourcesMany', { total: String(sources.length) })
      : t(lang, 'export.fig.sources');
  return `${label}${sep}${shown.join('; ')}${sources.length > MAX_SOURCES ? '; …' : ''}`;
}

/** YYYY-MM-DD in local time: the date a reader of the report cares about. */
export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function attributionLine(lang: Lang, date: string, railOn = false): string {
  const sep = lang === 'zh' ? '：' : ': ';
  return [
    `${t(lang, 'export.fig.basemap')}${sep}${BASEMAP_ATTRIBUTION}`,
    t(lang, 'map.attribution'),
    ...(railOn ? ['Rail geometry © OpenStreetMap contributors (ODbL)'] : []),
    t(lang, 'export.fig.exported', { date }),
  ].join(' · ');
}

/** All texts of a figure. Empty overrides fall back to the defaults. */
export function figureTexts(
  subject: FigureSubject,
  lang: Lang,
  date: string,
  overrides: FigureOverrides = {},
): FigureTexts {
  const { data, state, choropleth } = subject;
  const meta = data.indicatorById.get(state.indicator);
  const rows: FigureTexts['rows'] = choropleth.colors.map((color, i) => ({
    kind: 'fill',
    color,
    label: formatRange(choropleth.edges[i]!, choropleth.edges[i + 1]!, lang),
    count: `(${formatValue(choropleth.counts[i] ?? 0, lang, 0)})`,
  }));
  rows.push({
    kind: 'nodata',
    color: NO_DATA_COLOR,
    label: t(lang, 'legend.noData'),
    count: `(${formatValue(choropleth.noData.length, lang, 0)})`,
  });
  const selected = state.selected ? data.units.get(state.selected) : undefined;
  if (selected) {
    rows.push({
      kind: 'outline',
      color: SELECTION_COLOR,
      label: t(lang, 'export.fig.selected', { name: unitName(selected, lang) }),
      count: '',
    });
  }
  rows.push(...layerRows(state, lang));
  const pick = (override: string | undefined, fallback: () => string) =>
    override?.trim() ? override : fallback();
  return {
    title: pick(overrides.title, () => defaultTitle(subject, lang)),
    subtitle: pick(overrides.subtitle, () => defaultSubtitle(subject, lang)),
    legendHeading: meta ? indicatorName(meta, lang) : state.indicator,
    legendUnit: `${t(lang, 'legend.units')}${lang === 'zh' ? '：' : ': '}${meta ? indicatorUnit(meta, lang) : ''}`,
    rows,
    notes: overrides.notes !== undefined ? overrides.notes : defaultNotes(subject, lang),
    sources: sourcesLine(shownSources(subject), lang),
    attribution: attributionLine(lang, date, state.rail.on),
    north: t(lang, 'export.fig.north'),
  };
}
