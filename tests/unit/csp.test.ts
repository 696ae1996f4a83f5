import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ONLINE_BASEMAP_ORIGIN, contentSecurityPolicy, cspPlugin } from '../../src/build/csp.ts';

describe('content security policy', () => {
  it('is strict by default: own origin only, no eval, no inline scripts', () => {
    const csp = contentSecurityPolicy({ online: false });
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self' data: blob:;");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|https?:/);
  });
  it('allows the online basemap host only in an online build', () => {
    const csp = contentSecurityPolicy({ online: true });
    expect(csp).toContain(`connect-src 'self' data: blob: ${ONLINE_BASEMAP_ORIGIN}`);
    expect(cspPlugin({ online: false }).apply).toBe('build');
  });
  it('no component renders text as HTML ({@html} nowhere in src)', () => {
    const src = join(import.meta.dirname, '../../src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.svelte'),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(readFileSync(join(src, f), 'utf8'), f).not.toContain('{@html');
  });
});
