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
}

export function defaultTitle({ data, state }: Pick<FigureSubject, 'data' | 'state'>, lang: Lang): string {
  const meta = data.indicatorById.get(state.indicator);
  const change = legendChange(state);
  if (change)
    return t(lang, 'export.fig.changeTitle', {
      indicator: meta ? indicatorName(meta, lang) : state.indicator,
      from: String(change.from),
      to: String(change.to),
    });
  return t(lang, 'export.fig.title', {
    indicator: meta ? indicatorName(meta, lang) : state.indicator,
    year: String(state.year),
  });
}

export function defaultSubtitle({ data, state }: Pick<FigureSubject, 'data' | 'state'>, lang: Lang): string {
  const meta = data.indicatorById.get(state.indicator);
  const unit = meta ? indicatorUnit(meta, lang) : '';
  const change = legendChange(state);
  const years = change ? { from: String(change.from), to: String(change.to) } : null;
  return t(lang, 'export.fig.subtitle', {
    region: t(lang, 'app.subtitle'),
    level: t(lang, `level.${state.level}`),
    unitsLabel: t(lang, 'legend.units'),
    unit: years
      ? t(lang, change!.mode === 'pct' ? 'change.unitPct' : 'change.unitDiff', { unit, ...years })
      : unit,
  });
}

export function defaultNotes({ data, state, choropleth }: FigureSubject, lang: Lang): string {
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
  return note ? `${classes}\n${note}` : classes;
}

/** Sources of the values on show, in first-seen order (the same list the on-screen legend gives). */
export function shownSources({ data, state }: Pick<FigureSubject, 'data' | 'state'>): SourceInfo[] {
  return changeSources(data, state);
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
    sources: sourcesLine(shownSources(subject), lang),
    attribution: attributionLine(lang, date, state.rail.on),
    north: t(lang, 'export.fig.north'),
  };
}
