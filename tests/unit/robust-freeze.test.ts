// issue 15: inputs that used to freeze the page (23 s for close names over 49,999 unknown names, 55 s
// for a 4.5 M-character key, 48.6 s for 60 k rows of one facility name). These finish within vitest's
// default 5 s test timeout now (the facility case 30 s); the figures themselves are in `npm run bench` (tests/bench/robust.ts).
import { describe, expect, it } from 'vitest';
import { parseUserFacilities, type FacilityMessage } from '../../src/core/access/csv.ts';
import type { UnitInfo } from '../../src/core/types.ts';
import { parseUserTable, unitMatcher } from '../../src/core/user-indicators.ts';
import { facilityMessage } from '../../src/i18n/facility-messages.ts';

const en = (m: FacilityMessage) => facilityMessage(m, 'en');

const region = { bbox: [113, 36, 120, 43] as [number, number, number, number], countyAt: () => '110101' };
const units = [
  { code: '130100', name_zh: '石家庄市', name_en: 'Shijiazhuang', levels: ['city'] },
  { code: '130600', name_zh: '保定市', name_en: 'Baoding', levels: ['city'] },
] as unknown as UnitInfo[];

describe('bounded work', () => {
  it('a 4.5 M-character key gets no suggestions and no candidates, at once', () => {
    const m = unitMatcher(units);
    const key = '石'.repeat(4_500_000);
    expect(m.suggest(key)).toEqual([]);
    expect(m.candidates(key)).toEqual([]);
    expect(m.suggest('石家装')).toContain('石家庄市');
  });

  it('49,999 unknown names: the first rows get suggestions, the rest are listed without', () => {
    const lines = ['name,2020'];
    for (let i = 0; i < 49_999; i++) lines.push(`石家装${i % 7 === 0 ? '' : i},${i}`);
    const r = parseUserTable(lines.join('\n'), units, { fileName: 'x.csv', yearMin: 2008, yearMax: 2024 });
    const unknown = r.issues.filter((i) => i.key === 'userData.err.unknownName');
    expect(unknown.length).toBeGreaterThan(40_000);
    expect(unknown[0]!.suggestions).toContain('石家庄市');
    expect(unknown.at(-1)!.suggestions).toEqual([]);
  });

  it('60,000 rows of one facility name: duplicates found in linear time, also across grid cells', () => {
    const lines = ['name,type,lon,lat'];
    // Points 200 m apart (not duplicates), then one 30 m from the first (a duplicate).
    for (let i = 0; i < 60_000; i++)
      lines.push(
        `同名医院,hospital,${(115 + (i % 300) * 0.0024).toFixed(5)},${(38 + Math.floor(i / 300) * 0.0018).toFixed(5)}`,
      );
    lines.push('同名医院,hospital,115.00035,38.00000');
    const r = parseUserFacilities(lines.join('\n'), { crs: 'wgs84', region });
    expect(r.rows).toHaveLength(60_000);
    expect(r.errors).toHaveLength(1);
    expect(en(r.errors[0]!.message)).toMatch(/duplicate of line 2 \(same name, 3\d m apart\)/);
    // 30 s: generous for a shared 2-core box; the quadratic check took 48.6 s at this size.
  }, 30_000);
});
