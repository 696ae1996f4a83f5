// The words of an exported figure, in the figure's language: title, subtitle, legend rows, notes,
// sources of the values shown (as the on-screen legend lists them) and attribution. Pure: Node-tested.
import type { FacilityType } from '../core/access/types.ts';
import type { Choropleth } from '../core/choropleth.ts';
import type { Lang } from '../core/format.ts';
import type { SourceInfo } from '../core/types.ts';
import type { Dataset } from '../data/dataset.ts';
import { indicatorName, indicatorUnit } from '../data/names.ts';
import { t } from '../i18n/messages.ts';
import { BASEMAP_ATTRIBUTION } from '../map/offline-style.ts';
import type { AppState } from '../state/schema.ts';
import { changeSources, legendChange, legendOf } from '../view/legend.ts';
import type { RailStation } from '../core/rail/types.ts';
import { atDataYear, describeView } from '../view/describe.ts';
import type { RailAnalysis } from '../view/rail-analysis.ts';
import type { FigureTexts } from './layout.ts';

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
  /** Facility types whose list is partial (the legend says so, as on screen). */
  partial?: ReadonlySet<FacilityType>;
  /** The isochrone on show, and the stations to name its origin (issue 14: the figure describes it). */
  analysis?: RailAnalysis | { error: string } | null;
  stations?: readonly RailStation[] | null;
}

type Described = Pick<FigureSubject, 'data' | 'state' | 'analysis' | 'stations'>;
const described = (s: Described, lang: Lang) =>
  describeView({ data: s.data, state: s.state, analysis: s.analysis, stations: s.stations }, lang);

/** The view's title (src/view/describe.ts: the same words as the map title on screen); a change map
 * names both years. */
export function defaultTitle(subject: Described, lang: Lang): string {
  const { data, state } = subject;
  const meta = data.indicatorById.get(state.indicator);
  const change = legendChange(state);
  if (change)
    return t(lang, 'export.fig.changeTitle', {
      indicator: meta ? indicatorName(meta, lang) : state.indicator,
      from: String(change.from),
      to: String(change.to),
    });
  return described(subject, lang).title;
}

export function defaultSubtitle(subject: Described, lang: Lang): string {
  const { data, state } = subject;
  const change = legendChange(state);
  if (!change) return described(subject, lang).subtitle;
  const meta = data.indicatorById.get(state.indicator);
  const unit = meta ? indicatorUnit(meta, lang) : '';
  const years = { from: String(change.from), to: String(change.to) };
  return t(lang, 'export.fig.subtitle', {
    region: t(lang, 'app.subtitle'),
    level: t(lang, `level.${state.level}`),
    unitsLabel: t(lang, 'legend.units'),
    unit: t(lang, change.mode === 'pct' ? 'change.unitPct' : 'change.unitDiff', { unit, ...years }),
  });
}

/** The analysis facts, the indicator's year note, the classification and the indicator's own note. */
export function defaultNotes(subject: FigureSubject, lang: Lang): string {
  const { data, state, choropleth } = subject;
  const d = described(subject, lang);
  const meta = data.indicatorById.get(state.indicator);
  const change = legendChange(state);
  const classes = change
    ? t(lang, 'export.fig.changeNotes', {
        mode: t(lang, `change.${change.mode}`),
        from: String(change.from),
        to: String(change.to),
        n: String(choropleth.colors.length),
        missing: String(choropleth.noData.length),
      })
    : t(lang, 'export.fig.classes', {
        method: t(lang, `classify.${state.method}`),
        n: String(choropleth.colors.length),
      });
  const note = meta ? (lang === 'zh' ? meta.notes_zh : meta.notes_en) : '';
  const analysis = d.analysis.length ? d.analysis.join(lang === 'zh' ? '；' : '; ') : '';
  const legend = legendOf(data, state, choropleth, subject.partial ?? new Set(), lang);
  return [analysis, d.yearNote, classes, legend.classNote, note].filter(Boolean).join('\n');
}

/** Sources of the values on show, in first-seen order (the same list the on-screen legend gives). */
export function shownSources({ data, state }: Pick<FigureSubject, 'data' | 'state'>): SourceInfo[] {
  if (legendChange(state)) return changeSources(data, state);
  const s = atDataYear(data, state);
  return data.sourcesShown(s.indicator, s.year, s.level);
}

const shorten = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

export function sourcesLine(
  sources: readonly SourceInfo[],
  lang: Lang,
  method: readonly string[] = [],
): string {
  const methods = method.length ? `${sources.length ? ' · ' : ''}${method.join(' · ')}` : '';
  if (sources.length === 0) return method.length ? method.join(' · ') : t(lang, 'export.fig.noSources');
  const sep = lang === 'zh' ? '：' : ': ';
  const room = titleRoom(sources.length);
  const shown = sources.slice(0, MAX_SOURCES).map((s) => shorten(s.title, room));
  // The count goes first: the footer may cut the list short, the CSV has every source.
  const label =
    sources.length > 2
      ? t(lang, 'export.fig.sourcesMany', { total: String(sources.length) })
      : t(lang, 'export.fig.sources');
  return `${label}${sep}${shown.join('; ')}${sources.length > MAX_SOURCES ? '; …' : ''}${methods}`;
}

/** YYYY-MM-DD in local time: the date a reader of the report cares about. */
export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Basemap, boundary and rail-geometry credits and the date (the travel model goes with the sources). */
export function attributionLine(lang: Lang, date: string, railOn = false): string {
  const sep = lang === 'zh' ? '：' : ': ';
  return [
    `${t(lang, 'export.fig.basemap')}${sep}${BASEMAP_ATTRIBUTION}`,
    t(lang, 'map.attribution'),
    ...(railOn ? [t(lang, 'view.source.railGeometry')] : []),
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
  // The same legend the screen draws (view/legend.ts), in the figure's language.
  const legend = legendOf(data, state, choropleth, subject.partial ?? new Set(), lang);
  const pick = (override: string | undefined, fallback: () => string) =>
    override?.trim() ? override : fallback();
  return {
    title: pick(overrides.title, () => defaultTitle(subject, lang)),
    subtitle: pick(overrides.subtitle, () => defaultSubtitle(subject, lang)),
    legendHeading: legend.heading,
    legendUnit: legend.unit,
    rows: legend.groups.flatMap((g) => g.rows),
    histogram: legend.histogram,
    notes: overrides.notes !== undefined ? overrides.notes : defaultNotes(subject, lang),
    sources: sourcesLine(shownSources(subject), lang, described(subject, lang).methodSources),
    attribution: attributionLine(lang, date, state.rail.on),
    north: t(lang, 'export.fig.north'),
  };
}
