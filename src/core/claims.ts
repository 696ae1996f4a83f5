/**
 * Claims check: how a headline figure compares with what the project's data give.
 * - `reproduced`: the project computed the figure itself (rail engine, sums of its own rows) and it matches;
 * - `consistent`: a value stored from another page (or the same page) agrees, or an "over X" bound holds;
 * - `differs`: the figure found does not agree;
 * - `cannot_check`: the project holds nothing that measures the claim.
 */
export const VERDICTS = ['reproduced', 'consistent', 'differs', 'cannot_check'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** One dated figure of a sharing measure, as its release gave it. */
export interface TimelineEntry {
  date: string;
  as_of: string;
  value: number | null;
  value_text: string;
  quote: string;
  source_url: string;
  source_kind: string;
  verified: boolean;
  note: string;
}

export interface TimelineMeasure {
  id: string;
  name_zh: string;
  name_en: string;
  unit_zh: string;
  unit_en: string;
  entries: TimelineEntry[];
  discrepancy_zh: string;
  discrepancy_en: string;
}

export interface ClaimsFile {
  claims: ClaimEntry[];
  timeline: TimelineMeasure[];
  sources: { id: string; url: string; kind: string }[];
}

/** One entry of data/claims.json (written by data/scripts/50-claims.ts, read by the claims view). */
export interface ClaimEntry {
  id: string;
  claim_zh: string;
  claim_en: string;
  claimed: number | null;
  claimed_text: string;
  unit: string;
  year: number | null;
  quote: string;
  verification: string;
  found: number | null;
  verdict: Verdict;
  reason_zh: string;
  reason_en: string;
  source_ids: string[];
  url_state: string | null;
}

/** How a claim is written: exact ("1284"), a lower bound (">3900", "超", "余") or approximate ("~75"). */
export type ClaimBound = 'exact' | 'over' | 'about';

/** Read a figure as written in the staged table: "1284", ">64000", "~75". */
export function parseClaimed(text: string): { value: number; bound: ClaimBound } | null {
  const m = /^\s*([>~]?)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!m) return null;
  return { value: Number(m[2]), bound: m[1] === '>' ? 'over' : m[1] === '~' ? 'about' : 'exact' };
}

/** Number of decimals a figure is written with (1284 → 0, 5.2 → 1). */
function decimals(x: number): number {
  const s = String(x);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/**
 * Compare a claimed figure with the one found. An exact claim matches when the found value rounds to
 * it at the claim's precision, or lies within `tolerance` (relative); "over X" holds when found ≥ X;
 * "about X" matches within 5 %.
 * @example compareClaim({ value: 1284, bound: 'exact' }, 1276.2, 'computed', 0.01) // → 'reproduced'
 */
export function compareClaim(
  claimed: { value: number; bound: ClaimBound },
  found: number | null,
  how: 'computed' | 'stored',
  tolerance = 0,
): Verdict {
  if (found === null || !Number.isFinite(found)) return 'cannot_check';
  const f = 10 ** decimals(claimed.value);
  const rel =
    claimed.value === 0 ? Math.abs(found) : Math.abs(found - claimed.value) / Math.abs(claimed.value);
  let ok: boolean;
  if (claimed.bound === 'over') ok = found >= claimed.value;
  else if (claimed.bound === 'about') ok = rel <= 0.05;
  else ok = Math.round(found * f) / f === claimed.value || rel <= tolerance;
  if (!ok) return 'differs';
  return how === 'computed' ? 'reproduced' : 'consistent';
}
