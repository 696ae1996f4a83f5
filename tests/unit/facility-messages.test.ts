// Every message the facility file check writes is a key with a text in both languages, its parameters
// all filled (issue 14: messages follow the interface language). The inputs below make the checker
// write each kind of message once.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  MAX_ROWS,
  parseUserFacilities,
  type FacilityMessage,
  type RegionCheck,
} from '../../src/core/access/csv.ts';
import { countyLocator, regionBbox } from '../../src/core/access/locate.ts';
import type { Areal } from '../../src/core/rail/geo.ts';
import { facilityMessage } from '../../src/i18n/facility-messages.ts';

/** The message's text in both languages, failing on a missing text or an unfilled parameter. */
function expectWritten(m: FacilityMessage): void {
  const en = facilityMessage(m, 'en');
  const zh = facilityMessage(m, 'zh');
  for (const text of [en, zh]) {
    expect(text, m.key).not.toBe(m.key);
    expect(text, m.key).not.toMatch(/\{\w+\}|facility\.|access\.type/);
  }
  expect(zh, m.key).not.toBe(en);
}

const ROOT = resolve(import.meta.dirname, '../..');
const COUNTIES = join(ROOT, 'geo/build/boundaries-county.geojson');
const FILES = [
  join(ROOT, 'tests/fixtures/access'),
  join(ROOT, 'tests/fixtures/bad-inputs/facilities'),
].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => join(dir, f)),
);

const rows = (...lines: string[]) => ['name,type,lon,lat,capacity', ...lines].join('\n');
const CASES: [string, string, object?][] = [
  ['empty file', ''],
  ['header only', 'name,type,lon,lat\n'],
  ['no usable header', 'a,b\n1,2\n'],
  ['no header row', '协和,医院,116.41,39.91,10\n'],
  ['no type column', 'name,lon,lat\nA,116.41,39.91\n', { defaultType: 'hospital' }],
  ['too large', rows('A,hospital,116.41,39.91,1'), { maxBytes: 10 }],
  [
    'every row problem',
    rows(
      ',hospital,116.41,39.91,1',
      `${'x'.repeat(400)},hospital,116.41,39.91,1`,
      'A,,116.41,39.91,1',
      'A,shop,116.41,39.91,1',
      'B,hospital,,39.91,1',
      'C,hospital,abc,39.91,1',
      'D,hospital,1e999,39.91,1',
      'E,hospital,1e-400,39.91,1',
      'F,hospital,200,39.91,1',
      'G,hospital,39.91,116.41,1',
      'H,hospital,116.41,39.91,abc',
      'I,hospital,116.41,39.91,-5',
      'J,hospital,121.50,31.20,1',
      'K,hospital,119.50,39.30,1',
      'L,hospital,116.41,39.91,1',
      'L,hospital,116.41,39.91,1',
      '"M,hospital,116.41,39.91,1',
    ),
  ],
];

describe.skipIf(!existsSync(COUNTIES))('facility check messages in both languages', () => {
  const counties = (JSON.parse(readFileSync(COUNTIES, 'utf8')) as FeatureCollection<Areal, { code: string }>)
    .features as Feature<Areal, { code: string }>[];
  const at = countyLocator(counties);
  const region: RegionCheck = {
    bbox: regionBbox(counties),
    countyAt: (lon, lat) => at(lon, lat)?.code ?? null,
  };
  const messagesOf = (text: string, extra: object = {}) => {
    const r = parseUserFacilities(text, { crs: 'wgs84', region, ...extra });
    return [...r.errors.map((e) => e.message), ...(r.fatal ? [r.fatal] : []), ...r.notes];
  };

  it.each(CASES)('%s: every message is written in both languages', (_, text, extra) => {
    const messages = messagesOf(text, extra);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expectWritten(m);
  });

  it('the row problems above include every kind the checker knows', () => {
    const all = messagesOf(CASES[CASES.length - 1]![1])
      .map((m) => facilityMessage(m, 'en'))
      .join('\n');
    for (const kind of [
      'name is empty',
      'name is longer',
      'type is empty',
      'unknown type',
      'is missing',
      'is not a number',
      'reads as infinity',
      'reads as 0',
      'out of range',
      'swapped?',
      'give a number ≥ 0',
      'is not a number ≥ 0',
      'outside the region',
      'in no county',
      'duplicate of line',
      'CSV syntax',
    ])
      expect(all).toContain(kind);
  });

  it('a file with more rows than allowed says so in Chinese', () => {
    const text = rows(...Array.from({ length: MAX_ROWS + 1 }, (_, i) => `P${i},hospital,116.41,39.91,1`));
    const [m] = messagesOf(text);
    expect(facilityMessage(m!, 'zh')).toMatch(/最多接受/);
  });

  it.each(FILES.map((f) => [f.slice(ROOT.length + 1), f]))(
    '%s: every message is written in both languages',
    (_, file) => {
      for (const m of messagesOf(readFileSync(file, 'utf8'), { defaultType: 'hospital' })) expectWritten(m);
    },
  );

  it('translates the parameters that are keys (axis, number problem, type)', () => {
    const [m] = messagesOf(rows('C,hospital,abc,39.91,1'));
    expect(facilityMessage(m!, 'en')).toBe('longitude "abc" is not a number');
    expect(facilityMessage(m!, 'zh')).toBe('经度"abc"不是数字');
    const [note] = messagesOf('name,lon,lat\nA,116.41,39.91\n', { defaultType: 'library' });
    expect(facilityMessage(note!, 'en')).toBe('no type column: every row is a library');
    expect(facilityMessage(note!, 'zh')).toBe('没有类型列：每行都按“图书馆”读取');
  });
});
