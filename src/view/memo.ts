// Memoised selectors: a selector recomputes only when one of its arguments is a different value
// (Object.is) from the last call, so a pan — which replaces only the state's `view` — returns every
// result unchanged. Each recomputation is counted by name, for the tests and the benchmark.

const counts = new Map<string, number>();

/** How often each selector has recomputed since the page loaded. */
export function recomputations(): Record<string, number> {
  return Object.fromEntries(counts);
}

/**
 * Wrap a pure function of its arguments so that a call with the same arguments as the last one
 * returns the last result.
 * @example
 * const total = selector('total', (rows: number[]) => rows.reduce((a, b) => a + b, 0));
 * total(rows) === total(rows); // computed once
 */
export function selector<A extends readonly unknown[], R>(
  name: string,
  compute: (...args: A) => R,
): (...args: A) => R {
  let last: A | null = null;
  let value: R;
  return (...args: A): R => {
    if (last && last.length === args.length && args.every((a, i) => Object.is(a, last![i]))) return value;
    counts.set(name, (counts.get(name) ?? 0) + 1);
    value = compute(...args);
    last = args;
    return value;
  };
}
