// Official tables analysts bring (issue 11 §5): the national statistics office's data-portal exports
// (regions × years, indicators × years), a yearbook table (title, units × indicator columns), the same
// tables as .xlsx, and plain tables, which must parse exactly as before. Fixtures: tests/fixtures/user-data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IndicatorMeta, UnitInfo } from '../../src/core/types.ts';
import { importTable, indicatorMatcher, recogniseLayout, gridFromText } from '../../src/core/import/index.ts';
import { cleanUnitName, titleIndicator } from '../../src/core/import/layout.ts';
import { groupByTheme, themeOf } from '../../src/core/import/themes.ts';
import { readXlsxRows } from '../../src/core/import/xlsx.ts';
import {
  parseUserTable,
  readStoredTables,
  userDatasetExtra,
  writeStoredTables,
} from '../../src/core/user-indicators.ts';

const ROOT = join(import.meta.dirname, '../..');
const DIR = join(ROOT, 'tests/fixtures/user-data');
const units = (JSON.parse(readFileSync(join(ROOT, 'geo/build/units.json'), 'utf8')) as { units: UnitInfo[] })
  .units;
const catalog = (
  JSON.parse(readFileSync(join(ROOT, 'data/catalog.json'), 'utf8')) as { indicators: IndicatorMeta[] }
).indicators;
const opts = (fileName: string) => ({ fileName, yearMin: 2008, yearMax: 2024 });
const text = (name: string) => readFileSync(join(DIR, name), 'utf8');
const bytes = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
/** Values of a table as "indicator|code|year" → value. */
const cells = (t: NonNullable<ReturnType<typeof importTable>['table']>) =>
  Object.fromEntries(t.values.map(([i, code, year, v]) => [`${t.indicators[i]!.name}|${code}|${year}`, v]));

describe('data-portal export, one indicator × regions × years', () => {
  const out = importTable(text('分省年度数据-每千人口执业医师数.csv'), units, catalog, opts('x.csv'));
  it('recognises the layout and keeps metadata and source line', () => {
    expect(out.recognised?.layout).toBe('nbs-regions');
    expect(out.recognised?.meta.database).toBe('分省年度数据');
    expect(out.recognised?.meta.indicator).toBe('每千人口执业(助理)医师数(人)');
    expect(out.table?.origin?.source).toMatch(/^北京市卫生健康委信息中心/);
    expect(out.recognised?.meta.notes[0]).toMatch(/^注：/);
    expect(out.table?.keyColumn).toBe('地区');
  });
  it('reads every filled cell, skips blanks, maps the name to the catalogue', () => {
    const t = out.table!;
    expect(t.indicators).toHaveLength(1);
    expect(t.indicators[0]).toMatchObject({
      name: '每千人口执业(助理)医师数',
      unit: '人',
      catalogId: 'doctors_per_1000',
    });
    expect(cells(t)).toEqual({
      '每千人口执业(助理)医师数|110000|2015': 4.44,
      '每千人口执业(助理)医师数|130000|2020': 3.22,
      '每千人口执业(助理)医师数|130000|2015': 2.25,
    });
    expect(out.issues).toEqual([]);
    expect(out.rowsRead).toBe(3);
    expect(out.rowsMatched).toBe(3);
  });
  it('names the source line in the dataset, with the file', () => {
    const extra = userDatasetExtra([out.table!]);
    expect(extra.sources[0]!.title).toContain('北京市卫生健康委信息中心');
    expect(extra.sources[0]!.title).toContain('x.csv');
  });
});

describe('data-portal export, one region × indicators × years (csv and xlsx)', () => {
  const fromCsv = importTable(text('河北省-卫生主要指标.csv'), units, catalog, opts('h.csv'));
  it('recognises the layout, reads all six values and matches beds and doctors', async () => {
    expect(fromCsv.recognised?.layout).toBe('nbs-indicators');
    const t = fromCsv.table!;
    expect(cells(t)).toEqual({
      '每千人口医疗卫生机构床位数|130000|2020': 5.94,
      '每千人口医疗卫生机构床位数|130000|2015': 4.61,
      '每千人口执业(助理)医师数|130000|2020': 3.22,
      '每千人口执业(助理)医师数|130000|2015': 2.25,
      '每千人口注册护士数|130000|2020': 2.7,
      '每千人口注册护士数|130000|2015': 1.79,
    });
    const ids = Object.fromEntries(t.indicators.map((i) => [i.name, i.catalogId]));
    expect(ids['每千人口医疗卫生机构床位数']).toBe('beds_per_1000');
    expect(ids['每千人口执业(助理)医师数']).toBe('doctors_per_1000');
    // nurses_per_1000 only matches once the catalogue has it.
    const hasNurses = catalog.some((m) => m.id === 'nurses_per_1000');
    expect(ids['每千人口注册护士数']).toBe(hasNurses ? 'nurses_per_1000' : undefined);
    expect(t.origin?.source).toContain('十四五');
  });
  it('gives the same table from the .xlsx twin', async () => {
    const sheet = await readXlsxRows(bytes('河北省-卫生主要指标.xlsx'));
    if ('error' in sheet) throw new Error(sheet.error.key);
    expect(sheet.sheet).toBe('表1');
    const fromXlsx = importTable(sheet.rows, units, catalog, { ...opts('h.xlsx'), sheet: sheet.sheet });
    expect(fromXlsx.recognised?.layout).toBe('nbs-indicators');
    expect(cells(fromXlsx.table!)).toEqual(cells(fromCsv.table!));
    expect(fromXlsx.table!.origin?.sheet).toBe('表1');
  });
});

describe('yearbook table: title, subtitle, units × indicator columns, source footer', () => {
  const check = (out: ReturnType<typeof importTable>) => {
    expect(out.recognised?.layout).toBe('yearbook');
    expect(out.recognised?.meta.title).toBe('各市文化、卫生、社会保障情况(2008年)');
    const t = out.table!;
    expect(t.indicators.map((i) => i.name)).toEqual([
      '公共图书馆数',
      '医院、卫生院',
      '医院、卫生院床位数',
      '医生数',
      '注册护士数',
    ]);
    // Only the definition-equal name joins the catalogue; hospitals + health centres ≠ hospitals.
    // A catalogue with 注册护士数 (registered_nurses in newer builds) matches it by name.
    const nurses = catalog.find((m) => m.name_zh === '注册护士数')?.id;
    expect(t.indicators.map((i) => i.catalogId)).toEqual([
      'public_libraries',
      undefined,
      undefined,
      undefined,
      nurses,
    ]);
    const c = cells(t);
    expect(c['医院、卫生院床位数|130100|2008']).toBe(21411);
    expect(c['公共图书馆数|130200|2008']).toBe(5); // 唐 山 市 (spaced) → Tangshan
    expect(c['注册护士数|130400|2008']).toBe(4426); // 邯 郸 市 → Handan
    expect(t.values).toHaveLength(55);
    // The totals row is not a map unit: reported on its own file line, not silently dropped.
    expect(out.issues).toHaveLength(1);
    expect(out.issues[0]).toMatchObject({
      key: 'userData.err.unknownName',
      line: 4,
      params: { key: '城市合计' },
    });
    expect(t.origin?.source).toContain('tjj.hebei.gov.cn');
    expect([out.rowsRead, out.rowsMatched]).toEqual([12, 11]);
  };
  it('from CSV', () =>
    check(importTable(text('各市文化卫生社会保障情况-2008.csv'), units, catalog, opts('y.csv'))));
  it('from XLSX', async () => {
    const sheet = await readXlsxRows(bytes('各市文化卫生社会保障情况-2008.xlsx'));
    if ('error' in sheet) throw new Error(sheet.error.key);
    check(importTable(sheet.rows, units, catalog, opts('y.xlsx')));
  });
  it('one indicator × years with a unit line', () => {
    const out = importTable(
      '21-5 医疗卫生机构床位数(2015—2020年)\n单位：张\n地区,2015年,2020年\n河北省,,442900\n',
      units,
      catalog,
      opts('t.csv'),
    );
    expect(out.recognised?.layout).toBe('yearbook');
    expect(out.table!.indicators[0]).toMatchObject({
      name: '医疗卫生机构床位数',
      unit: '张',
      catalogId: 'hospital_beds',
    });
    expect(cells(out.table!)).toEqual({ '医疗卫生机构床位数|130000|2020': 442900 });
  });
});

describe('plain tables are untouched', () => {
  it('the CSV fixture parses exactly as parseUserTable does', () => {
    const csv = text('执业医师数.csv').replace(/^\uFEFF/, '');
    const plain = parseUserTable(csv, units, opts('执业医师数.csv'));
    const via = importTable(csv, units, catalog, opts('执业医师数.csv'));
    expect(via.recognised).toBeUndefined();
    expect(via).toEqual(plain);
  });
  it('a plain grid (spreadsheet rows) gives the same values as its CSV', () => {
    const rows = gridFromText('城市,2020\n石家庄,100\n保定,\n');
    const out = importTable(rows, units, catalog, opts('p.xlsx'));
    expect(out.recognised).toBeUndefined();
    expect(out.table!.values).toEqual([[0, '130100', 2020, 100]]);
    expect(out.table!.indicators[0]!.name).toBe('p');
  });
  it('one-column and header-only inputs stay plain', () => {
    expect(recogniseLayout(gridFromText('石家庄\n保定\n'))).toBeNull();
    expect(recogniseLayout(gridFromText('code,2020\n'))).toBeNull();
  });
});

describe('helpers', () => {
  it('cleans yearbook unit names and titles', () => {
    expect(cleanUnitName('承 德 市 Chengde')).toBe('承德市');
    expect(cleanUnitName('石家庄市 Shijiazhuang')).toBe('石家庄市');
    expect(cleanUnitName('Baoding')).toBe('Baoding');
    expect(titleIndicator('21-5 各地区医疗卫生机构床位数(2015—2020年)')).toBe('医疗卫生机构床位数');
  });
  it('matches names to catalogue ids by zh/en name and synonyms only', () => {
    const m = indicatorMatcher(catalog);
    expect(m('每千人口医疗卫生机构床位数（张）')).toBe('beds_per_1000');
    expect(m('每千常住人口床位数')).toBe('beds_per_1000');
    expect(m('Beds per 1,000 residents')).toBe('beds_per_1000');
    expect(m('医院、卫生院床位数')).toBeUndefined();
    expect(m('')).toBeUndefined();
  });
  it('refuses non-workbooks and legacy .xls with a message', async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(readXlsxRows(xls)).resolves.toEqual({
      error: expect.objectContaining({ key: 'userData.err.legacyXls' }),
    });
    const junk = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    await expect(readXlsxRows(junk)).resolves.toEqual({
      error: expect.objectContaining({ key: 'userData.err.xlsx' }),
    });
  });
  it('keeps origin and catalogue ids through storage and drops hostile ones', () => {
    const t = importTable(text('河北省-卫生主要指标.csv'), units, catalog, opts('h.csv')).table!;
    expect(readStoredTables(writeStoredTables([t]))).toEqual([t]);
    const bad = JSON.stringify({ version: 1, tables: [{ ...t, origin: { layout: 1 } }] });
    expect(readStoredTables(bad)).toEqual([]);
  });
  it('themes: catalogue theme first, else from the id; groups in theme order', () => {
    expect(themeOf({ id: 'beds_per_1000' })).toBe('health');
    expect(themeOf({ id: 'pm25_annual_mean' })).toBe('environment');
    expect(themeOf({ id: 'public_libraries' })).toBe('culture');
    expect(themeOf({ id: 'census_density' })).toBe('population');
    expect(themeOf({ id: 'hsr_length' })).toBe('transport');
    expect(themeOf({ id: 'beds_per_1000', theme: 'sharing' })).toBe('sharing');
    expect(themeOf({ id: 'beds_per_1000', theme: 'nonsense' })).toBe('health');
    for (const m of catalog) expect(themeOf(m)).toBeTypeOf('string');
    const groups = groupByTheme(['gdp', 'beds_per_1000', 'x'], (id) =>
      id === 'x' ? 'user' : themeOf({ id }),
    );
    expect(groups.map((g) => g[0])).toEqual(['health', 'economy', 'user']);
  });
});
