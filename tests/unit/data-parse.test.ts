// parseIndicatorCsv and the confidence helpers: good rows, malformed rows with their file lines, quoted
// commas/newlines, missing columns, and a round trip through formatIndicatorCsv.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatIndicatorCsv,
  parseConfidence,
  parseIndicatorCsv,
  splitConfidenceNote,
} from '../../src/core/indicators.ts';

const fixture = (name: string) =>
  readFileSync(resolve(import.meta.dirname, '../fixtures/data', name), 'utf8');

describe('parseIndicatorCsv', () => {
  it('reads good rows, with quoted commas and newlines, and their start lines', () => {
    const { rows, lines, errors } = parseIndicatorCsv(fixture('indicators-good.csv'), 'indicators-good.csv');
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(11);
    expect(lines).toEqual([2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13]);
    expect(rows[0]).toEqual({
      unit_code: '110000',
      indicator: 'hospital_beds',
      year: 2013,
      value: 104034,
      unit: 'beds',
      source_id: 'src-phic-237489',
      confidence: 'high',
      rank: 1,
      note: 'Beijing health statistics digest; excludes military & armed-police hospitals',
    });
    expect(rows[3]!.note).toBe(
      'upstream id pm25_annual_mean_alt; Greenpeace 74-city ranking, computed from MEP / city EPB data',
    );
    expect(rows[6]!.note).toContain('China Daily\n(see pm25_annual_mean)');
    expect(rows[7]!.unit_code).toBe('JJJ');
  });

  it('reports each malformed row with its file line and a readable reason', () => {
    const { rows, errors } = parseIndicatorCsv(fixture('indicators-bad.csv'), 'bad.csv');
    expect(errors).toEqual([
      { file: 'bad.csv', line: 3, reason: "value 'abc' is not a number" },
      { file: 'bad.csv', line: 4, reason: 'year 1899 outside 2000–2030' },
      { file: 'bad.csv', line: 5, reason: "unknown confidence 'medium-high' (expected high, medium or low)" },
      { file: 'bad.csv', line: 7, reason: "value '116,963' is not a number" },
      { file: 'bad.csv', line: 8, reason: 'expected 9 fields, found 8' },
      {
        file: 'bad.csv',
        line: 9,
        reason: 'duplicate row for 110000 hospital_beds 2013 rank 1 (first on line 2)',
      },
      { file: 'bad.csv', line: 10, reason: 'rank 2 row for 130000 pm25_annual_mean 2024 has no rank 1 row' },
    ]);
    // Only the valid rows come back (the orphan alternative is still returned, flagged above).
    expect(rows.map((r) => r.year)).toEqual([2013, 2024, 2024]);
    expect(rows[0]!.note).toBe('ok row, with a comma');
  });

  it('stops at a missing column', () => {
    const { rows, errors } = parseIndicatorCsv(fixture('indicators-nocol.csv'), 'nocol.csv');
    expect(rows).toEqual([]);
    expect(errors).toEqual([{ file: 'nocol.csv', line: 1, reason: "missing column 'year'" }]);
  });

  it('handles CRLF, a BOM, blank lines and an empty file', () => {
    const text =
      '\uFEFFunit_code,indicator,year,value,unit,source_id,confidence,rank,note\r\n\r\n' +
      '110000,gdp,2024,49843.1,100 million yuan,src-bsbk,medium,1,"a,\r\nb"\r\n';
    const { rows, lines, errors } = parseIndicatorCsv(text, 'crlf.csv');
    expect(errors).toEqual([]);
    expect(lines).toEqual([3]);
    expect(rows[0]!.note).toBe('a,\nb');
    expect(parseIndicatorCsv('', 'empty.csv').errors).toEqual([
      { file: 'empty.csv', line: 1, reason: 'empty file: expected a header row' },
    ]);
  });

  it('round-trips through formatIndicatorCsv byte for byte', () => {
    const text = fixture('indicators-good.csv');
    const { rows } = parseIndicatorCsv(text, 'good.csv');
    const again = formatIndicatorCsv(rows);
    expect(parseIndicatorCsv(again, 'again.csv').rows).toEqual(rows);
    expect(formatIndicatorCsv(parseIndicatorCsv(again, 'again.csv').rows)).toBe(again);
  });

  it('does not modify its input rows when formatting', () => {
    const { rows } = parseIndicatorCsv(fixture('indicators-good.csv'), 'good.csv');
    const before = structuredClone(rows);
    formatIndicatorCsv(Object.freeze(rows.map((r) => Object.freeze(r))));
    expect(rows).toEqual(before);
  });
});

describe('confidence labels', () => {
  it('maps single labels and ranges (ranges take the lower end)', () => {
    expect(parseConfidence('high')).toBe('high');
    expect(parseConfidence('Medium')).toBe('medium');
    expect(parseConfidence('medium–high')).toBe('medium');
    expect(parseConfidence('low-medium')).toBe('low');
    expect(parseConfidence('high / low')).toBe('low');
    expect(parseConfidence('low to medium')).toBe('low');
    expect(parseConfidence('medium-high-ish')).toBeUndefined();
    expect(parseConfidence('')).toBeUndefined();
  });

  it('splits the upstream note prefix and keeps the rest', () => {
    expect(splitConfidenceNote('[confidence: medium–high] Hebei Daily 2014-02-19')).toEqual({
      confidence: 'medium',
      label: 'medium–high',
      rest: 'Hebei Daily 2014-02-19',
    });
    expect(splitConfidenceNote('[confidence: high] ')).toEqual({
      confidence: 'high',
      label: 'high',
      rest: '',
    });
    expect(splitConfidenceNote('no prefix')).toBeUndefined();
    expect(splitConfidenceNote('[confidence: sure] x')).toBeUndefined();
  });
});
