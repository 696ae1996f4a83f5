// The data behind the view, for download: a CSV of the displayed indicator for the displayed units
// and year, and a GeoJSON of the displayed units with their values and colours. Pure.
import type { Feature, FeatureCollection } from 'geojson';
import type { Choropleth } from '../core/choropleth.ts';
import type { Dataset } from '../data/dataset.ts';
import type { AppState } from '../state/schema.ts';
import { atDataYear } from '../view/describe.ts';
import { groupOfIndicator } from '../core/import/themes.ts';
import { changeValue } from '../core/change.ts';
import { legendChange } from '../view/legend.ts';

/** Byte-order mark: Excel reads a CSV as UTF-8 (Chinese names intact) only when it starts with one. */
export const UTF8_BOM = '\ufeff';

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/**
 * One CSV cell, safe to open in a spreadsheet: text starting with = + - @ (or tab / carriage return)
 * is prefixed with an apostrophe so it is never run as a formula (CSV injection); plain numbers are
 * left alone so -3.5 stays a number. Cells with commas, quotes or line breaks are quoted (RFC 4180).
 * @example csvCell('=HYPERLINK("x")') // → "\"'=HYPERLINK(\"\"x\"\")\""
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (/^[=+\-@\t\r]/.test(s) && !(typeof value === 'number' || NUMBER.test(s))) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}

export const CSV_COLUMNS = [
  'code',
  'name_zh',
  'name_en',
  'indicator',
  'year',
  'value',
  'unit',
  'source_title',
  'source_url',
  'confidence',
  // issue 11: the indicator's theme (health, education, … or user), so downloads can be grouped.
  'theme',
] as const;

/** One row per displayed unit; units without a value keep an empty value (missing, not zero). */
export function viewRows(data: Dataset, shownState: AppState) {
  // The indicator's year as drawn: the slider's, or its nearest year with values (view/describe.ts).
  const state = atDataYear(data, shownState);
  const values = data.values(state.indicator, state.year, state.level);
  const meta = data.indicatorById.get(state.indicator);
  const theme = groupOfIndicator(meta ?? { id: state.indicator }, (id) => data.indicatorById.get(id));
  return data.codesAt(state.level).map((code) => {
    const unit = data.units.get(code);
    const row = values.get(code);
    const source = row ? data.sourceById.get(row.source_id) : undefined;
    return {
      code,
      name_zh: unit?.name_zh ?? '',
      name_en: unit?.name_en ?? '',
      indicator: state.indicator,
      year: state.year,
      value: row ? row.value : null,
      unit: row?.unit ?? data.indicatorById.get(state.indicator)?.unit_en ?? '',
      source_id: row?.source_id ?? '',
      source_title: source?.title ?? '',
      source_url: source?.url ?? '',
      confidence: row?.confidence ?? '',
      theme,
    };
  });
}

/** Extra columns of a change map's CSV (issue 12): the start year's value and source, and the change. */
export const CHANGE_CSV_COLUMNS = [
  'change_from',
  'value_from',
  'source_title_from',
  'change',
  'change_mode',
] as const;

/** The CSV text, BOM first, CRLF line ends (what spreadsheets expect). */
export function viewCsv(data: Dataset, state: AppState): string {
  const change = legendChange(state);
  const start = change ? data.values(state.indicator, change.from, state.level) : null;
  const lines = [csvLine(change ? [...CSV_COLUMNS, ...CHANGE_CSV_COLUMNS] : CSV_COLUMNS)];
  for (const r of viewRows(data, state)) {
    const cells: (string | number | null)[] = CSV_COLUMNS.map((c) => r[c]);
    if (change && start) {
      const s = start.get(r.code);
      const d = changeValue(s?.value, r.value ?? undefined, change.mode);
      cells.push(
        change.from,
        s ? s.value : null,
        s ? (data.sourceById.get(s.source_id)?.title ?? '') : '',
        d === undefined ? null : Number(d.toPrecision(12)),
        change.mode,
      );
    }
    lines.push(csvLine(cells));
  }
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

/** Displayed units with their value, class colour and source; geometry as drawn (WGS84). */
export function viewGeoJson(data: Dataset, state: AppState, choropleth: Choropleth): FeatureCollection {
  const rows = new Map(viewRows(data, state).map((r) => [r.code, r]));
  const features: Feature[] = data.boundaries[state.level].features.map((f) => {
    const code = String(f.properties?.code);
    const r = rows.get(code);
    return {
      type: 'Feature',
      geometry: f.geometry,
      properties: {
        code,
        name_zh: r?.name_zh ?? '',
        name_en: r?.name_en ?? '',
        indicator: state.indicator,
        year: atDataYear(data, state).year,
        value: r?.value ?? null,
        unit: r?.unit ?? '',
        color: choropleth.colorByCode.get(code) ?? null,
        no_data: !choropleth.colorByCode.has(code),
        source_id: r?.source_id ?? '',
        source_title: r?.source_title ?? '',
        source_url: r?.source_url ?? '',
        confidence: r?.confidence ?? '',
        theme: r?.theme ?? '',
      },
    };
  });
  return { type: 'FeatureCollection', features };
}

/** A file name for the view, e.g. "jjj-census_density-2020-county". */
export function viewFileStem(state: AppState): string {
  const change = legendChange(state);
  const years = change ? `${change.from}-${change.to}-change` : String(state.year);
  return `jjj-${state.indicator}-${years}-${state.level}`.replace(/[^A-Za-z0-9_.-]/g, '_');
}
