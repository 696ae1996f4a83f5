// English county names: pinyin-pro + generic term, with a small override table for polyphonic
// characters that pinyin-pro reads wrongly in these place names.
import { describe, expect, it } from 'vitest';
import { countyNameEn, PINYIN_OVERRIDES, stemPinyin } from '../../geo/scripts/lib/names.ts';
import { readUnitsFile } from '../../geo/scripts/lib/output.ts';
import { REPO_ROOT } from '../../geo/scripts/lib/build-io.ts';
import { join } from 'node:path';

describe('countyNameEn', () => {
  it.each([
    ['110101', '东城区', 'Dongcheng District'],
    ['130638', '雄县', 'Xiong County'],
    ['130682', '定州市', 'Dingzhou City'],
    ['130826', '丰宁满族自治县', 'Fengning Manchu Autonomous County'],
    ['130828', '围场满族蒙古族自治县', 'Weichang Manchu and Mongol Autonomous County'],
    ['131028', '大厂回族自治县', 'Dachang Hui Autonomous County'],
    ['130107', '井陉矿区', 'Jingxing Mining District'],
    ['120116', '滨海新区', 'Binhai New Area'],
    ['130102', '长安区', "Chang'an District"],
    ['130225', '乐亭县', 'Laoting County'],
    ['130726', '蔚县', 'Yu County'],
    ['110105', '朝阳区', 'Chaoyang District'],
    ['120115', '宝坻区', 'Baodi District'],
  ])('%s %s → %s', (code, zh, en) => {
    expect(countyNameEn(code, zh)).toBe(en);
  });

  it('every override is still needed (pinyin-pro alone gets that stem wrong)', () => {
    for (const [code, o] of Object.entries(PINYIN_OVERRIDES)) {
      const stem = o.name_zh.replace(/(区|县|市)$/, '');
      expect(stemPinyin(stem), code).not.toBe(o.stem);
    }
  });

  it('refuses an override whose Chinese name no longer matches the code', () => {
    expect(() => countyNameEn('130225', '别的县')).toThrow(/override/);
  });

  it('committed units.json uses exactly these names for all 199 counties', () => {
    const { units } = readUnitsFile(join(REPO_ROOT, 'geo/build'));
    const counties = units.filter((u) => u.levels.includes('county'));
    expect(counties).toHaveLength(199);
    for (const u of counties) {
      expect(u.name_en, u.code).toBe(countyNameEn(u.code, u.name_zh));
      expect(u.name_en_source).toBe('pinyin');
      expect(u.name_en, u.code).toMatch(/^[A-Z][a-z']+( (and|[A-Z][a-z]+))+$/);
    }
  });
});
