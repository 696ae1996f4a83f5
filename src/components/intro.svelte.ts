// The first-visit introduction: shown once, on a visit without a link state (a shared link opens
// straight onto its view), and again from the header. Remembered in localStorage where allowed; with
// storage blocked it shows on every plain visit, which is the honest fallback.

const SEEN_KEY = 'jjj-explorer.intro-seen';

/** Three ways in, each a link state the app restores as it restores a shared link (see claimHref). */
export const STARTING_POINTS = [
  { id: 'hsr', query: '?rail=1&y=2024&lvl=city' },
  { id: 'circle', query: '?rail=1&o=ST069&b=60&y=2024&cmp=2013' },
  { id: 'hospital', query: '?svc=hospital&fac=hospital&lvl=county&y=2024' },
] as const;

class IntroSignal {
  open = $state(false);
}
export const intro = new IntroSignal();

function seen(): boolean {
  try {
    return globalThis.localStorage?.getItem(SEEN_KEY) === '1';
  } catch {
    return false;
  }
}

/** Open the introduction if this is a first, plain visit (no link state). */
export function openIntroOnFirstVisit(search: string): void {
  if (search === '' && !seen()) intro.open = true;
}

export function closeIntro(): void {
  intro.open = false;
  try {
    globalThis.localStorage?.setItem(SEEN_KEY, '1');
  } catch {
    /* storage blocked: the introduction shows again next time */
  }
}
