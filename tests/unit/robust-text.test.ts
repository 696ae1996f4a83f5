// issue 15: text that can mislead — bidi overrides in names, and GBK facility files.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUserFacilities, type FacilityMessage } from '../../src/core/access/csv.ts';
import type { UnitInfo } from '../../src/core/types.ts';
import { decodeText, parseUserTable, stripBidi } from '../../src/core/user-indicators.ts';
import { facilityMessage } from '../../src/i18n/facility-messages.ts';

const en = (m: FacilityMessage) => facilityMessage(m, 'en');

const BAD = join(resolve(import.meta.dirname, '../..'), 'tests/fixtures/bad-inputs');
const region = { bbox: [113, 36, 120, 43] as [number, number, number, number], countyAt: () => '110101' };
const units = [
  { code: '130100', name_zh: '石家庄市', name_en: 'Shijiazhuang', levels: ['city'] },
  { code: '130600', name_zh: '保定市', name_en: 'Baoding', levels: ['city'] },
] as unknown as UnitInfo[];
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

describe('bidi controls', () => {
  it('are stripped from user indicator names, keys and messages', () => {
    const text = readFileSync(join(BAD, 'bidi-names.csv'), 'utf8');
    expect(text).toMatch(BIDI);
    const r = parseUserTable(text, units, { fileName: 'bidi-names.csv', yearMin: 2008, yearMax: 2024 });
    expect(r.table!.indicators.map((i) => i.name)).toEqual(['数师医业执']);
    // Both rows match their unit: the override no longer hides the name.
    expect(r.table!.values.map((v) => v[1]).sort()).toEqual(['130100', '130600']);
    expect(JSON.stringify(r)).not.toMatch(BIDI);
  });
  it('are stripped from facility names', () => {
    const text = readFileSync(join(BAD, 'facilities/bidi-names.csv'), 'utf8');
    const r = parseUserFacilities(text, { crs: 'wgs84', region });
    expect(r.rows.map((x) => x.name)).toEqual(['abc.exe 医院', 'Good']);
    expect(stripBidi('a\u202Eb')).toBe('ab');
  });
});

describe('GBK facility files', () => {
  it('decode like the indicator import (GB18030 after UTF-8 fails)', () => {
    const bytes = new Uint8Array(readFileSync(join(BAD, 'facilities/gbk-hospitals.csv')));
    // Read as UTF-8 the header is mojibake and the file is refused.
    const asUtf8 = parseUserFacilities(new TextDecoder().decode(bytes), { crs: 'wgs84', region });
    expect(en(asUtf8.fatal!)).toMatch(/header not recognised/);
    const text = decodeText(bytes)!;
    const r = parseUserFacilities(text, { crs: 'gcj02', region });
    expect(r.fatal).toBeNull();
    expect(r.rows.map((x) => x.name)).toEqual(['北京协和医院', '河北医科大学第二医院']);
    expect(decodeText(new Uint8Array([0, 1, 2, 3]))).toBeNull();
  });
});
