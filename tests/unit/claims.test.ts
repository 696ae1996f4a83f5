// The claims check: verdict rules, the generated data/claims.json, and a byte-for-byte rebuild.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VERDICTS, compareClaim, parseClaimed } from '../../src/core/claims.ts';
import { INDICATOR_PARTS } from '../../src/core/indicators.ts';
import { queryToState } from '../../src/state/url.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'jjj-claims-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('compareClaim', () => {
  it('reads figures as staged', () => {
    expect(parseClaimed('1284')).toEqual({ value: 1284, bound: 'exact' });
    expect(parseClaimed('>64000')).toEqual({ value: 64000, bound: 'over' });
    expect(parseClaimed('~75')).toEqual({ value: 75, bound: 'about' });
    expect(parseClaimed('1-1.5')).toBeNull();
  });
  it('grades exact, bound and missing figures', () => {
    expect(compareClaim({ value: 1284, bound: 'exact' }, 1276.2, 'computed', 0.01)).toBe('reproduced');
    expect(compareClaim({ value: 1284, bound: 'exact' }, 1276.2, 'computed')).toBe('differs');
    expect(compareClaim({ value: 2.1, bound: 'exact' }, 2.085, 'computed')).toBe('reproduced');
    expect(compareClaim({ value: 193, bound: 'exact' }, 171, 'stored')).toBe('differs');
    expect(compareClaim({ value: 3900, bound: 'over' }, 3909, 'stored')).toBe('consistent');
    expect(compareClaim({ value: 60, bound: 'over' }, 57.3, 'computed')).toBe('differs');
    expect(compareClaim({ value: 75, bound: 'about' }, null, 'stored')).toBe('cannot_check');
  });
});

interface Claim {
  id: string;
  claim_zh: string;
  claim_en: string;
  claimed: number | null;
  claimed_text: string;
  unit: string;
  found: number | null;
  verdict: string;
  reason_zh: string;
  reason_en: string;
  source_ids: string[];
  url_state: string | null;
}
interface Measure {
  id: string;
  entries: { date: string; value: number | null; quote: string; source_url: string; verified: boolean }[];
  discrepancy_en: string;
  discrepancy_zh: string;
}
const file = JSON.parse(readFileSync(resolve(ROOT, 'data/claims.json'), 'utf8')) as {
  claims: Claim[];
  timeline: Measure[];
  sources: { id: string; url: string }[];
};
const facts = readFileSync(resolve(ROOT, 'data/sources/claims/headline_facts.csv'), 'utf8');

describe('data/claims.json', () => {
  it('has every field, a known verdict, zh/en text and sources that resolve', () => {
    const known = new Set([
      ...file.sources.map((s) => s.id),
      ...(
        JSON.parse(readFileSync(resolve(ROOT, 'data/sources.json'), 'utf8')) as { sources: { id: string }[] }
      ).sources.map((s) => s.id),
    ]);
    expect(file.claims.length).toBeGreaterThanOrEqual(20);
    expect(new Set(file.claims.map((c) => c.id)).size).toBe(file.claims.length);
    for (const c of file.claims) {
      expect(VERDICTS, c.id).toContain(c.verdict);
      expect(c.claim_zh && c.claim_en && c.reason_zh && c.reason_en, c.id).toBeTruthy();
      expect(c.source_ids.length, c.id).toBeGreaterThan(0);
      for (const s of c.source_ids) expect(known.has(s), `${c.id}: ${s}`).toBe(true);
      if (c.verdict === 'cannot_check') expect(c.found).toBeNull();
      else expect(typeof c.found).toBe('number');
      // every claimed figure is written in the staged table
      expect(facts.includes(`\n${c.claimed_text},`), c.id).toBe(true);
    }
  });
  it('gives url states the app reads without notices', () => {
    for (const c of file.claims.filter((x) => x.url_state)) {
      expect(c.url_state!.startsWith('?'), c.id).toBe(true);
      expect(queryToState(c.url_state!).notices, c.id).toEqual([]);
    }
  });
  it('checks the headline figures named in the issue', () => {
    const by = new Map(file.claims.map((c) => [c.id, c]));
    expect(by.get('hsr_km_2013')?.claimed).toBe(1284);
    expect(by.get('hsr_km_2024')?.claimed).toBe(2669);
    expect(by.get('card_libraries_193')?.verdict).toBe('differs');
    expect(by.get('residents_1_17_billion')?.verdict).toBe('differs');
    expect(by.get('gdp_2024_130000')?.found).toBe(47526.9);
  });
});

describe('sharing timeline', () => {
  const by = new Map(file.timeline.map((m) => [m.id, m]));
  it('shows every library figure and names the discrepancy', () => {
    const lib = by.get('card_libraries')!;
    expect(lib.entries.map((e) => e.value)).toEqual([153, 171, 193]);
    expect(lib.entries.find((e) => e.value === 193)!.verified).toBe(false);
    expect(lib.discrepancy_en).toContain('153');
    expect(lib.discrepancy_zh).toContain('171');
  });
  it('dates the lab-result recognition counts in order, each with a quote and a page', () => {
    const lab = by.get('lab_results')!;
    expect(lab.entries.map((e) => e.value)).toEqual([132, 411, 542, 813, 1118]);
    const dates = lab.entries.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    for (const m of file.timeline)
      for (const e of m.entries.filter((x) => x.verified)) {
        expect(e.quote, m.id).not.toBe('');
        expect(e.source_url, m.id).toMatch(/^https?:\/\//);
      }
  });
  it('reads 1.17 billion as written, next to the cardholder counts in 亿', () => {
    expect(by.get('cardholders')!.entries.map((e) => e.value)).toEqual([115e6, 116e6, 1.17e9]);
  });
});

const canRebuild =
  existsSync(resolve(ROOT, '../shared/data')) && existsSync(resolve(ROOT, 'geo/build/units.json'));
describe.skipIf(!canRebuild)('claims rebuild', () => {
  it('reproduces data/claims.json byte for byte', { timeout: 120_000 }, () => {
    // step 50 reads the indicators files and sources.json from its output folder
    for (const f of [...Object.values(INDICATOR_PARTS), 'sources.json'])
      copyFileSync(resolve(ROOT, 'data', f), join(tmp, f));
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', resolve(ROOT, 'data/scripts/50-claims.ts'), '--out', tmp],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(
      readFileSync(join(tmp, 'claims.json')).equals(readFileSync(resolve(ROOT, 'data/claims.json'))),
    ).toBe(true);
  });
});
