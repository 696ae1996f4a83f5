/**
 * The user's own indicator tables ("bring your own data"): decode a file, find the key, year and value
 * columns, match each row to a map unit by GB/T 2260 code or by name (zh or en, with or without the
 * 市/区/县 suffix), and turn the result into rows and catalogue entries the Dataset can take.
 * Pure: no DOM, no storage; the browser wrapper lives in src/data/user-data.ts. Nothing is uploaded.
 */
import Papa from 'papaparse';
import type {
  Confidence,
  IndicatorMeta,
  IndicatorRow,
  Level,
  SourceInfo,
  UnitCode,
  UnitInfo,
} from './types.ts';
import { editDistance } from './text.ts';

/** Prefix of every user indicator id (and of its source id), so the UI can mark and the URL can keep them. */
export const USER_PREFIX = 'user:';
/** Files larger than this are refused before they are read (a yearbook table is a few hundred kB). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Rows read from one table (issue 15: a 100 k-row table previews, in the background worker). */
export const MAX_ROWS = 100_000;
export const MAX_COLUMNS = 200;
const MAX_NAME_LENGTH = 80;
/** Keys longer than this (after normalising) get no close-name suggestions: no unit name is that long. */
const MAX_SUGGEST_KEY = 40;
/** Suggestions are worked out for this many unmatched rows; the preview lists the first 200 issues. */
const MAX_SUGGESTED_ROWS = 500;

/** A problem with one line of the file (1-based, header = 1), or with the file as a whole (line 0). */
export interface UserIssue {
  line: number;
  /** i18n key (userData.err.*) and its parameters, so the UI can say it in zh or en. */
  key: string;
  params: Record<string, string>;
  /** Close unit names for an unmatched key, best first. */
  suggestions?: string[];
}

export interface UserIndicator {
  id: string;
  name: string;
  unit: string;
  /** Catalogue indicator of the same definition, when an official table's name matched one (issue 11). */
  catalogId?: string;
}

/** One parsed table, ready to be previewed, stored and added to the dataset. */
export interface UserTable {
  /** Stable id: user:<hash of the indicator name> (one table can hold several indicators). */
  indicators: UserIndicator[];
  fileName: string;
  /** Compact rows: [indicator index, unit code, year, value]. */
  values: [number, UnitCode, number, number][];
  layout: 'long' | 'wide-years' | 'wide-indicators';
  keyColumn: string;
  keyKind: 'code' | 'name';
  /** An official table's recognised layout and its source line (src/core/import, issue 11). */
  origin?: { layout: string; source?: string; title?: string; sheet?: string };
}

export interface ParseOutcome {
  /** Null when nothing usable was found (the issues say why). */
  table: UserTable | null;
  issues: UserIssue[];
  /** Rows read (without the header and blank lines) and rows that gave at least one value. */
  rowsRead: number;
  rowsMatched: number;
  /** Issues found when `issues` holds only the first of them (see keepFirstIssues). */
  issueCount?: number;
}

/**
 * The outcome with every whole-file issue (line 0) and the first `max` row issues, and the full count
 * in `issueCount`: what the preview shows (it lists 200), without sending 100 k issues from the worker.
 * @example keepFirstIssues(outcome, 1000).issueCount // → outcome.issues.length
 */
export function keepFirstIssues<T extends ParseOutcome>(outcome: T, max: number): T {
  if (outcome.issues.length <= max) return outcome;
  const file = outcome.issues.filter((i) => i.line === 0);
  const rows = outcome.issues.filter((i) => i.line !== 0).slice(0, max);
  return { ...outcome, issues: [...file, ...rows], issueCount: outcome.issueCount ?? outcome.issues.length };
}

export interface ParseOptions {
  fileName: string;
  /** Year for a table with one column per indicator and no year column. */
  year?: number;
  yearMin?: number;
  yearMax?: number;
  /** Told every few thousand rows how many rows are done (the worker passes it on as progress). */
  onProgress?: (done: number, total: number) => void;
}

const issue = (line: number, key: string, params: Record<string, string> = {}): UserIssue => ({
  line,
  key,
  params,
});

/**
 * Bidirectional controls (embeddings, overrides, isolates, marks): invisible, yet they can make one row
 * read as another (a name shown backwards, a number moved). Removed from every name and message.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** @example stripBidi('\u202E1234') // '1234' */
export function stripBidi(value: string): string {
  return value.replace(BIDI_CONTROLS, '');
}

/** Short, single-line form of a hostile or long cell for a message (messages are shown as text). */
export function clip(value: string, max = 40): string {
  const flat = stripBidi(value).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * FNV-1a 32-bit hash as 8 hex digits: short, stable ids for user indicators.
 * @example hash32('医院床位数') // same string every time, e.g. 'a1b2c3d4'
 */
export function hash32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * FNV-1a 64-bit hash as 16 hex digits. 32 bits collide after tens of thousands of names (指标52204
 * and 指标703300 share one 32-bit hash), which gave two indicators one id; 64 bits do not in practice.
 * @example hash64('医院床位数') // same 16 hex digits every time
 */
export function hash64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

export const userIndicatorId = (name: string): string => `${USER_PREFIX}${hash64(name)}`;
/** The id of the first release (32-bit hash), still found in stored tables and shared links. */
export const legacyUserIndicatorId = (name: string): string => `${USER_PREFIX}${hash32(name)}`;
/** The current id for a stored indicator id, or null when it is not the hash of its name (forged). */
export function migrateUserId(id: string, name: string): string | null {
  const now = userIndicatorId(name);
  return id === now || id === legacyUserIndicatorId(name) ? now : null;
}
export const isUserIndicator = (id: string): boolean => id.startsWith(USER_PREFIX);

/**
 * Bytes → text, or null when they are not text in any expected encoding. UTF-16 with a byte-order
 * mark (Excel's "Unicode text"), then UTF-8 (with or without BOM), then GB18030 (a superset of GBK,
 * which Excel in China often saves). Shared by the indicator import and the facility import.
 * @example decodeText(new Uint8Array([0xc4, 0xe3, 0xba, 0xc3])) // '你好' (GBK)
 */
export function decodeText(bytes: Uint8Array): string | null {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : null;
  if (!utf16 && bytes.subarray(0, 4096).includes(0)) return null;
  for (const enc of utf16 ? [utf16] : ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(enc, { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      // Try the next encoding.
    }
  }
  return null;
}

/**
 * Bytes → text. UTF-8 (with or without BOM) first; Excel in China often saves GBK, so GB18030 next.
 * Binary files (NUL bytes, undecodable) are refused.
 * @example decodeTable(new TextEncoder().encode('\uFEFFcode,value')) // { text: 'code,value' }
 */
export function decodeTable(bytes: Uint8Array): { text: string } | { error: UserIssue } {
  if (bytes.length === 0) return { error: issue(0, 'userData.err.empty') };
  const tooBig = checkFileSize(bytes.length);
  if (tooBig) return { error: tooBig };
  const decoded = decodeText(bytes);
  if (decoded === null) return { error: issue(0, 'userData.err.binary') };
  let text = decoded;
  text = text.replace(/^\uFEFF/, '');
  // Control characters other than tab/newline mean this is not a table.
  let controls = 0;
  for (let i = 0; i < Math.min(text.length, 4096); i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) controls++;
  }
  if (controls > 2) return { error: issue(0, 'userData.err.binary') };
  if (text.trim() === '') return { error: issue(0, 'userData.err.empty') };
  return { text };
}

/** A refusal when a file is too large to read, checked before reading it. */
export function checkFileSize(bytes: number): UserIssue | null {
  return bytes > MAX_FILE_BYTES
    ? issue(0, 'userData.err.tooLarge', {
        size: (bytes / 1048576).toFixed(1),
        max: String(MAX_FILE_BYTES / 1048576),
      })
    : null;
}

/** Comma, semicolon or tab: the one that splits the header line into the most columns (quotes ignored). */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const first = text.split(/\r\n?|\n/, 1)[0] ?? '';
  const unquoted = first.replace(/"[^"]*"/g, '');
  const count = (d: string) => unquoted.split(d).length - 1;
  const best = ([',', ';', '\t'] as const).map((d) => [d, count(d)] as const).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

/** Text → records with 1-based file line numbers (quoted newlines counted). */
function records(text: string, delimiter: string): { fields: string[]; line: number }[] {
  const src = text.replace(/\r\n?/g, '\n');
  const out: { fields: string[]; line: number }[] = [];
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(src, {
    delimiter,
    skipEmptyLines: false,
    step: (res) => {
      const end = res.meta.cursor;
      out.push({ fields: res.data, line });
      for (let i = start; i < end; i++) if (src.charCodeAt(i) === 10) line++;
      start = end;
    },
  });
  return out;
}

// ---------------------------------------------------------------------------------------------- names

const ZH_SUFFIXES = ['自治县', '新区', '矿区', '市', '区', '县', '省'];
const EN_SUFFIXES = [
  ' autonomous county',
  ' new area',
  ' mining district',
  ' district',
  ' county',
  ' city',
  ' province',
];

/**
 * Normalise a unit name for matching: case, spaces, apostrophes and full-width forms do not count.
 * @example normName(' Shi Jia Zhuang ') // 'shijiazhuang'
 */
export function normName(name: string): string {
  return stripBidi(name)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s'’`·.\-_]/g, '');
}

/** The name without its administrative suffix (石家庄市 → 石家庄, Chengde County → chengde). */
export function stripSuffix(name: string): string {
  const lower = name.normalize('NFKC').toLowerCase().trim();
  for (const s of EN_SUFFIXES)
    if (lower.endsWith(s) && lower.length > s.length) return normName(lower.slice(0, -s.length));
  const n = normName(lower);
  for (const s of ZH_SUFFIXES) if (n.endsWith(s) && n.length > s.length + 1) return n.slice(0, -s.length);
  return n;
}

/** Looks units up by code or name; ambiguous names (桥西区 in two cities) resolve by level when they can. */
export interface UnitMatcher {
  /** Units a key could mean: exact code, exact full name, then name without suffix. */
  candidates(key: string): UnitInfo[];
  /** Up to three close names (edit distance) for a key that matched nothing. */
  suggest(key: string): string[];
}

export function unitMatcher(units: readonly UnitInfo[]): UnitMatcher {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const full = new Map<string, UnitInfo[]>();
  const bare = new Map<string, UnitInfo[]>();
  const add = (m: Map<string, UnitInfo[]>, k: string, u: UnitInfo) => {
    const list = m.get(k);
    if (!list) m.set(k, [u]);
    else if (!list.includes(u)) list.push(u);
  };
  for (const u of units) {
    for (const name of [u.name_zh, u.name_en]) {
      add(full, normName(name), u);
      add(bare, stripSuffix(name), u);
    }
  }
  // Close-name suggestions stay bounded whatever the file holds: candidate names are indexed by the
  // length of their bare form (only lengths within the edit limit are compared), keys longer than
  // MAX_SUGGEST_KEY get none, and each distinct key is worked out once.
  const byLength = new Map<number, { n: string; bare: string }[]>();
  for (const n of units.flatMap((u) => [u.name_zh, u.name_en])) {
    const bare = stripSuffix(n);
    const list = byLength.get(bare.length) ?? [];
    list.push({ n, bare });
    byLength.set(bare.length, list);
  }
  const cache = new Map<string, string[]>();
  return {
    candidates(key) {
      const k = key.trim();
      const byC = byCode.get(k) ?? byCode.get(k.toUpperCase());
      if (byC) return [byC];
      if (k.length > MAX_SUGGEST_KEY * 4) return [];
      return full.get(normName(k)) ?? bare.get(stripSuffix(k)) ?? [];
    },
    suggest(key) {
      if (key.length > MAX_SUGGEST_KEY * 4) return [];
      const k = stripSuffix(key);
      if (k === '' || k.length > MAX_SUGGEST_KEY) return [];
      const hit = cache.get(k);
      if (hit) return hit;
      const limit = Math.max(1, Math.floor(k.length / 3));
      const near: { n: string; d: number }[] = [];
      for (let len = k.length - limit; len <= k.length + limit; len++)
        for (const c of byLength.get(len) ?? []) {
          const d = editDistance(k, c.bare);
          if (d <= limit) near.push({ n: c.n, d });
        }
      const out = near
        .sort((a, b) => a.d - b.d || (a.n < b.n ? -1 : 1))
        .map((x) => x.n)
        .filter((n, i, all) => all.indexOf(n) === i)
        .slice(0, 3);
      if (cache.size < 10_000) cache.set(k, out);
      return out;
    },
  };
}

// --------------------------------------------------------------------------------------- columns

const CODE_HEADER = /^(code|adcode|unit_?code|gb|区划代码|行政区划代码|代码|编码)$/i;
const NAME_HEADER = /^(name|region|area|city|county|地区|名称|城市|区县|单位名称|地名)$/i;
const YEAR_HEADER = /^(year|年份|年度|年)$/i;
const VALUE_HEADER = /^(value|数值|值|val)$/i;
const INDICATOR_HEADER = /^(indicator|指标|指标名称|variable)$/i;
const UNIT_HEADER = /^(unit_of_measure|units?_?label|计量单位|单位)$/i;
const CONF_HEADER = /^(confidence|可信度)$/i;
const YEAR_IN_HEADER = /^(\d{4})\s*年?$/;

/** "医院床位数（张）" → name 医院床位数, unit 张. */
export function splitHeader(header: string): { name: string; unit: string } {
  const m = /^(.*?)\s*[(（]([^()（）]{1,20})[)）]\s*$/.exec(header.trim());
  return m && m[1] ? { name: m[1].trim(), unit: m[2]!.trim() } : { name: header.trim(), unit: '' };
}

// Markers of a missing value in statistical tables; the row stays missing, it is not an error.
const MISSING = /^(|-|—|–|\.\.|…|na|n\/a|null|无|暂无|\/)$/i;

/** A cell as a number, or 'missing', or undefined when it is not a number. Thousands separators allowed. */
export function parseNumber(cell: string): number | 'missing' | undefined {
  const s = cell.normalize('NFKC').trim().replace(/\s/g, '');
  if (MISSING.test(s)) return 'missing';
  const plain = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replace(/,/g, '') : s;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(plain)) return undefined;
  const n = Number(plain);
  // 1e999 reads as Infinity and 1e-400 as 0: neither is the number written.
  if (!Number.isFinite(n) || (n === 0 && /[1-9]/.test(plain.replace(/[eE].*$/, '')))) return undefined;
  return n;
}

function baseName(fileName: string): string {
  return (fileName.split(/[\\/]/).pop() ?? fileName).replace(/\.(csv|tsv|txt|xlsx)$/i, '').trim() || 'table';
}

// Counts cannot be negative; anything else (growth rates, balances) may be.
const COUNT_NAME = /人口|人数|population|residents|床位|beds|数量|count|个数/i;

/**
 * Parse and match a user table. Never throws: everything wrong is an issue with its line.
 * @example
 * const { table } = parseUserTable('城市,2020\n石家庄,100\n', units, { fileName: 'beds.csv' });
 * // table.layout === 'wide-years', table.values[0] → [0, '130100', 2020, 100]
 */
export function parseUserTable(text: string, units: readonly UnitInfo[], opts: ParseOptions): ParseOutcome {
  const yearMin = opts.yearMin ?? 2000;
  const yearMax = opts.yearMax ?? 2030;
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  const refused = notATable(trimmed);
  if (refused) return noTable(refused);
  const read = headerAndRecords(trimmed);
  if ('error' in read) return noTable(read.error);
  const { cols, recs } = read;
  const issues = duplicateColumns(cols);

  const matcher = unitMatcher(units);
  const key = findKeyColumn(cols, recs, matcher);
  if ('error' in key) return noTable(key.error);
  const { keyIdx } = key;
  const codeLike = recs
    .slice(0, 50)
    .every((r) => /^\s*([0-9]{6}|XIONGAN|JJJ)?\s*$/i.test(r.fields[keyIdx] ?? ''));
  const columns = findColumns(cols, keyIdx);
  const planned = planCells(cols, columns, opts, yearMin, yearMax);
  if ('errors' in planned) return noTable(...planned.errors);
  const { layout, cells } = planned;

  const plan: TablePlan = { ...columns, cols, keyIdx, codeLike, cells, yearMin, yearMax };
  const { indicators, values, matched } = readRows(recs, plan, matcher, issues, opts);
  if (values.length === 0) {
    issues.push(issue(0, 'userData.err.nothingUsable'));
    return { table: null, issues, rowsRead: recs.length, rowsMatched: 0 };
  }
  return {
    table: {
      indicators,
      fileName: clip(opts.fileName, 120),
      values,
      layout,
      keyColumn: clip(cols[keyIdx]!),
      keyKind: codeLike ? 'code' : 'name',
    },
    issues,
    rowsRead: recs.length,
    rowsMatched: matched,
  };
}

/** The outcome of a file that gave no table: only the issues that say why. */
const noTable = (...issues: UserIssue[]): ParseOutcome => ({
  table: null,
  issues,
  rowsRead: 0,
  rowsMatched: 0,
});

type TableRecord = ReturnType<typeof records>[number];

/** Why a text is not a table at all (empty, JSON, a web page), or null when it may be one. */
function notATable(trimmed: string): UserIssue | null {
  if (trimmed === '') return issue(0, 'userData.err.empty');
  if (/^[{[]/.test(trimmed)) return issue(0, jsonKind(trimmed));
  if (/^<(!doctype|html|\?xml|svg)/i.test(trimmed)) return issue(0, 'userData.err.notTable');
  return null;
}

/** The header's column names and the non-blank records under it, or why the table cannot be read. */
function headerAndRecords(trimmed: string): { cols: string[]; recs: TableRecord[] } | { error: UserIssue } {
  const delimiter = detectDelimiter(trimmed);
  const recs = records(trimmed, delimiter).filter(
    (r) => !(r.fields.length === 1 && r.fields[0]!.trim() === ''),
  );
  const header = recs.shift();
  if (!header) return { error: issue(0, 'userData.err.empty') };
  const cols = header.fields.map((f) => f.trim());
  if (cols.length < 2) return { error: issue(1, 'userData.err.oneColumn') };
  if (cols.length > MAX_COLUMNS)
    return { error: issue(1, 'userData.err.tooManyColumns', { n: String(cols.length) }) };
  if (recs.length === 0) return { error: issue(1, 'userData.err.noRows') };
  if (recs.length > MAX_ROWS)
    return {
      error: issue(0, 'userData.err.tooManyRows', { n: String(recs.length), max: String(MAX_ROWS) }),
    };
  return { cols, recs };
}

/** One issue per repeated column name (the first of each name is the one read). */
function duplicateColumns(cols: string[]): UserIssue[] {
  const issues: UserIssue[] = [];
  const seen = new Map<string, number>();
  cols.forEach((c, i) => {
    if (c === '') return;
    if (seen.has(c)) issues.push(issue(1, 'userData.err.dupColumn', { column: clip(c) }));
    else seen.set(c, i);
  });
  return issues;
}

/** Key column: the header says so, or the column whose cells match the most units. */
function findKeyColumn(
  cols: string[],
  recs: TableRecord[],
  matcher: UnitMatcher,
): { keyIdx: number } | { error: UserIssue } {
  const score = (i: number) => {
    const sample = recs.slice(0, 200);
    const hits = sample.filter((r) => matcher.candidates(r.fields[i] ?? '').length > 0).length;
    return hits / sample.length;
  };
  let keyIdx = cols.findIndex((c) => CODE_HEADER.test(c));
  if (keyIdx < 0) keyIdx = cols.findIndex((c) => NAME_HEADER.test(c));
  if (keyIdx < 0) {
    const scored = cols.map((_, i) => ({ i, s: score(i) })).sort((a, b) => b.s - a.s)[0]!;
    if (scored.s < 0.3)
      return { error: issue(1, 'userData.err.noKey', { columns: clip(cols.join(', '), 80) }) };
    keyIdx = scored.i;
  }
  return { keyIdx };
}

/** Where the columns other than the key are (-1 when absent), and the columns named by a year. */
interface Columns {
  yearIdx: number;
  valueIdx: number;
  indIdx: number;
  unitIdx: number;
  /** Columns that hold no values: key, year, indicator, unit, confidence, name. */
  aux: Set<number>;
  yearCols: { i: number; year: number }[];
}

function findColumns(cols: string[], keyIdx: number): Columns {
  const yearIdx = cols.findIndex((c, i) => i !== keyIdx && YEAR_HEADER.test(c));
  const valueIdx = cols.findIndex((c, i) => i !== keyIdx && VALUE_HEADER.test(c));
  const indIdx = cols.findIndex((c, i) => i !== keyIdx && INDICATOR_HEADER.test(c));
  const unitIdx = cols.findIndex((c, i) => i !== keyIdx && UNIT_HEADER.test(c));
  const confIdx = cols.findIndex((c, i) => i !== keyIdx && CONF_HEADER.test(c));
  const nameIdx = cols.findIndex((c, i) => i !== keyIdx && NAME_HEADER.test(c));
  const aux = new Set([keyIdx, yearIdx, indIdx, unitIdx, confIdx, nameIdx].filter((i) => i >= 0));
  const yearCols = cols
    .map((c, i) => ({ i, m: YEAR_IN_HEADER.exec(c) }))
    .filter((x) => x.m && !aux.has(x.i))
    .map((x) => ({ i: x.i, year: Number(x.m![1]) }));
  return { yearIdx, valueIdx, indIdx, unitIdx, aux, yearCols };
}

/**
 * A column read in every row: its indicator ('' when the indicator column names it), its unit and
 * its year ('column' when the year column gives it).
 */
type Cell = { col: number; indicator: string; unit: string; year: number | 'column' };

/** The table's layout and the cells read in each row, or why no values can be found. */
function planCells(
  cols: string[],
  columns: Columns,
  opts: ParseOptions,
  yearMin: number,
  yearMax: number,
): { layout: UserTable['layout']; cells: Cell[] } | { errors: UserIssue[] } {
  const { yearIdx, valueIdx, indIdx, yearCols } = columns;
  const fileStem = baseName(opts.fileName);
  if (yearIdx >= 0 && valueIdx >= 0) {
    const h = splitHeader(cols[valueIdx]!);
    return {
      layout: 'long',
      cells: [{ col: valueIdx, indicator: indIdx >= 0 ? '' : fileStem, unit: h.unit, year: 'column' }],
    };
  }
  if (yearCols.length > 0)
    return {
      layout: 'wide-years',
      cells: yearCols.map((y) => ({ col: y.i, indicator: fileStem, unit: '', year: y.year })),
    };
  return planWideIndicators(cols, columns, opts, fileStem, yearMin, yearMax);
}

/** One column per indicator: the year is the year column's, the one asked for, or the file name's. */
function planWideIndicators(
  cols: string[],
  columns: Columns,
  opts: ParseOptions,
  fileStem: string,
  yearMin: number,
  yearMax: number,
): { layout: 'wide-indicators'; cells: Cell[] } | { errors: UserIssue[] } {
  const valueCols = cols.map((c, i) => ({ c, i })).filter((x) => !columns.aux.has(x.i) && x.c !== '');
  if (valueCols.length === 0) return { errors: [issue(1, 'userData.err.noValues')] };
  const fromName = /(20\d{2})/.exec(fileStem);
  const year = columns.yearIdx >= 0 ? 'column' : (opts.year ?? (fromName ? Number(fromName[1]) : undefined));
  if (year === undefined) return { errors: [issue(1, 'userData.err.noYear')] };
  if (year !== 'column' && !(Number.isInteger(year) && year >= yearMin && year <= yearMax))
    return {
      errors: [
        issue(0, 'userData.err.yearRange', {
          year: String(year),
          min: String(yearMin),
          max: String(yearMax),
        }),
        issue(1, 'userData.err.noYear'),
      ],
    };
  const cells = valueCols.map((x): Cell => {
    const h = splitHeader(x.c);
    return { col: x.i, indicator: h.name, unit: h.unit, year };
  });
  return { layout: 'wide-indicators', cells };
}

/** Everything reading a row needs to know about the table. */
interface TablePlan extends Columns {
  cols: string[];
  keyIdx: number;
  /** The key column holds codes (an unmatched key is an unknown code, not an unknown name). */
  codeLike: boolean;
  cells: Cell[];
  yearMin: number;
  yearMax: number;
}

/** What reading the rows builds up. */
interface RowReader {
  plan: TablePlan;
  matcher: UnitMatcher;
  issues: UserIssue[];
  indicators: UserIndicator[];
  values: UserTable['values'];
  /** Line where each indicator|unit|year was first given, for the duplicate's issue. */
  firstLine: Map<string, number>;
  /** Unmatched rows given suggestions so far (they are capped: suggesting is the slow part). */
  suggested: number;
}

/** Every row's unit and values; the issues go to `issues`. */
function readRows(
  recs: TableRecord[],
  plan: TablePlan,
  matcher: UnitMatcher,
  issues: UserIssue[],
  opts: ParseOptions,
): { indicators: UserIndicator[]; values: UserTable['values']; matched: number } {
  const { resolved, dominant } = resolveKeys(recs, plan.keyIdx, matcher);
  const reader: RowReader = {
    plan,
    matcher,
    issues,
    indicators: [],
    values: [],
    firstLine: new Map(),
    suggested: 0,
  };
  let matched = 0;
  recs.forEach((r, ri) => {
    if (opts.onProgress && ri % 4096 === 0) opts.onProgress(ri, recs.length);
    const row = rowUnit(reader, r, resolved[ri]!, dominant);
    if (row && readRowValues(reader, r, row.key, row.unit)) matched++;
  });
  return { indicators: reader.indicators, values: reader.values, matched };
}

/** First pass: resolve keys; ambiguous names are settled by the level most other rows are at. */
function resolveKeys(
  recs: TableRecord[],
  keyIdx: number,
  matcher: UnitMatcher,
): { resolved: UnitInfo[][]; dominant: Level | undefined } {
  const resolved = recs.map((r) => matcher.candidates(r.fields[keyIdx] ?? ''));
  const levelCount = new Map<Level, number>();
  for (const c of resolved)
    if (c.length === 1) for (const l of c[0]!.levels) levelCount.set(l, (levelCount.get(l) ?? 0) + 1);
  const dominant = [...levelCount.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return { resolved, dominant };
}

/** The row's key and the one unit it means, or null (with the issue) when there is none. */
function rowUnit(
  reader: RowReader,
  r: TableRecord,
  candidates: UnitInfo[],
  dominant: Level | undefined,
): { key: string; unit: UnitInfo } | null {
  const { plan, issues } = reader;
  const ln = r.line;
  if (r.fields.length !== plan.cols.length) {
    issues.push(
      issue(ln, 'userData.err.fieldCount', {
        expected: String(plan.cols.length),
        found: String(r.fields.length),
      }),
    );
    if (r.fields.length < 2) return null;
  }
  const key = (r.fields[plan.keyIdx] ?? '').trim();
  if (key === '') {
    issues.push(issue(ln, 'userData.err.emptyKey'));
    return null;
  }
  let cand = candidates;
  if (cand.length > 1 && dominant) {
    const atLevel = cand.filter((u) => u.levels.includes(dominant));
    if (atLevel.length === 1) cand = atLevel;
  }
  if (cand.length === 0) {
    const suggestions = reader.suggested++ < MAX_SUGGESTED_ROWS ? reader.matcher.suggest(key) : [];
    issues.push({
      ...issue(ln, plan.codeLike ? 'userData.err.unknownCode' : 'userData.err.unknownName', {
        key: clip(key),
      }),
      suggestions,
    });
    return null;
  }
  if (cand.length > 1) {
    issues.push({
      ...issue(ln, 'userData.err.ambiguous', { key: clip(key) }),
      suggestions: cand.map((u) => `${u.name_zh} (${u.code})`),
    });
    return null;
  }
  return { key, unit: cand[0]! };
}

/** The row's cells as values of its unit; true when at least one cell gave a value. */
function readRowValues(reader: RowReader, r: TableRecord, key: string, unit: UnitInfo): boolean {
  let gave = false;
  for (const c of reader.plan.cells) if (readCell(reader, r, c, key, unit)) gave = true;
  return gave;
}

/** One cell of a row: its indicator, year and number checked, then kept unless it repeats a cell. */
function readCell(reader: RowReader, r: TableRecord, c: Cell, key: string, unit: UnitInfo): boolean {
  const { plan, issues } = reader;
  const ln = r.line;
  const indicatorName = c.indicator || (r.fields[plan.indIdx] ?? '').trim();
  if (indicatorName === '') {
    issues.push(issue(ln, 'userData.err.emptyIndicator'));
    return false;
  }
  const year = cellYear(reader, r, c);
  if (year === null) return false;
  const cell = r.fields[c.col] ?? '';
  const v = parseNumber(cell);
  if (v === 'missing') return false;
  if (v === undefined) {
    issues.push(issue(ln, 'userData.err.notNumber', { value: clip(cell), column: clip(plan.cols[c.col]!) }));
    return false;
  }
  if (v < 0 && COUNT_NAME.test(indicatorName)) {
    issues.push(issue(ln, 'userData.err.negative', { value: String(v), indicator: clip(indicatorName) }));
    return false;
  }
  const unitText = c.unit || (plan.unitIdx >= 0 ? (r.fields[plan.unitIdx] ?? '').trim() : '');
  const ind = indicatorIndex(reader.indicators, indicatorName, unitText);
  const cellId = `${ind}|${unit.code}|${year}`;
  const dup = reader.firstLine.get(cellId);
  if (dup !== undefined) {
    issues.push(
      issue(ln, 'userData.err.duplicate', { key: clip(key), year: String(year), first: String(dup) }),
    );
    return false;
  }
  reader.firstLine.set(cellId, ln);
  reader.values.push([ind, unit.code, year, v]);
  return true;
}

/** The cell's year (its column's, or the row's year column), or null with the issue when it is unusable. */
function cellYear(reader: RowReader, r: TableRecord, c: Cell): number | null {
  const { plan, issues } = reader;
  const ln = r.line;
  let year: number;
  if (c.year === 'column') {
    const yText = (r.fields[plan.yearIdx] ?? '').trim().replace(/年$/, '');
    year = Number(yText);
    if (!/^\d{4}$/.test(yText)) {
      issues.push(issue(ln, 'userData.err.badYear', { value: clip(yText) }));
      return null;
    }
  } else year = c.year;
  if (year < plan.yearMin || year > plan.yearMax) {
    issues.push(
      issue(ln, 'userData.err.yearRange', {
        year: String(year),
        min: String(plan.yearMin),
        max: String(plan.yearMax),
      }),
    );
    return null;
  }
  return year;
}

/** Index of an indicator by name, added on first sight; a unit given later fills an empty one. */
function indicatorIndex(indicators: UserIndicator[], name: string, unit: string): number {
  const n = clip(name, MAX_NAME_LENGTH);
  let i = indicators.findIndex((x) => x.name === n);
  if (i < 0) i = indicators.push({ id: userIndicatorId(n), name: n, unit: clip(unit, 30) }) - 1;
  else if (!indicators[i]!.unit && unit) indicators[i]!.unit = clip(unit, 30);
  return i;
}

/** Why a JSON file was refused: boundaries are not accepted, and coordinates out of the region say so. */
function jsonKind(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.length > MAX_FILE_BYTES ? '' : text);
  } catch {
    return 'userData.err.notTable';
  }
  const geo = parsed as { type?: unknown; features?: unknown };
  if (geo && (geo.type === 'FeatureCollection' || geo.type === 'Feature')) {
    const box = coordBox(parsed);
    // The region is roughly 113–120° E, 36–43° N; GCJ-02 shifts by < 1 km, so far outside means
    // swapped axes, projected metres or another datum declared as WGS84.
    if (box && (box[0] < 110 || box[2] > 123 || box[1] < 33 || box[3] > 45))
      return 'userData.err.geojsonOutside';
    return 'userData.err.geojson';
  }
  return 'userData.err.notTable';
}

function coordBox(json: unknown): [number, number, number, number] | null {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  let n = 0;
  const walk = (v: unknown, depth: number) => {
    if (n > 100_000 || depth > 12 || !Array.isArray(v)) {
      if (v && typeof v === 'object' && depth <= 12)
        for (const x of Object.values(v as Record<string, unknown>)) walk(x, depth + 1);
      return;
    }
    if (v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number') {
      n++;
      box[0] = Math.min(box[0], v[0]);
      box[1] = Math.min(box[1], v[1]);
      box[2] = Math.max(box[2], v[0]);
      box[3] = Math.max(box[3], v[1]);
      return;
    }
    for (const x of v) walk(x, depth + 1);
  };
  walk(json, 0);
  return n > 0 ? box : null;
}

/**
 * Dataset rows, catalogue entries and a source for stored tables. Each table is its own source
 * ("your file x.csv"), and values carry confidence 'medium' with a note that they are the user's own.
 */
export function userDatasetExtra(tables: readonly UserTable[]): {
  rows: IndicatorRow[];
  catalog: IndicatorMeta[];
  sources: SourceInfo[];
} {
  const rows: IndicatorRow[] = [];
  const catalog = new Map<string, IndicatorMeta>();
  const sources: SourceInfo[] = [];
  const confidence: Confidence = 'medium';
  for (const t of tables) {
    const sourceId = `${USER_PREFIX}file:${hash64(t.fileName + t.indicators.map((i) => i.id).join())}`;
    // An official table's own source line is its source; the file name says where it was read.
    const title = t.origin?.source ? `${t.origin.source}（${t.fileName}）` : t.fileName;
    sources.push({ id: sourceId, title, url: '', publisher: 'user data' });
    for (const ind of t.indicators) {
      catalog.set(ind.id, {
        id: ind.id,
        // Marked in every list, legend and export, so user data is never taken for cited data.
        name_zh: `${ind.name}（用户数据）`,
        name_en: `${ind.name} (user data)`,
        unit_zh: ind.unit,
        unit_en: ind.unit,
        good: 'neutral',
        notes_zh: `用户数据：${t.fileName}（仅存于本浏览器）`,
        notes_en: `User data: ${t.fileName} (kept in this browser only)`,
        kind: 'cited',
        // The catalogue indicator an official table's name matched: its theme groups this one (issue 11).
        ...(ind.catalogId ? { matches: ind.catalogId } : {}),
      });
    }
    for (const [i, code, year, value] of t.values) {
      const ind = t.indicators[i];
      if (!ind) continue;
      rows.push({
        unit_code: code,
        indicator: ind.id,
        year,
        value,
        unit: ind.unit,
        source_id: sourceId,
        confidence,
        rank: 1,
        note: 'user data',
      });
    }
  }
  return { rows, catalog: [...catalog.values()], sources };
}

/** Storage format of the user's tables (localStorage), versioned. */
export interface StoredTables {
  version: 1;
  tables: UserTable[];
}

const validTable = (t: UserTable): boolean =>
  !!t &&
  typeof t.fileName === 'string' &&
  Array.isArray(t.indicators) &&
  t.indicators.every(
    (i) =>
      typeof i?.name === 'string' &&
      typeof i.unit === 'string' &&
      typeof i.id === 'string' &&
      (i.catalogId === undefined || typeof i.catalogId === 'string'),
  ) &&
  (t.origin === undefined ||
    (!!t.origin &&
      typeof t.origin === 'object' &&
      Object.values(t.origin).every((v) => typeof v === 'string'))) &&
  Array.isArray(t.values) &&
  t.values.every(
    (v) =>
      Array.isArray(v) &&
      v.length === 4 &&
      Number.isInteger(v[0]) &&
      typeof v[1] === 'string' &&
      Number.isInteger(v[2]) &&
      Number.isFinite(v[3]),
  );

/**
 * Read stored tables defensively and say whether anything was dropped (unreadable JSON, a wrong
 * version, a malformed table or a forged id) so the caller can keep the raw text aside.
 * @example readStoredTablesChecked('garbage') // { tables: [], dropped: true, migrated: false }
 */
export function readStoredTablesChecked(json: string | null): {
  tables: UserTable[];
  dropped: boolean;
  migrated: boolean;
} {
  if (json === null || json === '') return { tables: [], dropped: false, migrated: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { tables: [], dropped: true, migrated: false };
  }
  const s = parsed as Partial<StoredTables>;
  if (!s || s.version !== 1 || !Array.isArray(s.tables))
    return { tables: [], dropped: true, migrated: false };
  const tables: UserTable[] = [];
  let migrated = false;
  for (const t of s.tables as UserTable[]) {
    if (!validTable(t)) continue;
    const ids = t.indicators.map((i) => migrateUserId(i.id, i.name));
    if (ids.some((id) => id === null)) continue;
    if (ids.some((id, k) => id !== t.indicators[k]!.id)) migrated = true;
    tables.push({ ...t, indicators: t.indicators.map((i, k) => ({ ...i, id: ids[k]! })) });
  }
  return { tables, dropped: tables.length !== s.tables.length, migrated };
}

/**
 * Read stored tables defensively: anything malformed is dropped, never thrown.
 * @example readStoredTables('garbage') // []
 */
export function readStoredTables(json: string | null): UserTable[] {
  return readStoredTablesChecked(json).tables;
}

/** The same table (file and indicators), whatever its position in a list. */
export function sameTable(a: UserTable, b: UserTable): boolean {
  return (
    a.fileName === b.fileName &&
    a.indicators.length === b.indicators.length &&
    a.indicators.every((i, k) => i.id === b.indicators[k]!.id)
  );
}

/** Add a table; a table holding an indicator of the same name replaces the older one's values for it. */
export function withTable(tables: readonly UserTable[], table: UserTable): UserTable[] {
  const ids = table.indicators.map((i) => i.id);
  return [...tables.filter((t) => !t.indicators.some((i) => ids.includes(i.id))), table];
}

export function writeStoredTables(tables: readonly UserTable[]): string {
  return JSON.stringify({ version: 1, tables: [...tables] } satisfies StoredTables);
}
