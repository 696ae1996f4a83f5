// Cited indicator rows: read the upstream long CSVs (indicators.csv, indicators_round2.csv), take the
// confidence from the "[confidence: …]" prefix of the note, fold variant ids into their base indicator, and
// rank competing values for the same unit/indicator/year.
import { readFileSync } from 'node:fs';
import {
  CONFIDENCES,
  REGION_CODE,
  cellKey,
  csvRecords,
  parseIndicatorFields,
  splitConfidenceNote,
  type RowError,
} from '../../../src/core/indicators.ts';
import { XIONGAN_CODE, type IndicatorRow, type SourceKind } from '../../../src/core/types.ts';
import { citedDefs } from './catalog.ts';

const UPSTREAM_COLUMNS = ['unit_adcode', 'indicator_id', 'year', 'value', 'unit', 'source', 'note'] as const;

/**
 * Ids that are another source's value for an existing indicator, not a separate concept. `*_alt` ids are
 * folded by the suffix rule; these are the others.
 */
const VARIANT_OF: Record<string, string> = { good_air_days_share_mep: 'good_air_days_share' };

/**
 * Cited 2020 values that are census counts (the note says "7th census"): they are the same concept as the
 * census-derived indicators, not year-end estimates (SOURCES.md: "Hebei population, 2020: the census count
 * on 1 November"), so they become alternatives there. `factor` converts the cited unit to the census unit.
 */
const CENSUS_FOLDS: Record<string, { to: string; unit: string; factor: number }> = {
  resident_population: { to: 'census_population', unit: 'persons', factor: 10_000 },
  urbanisation_rate: { to: 'census_urban_share', unit: '%', factor: 1 },
};

/** A cited row before ranking, with where it came from. */
export interface Candidate {
  row: IndicatorRow;
  file: string;
  line: number;
  /** Source URL (source_id is filled in from it later). */
  url: string;
  /** True when the row came from a variant id (`_alt`, `_mep`) or was folded into a census indicator. */
  variant: boolean;
  /** Published on a government site or computed from the census. */
  official: boolean;
  /** Input order (file index, then line): the last tie-break. */
  order: number;
  /** Page metadata given with the row (staged inputs); round-1/2 rows get theirs from data/sources/pages.csv. */
  page?: PageMeta;
  /** True for values the build computed (per-capita from counts, rail, registers). */
  computed?: boolean;
  /** The indicator id as written upstream (before folding). */
  rawId?: string;
  /** 0 official, 1 official reprint, 2 media, 3 third party (from the page's kind); without it, `official`. */
  kindRank?: number;
  /** The page is a copy on a host that is not the outlet (spam, mirror, test server, bare IP). */
  mirror?: boolean;
}

/** Rank of a source kind: official pages first, third-party computations last. */
export const KIND_RANK: Record<SourceKind, number> = {
  official: 0,
  official_reprint: 1,
  media: 2,
  third_party: 3,
};

const kindRankOf = (c: Candidate) => c.kindRank ?? (c.official ? 0 : 2);

/** What a staged row says about its page. */
export interface PageMeta {
  title: string;
  publisher: string;
  kind: SourceKind;
}

function baseId(id: string): { id: string; variant: boolean } {
  if (VARIANT_OF[id]) return { id: VARIANT_OF[id], variant: true };
  if (id.endsWith('_alt')) return { id: id.slice(0, -4), variant: true };
  return { id, variant: false };
}

/** Map an upstream code to the app's code: GB/T 2260 passes through; the two placeholders map to ours. */
function mapCode(code: string): string | undefined {
  if (code === 'XIONGAN') return XIONGAN_CODE;
  if (code === 'JJJ') return REGION_CODE;
  return /^\d{6}$/.test(code) ? code : undefined;
}

/**
 * Read one upstream indicator CSV. `fileIndex` orders rows across files. `isOfficial(url)` marks
 * government sources. Every problem is returned with file and line; rows with problems are dropped.
 */
export function readCitedText(
  text: string,
  file: string,
  fileIndex: number,
  isOfficial: (url: string) => boolean,
): { candidates: Candidate[]; errors: RowError[] } {
  const defs = citedDefs();
  const { records, errors: syntax } = csvRecords(text);
  const errors: RowError[] = syntax.map((e) => ({ file, line: e.line, reason: e.reason }));
  const header = records.shift()?.fields.map((h) => h.trim()) ?? [];
  const missing = UPSTREAM_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    for (const c of missing) errors.push({ file, line: 1, reason: `missing column '${c}'` });
    return { candidates: [], errors };
  }
  const candidates: Candidate[] = [];
  for (const { fields, line } of records) {
    if (fields.length === 1 && fields[0]!.trim() === '') continue;
    const reasons: string[] = [];
    if (fields.length !== header.length) {
      errors.push({ file, line, reason: `expected ${header.length} fields, found ${fields.length}` });
      continue;
    }
    const get = (c: (typeof UPSTREAM_COLUMNS)[number]) => fields[header.indexOf(c)]!.trim();

    const rawCode = get('unit_adcode');
    const code = mapCode(rawCode);
    if (code === undefined)
      reasons.push(`unit_adcode '${rawCode}' is not a 6-digit GB/T 2260 code, XIONGAN or JJJ`);

    const rawId = get('indicator_id');
    const { id, variant: isVariant } = baseId(rawId);
    let variant = isVariant;
    const def = defs.get(id);
    if (!def)
      reasons.push(`indicator '${rawId}' is not in the catalogue (add it to data/scripts/lib/catalog.ts)`);

    let unit = get('unit');
    if (def && unit !== def.unit_en) {
      if (def.unitAliases?.includes(unit)) unit = def.unit_en;
      else reasons.push(`unit '${unit}' does not match the catalogue unit '${def.unit_en}' of ${id}`);
    }

    const url = get('source');
    if (!/^https?:\/\/\S+$/.test(url)) reasons.push(`source '${url}' is not a single http(s) URL`);

    const rawNote = fields[header.indexOf('note')]!;
    const conf = splitConfidenceNote(rawNote);
    if (!conf) {
      const m = /^\s*\[confidence:\s*([^\]]*)\]/i.exec(rawNote);
      reasons.push(
        m
          ? `unknown confidence '${m[1]!.trim()}'`
          : "note does not start with '[confidence: high|medium|low]'",
      );
    }
    let note = conf?.rest ?? '';
    if (conf && !(CONFIDENCES as readonly string[]).includes(conf.label.toLowerCase()))
      note = `confidence given as '${conf.label}', recorded as the lower '${conf.confidence}'; ${note}`;
    if (variant) note = `upstream id ${rawId}; ${note}`;

    const parsed = parseIndicatorFields({
      unit_code: code ?? rawCode,
      indicator: id,
      year: get('year'),
      value: get('value'),
      unit,
      source_id: url || '-',
      confidence: conf?.confidence ?? 'low',
      rank: '1',
      note: '',
    });
    reasons.push(...parsed.reasons);
    if (reasons.length || !parsed.row) {
      for (const reason of reasons) errors.push({ file, line, reason });
      continue;
    }
    let row = parsed.row;

    const fold = CENSUS_FOLDS[id];
    if (fold && row.year === 2020 && /7th census/i.test(note)) {
      const value = row.value * fold.factor;
      const rounded = Number(value.toPrecision(12));
      if (fold.factor !== 1 && !Number.isInteger(rounded)) {
        errors.push({
          file,
          line,
          reason: `census count ${row.value} ${row.unit} is not a whole number of persons`,
        });
        continue;
      }
      note = `cited ${row.value} ${row.unit}${fold.factor !== 1 ? `, converted to persons` : ''}; ${note}`;
      row = { ...row, indicator: fold.to, value: rounded, unit: fold.unit };
      variant = true;
    }
    candidates.push({
      row: { ...row, note: note.replace(/;\s*$/, '').trim() },
      file,
      line,
      url,
      variant,
      official: isOfficial(url),
      order: fileIndex * 1_000_000 + line,
      rawId,
    });
  }
  return { candidates, errors };
}

/** Read several upstream CSVs in order. */
export function readCited(
  paths: readonly string[],
  isOfficial: (url: string) => boolean,
): { candidates: Candidate[]; errors: RowError[] } {
  const candidates: Candidate[] = [];
  const errors: RowError[] = [];
  paths.forEach((p, i) => {
    const r = readCitedText(readFileSync(p, 'utf8'), p, i, isOfficial);
    candidates.push(...r.candidates);
    errors.push(...r.errors);
  });
  return { candidates, errors };
}

/**
 * Rank competing values of one unit/indicator/year. Rank 1 is the shown value, chosen by
 *   1. confidence (high > medium > low),
 *   2. the kind of page: official, then official reprint, then media, then third party (a candidate without
 *      a kind counts as official when `official`, else as media),
 *   2b. a page on the outlet's own host over a copy on a mirror, spam or test host,
 *   3. the base id over a variant (`_alt`, `_mep`, a folded census count) — upstream stored the value it
 *      considered primary under the base id,
 *   4. input order (indicators.csv before indicators_round2.csv, then line).
 * Returns new rows with `rank` set; inputs are not modified.
 */
export function rankCandidates(candidates: readonly Candidate[]): IndicatorRow[] {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const k = cellKey(c.row.unit_code, c.row.indicator, c.row.year);
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  const out: IndicatorRow[] = [];
  for (const g of groups.values()) {
    const sorted = [...g].sort(
      (a, b) =>
        CONFIDENCES.indexOf(a.row.confidence) - CONFIDENCES.indexOf(b.row.confidence) ||
        kindRankOf(a) - kindRankOf(b) ||
        Number(a.mirror ?? false) - Number(b.mirror ?? false) ||
        Number(a.variant) - Number(b.variant) ||
        a.order - b.order,
    );
    sorted.forEach((c, i) => out.push({ ...c.row, rank: i + 1 }));
  }
  return out;
}
