/**
 * Reading the station lists of lines.csv and the end stations of line_sections.csv. Conventions of those
 * files (SOURCES.md §1): `|` separates stations, ` ; ` separates branches (`崇礼线: …`), `[x]` marks
 * out-of-region stations, `(x)` is a remark (alone: not a stop; after a name: dropped), `…` is a gap.
 */

export type OrderEntry =
  | { kind: 'station'; name: string }
  | { kind: 'external'; names: string[] }
  | { kind: 'gap' }
  | { kind: 'remark'; text: string };

export interface Branch {
  label: string | null;
  entries: OrderEntry[];
}

/** Split on a separator character only outside () and [] (remarks may contain the separator). */
function splitTopLevel(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(' || ch === '[') depth++;
    if (ch === ')' || ch === ']') depth = Math.max(0, depth - 1);
    if (ch === sep && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * A station name without trailing remarks: `滨海(于家堡)` → `滨海`, `北京城市副中心 (u/c)` →
 * `北京城市副中心`, `滨海西: under construction` → `滨海西`, `八达岭长城/康庄 area` → `八达岭长城`.
 * @example cleanName('山海关(?)') // → '山海关'
 */
export function cleanName(raw: string): string {
  return raw
    .replace(/\s*\(.*$/, '')
    .replace(/:.*$/, '')
    .replace(/\/.*$/, '')
    .trim();
}

function parseEntry(token: string): OrderEntry {
  const t = token.trim();
  if (t === '…' || t === '...' || t === '') return { kind: 'gap' };
  if (t.startsWith('(') && t.endsWith(')')) return { kind: 'remark', text: t.slice(1, -1) };
  if (t.startsWith('[') && t.endsWith(']')) {
    const names = t
      .slice(1, -1)
      .split(/[|…]/)
      .map(cleanName)
      .filter((n) => n !== '');
    return { kind: 'external', names };
  }
  return { kind: 'station', name: cleanName(t) };
}

/**
 * Parse a `stations_in_order` cell into branches of entries.
 * @example
 * parseStationOrder('石家庄|石家庄北|[阳泉北]')
 * // → [{ label: null, entries: [station 石家庄, station 石家庄北, external [阳泉北]] }]
 */
export function parseStationOrder(cell: string): Branch[] {
  return splitTopLevel(cell, ';').map((part) => {
    let body = part.trim();
    let label: string | null = null;
    const m = /^([^|:[(]+):\s*(.*)$/.exec(body);
    if (m) {
      label = m[1]!.trim();
      body = m[2]!;
    }
    return { label, entries: splitTopLevel(body, '|').map(parseEntry) };
  });
}

/** One end of a section as written in line_sections.csv. */
export interface Endpoint {
  name: string;
  /** `[..]`: the section runs out of the region at this end. */
  external: boolean;
  /** `(via …)`: the section's official length does not cover the leg to this station. */
  via: boolean;
}

/**
 * Parse a from/to cell of line_sections.csv.
 * @example parseEndpoint('[阳泉北 → 太原东]') // → { name: '阳泉北', external: true, via: false }
 * @example parseEndpoint('天津西 (via 津保)') // → { name: '天津西', external: false, via: true }
 */
export function parseEndpoint(cell: string): Endpoint {
  const t = cell.trim();
  const external = t.startsWith('[');
  const inner = external ? t.replace(/^\[|\]$/g, '') : t;
  const first = inner.split('→')[0]!;
  return { name: cleanName(first), external, via: /\(via\b/.test(t) };
}

/** A stop name and whether the order marks it as out of the region. */
export interface StopName {
  name: string;
  external: boolean;
}

/** Station names of a branch in order, with the out-of-region names that follow (in order). */
function namesOf(branch: Branch): StopName[] {
  const out: StopName[] = [];
  for (const e of branch.entries) {
    if (e.kind === 'station') out.push({ name: e.name, external: false });
    if (e.kind === 'external') for (const n of e.names) out.push({ name: n, external: true });
  }
  return out;
}

/**
 * The stop names of a section (with their out-of-region flag), from its line's station order. An out-of-region end (`[..]`) runs to
 * the end of the branch (so the known out-of-region stations the track reaches are kept). When the
 * from-station is not in the branch of the to-station and that branch starts with a gap (延庆支线:
 * `…|延庆`), the from-station is put in front. Throws when the order cannot give the section.
 * @example
 * sectionStopNames(parseStationOrder('北京南|亦庄|天津|军粮城北'), parseEndpoint('北京南'), parseEndpoint('天津'))
 *   .map((s) => s.name) // → ['北京南', '亦庄', '天津']
 */
export function sectionStopNames(branches: Branch[], from: Endpoint, to: Endpoint): StopName[] {
  for (const b of branches) {
    const names = namesOf(b);
    const i = names.findIndex((n) => n.name === from.name);
    const j = names.findIndex((n) => n.name === to.name);
    if (i < 0 || j < 0) continue;
    if (j <= i) throw new Error(`${to.name} comes before ${from.name} in the line's station order`);
    const end = to.external ? names.length : j + 1;
    return names.slice(i, end);
  }
  for (const b of branches) {
    const names = namesOf(b);
    const j = names.findIndex((n) => n.name === to.name);
    if (j >= 0 && b.entries[0]?.kind === 'gap')
      return [{ name: from.name, external: false }, ...names.slice(0, j + 1)];
  }
  throw new Error(`no branch of the line's station order runs from ${from.name} to ${to.name}`);
}
