// joinIndicators (unknown codes reported with their lines), the lookup index used by the map and side
// panel, and the rank rule of the data build.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  REGION_CODE,
  alternativesFor,
  choroplethValues,
  indexIndicators,
  indicatorsForUnit,
  joinIndicators,
  parseIndicatorCsv,
  seriesFor,
  valueFor,
  yearsFor,
} from '../../src/core/indicators.ts';
import type { IndicatorRow } from '../../src/core/types.ts';
import { rankCandidates, readCitedText, type Candidate } from '../../data/scripts/lib/cited.ts';
import { isRelabelledCensus } from '../../data/scripts/lib/collect.ts';

const fixture = (name: string) =>
  readFileSync(resolve(import.meta.dirname, '../fixtures/data', name), 'utf8');
const good = parseIndicatorCsv(fixture('indicators-good.csv'), 'indicators-good.csv');

describe('joinIndicators', () => {
  it('groups rows by known unit and reports unknown codes with their file lines', () => {
    const known = new Set(['110000', '130000', 'XIONGAN', REGION_CODE]); // 110101 deliberately missing
    const { byUnit, unmatched } = joinIndicators(good.rows, known, good.lines);
    expect([...byUnit.keys()].sort()).toEqual(['110000', '130000', 'JJJ', 'XIONGAN']);
    expect(byUnit.get('110000')).toHaveLength(4);
    expect(unmatched).toEqual([{ code: '110101', lines: [6] }]);
  });

  it('reports an unknown code in an upstream file on each line it appears', () => {
    const { candidates, errors } = readCitedText(
      fixture('upstream-unknown.csv'),
      'upstream-unknown.csv',
      0,
      () => false,
    );
    expect(errors).toEqual([]);
    const { unmatched } = joinIndicators(
      candidates.map((c) => c.row),
      new Set(['110000', '130000', REGION_CODE]),
      candidates.map((c) => c.line),
    );
    expect(unmatched).toEqual([{ code: '990000', lines: [3, 5] }]);
  });

  it('falls back to row position + 1 without line numbers', () => {
    const rows = good.rows.slice(0, 2).map((r) => ({ ...r, unit_code: 'X' }));
    expect(joinIndicators(rows, new Set()).unmatched).toEqual([{ code: 'X', lines: [2, 3] }]);
  });

  it('does not modify its inputs', () => {
    const before = structuredClone(good.rows);
    const rows = Object.freeze(good.rows.map((r) => Object.freeze({ ...r })));
    joinIndicators(rows, new Set(['110000']), good.lines);
    indexIndicators(rows);
    expect(rows).toEqual(before);
  });
});

describe('indicator index', () => {
  const idx = indexIndicators(good.rows);

  it('gives the rank-1 value and leaves missing cells missing', () => {
    expect(valueFor(idx, '130000', 'pm25_annual_mean', 2024)?.value).toBe(37.8);
    expect(valueFor(idx, '110000', 'hospital_beds', 2014)).toBeUndefined(); // 2013 and 2015 exist, 2014 not
    expect(valueFor(idx, '999999', 'gdp', 2024)).toBeUndefined();
  });

  it('lists alternatives (rank ≥ 2) with their own source and confidence', () => {
    expect(alternativesFor(idx, '130000', 'pm25_annual_mean', 2024)).toMatchObject([
      { value: 37.7, rank: 2, source_id: 'src-fhxwzx', confidence: 'medium' },
    ]);
    expect(alternativesFor(idx, 'XIONGAN', 'census_population', 2020)).toMatchObject([
      { value: 1205440, source_id: 'src-zhaofangba', confidence: 'low' },
    ]);
    expect(alternativesFor(idx, 'JJJ', 'hsr_length', 2024)).toEqual([]);
  });

  it('gives time series, years and the indicators of a unit', () => {
    expect(seriesFor(idx, '110000', 'hospital_beds').map((r) => [r.year, r.value])).toEqual([
      [2013, 104034],
      [2015, 111555],
    ]);
    expect(yearsFor(idx, 'hsr_length')).toEqual([2013, 2024]);
    expect(yearsFor(idx, 'pm25_annual_mean')).toEqual([2013, 2024]);
    expect(yearsFor(idx, 'pm25_annual_mean', ['130000'])).toEqual([2024]);
    expect(yearsFor(idx, 'nope')).toEqual([]);
    expect(indicatorsForUnit(idx, '110000')).toEqual(['hospital_beds', 'pm25_annual_mean']);
  });

  it('gives choropleth values for the requested units only', () => {
    const m = choroplethValues(idx, 'pm25_annual_mean', 2013, ['110000', '130000', '120000']);
    expect([...m.keys()]).toEqual(['110000']);
    expect(m.get('110000')?.value).toBe(89.5);
  });
});

describe('rank rule of the data build', () => {
  const row = (over: Partial<IndicatorRow>): IndicatorRow => ({
    unit_code: '130500',
    indicator: 'pm25_annual_mean',
    year: 2013,
    value: 0,
    unit: 'µg/m³',
    source_id: 's',
    confidence: 'medium',
    rank: 1,
    note: '',
    ...over,
  });
  const cand = (over: Partial<Candidate>, r: Partial<IndicatorRow>): Candidate => ({
    row: row(r),
    file: 'f',
    line: 2,
    url: 'u',
    variant: false,
    official: false,
    order: 0,
    ...over,
  });

  it('orders by confidence, then official source, then base id over variant, then input order', () => {
    const ranked = rankCandidates([
      cand({ variant: true, order: 1 }, { value: 155.2 }), // Greenpeace _alt, medium
      cand({ order: 2 }, { value: 160 }), // Hebei monitoring centre, medium: wins on base id
      cand({ order: 3 }, { value: 1, confidence: 'low' }),
      cand({ order: 4 }, { value: 2, confidence: 'low' }),
    ]);
    expect(ranked.map((r) => [r.value, r.rank])).toEqual([
      [160, 1],
      [155.2, 2],
      [1, 3],
      [2, 4],
    ]);
    const official = rankCandidates([
      cand({ order: 1 }, { value: 1 }),
      cand({ official: true, order: 2 }, { value: 2 }),
    ]);
    expect(official.find((r) => r.rank === 1)?.value).toBe(2);
    const conf = rankCandidates([
      cand({ official: true }, { value: 1, confidence: 'low' }),
      cand({ variant: true }, { value: 2, confidence: 'high' }),
    ]);
    expect(conf.find((r) => r.rank === 1)?.value).toBe(2);
  });

  it('records a confidence range as its lower end and says so in the note', () => {
    const text =
      'unit_adcode,unit_name_zh,unit_name_en,indicator_id,year,value,unit,source,note\n' +
      '130000,河北省,Hebei,pm25_annual_mean,2013,108,µg/m³,http://news.huanbohainews.com.cn/x.shtml,' +
      '[confidence: medium–high] Hebei Daily 2014-02-19\n' +
      '130000,河北省,Hebei,pm25_annual_mean,2014,1,µg/m³,http://x.cn/y,[confidence: sure] z\n' +
      '130000,河北省,Hebei,pm25_annual_mean,2015,1,µg/m³,http://x.cn/y,no prefix\n';
    const { candidates, errors } = readCitedText(text, 'range.csv', 0, () => false);
    expect(candidates.map((c) => [c.row.confidence, c.row.note])).toEqual([
      ['medium', "confidence given as 'medium–high', recorded as the lower 'medium'; Hebei Daily 2014-02-19"],
    ]);
    expect(errors).toEqual([
      { file: 'range.csv', line: 3, reason: "unknown confidence 'sure'" },
      { file: 'range.csv', line: 4, reason: "note does not start with '[confidence: high|medium|low]'" },
    ]);
  });

  it('folds variant ids into the base indicator and census counts into the census indicators', () => {
    const { candidates, errors } = readCitedText(
      fixture('upstream-good.csv'),
      'upstream-good.csv',
      0,
      () => false,
    );
    expect(errors).toEqual([]);
    const by = (code: string, ind: string) =>
      candidates
        .filter((c) => c.row.unit_code === code && c.row.indicator === ind)
        .map((c) => [c.row.value, c.variant]);
    expect(by('110000', 'good_air_days_share')).toEqual([
      [48.2, false],
      [48, true],
    ]);
    expect(by('130000', 'pm25_annual_mean')).toEqual([
      [37.8, false],
      [37.7, true],
    ]);
    expect(by('XIONGAN', 'census_population')).toEqual([[1205440, true]]);
    expect(by('130000', 'census_population')).toEqual([[74610235, true]]);
    expect(by('130000', 'census_urban_share')).toEqual([[60.07, true]]);
    expect(candidates.some((c) => c.row.indicator.endsWith('_alt') || c.row.indicator.endsWith('_mep'))).toBe(
      false,
    );
    const x = candidates.find((c) => c.row.unit_code === 'XIONGAN')!;
    expect(x.row).toMatchObject({ unit: 'persons', confidence: 'low' });
    expect(x.row.note).toMatch(/^cited 120\.544 10k persons, converted to persons; 7th census/);
    const jjj = candidates.find((c) => c.row.unit_code === REGION_CODE)!;
    expect(jjj.row).toMatchObject({ indicator: 'gdp', value: 115000, confidence: 'high' });
    expect(jjj.row.note).toBe('reported as CNY 11.5 trillion (rounded)');
  });
});

describe('year-end population equal to the 2020 census count', () => {
  it('is a relabelled census count on a single page, a coincidence in a year-end series', () => {
    // Tangshan-like: one page labels the census count 771.8 as 2021.
    expect(isRelabelledCensus(771.8, 2021, 7_717_983, 1)).toBe(true);
    // Not at the published precision, or labelled 2020: not a relabelling.
    expect(isRelabelledCensus(771.9, 2021, 7_717_983, 1)).toBe(false);
    expect(isRelabelledCensus(771.8, 2020, 7_717_983, 1)).toBe(false);
    // Beijing 2021 year-end 2189 in an NBS series of ten years rounds to the census 2,189.31: kept.
    expect(isRelabelledCensus(2189, 2021, 21_893_095, 10)).toBe(false);
    expect(isRelabelledCensus(2189, 2021, 21_893_095, 2)).toBe(true);
    expect(isRelabelledCensus(2189, 2021, undefined, 1)).toBe(false);
  });
});
