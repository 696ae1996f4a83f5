// Which units the compare chart shows (issue 14) lives in the app state (`state.compareUnits`, so a
// link opens the chart with them); the unit panel and the chart change it through these.
import type { UnitCode } from '../core/types.ts';
import { update } from '../state/store.svelte.ts';
import { setCompareUnits } from '../state/updaters.ts';

/** Open the chart with this unit first. */
export function openCompare(code: UnitCode): void {
  update((s) => setCompareUnits(s, [code]));
}

/** Add a unit at the end (ignored when it is shown already or the chart is full). */
export function addToCompare(code: UnitCode): void {
  update((s) => setCompareUnits(s, [...s.compareUnits, code]));
}

export function removeFromCompare(code: UnitCode): void {
  update((s) =>
    setCompareUnits(
      s,
      s.compareUnits.filter((c) => c !== code),
    ),
  );
}

export function closeCompare(): void {
  update((s) => setCompareUnits(s, []));
}
