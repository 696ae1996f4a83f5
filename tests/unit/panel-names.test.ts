// Every panel wrapped in a PanelBoundary is named in both languages, so its error message says which
// panel failed (an unknown name would show the raw message key).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/messages.ts';

const DIR = resolve(import.meta.dirname, '../../src/components');
const names = [
  ...new Set(
    readdirSync(DIR)
      .filter((f) => f.endsWith('.svelte'))
      .flatMap((f) =>
        [...readFileSync(join(DIR, f), 'utf8').matchAll(/<PanelBoundary name="(\w+)"/g)].map((m) => m[1]!),
      ),
  ),
];

describe('panel boundaries', () => {
  it('are found', () => expect(names.length).toBeGreaterThan(10));
  it.each(names)('%s has a name in zh and en', (name) => {
    for (const lang of ['zh', 'en'] as const)
      expect(t(lang, `panel.name.${name}`)).not.toBe(`panel.name.${name}`);
  });
});
