// Pure updaters: (state, payload, data) => new state. Components and the map dispatch these; nothing
// else changes the app state, so every change is testable in Node and reflected in the URL.
import { CLASS_METHODS, type ClassMethod } from '../core/classify.ts';
import { LANGS, type Lang } from '../core/format.ts';
import { paletteById } from '../core/palettes.ts';
import { LEVELS, type Level, type UnitCode } from '../core/types.ts';
import type { DataContext } from './context.ts';
import { CLASSES_MAX, CLASSES_MIN, YEAR_MAX, YEAR_MIN, type AppState, type ViewState } from './schema.ts';

/** Keep the year if the indicator has data then, else jump to the latest year that has data. */
function yearFor(indicator: string, level: Level, year: number, data: DataContext): number {
  const years = data.yearsWithData(indicator, level);
  if (years.length === 0 || years.includes(year)) return year;
  return years[years.length - 1]!;
}

export function setLevel(state: AppState, level: Level, data: DataContext): AppState {
  if (!LEVELS.includes(level) || level === state.level) return state;
  const selected = state.selected && data.unitLevels(state.selected)?.includes(level) ? state.selected : null;
  return { ...state, level, selected, year: yearFor(state.indicator, level, state.year, data) };
}

export function setIndicator(state: AppState, indicator: string, data: DataContext): AppState {
  if (!data.hasIndicator(indicator) || indicator === state.indicator) return state;
  return { ...state, indicator, year: yearFor(indicator, state.level, state.year, data) };
}

/**
 * The year moved to one with data for the indicator on show, as `setIndicator` would have chosen it:
 * for when the indicator's rows arrive after it was chosen (a lazily loaded part of the data).
 */
export function fitYear(state: AppState, data: DataContext): AppState {
  const year = yearFor(state.indicator, state.level, state.year, data);
  return year === state.year ? state : { ...state, year };
}

export function setYear(state: AppState, year: number): AppState {
  const y = Math.round(year);
  if (!Number.isFinite(y) || y < YEAR_MIN || y > YEAR_MAX || y === state.year) return state;
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
