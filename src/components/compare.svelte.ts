// Which units the compare chart shows (issue 14): UI state, opened from a unit's panel with that unit
// and the provinces around it; not part of the link.
import type { UnitCode } from '../core/types.ts';
import { COMPARE_MAX } from '../view/compare.ts';

class CompareSignal {
  /** The units on the chart, in the order added (their colours follow it); empty = closed. */
  codes = $state.raw<readonly UnitCode[]>([]);
}
export const compare = new CompareSignal();

/** Open the chart with this unit first. */
export function openCompare(code: UnitCode): void {
  compare.codes = [code];
}

export function addToCompare(code: UnitCode): void {
  if (!compare.codes.includes(code) && compare.codes.length < COMPARE_MAX)
    compare.codes = [...compare.codes, code];
}

export function removeFromCompare(code: UnitCode): void {
  compare.codes = compare.codes.filter((c) => c !== code);
}

export function closeCompare(): void {
  compare.codes = [];
}
