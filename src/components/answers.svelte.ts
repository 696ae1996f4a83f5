// Which answers view is open (header button, unit panel and indicator picker all open it) and the
// claims file, fetched once on first opening.
import claimsUrl from '../../data/claims.json?url';
import { fetchJson } from '../data/fetch.ts';
import type { ClaimsFile } from '../view/answers.ts';

export type AnswersTab = 'claims' | 'sharing' | 'gap';

export const answers = $state<{ tab: AnswersTab | null; gapIndicator: string | null }>({
  tab: null,
  gapIndicator: null,
});

export function openAnswers(tab: AnswersTab, gapIndicator?: string): void {
  answers.tab = tab;
  if (gapIndicator) answers.gapIndicator = gapIndicator;
}

let claimsFile: Promise<ClaimsFile> | null = null;
export function loadClaims(): Promise<ClaimsFile> {
  claimsFile ??= fetchJson<ClaimsFile>(claimsUrl);
  return claimsFile;
}
