/**
 * The coverage view's model (issue 11): for every series, unit and year whether a value exists — cited
 * (`filled`), computed by the data build (`derived`), brought by the analyst (`user`: a user table whose
 * indicator matched the series) or `missing` — grouped by theme, with each missing block (consecutive
 * missing years of one unit) and the table that would hold it. The data build's data/coverage.json gives
 * the statuses and the tables where it exists; without it the statuses come from the loaded values and
 * the pointers are general ones (marked so). Pure.
 */
import { themeGroup, groupByTheme, USER_THEME, type ThemeGroup } from './themes.ts';

export type CellStatus = 'filled' | 'derived' | 'user' | 'missing';
export const CELL_STATUSES: readonly CellStatus[] = ['filled', 'derived', 'user', 'missing'];

/** data/coverage.json, as the data build writes it (see the data contract). */
export interface CoverageFile {
  years: number[];
  units: { code: string; name_zh: string; name_en: string; level: string }[];
  series: { indicator: string; theme?: string; status: Record<string, string[]> }[];
  gaps: { indicator: string; unit_code: string; years: number[]; where_zh: string; where_en: string }[];
}

export interface Gap {
  code: string;
  years: number[];
  where?: { zh: string; en: string };
}

export interface CoverageSeries {
  indicator: string;
  group: ThemeGroup;
  rows: { code: string; cells: CellStatus[] }[];
  counts: Record<CellStatus, number>;
  gaps: Gap[];
  /** File names of the user tables that supplied cells. */
  userTables: string[];
}

export interface CoverageModel {
  years: number[];
  units: string[];
  groups: [ThemeGroup, CoverageSeries[]][];
  counts: Record<CellStatus, number>;
}

export interface CoverageInput {
  catalog: readonly { id: string; theme?: unknown; kind?: string }[];
  /** Whether a shown (rank-1) value exists. */
  has: (indicator: string, code: string, year: number) => boolean;
  units: readonly string[];
  years: readonly number[];
  /** Cells of user tables: their own indicator id, the catalogue id it matched (if any), unit, year. */
  user: readonly { id: string; catalogId?: string; code: string; year: number; table: string }[];
  file?: CoverageFile | null;
}

const zero = (): Record<CellStatus, number> => ({ filled: 0, derived: 0, user: 0, missing: 0 });

/**
 * Build the model.
 * @example
 * coverageModel({ catalog: [{ id: 'beds_per_1000' }], has: () => false, units: ['130000'], years: [2020],
 *   user: [{ id: 'user:1', catalogId: 'beds_per_1000', code: '130000', year: 2020, table: 'h.xlsx' }] })
 *   .groups[0][1][0].rows[0].cells // ['user']
 */
export function coverageModel(input: CoverageInput): CoverageModel {
  const file = input.file ?? null;
  const userYears = input.user.map((u) => u.year);
  const years = [...new Set([...(file?.years ?? input.years), ...userYears])].sort((a, b) => a - b);
  const baseUnits = file ? file.units.map((u) => u.code) : [...input.units];
  const units = [
    ...baseUnits,
    ...new Set(input.user.map((u) => u.code).filter((c) => !baseUnits.includes(c))),
  ];
  const fileSeries = new Map(file?.series.map((s) => [s.indicator, s]) ?? []);
  const fileYearIdx = new Map((file?.years ?? []).map((y, i) => [y, i]));
  // Cells the analyst supplied, by the series they fill: catalogue id if matched, else their own id.
  const supplied = new Map<string, Map<string, string>>();
  for (const u of input.user) {
    const series = u.catalogId ?? u.id;
    let m = supplied.get(series);
    if (!m) supplied.set(series, (m = new Map()));
    m.set(`${u.code}|${u.year}`, u.table);
  }
  const matchedIds = new Set(input.user.filter((u) => u.catalogId).map((u) => u.id));

  const series: CoverageSeries[] = [];
  for (const meta of input.catalog) {
    const isUser = meta.id.startsWith('user:');
    // A matched user indicator is shown inside its catalogue series, not twice.
    if (isUser && matchedIds.has(meta.id)) continue;
    const fromFile = fileSeries.get(meta.id);
    const mine = supplied.get(meta.id);
    const counts = zero();
    const tables = new Set<string>();
    const rows = units.map((code) => {
      const cells = years.map((year): CellStatus => {
        let status: CellStatus;
        const fi = fileYearIdx.get(year);
        const fromBuild = fromFile && fi !== undefined ? fromFile.status[code]?.[fi] : undefined;
        if (isUser) status = 'missing';
        else if (fromBuild === 'filled' || fromBuild === 'derived') status = fromBuild;
        else if (fromBuild === undefined && input.has(meta.id, code, year))
          status = meta.kind === 'derived' ? 'derived' : 'filled';
        else status = 'missing';
        const table = mine?.get(`${code}|${year}`);
        if (status === 'missing' && table !== undefined) {
          status = 'user';
          tables.add(table);
        }
        counts[status]++;
        return status;
      });
      return { code, cells };
    });
    const gaps: Gap[] = [];
    for (const row of rows) {
      let run: number[] = [];
      const flush = () => {
        if (run.length === 0) return;
        const g = file?.gaps.find(
          (x) => x.indicator === meta.id && x.unit_code === row.code && x.years.some((y) => run.includes(y)),
        );
        gaps.push({
          code: row.code,
          years: run,
          ...(g ? { where: { zh: g.where_zh, en: g.where_en } } : {}),
        });
        run = [];
      };
      row.cells.forEach((c, i) => (c === 'missing' ? run.push(years[i]!) : flush()));
      flush();
    }
    series.push({
      indicator: meta.id,
      group: isUser ? USER_THEME : themeGroup(fromFile?.theme ? { ...meta, theme: fromFile.theme } : meta),
      rows,
      counts,
      gaps,
      userTables: [...tables],
    });
  }
  const counts = zero();
  for (const s of series) for (const k of CELL_STATUSES) counts[k] += s.counts[k];
  return { years, units, groups: groupByTheme(series, (s) => s.group), counts };
}

/** "2013–2016" or "2018" or "2013, 2015". */
export function yearSpan(years: readonly number[]): string {
  if (years.length === 0) return '';
  const first = years[0]!;
  const last = years[years.length - 1]!;
  const consecutive = years.every((y, i) => i === 0 || y === years[i - 1]! + 1);
  if (years.length === 1) return String(first);
  return consecutive ? `${first}–${last}` : years.join(', ');
}
