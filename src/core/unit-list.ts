/**
 * Units as lists, for keyboard and screen-reader use: search at a level, the table view's sorting, and
 * the text description of the map. Pure; the components only render what these return.
 */
import type { Lang } from './format.ts';
import type { UnitCode, UnitInfo } from './types.ts';
import { normName } from './user-indicators.ts';

const nameOf = (u: UnitInfo, lang: Lang) => (lang === 'zh' ? u.name_zh : u.name_en);

/**
 * Units whose code or zh/en name contains the query (case, spaces and apostrophes ignored); names
 * starting with the query first, then by name. An empty query lists every unit.
 * @example searchUnits(units, codes, 'shi', 'en')[0].name_en // 'Shijiazhuang'
 */
export function searchUnits(
  units: ReadonlyMap<UnitCode, UnitInfo>,
  codes: readonly UnitCode[],
  query: string,
  lang: Lang,
  limit = 50,
): UnitInfo[] {
  const q = normName(query);
  const list = codes.flatMap((c) => units.get(c) ?? []);
  const scored = list
    .map((u) => {
      const names = [normName(u.name_zh), normName(u.name_en), u.code.toLowerCase()];
      const rank =
        q === '' ? 1 : names.some((n) => n.startsWith(q)) ? 0 : names.some((n) => n.includes(q)) ? 1 : 2;
      return { u, rank };
    })
    .filter((x) => x.rank < 2);
  scored.sort((a, b) => a.rank - b.rank || nameOf(a.u, lang).localeCompare(nameOf(b.u, lang), lang));
  return scored.slice(0, limit).map((x) => x.u);
}

export interface TableRow {
  code: UnitCode;
  name: string;
  value: number | undefined;
}

export type SortKey = 'name' | 'value';

/**
 * Sort the table view. Units without a value always come last, whatever the direction.
 * @example sortTable(rows, 'value', 'desc').map((r) => r.value) // [9, 5, 1, undefined]
 */
export function sortTable<T extends TableRow>(
  rows: readonly T[],
  key: SortKey,
  dir: 'asc' | 'desc',
  lang: Lang,
): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === 'value') {
      if (a.value === undefined || b.value === undefined)
        return a.value === b.value ? a.name.localeCompare(b.name, lang) : a.value === undefined ? 1 : -1;
      return sign * (a.value - b.value) || a.name.localeCompare(b.name, lang);
    }
    return sign * a.name.localeCompare(b.name, lang);
  });
}

/**
 * What the map shows, for the screen-reader description: highest and lowest units (ties listed
 * together, at most three) and how many units have no value.
 * @example describeValues(rows).high // [{ name: 'Beijing', value: 9 }]
 */
export function describeValues(rows: readonly TableRow[]): {
  high: TableRow[];
  low: TableRow[];
  missing: number;
} {
  const withValue = rows.filter((r) => r.value !== undefined);
  const missing = rows.length - withValue.length;
  if (withValue.length === 0) return { high: [], low: [], missing };
  const max = Math.max(...withValue.map((r) => r.value!));
  const min = Math.min(...withValue.map((r) => r.value!));
  return {
    high: withValue.filter((r) => r.value === max).slice(0, 3),
    low: withValue.filter((r) => r.value === min).slice(0, 3),
    missing,
  };
}
