// An export waits until every layer the view asks for has its data (issue: a figure made right after
// switching rail on listed rail in its legend but drew no lines).
import { describe, expect, it } from 'vitest';
import { completeContext } from '../../src/export/api.ts';
import type { ExportContext } from '../../src/export/figure.ts';
import { data, state } from '../fixtures/view/small-dataset.ts';

const ctx = (complete: boolean) =>
  ({ data, state, choropleth: null, explorer: null, complete }) as unknown as ExportContext;

describe('completeContext', () => {
  it('waits while a layer is loading and returns the view once it is complete', async () => {
    let calls = 0;
    const got = await completeContext(() => (++calls < 3 ? ctx(false) : ctx(true)), 5000);
    expect(got.complete).toBe(true);
    expect(calls).toBe(3);
  });

  it('gives up with a readable message', async () => {
    await expect(completeContext(() => ctx(false), 150)).rejects.toThrow(/did not finish loading/);
    await expect(completeContext(() => null, 150)).rejects.toThrow(/not loaded its data/);
  });
});
