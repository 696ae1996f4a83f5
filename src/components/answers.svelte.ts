// Which answers view is open lives in the app state (`state.answers`, so a link opens it); the header
// button, unit panel and indicator picker all open it through these. The claims file is fetched once
// on first opening.
import claimsUrl from '../../data/claims.json?url';
import { fetchJson } from '../data/fetch.ts';
import type { AnswersTab } from '../state/schema.ts';
import { update } from '../state/store.svelte.ts';
import { setAnswers } from '../state/updaters.ts';
import type { ClaimsFile } from '../view/answers.ts';

export type { AnswersTab };

export function openAnswers(tab: AnswersTab | null, gapIndicator?: string): void {
  update((s) => setAnswers(s, tab, gapIndicator));
}

let claimsFile: Promise<ClaimsFile> | null = null;
export function loadClaims(): Promise<ClaimsFile> {
  claimsFile ??= fetchJson<ClaimsFile>(claimsUrl);
  return claimsFile;
}
