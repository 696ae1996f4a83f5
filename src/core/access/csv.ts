/**
 * User facility lists (CSV): name, type, lon, lat and an optional capacity, in a declared CRS (WGS84,
 * GCJ-02 or BD-09, converted with gcoord). Header names are recognised in English and Chinese (名称,
 * 类型, 经度, 纬度, 床位数 …); a file without a header is read as name, type, lon, lat[, capacity].
 * Every rejected row is listed with its 1-based line number and the reason; the good rows can be used
 * in coverage and 2SFCA. Names are kept as plain text: HTML in a name is never interpreted here, and
 * the UI must show names as text (textContent), not markup.
 */
import { csvRecords } from '../indicators.ts';
import { stripBidi } from '../user-indicators.ts';
import type { Bbox4 } from '../rail/geo.ts';
import { metresBetween, toWgs84, type InputCrs } from './crs.ts';
import { FACILITY_TYPES, type FacilityType, type SupplyPoint } from './types.ts';

/** Largest accepted file. A facility list of 100,000 rows is a few MB; 50 MB is refused with a message. */
export const MAX_CSV_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 100_000;
export const MAX_NAME_CHARS = 200;
/** Two rows with the same name closer than this are the same facility entered twice. */
export const DUPLICATE_METRES = 50;

type Field = 'name' | 'type' | 'lon' | 'lat' | 'capacity';
const FIELDS: readonly Field[] = ['name', 'type', 'lon', 'lat', 'capacity'];

/** Accepted header names (compared after headerKey()). */
const HEADER_ALIASES: Readonly<Record<Field, readonly string[]>> = {
  name: [
    'name',
    'facility',
    'facilityname',
    'title',
    '名称',
    '名字',
    '机构名称',
    '设施名称',
    '单位名称',
    '医院名称',
    '学校名称',
    '景区名称',
    '图书馆名称',
  ],
  type: ['type', 'kind', 'category', 'facilitytype', 'service', '类型', '类别', '设施类型', '种类'],
  lon: ['lon', 'lng', 'long', 'longitude', 'x', '经度'],
  lat: ['lat', 'latitude', 'y', '纬度'],
  capacity: ['capacity', 'beds', 'bed', 'size', 'supply', '床位', '床位数', '容量', '规模', '编制床位'],
};

/** Accepted type names (compared lower-case, NFKC, without spaces). */
const TYPE_ALIASES: Readonly<Record<FacilityType, readonly string[]>> = {
  hospital: ['hospital', 'hospitals', '医院', '综合医院'],
  university: ['university', 'universities', 'college', '大学', '高校', '高等院校', '学院'],
  attraction: ['attraction', 'attractions', 'scenic', '5a', '景区', '5a景区', '旅游景区'],
  library: ['library', 'libraries', '图书馆'],
};

export interface RegionCheck {
  /** Region bbox [minLon, minLat, maxLon, maxLat] (WGS84). */
  bbox: Bbox4;
  /** County code at a WGS84 point, or null outside every county polygon. */
  countyAt: (lon: number, lat: number) => string | null;
}

export interface UserFacility {
  line: number;
  name: string;
  type: FacilityType;
  /** WGS84 after conversion, and as given in the file. */
  lon: number;
  lat: number;
  lon_in: number;
  lat_in: number;
  capacity: number | null;
  county: string;
}

/**
 * A message of the check: a key with its parameters, written in the interface language by the UI and
 * in English by the CLI (src/i18n: `facility.*`). Parameters named `axis` and `problem` are keys too
 * (`facility.axis.*`, `facility.problem.*`).
 */
export interface FacilityMessage {
  key: `facility.${string}`;
  params?: Record<string, string>;
}

/** Why a number cell cannot be used (see numberCell). */
export type NumberProblem = 'notNumber' | 'infinite' | 'zero';

export interface RowIssue {
  line: number;
  message: FacilityMessage;
}

export interface UserFacilityParse {
  rows: UserFacility[];
  /** Row problems, a row with several problems listed once per problem (the worker sends the first 1,000). */
  errors: RowIssue[];
  /** Rows rejected: the distinct lines of all the problems. */
  rejected: number;
  /** Column index per field (null when absent); null when the file could not be read at all. */
  columns: Record<Field, number | null> | null;
  /** A problem with the whole file (too large, empty, no usable header); rows are then empty. */
  fatal: FacilityMessage | null;
  notes: FacilityMessage[];
}

export interface ParseOptions {
  crs: InputCrs;
  region: RegionCheck;
  /** Type of rows without a type column or with an empty type cell; without it such rows are errors. */
  defaultType?: FacilityType;
  maxBytes?: number;
  /** Told every few thousand rows how many data rows are done (the worker passes it on as progress). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * UTF-8 size of a string without encoding it.
 * @example utf8Bytes('北京a') // → 7
 */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Comparable header name: NFKC, lower case, without a parenthesised remark, spaces, _ - or dots.
 * @example headerKey(' 经度（BD-09） ') // → '经度'
 * @example headerKey('Facility_Name') // → 'facilityname'
 */
export function headerKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/\([^)]*\)/g, '')
    .replace(/[\s_.-]/g, '');
}

/**
 * A facility type from what a user typed (English or Chinese), or null.
 * @example parseFacilityType('医院') // → 'hospital'
 * @example parseFacilityType('School') // → null
 */
export function parseFacilityType(s: string): FacilityType | null {
  const k = s.normalize('NFKC').toLowerCase().replace(/\s/g, '');
  for (const t of FACILITY_TYPES) if (TYPE_ALIASES[t].includes(k)) return t;
  return null;
}

/** Which column holds which field, from a header row; null when name, lon or lat is missing. */
function headerColumns(fields: readonly string[]): Record<Field, number | null> | null {
  const cols: Record<Field, number | null> = { name: null, type: null, lon: null, lat: null, capacity: null };
  fields.forEach((h, i) => {
    const k = headerKey(h);
    for (const f of FIELDS) if (cols[f] === null && HEADER_ALIASES[f].includes(k)) cols[f] = i;
  });
  return cols.name !== null && cols.lon !== null && cols.lat !== null ? cols : null;
}

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A number cell: null when empty, a reason when it is not a usable plain decimal (hex such as 0x10,
 * a value beyond ±1.8e308 that would read as Infinity, or a tiny one such as 1e-400 that would read as 0).
 * @example numberCell('1e309') // → { error: 'infinite' }
 */
export function numberCell(s: string | undefined): number | null | { error: NumberProblem } {
  const t = (s ?? '').normalize('NFKC').trim();
  if (t === '') return null;
  if (!NUMBER_RE.test(t)) return { error: 'notNumber' };
  const n = Number(t);
  if (!Number.isFinite(n)) return { error: 'infinite' };
  if (n === 0 && /[1-9]/.test(t.replace(/e.*$/i, ''))) return { error: 'zero' };
  return n;
}

const msg = (key: FacilityMessage['key'], params?: Record<string, string>): FacilityMessage =>
  params ? { key, params } : { key };

const isNumber = (v: ReturnType<typeof numberCell>): v is number => typeof v === 'number';

/** Plain-text name: trimmed, control characters as spaces, inner runs of spaces collapsed. */
function cleanName(s: string | undefined): string {
  return stripBidi(s ?? '')
    .replace(/\p{Cc}/gu, ' ') // C0/C1 control characters
    .replace(/\s+/g, ' ')
    .trim();
}

/** A cell quoted in a message: one line, at most 40 characters. */
const clipCell = (s: string | undefined) => {
  const t = stripBidi(s ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
};

const nameKey = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s/g, '');

/** Check one data record; returns the facility or the reasons it is refused. */
function readRow(
  fields: readonly string[],
  line: number,
  cols: Record<Field, number | null>,
  o: ParseOptions,
): UserFacility | FacilityMessage[] {
  const cell = (f: Field) => (cols[f] === null ? undefined : fields[cols[f]!]);
  const reasons: FacilityMessage[] = [];
  const name = cleanName(cell('name'));
  if (name === '') reasons.push(msg('facility.nameEmpty'));
  else if (name.length > MAX_NAME_CHARS)
    reasons.push(msg('facility.nameTooLong', { max: String(MAX_NAME_CHARS) }));
  const typeText = (cell('type') ?? '').trim();
  const type = typeText === '' ? (o.defaultType ?? null) : parseFacilityType(typeText);
  if (type === null)
    reasons.push(
      typeText === ''
        ? msg('facility.typeEmpty')
        : msg('facility.typeUnknown', { value: clipCell(typeText) }),
    );
  const lonCell = numberCell(cell('lon'));
  const latCell = numberCell(cell('lat'));
  for (const [label, v, raw, limit] of [
    ['longitude', lonCell, cell('lon'), 180],
    ['latitude', latCell, cell('lat'), 90],
  ] as const) {
    if (v === null) reasons.push(msg('facility.coordMissing', { axis: label }));
    else if (!isNumber(v))
      reasons.push(msg('facility.coordBad', { axis: label, value: clipCell(raw), problem: v.error }));
    else if (Math.abs(v) > limit)
      reasons.push(msg('facility.coordRange', { axis: label, value: String(v), limit: String(limit) }));
  }
  const lon = isNumber(lonCell) ? lonCell : null;
  const lat = isNumber(latCell) ? latCell : null;
  if (lat !== null && Math.abs(lat) > 90 && lon !== null && Math.abs(lon) <= 90)
    reasons.push(msg('facility.swapped'));
  const capCell = numberCell(cell('capacity'));
  const cap = isNumber(capCell) ? capCell : null;
  if (capCell !== null && !isNumber(capCell))
    reasons.push(msg('facility.capacityBad', { value: clipCell(cell('capacity')), problem: capCell.error }));
  else if (cap !== null && !(cap >= 0))
    reasons.push(msg('facility.capacityNegative', { value: clipCell(cell('capacity')) }));
  if (reasons.length > 0 || lon === null || lat === null) return reasons;
  return placeRow({ line, name, type: type!, lon_in: lon, lat_in: lat, capacity: cap }, o);
}

/** Convert to WGS84 and check the point lies in the region (bbox, then county polygons). */
function placeRow(
  r: Omit<UserFacility, 'lon' | 'lat' | 'county'>,
  o: ParseOptions,
): UserFacility | FacilityMessage[] {
  const [lon, lat] = toWgs84(r.lon_in, r.lat_in, o.crs);
  const [x0, y0, x1, y1] = o.region.bbox;
  // Built only for a message: a string per accepted row was a large share of a 100 k-row parse.
  const at = () => `${r.lon_in}, ${r.lat_in}`;
  if (lon < x0 || lon > x1 || lat < y0 || lat > y1) {
    const swapped = r.lat_in >= x0 && r.lat_in <= x1 && r.lon_in >= y0 && r.lon_in <= y1;
    const range = (a: number, b: number) => `${a.toFixed(2)}–${b.toFixed(2)}`;
    const where = { at: at(), lon: range(x0, x1), lat: range(y0, y1) };
    return [msg(swapped ? 'facility.outsideSwapped' : 'facility.outside', where)];
  }
  const county = o.region.countyAt(lon, lat);
  if (county === null) return [msg('facility.noCounty', { at: at() })];
  // One object per row, built whole (a spread of a first object doubled the garbage of a big file).
  return {
    line: r.line,
    name: r.name,
    type: r.type,
    lon,
    lat,
    lon_in: r.lon_in,
    lat_in: r.lat_in,
    capacity: r.capacity,
    county,
  };
}

/** Header row or positional columns for a file without one. */
function findColumns(
  first: readonly string[],
): { cols: Record<Field, number | null>; header: boolean; note: FacilityMessage | null } | null {
  const cols = headerColumns(first);
  if (cols) return { cols, header: true, note: null };
  const looksLikeData = first.length >= 4 && [2, 3].every((i) => isNumber(numberCell(first[i])));
  if (!looksLikeData) return null;
  return {
    cols: { name: 0, type: 1, lon: 2, lat: 3, capacity: first.length >= 5 ? 4 : null },
    header: false,
    note: msg('facility.positional'),
  };
}

/**
 * Parse and validate a user facility CSV. Never throws on bad input: whole-file problems come back in
 * `fatal`, row problems in `errors` (line, reason), and the accepted rows in `rows`.
 * @example
 * const r = parseUserFacilities('name,type,lon,lat\n协和,医院,116.4166,39.9125\n', { crs: 'bd09', region });
 * r.rows[0].lon // WGS84 longitude; r.errors → []
 */
export function parseUserFacilities(text: string, o: ParseOptions): UserFacilityParse {
  const fail = (fatal: FacilityMessage): UserFacilityParse => ({
    rows: [],
    errors: [],
    rejected: 0,
    columns: null,
    fatal,
    notes: [],
  });
  const max = o.maxBytes ?? MAX_CSV_BYTES;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  if (text.length > max || utf8Bytes(text) > max)
    return fail(msg('facility.tooLarge', { max: mb(max), size: mb(utf8Bytes(text)) }));
  const { records, errors: syntax } = csvRecords(text);
  const nonBlank = records.filter((r) => !(r.fields.length === 1 && r.fields[0]!.trim() === ''));
  if (nonBlank.length === 0) return fail(msg('facility.empty'));
  const found = findColumns(nonBlank[0]!.fields);
  if (!found) return fail(msg('facility.noHeader', { line: String(nonBlank[0]!.line) }));
  const data = found.header ? nonBlank.slice(1) : nonBlank;
  if (data.length === 0) return fail(msg('facility.headerOnly'));
  if (data.length > MAX_ROWS)
    return fail(msg('facility.tooManyRows', { rows: String(data.length), max: String(MAX_ROWS) }));
  const notes = found.note ? [found.note] : [];
  if (found.cols.type === null && o.defaultType)
    notes.push(msg('facility.defaultType', { type: o.defaultType }));
  const errors: RowIssue[] = syntax.map((e) => ({
    line: e.line,
    message: msg('facility.csvSyntax', { detail: e.detail }),
  }));
  const rows: UserFacility[] = [];
  // Duplicates: same name within DUPLICATE_METRES. Rows are bucketed by name and a ~110 m grid cell,
  // and only the 3×3 cells around a row are compared, so the check is linear in the number of rows
  // (a list of one name repeated 60 000 times used to be quadratic).
  const CELL_DEG = 0.001;
  // Per name, the rows by cell; a cell is one number (no key string per neighbour looked at: nine
  // strings a row made a 100 k-row parse spend a third of its time collecting garbage).
  const byName = new Map<string, Map<number, UserFacility[]>>();
  const cellKey = (cx: number, cy: number) => cx * 400_000 + cy;
  let done = 0;
  for (const rec of data) {
    if (o.onProgress && done++ % 4096 === 0) o.onProgress(done - 1, data.length);
    const r = readRow(rec.fields, rec.line, found.cols, o);
    if (Array.isArray(r)) {
      errors.push(...r.map((message) => ({ line: rec.line, message })));
      continue;
    }
    const key = nameKey(r.name);
    const cx = Math.floor(r.lon / CELL_DEG);
    const cy = Math.floor(r.lat / CELL_DEG);
    let cells = byName.get(key);
    let dup: UserFacility | undefined;
    for (let dx = -1; dx <= 1 && !dup && cells; dx++)
      for (let dy = -1; dy <= 1 && !dup; dy++)
        dup = cells
          .get(cellKey(cx + dx, cy + dy))
          ?.find((s) => metresBetween(s.lon, s.lat, r.lon, r.lat) <= DUPLICATE_METRES);
    if (dup) {
      const m = Math.round(metresBetween(dup.lon, dup.lat, r.lon, r.lat));
      const params = { line: String(dup.line), metres: String(m) };
      errors.push({ line: rec.line, message: msg('facility.duplicate', params) });
      continue;
    }
    if (!cells) byName.set(key, (cells = new Map()));
    const own = cellKey(cx, cy);
    const list = cells.get(own);
    if (list) list.push(r);
    else cells.set(own, [r]);
    rows.push(r);
  }
  errors.sort((a, b) => a.line - b.line);
  o.onProgress?.(data.length, data.length);
  const rejected = new Set(errors.map((e) => e.line)).size;
  return { rows, errors, rejected, columns: found.cols, fatal: null, notes };
}

/**
 * A parse as columns, for the worker's answer: typed arrays and string lists cross to the page many
 * times faster than 100 k row objects (whose structured clone held the page for ≈0.4 s). Row problems
 * beyond `maxErrors` are counted in `rejected`, not sent.
 */
export interface PackedFacilityParse extends Omit<UserFacilityParse, 'rows'> {
  names: string[];
  counties: string[];
  /** Index into FACILITY_TYPES. */
  types: Uint8Array;
  lines: Uint32Array;
  /** lon, lat, lon_in, lat_in per row. */
  coords: Float64Array;
  /** NaN where the file gives no capacity. */
  capacity: Float64Array;
}

/** @example unpackFacilityParse(packFacilityParse(p)).rows // deep-equal to p.rows */
export function packFacilityParse(p: UserFacilityParse, maxErrors = Infinity): PackedFacilityParse {
  const n = p.rows.length;
  const packed: PackedFacilityParse = {
    errors: p.errors.slice(0, maxErrors),
    rejected: p.rejected,
    columns: p.columns,
    fatal: p.fatal,
    notes: p.notes,
    names: new Array<string>(n),
    counties: new Array<string>(n),
    types: new Uint8Array(n),
    lines: new Uint32Array(n),
    coords: new Float64Array(4 * n),
    capacity: new Float64Array(n),
  };
  p.rows.forEach((r, i) => {
    packed.names[i] = r.name;
    packed.counties[i] = r.county;
    packed.types[i] = FACILITY_TYPES.indexOf(r.type);
    packed.lines[i] = r.line;
    packed.coords.set([r.lon, r.lat, r.lon_in, r.lat_in], 4 * i);
    packed.capacity[i] = r.capacity ?? NaN;
  });
  return packed;
}

export function unpackFacilityParse(packed: PackedFacilityParse): UserFacilityParse {
  const { names, counties, types, lines, coords, capacity, ...rest } = packed;
  const rows = names.map((name, i): UserFacility => ({
    line: lines[i]!,
    name,
    type: FACILITY_TYPES[types[i]!]!,
    lon: coords[4 * i]!,
    lat: coords[4 * i + 1]!,
    lon_in: coords[4 * i + 2]!,
    lat_in: coords[4 * i + 3]!,
    capacity: Number.isNaN(capacity[i]) ? null : capacity[i]!,
    county: counties[i]!,
  }));
  return { ...rest, rows };
}

/**
 * Supply points of one type from parsed rows (capacity NaN where the file gives none).
 * @example userSupply(parsed.rows, 'hospital').length
 */
export function userSupply(rows: readonly UserFacility[], type: FacilityType): SupplyPoint[] {
  return rows
    .filter((r) => r.type === type)
    .map((r) => ({
      id: `user-${r.line}`,
      name: r.name,
      lon: r.lon,
      lat: r.lat,
      capacity: r.capacity ?? NaN,
    }));
}
