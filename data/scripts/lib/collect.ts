// Every cited value of every round, in one list: rounds 1–2 (upstream long CSVs, quotes from the evidence
// files, page metadata from data/sources/pages.csv) and the staged rounds 3–4 (metadata and quote on each
// row). Then the build's corrections: duplicates removed, definition breaks moved to their own series or
// rejected, with a reason for each (data/build-report.json).
import { readFileSync } from 'node:fs';
import { cellKey, csvRecords, type RowError } from '../../../src/core/indicators.ts';
import { CONFIDENCES } from '../../../src/core/indicators.ts';
import { SOURCE_KINDS, type SourceKind } from '../../../src/core/types.ts';
import type { CensusRow } from './census.ts';
import { KIND_RANK, readCited, type Candidate, type PageMeta } from './cited.ts';
import { evidenceInputs, indicatorInputs, pagesInput, stagedInputs } from './inputs.ts';
import { KIND_ZH, readStaged, type Rejection } from './staged.ts';

export interface PageRow extends PageMeta {
  coverage?: [number, number];
  note: string;
}

/** data/sources/pages.csv: url → title, publisher, kind, coverage. */
export function readPages(path: string): { pages: Map<string, PageRow>; errors: RowError[] } {
  const { records, errors: syntax } = csvRecords(readFileSync(path, 'utf8'));
  const errors: RowError[] = syntax.map((e) => ({ file: path, ...e }));
  const header = records.shift()?.fields ?? [];
  const pages = new Map<string, PageRow>();
  for (const { fields, line } of records) {
    if (fields.length === 1 && fields[0] === '') continue;
    const get = (c: string) => (fields[header.indexOf(c)] ?? '').trim();
    const kind = get('kind') as SourceKind;
    if (!(SOURCE_KINDS as readonly string[]).includes(kind)) {
      errors.push({ file: path, line, reason: `kind '${kind}' is not one of ${SOURCE_KINDS.join(', ')}` });
      continue;
    }
    const from = Number(get('coverage_from'));
    const to = Number(get('coverage_to'));
    pages.set(get('url'), {
      title: get('title'),
      publisher: get('publisher'),
      kind,
      note: get('note'),
      ...(from && to ? { coverage: [from, to] as [number, number] } : {}),
    });
  }
  return { pages, errors };
}

/** Quotes of the round-1/2 rows, keyed by unit|raw id|year|source url. */
function readEvidence(paths: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of paths) {
    const { records } = csvRecords(readFileSync(p, 'utf8'));
    const header = records.shift()?.fields ?? [];
    for (const { fields } of records) {
      const get = (c: string) => (fields[header.indexOf(c)] ?? '').trim();
      const key = header.includes('row_key')
        ? get('row_key')
        : `${get('unit_adcode')}|${get('indicator_id')}|${get('year')}`;
      const quote = get('quoted_text') || get('quote');
      if (quote) out.set(`${key}|${get('source')}`, quote);
    }
  }
  return out;
}

export interface Collected {
  candidates: Candidate[];
  rejected: Rejection[];
  /** url → page metadata (pages.csv for rounds 1–2, the rows themselves for staged rounds). */
  pages: Map<string, PageRow>;
  /** What the build changed, for the report. */
  corrections: { what: string; rows: number }[];
  /** Rows read (all rounds), rows kept as candidates, rows rejected. */
  accounting: { read: number; shown: number; rejected: number };
}

/** Rank order used everywhere: confidence, then official kind, then base id, then input order. */
export function betterFirst(a: Candidate, b: Candidate): number {
  return (
    CONFIDENCES.indexOf(a.row.confidence) - CONFIDENCES.indexOf(b.row.confidence) ||
    (a.kindRank ?? (a.official ? 0 : 2)) - (b.kindRank ?? (b.official ? 0 : 2)) ||
    Number(a.mirror ?? false) - Number(b.mirror ?? false) ||
    Number(a.variant) - Number(b.variant) ||
    a.order - b.order
  );
}

/**
 * A copy on a host that is not the outlet's: a bare IP or test server, or a publisher text that says the
 * page is a copy on a spam, mirror or unrelated host (pages.csv and the staged SOURCES notes say so).
 */
export function isMirror(url: string, page: PageMeta): boolean {
  const host = url.replace(/^[a-z]+:\/\//i, '').split(/[/:?#]/)[0] ?? '';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || /^test\d*\./.test(host)) return true;
  return /\b(copy|copied|mirror|spam|unrelated|content farm|test host|IP-address host|machine-reworded)\b/i.test(
    page.publisher,
  );
}

/** `published` (as written, e.g. 730 or 771.8) equals `exact` rounded to the same number of decimals. */
function matchesAtPrecision(published: number, exact: number): boolean {
  const decimals = (String(published).split('.')[1] ?? '').length;
  return Number(exact.toFixed(decimals)) === published;
}

/**
 * A year-end population that is really the 2020 census count under another year's label: it equals the
 * count at its published precision and is not labelled 2020. A page that gives the unit's year-end series
 * (`seriesYears`: the years for which the same page gives that unit's population, 3 or more) is a table of
 * year-end estimates, where a value that rounds to the census count is a coincidence, not a relabelling.
 */
export function isRelabelledCensus(
  value: number,
  year: number,
  censusPersons: number | undefined,
  seriesYears: number,
): boolean {
  if (censusPersons === undefined || year === 2020 || seriesYears >= 3) return false;
  return matchesAtPrecision(value, censusPersons / 10_000);
}

const sameValue = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Collect and correct. `census` gives the 2020 census counts, to catch year-end populations that are
 * really the census count under another year's label.
 */
export function collect(census: readonly CensusRow[]): Collected & { errors: RowError[] } {
  const errors: RowError[] = [];
  const { pages, errors: pageErrors } = readPages(pagesInput());
  errors.push(...pageErrors);
  const inputs = indicatorInputs();
  const cited = readCited(inputs, () => false);
  errors.push(...cited.errors);
  const evidence = readEvidence(evidenceInputs());
  for (const c of cited.candidates) {
    const page = pages.get(c.url);
    if (!page) {
      errors.push({ file: c.file, line: c.line, reason: `source ${c.url} is not in ${pagesInput()}` });
      continue;
    }
    c.page = page;
    c.official = page.kind === 'official' || page.kind === 'official_reprint';
    const rawUnit =
      c.row.unit_code === 'XIONGAN' || c.row.unit_code === 'JJJ' ? c.row.unit_code : c.row.unit_code;
    c.row.quote = evidence.get(`${rawUnit}|${c.rawId}|${c.row.year}|${c.url}`) ?? '';
    c.row.note_zh = `来源类型：${KIND_ZH[page.kind]}`;
  }
  const staged = readStaged(stagedInputs(), inputs.length);
  errors.push(...staged.errors);
  const rejected: Rejection[] = [...staged.rejected];
  for (const c of staged.candidates) {
    const prev = pages.get(c.url);
    if (!prev) pages.set(c.url, { ...c.page!, note: '' });
    else c.page = prev;
  }
  let candidates = [...cited.candidates, ...staged.candidates];
  for (const c of candidates) {
    if (!c.page) continue;
    c.kindRank = KIND_RANK[c.page.kind];
    c.mirror = isMirror(c.url, c.page);
  }
  const corrections: Collected['corrections'] = [];
  const reject = (c: Candidate, reason: Rejection['reason'], detail: string): void => {
    rejected.push({
      file: c.file,
      line: c.line,
      unit_code: c.row.unit_code,
      indicator: c.row.indicator,
      year: c.row.year,
      value: c.row.value,
      source_url: c.url,
      reason,
      detail,
    });
  };

  // 1. Hebei city GDP "2016" from an undated ranking page are first releases (the page quotes the NBS 2016
  //    first-release national figures): they belong to gdp_first_release, not to the revised gdp series.
  let moved = 0;
  for (const c of candidates) {
    if (c.row.indicator === 'gdp' && c.row.year === 2016 && /gkjzy\.com/.test(c.url)) {
      c.row = {
        ...c.row,
        indicator: 'gdp_first_release',
        note: `moved from gdp: a first-release value, not the revised series; ${c.row.note}`,
        note_zh: `${c.row.note_zh}；初次公布值，由“地区生产总值”移入“地区生产总值（初步核算）”`,
      };
      moved++;
    }
  }
  corrections.push({
    what: 'Hebei city GDP 2016 (first releases) moved from gdp to gdp_first_release',
    rows: moved,
  });

  // 2. Beijing 2013 GDP 19,800.8 is the revision after the 3rd economic census; the gdp series holds the
  //    vintage after the 4th (Hebei 24,259.6, JJJ 55,340): one vintage per series.
  moved = 0;
  for (const c of candidates) {
    if (
      c.row.indicator === 'gdp' &&
      c.row.unit_code === '110000' &&
      c.row.year === 2013 &&
      c.row.value === 19800.8
    ) {
      c.row = {
        ...c.row,
        indicator: 'gdp_3rd_census_revision',
        note: `moved from gdp: revised after the 3rd economic census (2014), not the 4th-census vintage of the gdp series; ${c.row.note}`,
        note_zh: `${c.row.note_zh}；第三次经济普查后修订值，与“地区生产总值”所用第四次经济普查后修订口径不同，单列`,
      };
      moved++;
    }
  }
  corrections.push({
    what: 'Beijing GDP 2013 (3rd-census revision) moved to gdp_3rd_census_revision',
    rows: moved,
  });

  // 2b. JJJ high-speed rail 2024 (2,669 km) is found only in one English translation; the rail build
  //     (geo/build/rail/official-km.json) records it as unverified, low: the same confidence here.
  for (const c of candidates) {
    if (c.row.indicator === 'hsr_length' && c.row.unit_code === 'JJJ' && c.row.year === 2024) {
      c.row = {
        ...c.row,
        confidence: 'low',
        note: `only in the English translation of Economic Daily; recorded as unverified (low) as in the rail build; ${c.row.note}`,
        note_zh: `${c.row.note_zh}；只见于《经济日报》英文译文，与铁路数据一致记为未核实（低）`,
      };
    }
  }

  // 3. A year-end population that equals the 2020 census count is the census under another label.
  const censusPop = new Map(census.map((r) => [r.code, r.counts.pop_total_2020]));
  // The years for which each page gives a unit's population (its year-end series, if 3 or more).
  const pageUnit = (c: Candidate) => `${c.url}|${c.row.unit_code}`;
  const popYears = new Map<string, Set<number>>();
  for (const c of candidates) {
    if (c.row.indicator !== 'resident_population') continue;
    popYears.set(pageUnit(c), (popYears.get(pageUnit(c)) ?? new Set()).add(c.row.year));
  }
  const kept: Candidate[] = [];
  for (const c of candidates) {
    const pop = censusPop.get(c.row.unit_code);
    if (
      c.row.indicator === 'resident_population' &&
      isRelabelledCensus(c.row.value, c.row.year, pop, popYears.get(pageUnit(c))!.size)
    ) {
      reject(
        c,
        'definition break',
        `equals the 2020 census count (${pop} persons) at the published precision but is labelled ${c.row.year}`,
      );
      continue;
    }
    kept.push(c);
  }
  corrections.push({
    what: 'year-end populations equal to the 2020 census count rejected',
    rows: candidates.length - kept.length,
  });
  candidates = kept;

  // 4. Duplicates: the same value for the same cell from several pages (or the same page in two rounds).
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const k = cellKey(c.row.unit_code, c.row.indicator, c.row.year);
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  const unique: Candidate[] = [];
  for (const g of groups.values()) {
    const sorted = [...g].sort(betterFirst);
    const keep: Candidate[] = [];
    for (const c of sorted) {
      const same = keep.find((k) => sameValue(k.row.value, c.row.value));
      if (same) {
        reject(
          c,
          'duplicate',
          same.url === c.url
            ? 'same value from the same page (another input row)'
            : `same value as ${same.url} (kept: ${same.page?.kind ?? ''})`,
        );
        if (!same.row.quote && c.row.quote && same.url === c.url) same.row.quote = c.row.quote;
      } else keep.push(c);
    }
    unique.push(...keep);
  }
  corrections.push({
    what: 'duplicate values removed (kept the better-ranked page)',
    rows: candidates.length - unique.length,
  });
  const read = cited.candidates.length + staged.candidates.length + staged.rejected.length;
  return {
    candidates: unique,
    rejected,
    pages,
    corrections,
    errors,
    accounting: { read, shown: unique.length, rejected: rejected.length },
  };
}
