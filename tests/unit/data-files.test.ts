// The committed data files agree with each other, and source ids/titles are derived as documented.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDICATOR_PARTS, partOf } from '../../src/core/indicators.ts';
import { readIndicatorParts } from '../../data/scripts/lib/inputs.ts';
import type { IndicatorMeta, SourceInfo } from '../../src/core/types.ts';
import { describe as describeSource, describedSources, sourceIds } from '../../data/scripts/lib/sources.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const file = (f: string) => resolve(ROOT, 'data', f);
const have = [...Object.values(INDICATOR_PARTS), 'catalog.json', 'sources.json'].every((f) =>
  existsSync(file(f)),
);

describe.skipIf(!have)('committed data files', () => {
  const { rows, errors } = readIndicatorParts(resolve(ROOT, 'data'));
  const catalog = JSON.parse(readFileSync(file('catalog.json'), 'utf8')) as {
    generated: string;
    indicators: IndicatorMeta[];
  };
  const sources = JSON.parse(readFileSync(file('sources.json'), 'utf8')) as {
    generated: string;
    sources: SourceInfo[];
  };

  it('parse cleanly and are marked generated', () => {
    expect(errors).toEqual([]);
    expect(catalog.generated).toBe('generated — do not edit, run npm run build:data');
    expect(sources.generated).toBe(catalog.generated);
    for (const f of Object.values(INDICATOR_PARTS))
      expect(readFileSync(file(f), 'utf8').split('\n', 1)[0]).toBe(
        'unit_code,indicator,year,value,unit,source_id,confidence,rank,note,note_zh,quote',
      );
  });

  it('each part holds exactly the rows of its indicators, and the rail part is not empty', () => {
    for (const [part, f] of Object.entries(INDICATOR_PARTS)) {
      const lines = readFileSync(file(f), 'utf8').trimEnd().split('\n').slice(1);
      const wrong = lines.filter((l) => partOf(l.split(',', 2)[1]!) !== part);
      expect(wrong, f).toEqual([]);
      if (part === 'rail') expect(lines.length).toBeGreaterThan(1000);
    }
  });

  it('every row has a catalogued indicator with its unit, and a described source; nothing unused', () => {
    const ind = new Map(catalog.indicators.map((i) => [i.id, i]));
    const src = new Set(sources.sources.map((s) => s.id));
    for (const r of rows) {
      expect(ind.get(r.indicator)?.unit_en, `${r.unit_code} ${r.indicator}`).toBe(r.unit);
      expect(src.has(r.source_id), r.source_id).toBe(true);
    }
    expect(new Set(rows.map((r) => r.indicator))).toEqual(new Set(ind.keys()));
    expect(new Set(rows.map((r) => r.source_id))).toEqual(src);
    for (const s of sources.sources) expect(s.title).not.toMatch(/not described/);
    // Every source has a kind, every indicator a theme (the data contract of issue 11).
    for (const s of sources.sources) expect(s.kind, s.id).toBeDefined();
    for (const i of catalog.indicators) expect(i.theme, i.id).toBeDefined();
  });

  it('has no _alt/_mep ids left and keeps gdp and gdp_first_release apart', () => {
    expect(rows.some((r) => /_alt$|_mep$/.test(r.indicator))).toBe(false);
    const b2013 = rows.filter(
      (r) => r.unit_code === '110000' && r.year === 2013 && r.indicator.startsWith('gdp'),
    );
    // Issue 11 §4: the 3rd-census revision 19,800.8 is its own series (gdp holds the 4th-census vintage,
    // 21,134.6 in the NBS export of round 5; an export of 2018 gave the 3rd-census 19,800.81, one of 2026
    // the 5th-census 21,746.0 — each vintage in its own series).
    expect(b2013.map((r) => [r.indicator, r.value, r.rank])).toEqual([
      ['gdp', 21134.6, 1],
      ['gdp_3rd_census_revision', 19800.8, 1],
      ['gdp_3rd_census_revision', 19800.81, 2],
      ['gdp_5th_census_revision', 21746, 1],
      ['gdp_first_release', 19500.6, 1],
      ['gdp_per_capita', 93213, 1],
      ['gdp_real_growth', 7.7, 1],
    ]);
  });

  it('is sorted by unit_code, indicator, year, rank', () => {
    const keys = rows.map((r) => [r.unit_code, r.indicator, r.year, r.rank] as const);
    const sorted = [...keys].sort(
      (a, b) =>
        (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) ||
        (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) ||
        a[2] - b[2] ||
        a[3] - b[3],
    );
    expect(keys).toEqual(sorted);
  });
});

describe('source ids and titles', () => {
  it('are readable, stable and disambiguated by the URL', () => {
    const ids = sourceIds([
      'https://sthj.tj.gov.cn/YWGZ7406/a.html',
      'http://www.phic.org.cn/tjsj/x/t20240819_439454.html',
      'http://www.phic.org.cn/tonjixinxi/y/t20180330_237489.htm',
      'https://issuu.com./gpchina/docs/x',
    ]);
    expect([...ids.values()].sort()).toEqual([
      'src-issuu',
      'src-phic-237489',
      'src-phic-439454',
      'src-sthj-tj',
    ]);
  });

  it('gives files of one repository commit distinct ids (a hash of the URL), leaving other ids alone', () => {
    const a = 'https://github.com/o/r/blob/51c36997a6ae0606806382a817c9ae68a2fd14c4/a.csv';
    const b = 'https://github.com/o/r/blob/51c36997a6ae0606806382a817c9ae68a2fd14c4/b.csv';
    const c = 'https://github.com/o/r/blob/ad20598b1532abab0d369ba66e7204df0bffdf87/c.csv';
    const ids = sourceIds([a, b, c]);
    expect(ids.get(c)).toBe('src-github-7204');
    expect(ids.get(a)).toMatch(/^src-github-[0-9a-f]{8}$/);
    expect(ids.get(b)).toMatch(/^src-github-[0-9a-f]{8}$/);
    expect(ids.get(a)).not.toBe(ids.get(b));
    // the same URL set in another order gives the same ids
    expect(sourceIds([c, b, a])).toEqual(ids);
  });

  it('finds descriptions by exact, abbreviated ("...") and bare-site references', () => {
    const md = [
      '| source | used for | confidence |',
      '| --- | --- | --- |',
      '| https://a.example.com/x.html | Exact page | high |',
      '| http://b.example.com/...tail.html | Abbreviated page | medium |',
      '| Secondary pages: c.example.com, www.d.example.com | Site list | low |',
    ].join('\n');
    const t = describedSources(md);
    expect(describeSource('https://a.example.com/x.html', t)).toBe('Exact page');
    expect(describeSource('http://b.example.com/deep/path/tail.html', t)).toBe('Abbreviated page');
    expect(describeSource('https://c.example.com/p/1', t)).toBe('Site list');
    expect(describeSource('http://www.d.example.com/p/2', t)).toBe('Site list');
    expect(describeSource('https://z.example.com/', t)).toBeUndefined();
  });
});
