// issue 14: what the view shows, in words — one description for the screen's map title, the exported
// figure (title, subtitle, notes) and the map description screen readers hear. Pure.
//
// The year slider is the network's year (the rail lines and the 1-hour circle are drawn for it); the
// indicator is drawn for that year when it has values then, else for its nearest year with values,
// and the description says so (never silently).
import { formatValue, type Lang } from '../core/format.ts';
import type { RailStation } from '../core/rail/types.ts';
import type { Level } from '../core/types.ts';
import type { Dataset } from '../data/dataset.ts';
import { indicatorName, indicatorUnit } from '../data/names.ts';
import { t } from '../i18n/messages.ts';
import type { AppState } from '../state/schema.ts';
import type { RailAnalysis } from './rail-analysis.ts';

/** The year an indicator is drawn for: the chosen year, or its nearest year with values. */
export interface DataYear {
  year: number;
  /** The year the slider is on. */
  asked: number;
  /** True when the indicator has no values in `asked` and `year` is the nearest year that has. */
  nearest: boolean;
}

/**
 * The nearest of `years` (ascending) to `asked`; on a tie the earlier year. No years: `asked` itself.
 * @example nearestDataYear([2010, 2020], 2024) // → { year: 2020, asked: 2024, nearest: true }
 */
export function nearestDataYear(years: readonly number[], asked: number): DataYear {
  if (years.length === 0 || years.includes(asked)) return { year: asked, asked, nearest: false };
  let best = years[0]!;
  for (const y of years) if (Math.abs(y - asked) < Math.abs(best - asked)) best = y;
  return { year: best, asked, nearest: true };
}

/** The year the state's indicator is drawn for at its level. */
export function dataYearOf(
  data: Pick<Dataset, 'context'>,
  s: Pick<AppState, 'indicator' | 'level' | 'year'>,
): DataYear {
  return nearestDataYear(data.context.yearsWithData(s.indicator, s.level), s.year);
}

/** The state with its year replaced by the indicator's data year (what the choropleth reads). */
export function atDataYear<S extends Pick<AppState, 'indicator' | 'level' | 'year'>>(
  data: Pick<Dataset, 'context'>,
  s: S,
): S {
  const y = dataYearOf(data, s);
  return y.year === s.year ? s : { ...s, year: y.year };
}

export interface ViewDescription {
  /** The map's title: the indicator and its year, or the active analysis. */
  title: string;
  /** What lies under the title: the indicator (when an analysis has the title), units, level. */
  subtitle: string;
  /** Said when the indicator is drawn for another year than the slider's; '' otherwise. */
  yearNote: string;
  /** Facts of the active analysis (origin, bands, residents reached per band, area gained). */
  analysis: string[];
  /** Sources of the analysis itself (the travel-time model), beside the values' sources. */
  methodSources: string[];
}

export interface DescribeInput {
  data: Dataset;
  state: Pick<AppState, 'indicator' | 'year' | 'level' | 'rail'>;
  /** The isochrone on show (null without one). */
  analysis?: RailAnalysis | { error: string } | null;
  /** Stations, to name a station origin. */
  stations?: readonly RailStation[] | null;
}

const list = (xs: readonly (string | number)[]) => xs.join('/');

function originName(origin: string, stations: readonly RailStation[] | null | undefined, lang: Lang): string {
  const s = stations?.find((st) => st.id === origin);
  if (s) return lang === 'zh' ? s.name_zh : s.name_en;
  const [lon, lat] = origin.split(',').map(Number);
  return lon !== undefined && lat !== undefined && Number.isFinite(lon) && Number.isFinite(lat)
    ? `${lon.toFixed(3)}°E ${lat.toFixed(3)}°N`
    : origin;
}

function levelWord(level: Level, lang: Lang): string {
  return t(lang, `level.${level}`);
}

/**
 * The view in words, in one language.
 * @example describeView({ data, state: { ...DEFAULT_STATE, year: 2024 } }, 'en').yearNote
 * // → 'No values for 2024: showing 2020, the nearest year with data.'
 */
export function describeView(v: DescribeInput, lang: Lang): ViewDescription {
  const { data, state } = v;
  const meta = data.indicatorById.get(state.indicator);
  const name = meta ? indicatorName(meta, lang) : state.indicator;
  const unit = meta ? indicatorUnit(meta, lang) : '';
  const dy = dataYearOf(data, state);
  const sep = lang === 'zh' ? '：' : ': ';
  const indicatorTitle = t(lang, 'export.fig.title', { indicator: name, year: String(dy.year) });
  const yearNote = dy.nearest
    ? t(lang, 'view.nearestYear', { asked: String(dy.asked), year: String(dy.year) })
    : '';
  const unitPart = unit ? ` · ${t(lang, 'legend.units')}${sep}${unit}` : '';
  const plainSubtitle = `${t(lang, 'app.subtitle')} · ${levelWord(state.level, lang)}${unitPart}`;
  const r = state.rail;
  const iso = v.analysis && 'iso' in v.analysis ? v.analysis : null;
  const methodSources: string[] = [];

  if (r.on && r.origin && iso) {
    const from = originName(r.origin, v.stations, lang);
    const bands = list(r.bands);
    const change = iso.change;
    const title =
      t(lang, 'view.title.isochrone', { origin: from, year: String(state.year), bands }) +
      (change
        ? ` · ${t(lang, 'view.title.gained', { band: String(change.band), year: String(change.fromYear) })}`
        : '');
    const analysis = iso.iso.summary.map((b) =>
      t(lang, 'view.band', { minutes: String(b.minutes), pop: formatValue(b.population, lang, 0) }),
    );
    if (change)
      analysis.push(
        t(lang, 'view.gained', {
          band: String(change.band),
          year: String(change.fromYear),
          pop: formatValue(change.population, lang, 0),
        }),
      );
    methodSources.push(t(lang, 'view.source.travelModel'));
    return {
      title,
      subtitle: `${t(lang, 'view.over')}${sep}${indicatorTitle} · ${levelWord(state.level, lang)}${unitPart}`,
      yearNote,
      analysis,
      methodSources,
    };
  }
  if (r.on) {
    return {
      title: `${indicatorTitle} · ${t(lang, 'view.title.network', { year: String(state.year) })}`,
      subtitle: plainSubtitle,
      yearNote,
      analysis: [],
      methodSources,
    };
  }
  return { title: indicatorTitle, subtitle: plainSubtitle, yearNote, analysis: [], methodSources };
}
