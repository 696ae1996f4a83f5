// Staged indicator rows (round 3 in ../shared/data/indicators/round3, round 4 in data/sources/round4): one
// row per value with its page title, publisher, kind and quoted sentence. Ids and units are mapped to the
// catalogue; values published in 万 are converted exactly; rows that are not annual values or that break a
// definition are rejected with a reason (they go to data/build-report.json, never silently).
import { readFileSync } from 'node:fs';
import {
  NATION_CODE,
  REGION_CODE,
  csvRecords,
  parseIndicatorFields,
  type RowError,
} from '../../../src/core/indicators.ts';
import { XIONGAN_CODE, type Confidence, type SourceKind } from '../../../src/core/types.ts';
import { citedDefs } from './catalog.ts';
import type { Candidate } from './cited.ts';

export const STAGED_COLUMNS = [
  'unit_code',
  'unit_name_zh',
  'indicator_id',
  'year',
  'value',
  'unit',
  'source_url',
  'source_title',
  'publisher',
  'kind',
  'quote',
  'note',
] as const;

/** Staged ids that are a catalogue id under another name. */
const ID_MAP: Record<string, string> = {
  beds_total: 'hospital_beds',
  doctors_total: 'licensed_doctors',
  nurses_total: 'registered_nurses',
  health_technicians_total: 'health_technicians',
  universities: 'colleges_universities',
  disposable_income_all: 'disposable_income_per_capita',
  beds_per_10k: 'beds_per_1000',
  museums_culture_stats: 'museums_culture_system',
  pension_insured: 'pension_participants_total',
  health_technicians_per_10k: 'health_technicians_per_1000',
};

/** Units other than the catalogue unit: what they mean in the catalogue unit (factor) and how to say so. */
const UNIT_MAP: Record<string, Record<string, number>> = {
  doctors_per_1000: {
    'licensed (assistant) doctors per 1,000 population': 1,
    'licensed (assistant) doctors per 1,000 resident population': 1,
    'persons per 1,000 population': 1,
    'persons per 1,000 resident population': 1,
  },
  public_libraries: { libraries: 1, institutions: 1 },
  museums: { institutions: 1 },
  museums_culture_system: { institutions: 1 },
  colleges_universities: { institutions: 1 },
  tertiary_hospitals: { institutions: 1 },
  medical_institutions: {},
  library_holdings_per_capita: { 'volumes per person': 1 },
  heavy_pollution_days_share: { '% of city-days': 1 },
  health_technicians_per_1000: {
    'health technicians per 1,000 resident population': 1,
    'health technical personnel per 10,000 population (as tabulated by the paper)': 0.1,
  },
  nurses_per_1000: { 'registered nurses per 1,000 resident population': 1 },
  beds_per_1000: {
    'beds per 1,000 population': 1,
    'beds per 1,000 resident population': 1,
    'beds per 10,000 population (as tabulated by the paper)': 0.1,
  },
  primary_students: { '10k students': 10_000 },
  junior_students: { '10k students': 10_000 },
  higher_ed_students: { '10k students': 10_000 },
};

/** Per-1,000 series: any "… per 1,000 …" unit is the same, "… per 10,000 …" is ÷ 10. */
function perThousandFactor(id: string, unit: string): number | undefined {
  if (id.endsWith('_per_1000')) {
    if (/\bper 1,000\b/.test(unit)) return 1;
    if (/\bper 10,000\b/.test(unit)) return 0.1;
  }
  if (id.endsWith('_per_100k') && /\bper 100,000\b/.test(unit)) return 1;
  return undefined;
}

/** Confidence from the kind of page: an official page is high; reprints and press medium; others low. */
const CONFIDENCE_OF: Record<string, Confidence> = {
  official: 'high',
  official_reprint: 'medium',
  media: 'medium',
  third_party: 'low',
  dataset: 'low',
};

/** Upstream kinds → source kinds (a compiled repository file is a third-party source). */
const KIND_OF: Record<string, SourceKind> = {
  official: 'official',
  official_reprint: 'official_reprint',
  media: 'media',
  third_party: 'third_party',
  dataset: 'third_party',
};

/** Words that mark a value as monthly, quarterly, cumulative-to-date or seasonal (not annual). */
export const PARTIAL_YEAR_RE =
  /(1[-—–至~]\s*(?:[1-9]|1[01])月|[一二三四五六七八九十]+至[一二三四五六七八九十]+月|前三季度|上半年|采暖季|供暖季|heating season|January[-–—\s]+(?:to\s+)?(?:October|November|September)|Jan[-–—]\s*(?:Oct|Nov|Sep))/i;

export interface Rejection {
  file: string;
  line: number;
  unit_code: string;
  indicator: string;
  year: number | string;
  value: number | string;
  source_url: string;
  reason: 'duplicate' | 'definition break' | 'weak copy' | 'partial year' | 'not a map unit';
  detail: string;
}

function mapCode(code: string): string | undefined {
  if (code === '000000' || code === '100000') return NATION_CODE;
  if (code === 'XIONGAN') return XIONGAN_CODE;
  if (code === 'JJJ') return REGION_CODE;
  return /^\d{6}$/.test(code) ? code : undefined;
}

/**
 * Read one staged CSV. `fileIndex` orders rows across all inputs. Problems of form (missing column, bad
 * number, unknown id or unit) are errors that stop the build; rows that are well formed but must not be
 * shown (partial year) are rejections.
 */
export function readStagedText(
  text: string,
  file: string,
  fileIndex: number,
): { candidates: Candidate[]; rejected: Rejection[]; errors: RowError[] } {
  const defs = citedDefs();
  const { records, errors: syntax } = csvRecords(text);
  const errors: RowError[] = syntax.map((e) => ({ file, ...e }));
  const header = records.shift()?.fields.map((h) => h.trim()) ?? [];
  const missing = STAGED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    for (const c of missing) errors.push({ file, line: 1, reason: `missing column '${c}'` });
    return { candidates: [], rejected: [], errors };
  }
  const candidates: Candidate[] = [];
  const rejected: Rejection[] = [];
  for (const { fields, line } of records) {
    if (fields.length === 1 && fields[0]!.trim() === '') continue;
    if (fields.length !== header.length) {
      errors.push({ file, line, reason: `expected ${header.length} fields, found ${fields.length}` });
      continue;
    }
    const get = (c: (typeof STAGED_COLUMNS)[number]) => fields[header.indexOf(c)]!.trim();
    const reasons: string[] = [];
    const rawCode = get('unit_code');
    const code = mapCode(rawCode);
    if (!code) reasons.push(`unit_code '${rawCode}' is not a 6-digit code, XIONGAN or JJJ`);
    const rawId = get('indicator_id');
    const id = ID_MAP[rawId] ?? rawId;
    const def = defs.get(id);
    if (!def)
      reasons.push(
        `indicator '${rawId}' is not in the catalogue (add it to data/scripts/lib/catalog-extra.ts)`,
      );
    const rawUnit = get('unit');
    let factor = 1;
    if (def && rawUnit !== def.unit_en && !def.unitAliases?.includes(rawUnit)) {
      const f = UNIT_MAP[id]?.[rawUnit] ?? perThousandFactor(id, rawUnit);
      if (f === undefined)
        reasons.push(`unit '${rawUnit}' does not match the catalogue unit '${def.unit_en}' of ${id}`);
      else factor = f;
    }
    const url = get('source_url');
    if (!/^https?:\/\/\S+$/.test(url)) reasons.push(`source_url '${url}' is not a single http(s) URL`);
    const rawKind = get('kind');
    const kind = KIND_OF[rawKind];
    if (!kind)
      reasons.push(`kind '${rawKind}' is not official, official_reprint, media, third_party or dataset`);
    const quote = get('quote');
    if (quote === '') reasons.push('quote is empty (every staged value needs the sentence it was read from)');
    const parsed = parseIndicatorFields({
      unit_code: code ?? rawCode,
      indicator: id,
      year: get('year'),
      value: get('value'),
      unit: def?.unit_en ?? rawUnit,
      source_id: url || '-',
      confidence: CONFIDENCE_OF[rawKind] ?? 'low',
      rank: '1',
      note: '',
    });
    reasons.push(...parsed.reasons);
    if (reasons.length || !parsed.row || !kind) {
      for (const reason of reasons) errors.push({ file, line, reason });
      continue;
    }
    const upstreamNote = get('note');
    if (PARTIAL_YEAR_RE.test(quote) && !/全年|annual/i.test(quote)) {
      rejected.push({
        file,
        line,
        unit_code: parsed.row.unit_code,
        indicator: id,
        year: parsed.row.year,
        value: parsed.row.value,
        source_url: url,
        reason: 'partial year',
        detail: 'the quoted sentence reports a part of the year, not an annual value',
      });
      continue;
    }
    const value = factor === 1 ? parsed.row.value : Number((parsed.row.value * factor).toPrecision(12));
    const notes: string[] = [];
    const notesZh: string[] = [];
    if (rawId !== id) {
      notes.push(`upstream id ${rawId}`);
      notesZh.push(`上游指标名 ${rawId}`);
    }
    if (factor !== 1) {
      notes.push(`published as ${parsed.row.value} ${rawUnit}, converted`);
      notesZh.push(`原文为${parsed.row.value}（${rawUnit}），已换算`);
    }
    if (upstreamNote) notes.push(upstreamNote);
    candidates.push({
      row: {
        ...parsed.row,
        value,
        note: notes.join('; '),
        note_zh: [`来源类型：${KIND_ZH[kind]}`, ...notesZh].join('；'),
        quote,
      },
      file,
      line,
      url,
      variant: false,
      official: kind === 'official' || kind === 'official_reprint',
      order: fileIndex * 1_000_000 + line,
      page: { title: get('source_title'), publisher: get('publisher'), kind },
    });
  }
  return { candidates, rejected, errors };
}

export const KIND_ZH: Record<SourceKind, string> = {
  official: '官方',
  official_reprint: '官方文本转载',
  media: '媒体报道',
  third_party: '第三方',
};

export function readStaged(
  paths: readonly string[],
  firstIndex: number,
): { candidates: Candidate[]; rejected: Rejection[]; errors: RowError[] } {
  const out = { candidates: [] as Candidate[], rejected: [] as Rejection[], errors: [] as RowError[] };
  paths.forEach((p, i) => {
    const r = readStagedText(readFileSync(p, 'utf8'), p, firstIndex + i);
    out.candidates.push(...r.candidates);
    out.rejected.push(...r.rejected);
    out.errors.push(...r.errors);
  });
  return out;
}
