/**
 * Indicators: parse the long CSV (data/indicators.csv), check unit codes against the map units, and
 * answer the app's questions quickly (value for a unit/indicator/year, alternatives, time series, years).
 * Pure: no DOM, no svelte/maplibre/deck; runs in Node tests, the data build and the browser.
 */
import Papa from 'papaparse';
import type { Confidence, IndicatorRow, UnitCode } from './types.ts';

/** Placeholder code of the three-province aggregate (Jing-Jin-Ji). A known unit with no geometry. */
export const REGION_CODE = 'JJJ';

/** Code of the national value (全国), a reference shown beside the provinces. No geometry. */
export const NATION_CODE = '000000';

/**
 * The indicators file comes in parts. The series the rail engine computes for every unit and year
 * (door-to-door minutes to Beijing and to the nearest hub, the share within 60 minutes of Beijing) are
 * about three quarters of all rows; they ship in `data/indicators-rail.csv`, which the app fetches only
 * when one of them is on show. Every other row is in `data/indicators.csv`. Same columns and order in both.
 */
export const INDICATOR_PARTS = {
  main: 'indicators.csv',
  rail: 'indicators-rail.csv',
} as const;
export type IndicatorPart = keyof typeof INDICATOR_PARTS;
export const RAIL_PART_INDICATORS: readonly string[] = [
  'rail_minutes_to_beijing',
  'rail_minutes_to_nearest_hub',
  'share_within_60min_beijing',
];

/** The part of the indicators file that holds an indicator's rows. */
export function partOf(indicator: string): IndicatorPart {
  return RAIL_PART_INDICATORS.includes(indicator) ? 'rail' : 'main';
}

/** Columns of data/indicators.csv, in file order. */
export const INDICATOR_COLUMNS = [
  'unit_code',
  'indicator',
  'year',
  'value',
  'unit',
  'source_id',
  'confidence',
  'rank',
  'note',
] as const;
export type IndicatorColumn = (typeof INDICATOR_COLUMNS)[number];

/** Optional columns after `note`: the Chinese note and the quoted source sentence ('' when absent). */
export const OPTIONAL_INDICATOR_COLUMNS = ['note_zh', 'quote'] as const;

/** Plausible years; anything outside is a typo (e.g. 1899, 20240). */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2030;

/** Best first. Used to order alternatives and to pick rank 1. */
export const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];

/** A problem found in an input file; `line` is the 1-based file line (header = 1), 0 if not line-based. */
export interface RowError {
  file: string;
  line: number;
  reason: string;
}

export interface ParseResult {
  rows: IndicatorRow[];
  /** `lines[i]` is the file line where `rows[i]` starts (quoted newlines make this differ from i + 2). */
  lines: number[];
  errors: RowError[];
}

// Plain decimal numbers, optionally with an exponent (what String(number) writes). No thousands separators.
const NUMBER_RE = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const INTEGER_RE = /^-?\d+$/;
const INDICATOR_ID_RE = /^[a-z][a-z0-9_]*$/;

/**
 * Map a confidence label to one value. Ranges ("medium–high", "low-medium", "low to medium") map to the
 * LOWER end, so a range never claims more certainty than its weakest reading.
 * @example parseConfidence('medium–high') // 'medium'
 * @example parseConfidence('bogus') // undefined
 */
export function parseConfidence(label: string): Confidence | undefined {
  const parts = label
    .trim()
    .toLowerCase()
    .split(/\s*(?:[-–—/]|\bto\b)\s*/)
    .filter((p) => p !== '');
  if (parts.length === 0 || parts.length > 2) return undefined;
  let worst = -1;
  for (const p of parts) {
    const i = CONFIDENCES.indexOf(p as Confidence);
    if (i < 0) return undefined;
    worst = Math.max(worst, i);
  }
  return CONFIDENCES[worst];
}

/**
 * Split an upstream note of the form "[confidence: X] rest" into its confidence and the rest.
 * Returns undefined when the prefix is missing or the label is unknown.
 * @example splitConfidenceNote('[confidence: medium–high] reprint') // { confidence: 'medium', label: 'medium–high', rest: 'reprint' }
 */
export function splitConfidenceNote(
  note: string,
): { confidence: Confidence; label: string; rest: string } | undefined {
  const m = /^\s*\[confidence:\s*([^\]]*)\]\s*/i.exec(note);
  if (!m) return undefined;
  const label = m[1]!.trim();
  const confidence = parseConfidence(label);
  if (!confidence) return undefined;
  return { confidence, label, rest: note.slice(m[0].length).trim() };
}

/** Key of one (unit, indicator, year) cell. */
export function cellKey(unit: UnitCode, indicator: string, year: number): string {
  return `${unit}|${indicator}|${year}`;
}

/** One CSV record and the 1-based file line where it starts. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * Split CSV text into records with their starting line numbers (quoted commas and newlines kept in the
 * field). CRLF/CR are read as LF and a UTF-8 BOM is dropped. Blank lines come back as `['']`.
 * @example csvRecords('a,b\n1,"x,\ny"\n2,z\n').records.map((r) => r.line) // [1, 2, 4]
 */
export function csvRecords(text: string): {
  records: CsvRecord[];
  /** `detail` is the CSV reader's own message; `reason` says it is a syntax error. */
  errors: { line: number; reason: string; detail: string }[];
} {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const records: CsvRecord[] = [];
  const errors: { line: number; reason: string; detail: string }[] = [];
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(src, {
    delimiter: ',',
    skipEmptyLines: false,
    step: (res) => {
      const end = res.meta.cursor;
      records.push({ fields: res.data, line });
      for (const e of res.errors) {
        const detail = e.message.toLowerCase();
        errors.push({ line, reason: `CSV syntax: ${detail}`, detail });
      }
      for (let i = start; i < end; i++) if (src.charCodeAt(i) === 10) line++;
      start = end;
    },
  });
  return { records, errors };
}

/**
 * Check and convert the text fields of one row (already trimmed or not) into an IndicatorRow. Returns the
 * row, or the human-readable reasons it is invalid. Shared by the CSV parser and the data build, so both
 * report problems the same way.
 * @example parseIndicatorFields({ ...fields, year: '1899' }).reasons // ['year 1899 outside 2000–2030']
 */
export function parseIndicatorFields(f: Readonly<Record<IndicatorColumn, string>>): {
  row?: IndicatorRow;
  reasons: string[];
} {
  const reasons: string[] = [];
  const unit_code = f.unit_code.trim();
  if (unit_code === '') reasons.push('unit_code is empty');
  const indicator = f.indicator.trim();
  if (!INDICATOR_ID_RE.test(indicator)) reasons.push(`indicator '${indicator}' is not a lower-case id`);
  const yearText = f.year.trim();
  const year = Number(yearText);
  if (!INTEGER_RE.test(yearText)) reasons.push(`year '${yearText}' is not a whole number`);
  else if (year < YEAR_MIN || year > YEAR_MAX) reasons.push(`year ${year} outside ${YEAR_MIN}–${YEAR_MAX}`);
  const valueText = f.value.trim();
  const value = Number(valueText);
  if (valueText === '') reasons.push('value is empty (leave the row out when data are missing)');
  else if (!NUMBER_RE.test(valueText) || !Number.isFinite(value))
    reasons.push(`value '${valueText}' is not a number`);
  const unit = f.unit.trim();
  if (unit === '') reasons.push('unit is empty');
  const source_id = f.source_id.trim();
  if (source_id === '') reasons.push('source_id is empty');
  const confText = f.confidence.trim();
  const confidence = CONFIDENCES.find((c) => c === confText);
  if (!confidence) reasons.push(`unknown confidence '${confText}' (expected high, medium or low)`);
  const rankText = f.rank.trim();
  const rank = Number(rankText);
  if (!INTEGER_RE.test(rankText) || rank < 1) reasons.push(`rank '${rankText}' is not a whole number ≥ 1`);
  if (reasons.length > 0 || !confidence) return { reasons };
  return {
    row: { unit_code, indicator, year, value, unit, source_id, confidence, rank, note: f.note },
    reasons,
  };
}

/**
 * Parse data/indicators.csv (long format). Never throws: every problem is returned as an error with the
 * file line, and only valid rows are returned. A missing column stops the parse (no rows).
 * @example
 * const { rows, errors } = parseIndicatorCsv(
 *   'unit_code,indicator,year,value,unit,source_id,confidence,rank,note\n' +
 *     '110000,gdp,2024,49843.1,100 million yuan,src-bsbk,medium,1,"preliminary, communiqué"\n',
 *   'indicators.csv',
 * );
 * // rows[0].value === 49843.1, errors.length === 0
 */
export function parseIndicatorCsv(text: string, fileName: string): ParseResult {
  const rows: IndicatorRow[] = [];
  const lines: number[] = [];
  const errors: RowError[] = [];
  const err = (line: number, reason: string) => errors.push({ file: fileName, line, reason });

  const { records, errors: syntax } = csvRecords(text);
  for (const e of syntax) err(e.line, e.reason);
  const header = records.shift();
  if (!header || (header.fields.length === 1 && header.fields[0] === '')) {
    err(1, 'empty file: expected a header row');
    return { rows, lines, errors };
  }
  const col = new Map<string, number>();
  header.fields.forEach((name, i) => {
    const n = name.trim();
    if (col.has(n)) err(1, `duplicate column '${n}'`);
    else col.set(n, i);
  });
  let missing = false;
  for (const c of INDICATOR_COLUMNS) {
    if (!col.has(c)) {
      err(1, `missing column '${c}'`);
      missing = true;
    }
  }
  const allowed: readonly string[] = [...INDICATOR_COLUMNS, ...OPTIONAL_INDICATOR_COLUMNS];
  for (const n of col.keys()) {
    if (!allowed.includes(n)) err(1, `unexpected column '${n}'`);
  }
  const noteZhCol = col.get('note_zh');
  const quoteCol = col.get('quote');
  if (missing) return { rows, lines, errors };

  const firstLineOf = new Map<string, number>();
  for (const { fields, line: ln } of records) {
    if (fields.length === 1 && fields[0]!.trim() === '') continue; // blank line (e.g. trailing newline)
    if (fields.length !== header.fields.length) {
      err(ln, `expected ${header.fields.length} fields, found ${fields.length}`);
      continue;
    }
    const f = Object.fromEntries(INDICATOR_COLUMNS.map((c) => [c, fields[col.get(c)!]!])) as Record<
      IndicatorColumn,
      string
    >;
    const parsed = parseIndicatorFields(f);
    for (const r of parsed.reasons) err(ln, r);
    if (!parsed.row) continue;
    const row: IndicatorRow = parsed.row;
    // Set only when non-empty, so a file without the optional columns and its re-written form read the same.
    if (noteZhCol !== undefined && fields[noteZhCol] !== '') row.note_zh = fields[noteZhCol]!;
    if (quoteCol !== undefined && fields[quoteCol] !== '') row.quote = fields[quoteCol]!;
    const key = `${cellKey(row.unit_code, row.indicator, row.year)}|${row.rank}`;
    const dup = firstLineOf.get(key);
    if (dup !== undefined) {
      err(
        ln,
        `duplicate row for ${row.unit_code} ${row.indicator} ${row.year} rank ${row.rank} (first on line ${dup})`,
      );
      continue;
    }
    firstLineOf.set(key, ln);
    rows.push(row);
    lines.push(ln);
  }

  // An alternative without a value to be an alternative to would never be shown.
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.rank > 1 && !firstLineOf.has(`${cellKey(r.unit_code, r.indicator, r.year)}|1`))
      err(lines[i]!, `rank ${r.rank} row for ${r.unit_code} ${r.indicator} ${r.year} has no rank 1 row`);
  }
  return { rows, lines, errors };
}

/** Order of data/indicators.csv: unit_code, indicator, year, rank (plain code-unit order, locale-free). */
export function compareRows(a: IndicatorRow, b: IndicatorRow): number {
  const s = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return s(a.unit_code, b.unit_code) || s(a.indicator, b.indicator) || a.year - b.year || a.rank - b.rank;
}

function csvField(s: string): string {
  return /[",\n\r]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Write rows as data/indicators.csv text: header, rows in the given order, `\n` endings, final newline.
 * Numbers are written with String(n) (shortest round-trip form), so output is byte-stable. The optional
 * columns note_zh and quote are always written ('' when a row has none).
 * @example formatIndicatorCsv([row]).split('\n')[0] // 'unit_code,indicator,year,value,unit,source_id,confidence,rank,note,note_zh,quote'
 */
export function formatIndicatorCsv(rows: readonly IndicatorRow[]): string {
  const out = [[...INDICATOR_COLUMNS, ...OPTIONAL_INDICATOR_COLUMNS].join(',')];
  for (const r of rows) {
    out.push(
      [
        r.unit_code,
        r.indicator,
        String(r.year),
        String(r.value),
        r.unit,
        r.source_id,
        r.confidence,
        String(r.rank),
        r.note,
        r.note_zh ?? '',
        r.quote ?? '',
      ]
        .map(csvField)
        .join(','),
    );
  }
  return out.join('\n') + '\n';
}

export interface JoinResult {
  /** Rows of each known unit, in input order. */
  byUnit: Map<UnitCode, IndicatorRow[]>;
  /** Codes not in `knownCodes`, sorted, with the file lines (or row positions) where they occur. */
  unmatched: { code: UnitCode; lines: number[] }[];
}

/**
 * Group rows by unit and report codes that match no known unit. `knownCodes` should hold the map units
 * plus REGION_CODE. `lines` (from parseIndicatorCsv) says where each row came from; without it the
 * 1-based row position + 1 is used (= the file line when no field spans lines).
 * @example
 * const { unmatched } = joinIndicators(rows, new Set(['110000', REGION_CODE]), lines);
 * // unmatched: [{ code: '990000', lines: [7, 9] }]
 */
export function joinIndicators(
  rows: readonly IndicatorRow[],
  knownCodes: ReadonlySet<UnitCode>,
  lines?: readonly number[],
): JoinResult {
  const byUnit = new Map<UnitCode, IndicatorRow[]>();
  const bad = new Map<UnitCode, number[]>();
  rows.forEach((r, i) => {
    const where = lines?.[i] ?? i + 2;
    if (!knownCodes.has(r.unit_code)) {
      const l = bad.get(r.unit_code);
      if (l) l.push(where);
      else bad.set(r.unit_code, [where]);
      return;
    }
    const list = byUnit.get(r.unit_code);
    if (list) list.push(r);
    else byUnit.set(r.unit_code, [r]);
  });
  const unmatched = [...bad.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, l]) => ({ code, lines: l }));
  return { byUnit, unmatched };
}

/** Read-only lookup structure over all rows; build once with indexIndicators(). */
export interface IndicatorIndex {
  /** `${unit}|${indicator}|${year}` → rows sorted by rank (rank 1 first). */
  readonly cells: ReadonlyMap<string, readonly IndicatorRow[]>;
  /** unit → indicator → rank-1 rows sorted by year. */
  readonly series: ReadonlyMap<UnitCode, ReadonlyMap<string, readonly IndicatorRow[]>>;
  /** indicator → years with at least one rank-1 value, ascending. */
  readonly years: ReadonlyMap<string, readonly number[]>;
  /** indicator → year → unit → rank-1 row (for choropleths). */
  readonly byYear: ReadonlyMap<string, ReadonlyMap<number, ReadonlyMap<UnitCode, IndicatorRow>>>;
}

/**
 * Build the lookup index. Rows are not copied or modified.
 * @example const idx = indexIndicators(rows); valueFor(idx, '110000', 'gdp', 2024)?.value // 49843.1
 */
export function indexIndicators(rows: readonly IndicatorRow[]): IndicatorIndex {
  const cells = new Map<string, IndicatorRow[]>();
  const series = new Map<UnitCode, Map<string, IndicatorRow[]>>();
  const byYear = new Map<string, Map<number, Map<UnitCode, IndicatorRow>>>();
  for (const r of rows) {
    const k = cellKey(r.unit_code, r.indicator, r.year);
    const c = cells.get(k);
    if (c) c.push(r);
    else cells.set(k, [r]);
    if (r.rank !== 1) continue;
    let u = series.get(r.unit_code);
    if (!u) series.set(r.unit_code, (u = new Map()));
    const s = u.get(r.indicator);
    if (s) s.push(r);
    else u.set(r.indicator, [r]);
    let yi = byYear.get(r.indicator);
    if (!yi) byYear.set(r.indicator, (yi = new Map()));
    let ym = yi.get(r.year);
    if (!ym) yi.set(r.year, (ym = new Map()));
    ym.set(r.unit_code, r);
  }
  for (const c of cells.values()) c.sort((a, b) => a.rank - b.rank);
  for (const u of series.values()) for (const s of u.values()) s.sort((a, b) => a.year - b.year);
  const years = new Map<string, number[]>();
  for (const [ind, yi] of byYear)
    years.set(
      ind,
      [...yi.keys()].sort((a, b) => a - b),
    );
  return { cells, series, years, byYear };
}

/**
 * The value shown for a unit, indicator and year: the rank-1 row, or undefined when there is none
 * (missing stays missing; nothing is carried over from other years).
 * @example valueFor(idx, '130000', 'pm25_annual_mean', 2024)?.value // 37.8
 */
export function valueFor(
  index: IndicatorIndex,
  unit: UnitCode,
  indicator: string,
  year: number,
): IndicatorRow | undefined {
  const first = index.cells.get(cellKey(unit, indicator, year))?.[0];
  return first?.rank === 1 ? first : undefined;
}

/**
 * Other sources' values for the same cell (rank ≥ 2), best first; empty when none.
 * @example alternativesFor(idx, '130000', 'pm25_annual_mean', 2024).map((r) => r.value) // [37.7]
 */
export function alternativesFor(
  index: IndicatorIndex,
  unit: UnitCode,
  indicator: string,
  year: number,
): readonly IndicatorRow[] {
  return index.cells.get(cellKey(unit, indicator, year))?.filter((r) => r.rank > 1) ?? [];
}

/**
 * Years with data for an indicator, ascending. With `units`, only years where at least one of those units
 * has a value (e.g. the counties, for a county-level year slider).
 * @example yearsFor(idx, 'census_population') // [2020]
 */
export function yearsFor(
  index: IndicatorIndex,
  indicator: string,
  units?: Iterable<UnitCode>,
): readonly number[] {
  const all = index.years.get(indicator) ?? [];
  if (!units) return all;
  const set = new Set(units);
  const byYear = index.byYear.get(indicator);
  return all.filter((y) => {
    const m = byYear?.get(y);
    if (!m) return false;
    for (const u of m.keys()) if (set.has(u)) return true;
    return false;
  });
}

/**
 * Rank-1 rows of one unit and indicator, by year (the time series in the side panel).
 * @example seriesFor(idx, '110000', 'hospital_beds').map((r) => r.year) // [2013, 2014, …, 2023]
 */
export function seriesFor(index: IndicatorIndex, unit: UnitCode, indicator: string): readonly IndicatorRow[] {
  return index.series.get(unit)?.get(indicator) ?? [];
}

/**
 * Indicator ids with at least one value for a unit, sorted (the side-panel list).
 * @example indicatorsForUnit(idx, 'XIONGAN') // ['census_density', …, 'resident_population']
 */
export function indicatorsForUnit(index: IndicatorIndex, unit: UnitCode): string[] {
  return [...(index.series.get(unit)?.keys() ?? [])].sort();
}

/**
 * Values to colour a choropleth: unit → rank-1 row for the given indicator and year, restricted to `units`
 * (e.g. the counties). Units without a value are simply absent: draw them as "no data".
 * @example choroplethValues(idx, 'census_share_65plus', 2020, countyCodes).get('110101')?.value // 18.23
 */
export function choroplethValues(
  index: IndicatorIndex,
  indicator: string,
  year: number,
  units: Iterable<UnitCode>,
): Map<UnitCode, IndicatorRow> {
  const out = new Map<UnitCode, IndicatorRow>();
  const m = index.byYear.get(indicator)?.get(year);
  if (!m) return out;
  for (const u of units) {
    const r = m.get(u);
    if (r) out.set(u, r);
  }
  return out;
}
