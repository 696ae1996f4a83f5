// The user's own indicator tables: decoding, key/year/value detection, name matching, and the corpus of
// bad inputs (tests/fixtures/bad-inputs), each of which must give a clear message and never throw.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UnitInfo } from '../../src/core/types.ts';
import {
  MAX_FILE_BYTES,
  checkFileSize,
  decodeTable,
  detectDelimiter,
  parseNumber,
  parseUserTable,
  readStoredTables,
  stripSuffix,
  unitMatcher,
  userDatasetExtra,
  userIndicatorId,
  writeStoredTables,
} from '../../src/core/user-indicators.ts';
import { DEFAULT_STATE } from '../../src/state/schema.ts';
import { queryToState } from '../../src/state/url.ts';
import { t } from '../../src/i18n/messages.ts';

const ROOT = join(import.meta.dirname, '../..');
const units = (JSON.parse(readFileSync(join(ROOT, 'geo/build/units.json'), 'utf8')) as { units: UnitInfo[] })
  .units;
const CORPUS = join(ROOT, 'tests/fixtures/bad-inputs');
const parse = (text: string, fileName = 'beds.csv', year?: number) =>
  parseUserTable(text, units, { fileName, year, yearMin: 2008, yearMax: 2024 });

describe('unit matching', () => {
  const m = unitMatcher(units);
  it('matches 石家庄市, 石家庄, Shijiazhuang, SHIJIAZHUANG and the code to the same city', () => {
    for (const key of ['石家庄市', '石家庄', 'Shijiazhuang', ' SHIJIAZHUANG ', 'shi jia zhuang', '130100'])
      expect(
        m.candidates(key).map((u) => u.code),
        key,
      ).toEqual(['130100']);
  });
  it('strips 市/区/县/自治县 and District/County', () => {
    expect(stripSuffix('围场满族蒙古族自治县')).toBe('围场满族蒙古族');
    expect(stripSuffix('Chengde County')).toBe('chengde');
    expect(m.candidates('承德县').map((u) => u.code)).toEqual(['130821']);
    expect(m.candidates('Chengde County').map((u) => u.code)).toEqual(['130821']);
  });
  it('reports names that exist twice (桥西区) as several candidates', () => {
    expect(m.candidates('桥西区').length).toBe(2);
  });
  it('suggests close names by edit distance', () => {
    expect(m.suggest('石家装')).toContain('石家庄市');
    expect(m.suggest('Baodingg')).toContain('Baoding');
  });
});

describe('parsing a user table', () => {
  it('detects comma, semicolon and tab', () => {
    expect(detectDelimiter('a,b,c\n')).toBe(',');
    expect(detectDelimiter('a;b;"x,y"\n')).toBe(';');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
  });
  it('reads numbers with thousands separators and missing markers', () => {
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber(' 12 ')).toBe(12);
    expect(parseNumber('—')).toBe('missing');
    expect(parseNumber('abc')).toBeUndefined();
    expect(parseNumber('1e999')).toBeUndefined();
  });
  it('reads a long table (code, year, value, indicator)', () => {
    const { table, issues } = parse(
      'code,year,value,indicator\n130100,2019,1.5,床位\n130100,2020,2,床位\n130600,2020,3,医生\n',
    );
    expect(issues).toEqual([]);
    expect(table!.layout).toBe('long');
    expect(table!.keyKind).toBe('code');
    expect(table!.indicators.map((i) => i.name)).toEqual(['床位', '医生']);
    expect(table!.values).toEqual([
      [0, '130100', 2019, 1.5],
      [0, '130100', 2020, 2],
      [1, '130600', 2020, 3],
    ]);
  });
  it('reads a wide table by year, named after the file', () => {
    const { table, issues } = parse(
      '城市,2019年,2020年\n石家庄市,1,2\n唐山,3,4\nXingtai,5,6\n',
      '医院数.csv',
    );
    expect(issues).toEqual([]);
    expect(table!.layout).toBe('wide-years');
    expect(table!.keyKind).toBe('name');
    expect(table!.indicators).toEqual([{ id: userIndicatorId('医院数'), name: '医院数', unit: '' }]);
    expect(table!.values.map((v) => v[1])).toEqual([
      '130100',
      '130100',
      '130200',
      '130200',
      '130500',
      '130500',
    ]);
  });
  it('reads a wide table by indicator for one year, with units from the header', () => {
    const { table } = parse('code,床位数（张）,医生数(人)\n130100,10,20\n', 'hebei-2021.csv');
    expect(table!.layout).toBe('wide-indicators');
    expect(table!.indicators.map((i) => [i.name, i.unit])).toEqual([
      ['床位数', '张'],
      ['医生数', '人'],
    ]);
    expect(table!.values[0]).toEqual([0, '130100', 2021, 10]);
    // Without a year in the file name the caller must give one.
    expect(parse('code,beds\n130100,10\n').issues[0]!.key).toBe('userData.err.noYear');
    expect(parse('code,beds\n130100,10\n', 'x.csv', 2020).table!.values[0]![2]).toBe(2020);
  });
  it('settles ambiguous names by the level of the other rows', () => {
    // Hebei (province) vs Hebei District (Tianjin): the other rows are counties.
    const { table, issues } = parse('name,2020\n河北区,1\n河西区,2\n南开区,3\n');
    expect(issues).toEqual([]);
    expect(table!.values.map((v) => v[1])).toEqual(['120105', '120103', '120104']);
  });
  it('gives bad rows with their line numbers (quoted newlines counted)', () => {
    const { table, issues } = parse('code,2020,note\n130100,1,"a\nb"\n130600,x,c\n');
    expect(table!.values.length).toBe(1);
    expect(issues.map((i) => [i.line, i.key])).toContainEqual([4, 'userData.err.notNumber']);
  });
  it('gives the same id for the same indicator name (links keep working)', () => {
    expect(userIndicatorId('医院数')).toBe(userIndicatorId('医院数'));
    expect(userIndicatorId('医院数')).toMatch(/^user:[0-9a-f]{16}$/);
  });
  it('does not mutate its input and builds dataset rows', () => {
    const { table } = parse('code,2020\n130100,5\n');
    const frozen = Object.freeze([table!]);
    const extra = userDatasetExtra(frozen);
    expect(extra.rows[0]).toMatchObject({ unit_code: '130100', year: 2020, value: 5, rank: 1 });
    expect(extra.catalog[0]!.id).toBe(table!.indicators[0]!.id);
    expect(extra.rows[0]!.source_id).toBe(extra.sources[0]!.id);
  });
  it('stores and reads tables back, and drops garbage', () => {
    const { table } = parse('code,2020\n130100,5\n');
    expect(readStoredTables(writeStoredTables([table!]))).toEqual([table]);
    for (const bad of [
      'garbage',
      '{}',
      '{"version":2,"tables":[]}',
      '{"version":1,"tables":[{"fileName":1}]}',
      null,
    ])
      expect(readStoredTables(bad)).toEqual([]);
    const forged = JSON.parse(writeStoredTables([table!]));
    forged.tables[0].indicators[0].id = 'census_density';
    expect(readStoredTables(JSON.stringify(forged))).toEqual([]);
  });
});

interface Expectation {
  key?: string;
  line?: number;
  ok?: boolean;
  suggestion?: string;
  fileName?: string;
}

describe('the corpus of bad inputs', () => {
  const expected = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as Record<
    string,
    Expectation
  >;
  // Sub-folders hold inputs for other readers (facility files, CLI arguments): see the README.
  const files = readdirSync(CORPUS, { withFileTypes: true })
    .filter((f) => f.isFile() && !['expected.json', 'urls.json', 'README.md'].includes(f.name))
    .map((f) => f.name);
  it('has at least 30 inputs, each with an expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });
  it.each(files)('%s gives a clear message and never throws', (file) => {
    const exp = expected[file]!;
    const bytes = new Uint8Array(readFileSync(join(CORPUS, file)));
    const decoded = decodeTable(bytes);
    const outcome =
      'error' in decoded
        ? { table: null, issues: [decoded.error] }
        : parseUserTable(decoded.text, units, {
            fileName: exp.fileName ?? file,
            yearMin: 2008,
            yearMax: 2024,
          });
    if (exp.key) {
      const hit = outcome.issues.find((i) => i.key === exp.key);
      expect(hit, JSON.stringify(outcome.issues)).toBeDefined();
      if (exp.line !== undefined) expect(hit!.line).toBe(exp.line);
      if (exp.suggestion) expect(hit!.suggestions).toContain(exp.suggestion);
    }
    expect(outcome.table !== null).toBe(exp.ok === true);
    // Every message exists in the catalogue and fills all its placeholders.
    for (const i of outcome.issues) {
      const text = t('en', i.key);
      expect(text, i.key).not.toBe(i.key);
      expect(t('zh', i.key), i.key).not.toBe(i.key);
      for (const [, name] of text.matchAll(/\{(\w+)\}/g))
        expect(i.params, `${i.key} {${name}}`).toHaveProperty(name!);
    }
  });
  it('refuses a 50 MB file before reading it', () => {
    // Generated here, never committed.
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x31);
    expect(checkFileSize(big.length)?.key).toBe('userData.err.tooLarge');
    expect(checkFileSize(MAX_FILE_BYTES)).toBeNull();
    const decoded = decodeTable(big);
    expect('error' in decoded && decoded.error.key).toBe('userData.err.tooLarge');
  });
  it('every broken link falls back to defaults with a notice and never throws', () => {
    const urls = JSON.parse(readFileSync(join(CORPUS, 'urls.json'), 'utf8')) as string[];
    expect(urls.length).toBeGreaterThan(15);
    const ctx = {
      hasIndicator: (id: string) => id === 'census_density',
      unitLevels: (c: string) => (c === '130100' ? (['city'] as const) : undefined),
      yearsWithData: () => [2020],
    };
    for (const u of urls) {
      const { state, notices } = queryToState(u, ctx);
      expect(notices.length, u).toBeGreaterThan(0);
      expect(state.indicator).toBe(DEFAULT_STATE.indicator);
    }
  });
});
