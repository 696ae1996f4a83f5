// Pure updaters: (state, payload, data) => new state. Components and the map dispatch these; nothing
// else changes the app state, so every change is testable in Node and reflected in the URL.
import { CLASS_METHODS, type ClassMethod } from '../core/classify.ts';
import { LANGS, type Lang } from '../core/format.ts';
import { paletteById } from '../core/palettes.ts';
import { LEVELS, type Level, type UnitCode } from '../core/types.ts';
import type { DataContext } from './context.ts';
import {
  ANSWERS_TABS,
  CHANGE_MODES,
  CLASSES_MAX,
  CLASSES_MIN,
  COMPARE_MAX,
  YEAR_MAX,
  YEAR_MIN,
  type AnswersTab,
  type AppState,
  type ChangeMode,
  type ViewState,
} from './schema.ts';

/**
 * Keep the year if the indicator has data then, else jump to the latest year that has data. With the
 * rail layer on the year is the network's and stays: the indicator is then drawn for its nearest year
 * with data, and the legend says so (src/view/describe.ts).
 */
function yearFor(state: AppState, indicator: string, level: Level, data: DataContext): number {
  const year = state.year;
  if (state.rail.on) return year;
  const years = data.yearsWithData(indicator, level);
  if (years.length === 0 || years.includes(year)) return year;
  return years[years.length - 1]!;
}

export function setLevel(state: AppState, level: Level, data: DataContext): AppState {
  if (!LEVELS.includes(level) || level === state.level) return state;
  const selected = state.selected && data.unitLevels(state.selected)?.includes(level) ? state.selected : null;
  return { ...state, level, selected, year: yearFor(state, state.indicator, level, data) };
}

export function setIndicator(state: AppState, indicator: string, data: DataContext): AppState {
  if (!data.hasIndicator(indicator) || indicator === state.indicator) return state;
  return { ...state, indicator, year: yearFor(state, indicator, state.level, data) };
}

/**
 * The year moved to one with data for the indicator on show, as `setIndicator` would have chosen it:
 * for when the indicator's rows arrive after it was chosen (a lazily loaded part of the data).
 */
export function fitYear(state: AppState, data: DataContext): AppState {
  const year = yearFor(state, state.indicator, state.level, data);
  return year === state.year ? state : { ...state, year };
}

export function setYear(state: AppState, year: number): AppState {
  const y = Math.round(year);
  if (!Number.isFinite(y) || y < YEAR_MIN || y > YEAR_MAX || y === state.year) return state;
  // On a change map the start year stays when the slider (or playback) passes it: in that year the
  // map shows the one year (there is no change to show), and the change comes back after it.
  return { ...state, year: y };
}

/** Next year for playback, wrapping from the last year to the first. */
export function nextYear(state: AppState): AppState {
  return setYear(state, state.year >= YEAR_MAX ? YEAR_MIN : state.year + 1);
}

export function setMethod(state: AppState, method: ClassMethod): AppState {
  return CLASS_METHODS.includes(method) ? { ...state, method } : state;
}

export function setClasses(state: AppState, classes: number): AppState {
  const k = Math.round(classes);
  return k >= CLASSES_MIN && k <= CLASSES_MAX ? { ...state, classes: k } : state;
}

export function setCustomBreaks(state: AppState, breaks: number[]): AppState {
  return { ...state, method: 'custom', customBreaks: [...breaks] };
}

export function setPalette(state: AppState, palette: string): AppState {
  return paletteById(palette) ? { ...state, palette } : state;
}

export function selectUnit(state: AppState, code: UnitCode | null, data: DataContext): AppState {
  if (code === null) return state.selected === null ? state : { ...state, selected: null };
  if (!data.unitLevels(code)?.includes(state.level)) return state;
  return { ...state, selected: code };
}

export function setLang(state: AppState, lang: Lang): AppState {
  return LANGS.includes(lang) ? { ...state, lang } : state;
}

export function setView(state: AppState, view: ViewState): AppState {
  return { ...state, view: { ...view } };
}

/**
 * Show the change from a start year to the slider's year (null: back to the map of one year). A start
 * equal to the end year is refused (no change to show).
 * @example setChangeFrom({ ...DEFAULT_STATE, year: 2020 }, 2013).change.from // → 2013
 */
export function setChangeFrom(state: AppState, from: number | null): AppState {
  if (from === null)
    return state.change.from === null ? state : { ...state, change: { ...state.change, from } };
  const y = Math.round(from);
  if (!Number.isFinite(y) || y < YEAR_MIN || y > YEAR_MAX || y === state.year || y === state.change.from)
    return state;
  return { ...state, change: { ...state.change, from: y } };
}

export function setChangeMode(state: AppState, mode: ChangeMode): AppState {
  if (!CHANGE_MODES.includes(mode) || mode === state.change.mode) return state;
  return { ...state, change: { ...state.change, mode } };
}

/** Open an answers tab (null closes the overlay); `gap` names the gap view's series. */
export function setAnswers(state: AppState, tab: AnswersTab | null, gap?: string | null): AppState {
  if (tab !== null && !ANSWERS_TABS.includes(tab)) return state;
  const next = { tab, gap: gap === undefined ? state.answers.gap : gap };
  if (next.tab === state.answers.tab && next.gap === state.answers.gap) return state;
  return { ...state, answers: next };
}

/** The compare chart's units (issue 14): distinct, at most COMPARE_MAX, in the order given; [] closes it. */
export function setCompareUnits(state: AppState, codes: readonly UnitCode[]): AppState {
  const next = [...new Set(codes)].slice(0, COMPARE_MAX);
  const same = next.length === state.compareUnits.length && next.every((c, i) => c === state.compareUnits[i]);
  return same ? state : { ...state, compareUnits: next };
}

/** The default change map of a series: 2013 (or its first year with data) → its latest year. */
export function startChange(state: AppState, data: DataContext): AppState {
  const years = data.yearsWithData(state.indicator, state.level);
  if (years.length < 2) return state;
  const from = years.includes(2013) ? 2013 : years[0]!;
  const to = years[years.length - 1]!;
  if (from === to) return state;
  return { ...state, year: to, change: { ...state.change, from } };
}
