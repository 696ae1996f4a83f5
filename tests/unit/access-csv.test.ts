// CRS conversion of known points and the user facility CSV: header detection (zh/en, BOM, CRLF, no
// header), row errors with 1-based line numbers, duplicates, size limit, HTML kept as text.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { metresBetween, parseCrs, toWgs84 } from '../../src/core/access/crs.ts';
import {
  headerKey,
  MAX_CSV_BYTES,
  packFacilityParse,
  parseFacilityType,
  parseUserFacilities,
  unpackFacilityParse,
  userSupply,
  type RegionCheck,
  type FacilityMessage,
} from '../../src/core/access/csv.ts';
import { countyLocator, regionBbox } from '../../src/core/access/locate.ts';
import type { Areal } from '../../src/core/rail/geo.ts';
import { facilityMessage } from '../../src/i18n/facility-messages.ts';

const en = (m: FacilityMessage) => facilityMessage(m, 'en');

const ROOT = resolve(import.meta.dirname, '../..');
const FIX = join(ROOT, 'tests/fixtures/access');
const COUNTIES = join(ROOT, 'geo/build/boundaries-county.geojson');
const haveCounties = existsSync(COUNTIES);

describe('CRS conversion with gcoord', () => {
  it('converts 北京协和医学院 from BD-09 to the WGS84 column of universities_colleges_baidu2019_jjj.csv', () => {
    // SOURCES.md row: lon_bd09 116.421237, lat_bd09 39.917338 → lon_wgs84 116.408591, lat_wgs84 39.909688
    const [lon, lat] = toWgs84(116.421237, 39.917338, 'bd09');
    expect(metresBetween(lon, lat, 116.408591, 39.909688)).toBeLessThan(1);
    expect(metresBetween(116.421237, 39.917338, lon, lat)).toBeGreaterThan(1000); // BD-09 is ≈1.2 km off here
  });

  it('converts 北京协和医院 from GCJ-02 to the WGS84 column of hospitals_beijing_major_nwjf2023.csv', () => {
    // bj001: lon_gcj02 116.415911, lat_gcj02 39.912392 → lon_wgs84 116.409669, lat_wgs84 39.910989
    const [lon, lat] = toWgs84(116.415911, 39.912392, 'gcj02');
    expect(metresBetween(lon, lat, 116.409669, 39.910989)).toBeLessThan(1);
  });

  it('leaves WGS84 alone and reads CRS names', () => {
    expect(toWgs84(116.4, 39.9, 'wgs84')).toEqual([116.4, 39.9]);
    expect(['BD-09', 'bd09ll', 'GCJ02', 'amap', 'WGS 84', 'utm'].map(parseCrs)).toEqual([
      'bd09',
      'bd09',
      'gcj02',
      'gcj02',
      'wgs84',
      null,
    ]);
  });
});

describe('header and type names', () => {
  it('recognises Chinese and English headers with remarks', () => {
    expect(['经度（BD-09）', ' Longitude ', 'Facility_Name', '床位数'].map(headerKey)).toEqual([
      '经度',
      'longitude',
      'facilityname',
      '床位数',
    ]);
    expect(['医院', 'Hospital', '高校', '5A景区', '图书馆', 'school'].map(parseFacilityType)).toEqual([
      'hospital',
      'hospital',
      'university',
      'attraction',
      'library',
      null,
    ]);
  });
});

describe.skipIf(!haveCounties)('user facility CSV (needs geo/build/boundaries-county.geojson)', () => {
  const counties = haveCounties
    ? ((JSON.parse(readFileSync(COUNTIES, 'utf8')) as FeatureCollection<Areal, { code: string }>)
        .features as Feature<Areal, { code: string }>[])
    : [];
  const at = countyLocator(counties);
  const region: RegionCheck = {
    bbox: regionBbox(counties),
    countyAt: (lon, lat) => at(lon, lat)?.code ?? null,
  };
  const read = (f: string) => readFileSync(join(FIX, f), 'utf8');

  it('counts a row with two problems as one rejected row, and packs a parse for the worker without loss', () => {
    const csv = [
      'name,type,lon,lat,capacity',
      'Good,hospital,115.48,38.87,300',
      ',hospital,abc,xyz,10',
      'No capacity,library,114.5,37.06,',
    ].join('\n');
    const r = parseUserFacilities(csv, { crs: 'wgs84', region });
    expect(r.errors.filter((e) => e.line === 3).length).toBeGreaterThan(1);
    expect(r.rejected).toBe(1);
    const back = unpackFacilityParse(packFacilityParse(r));
    expect(back).toEqual(r);
    expect(back.rows[1]!.capacity).toBeNull();
    // Only the first problems cross; the count stays whole.
    const cut = packFacilityParse(r, 1);
    expect(cut.errors.length).toBe(1);
    expect(cut.rejected).toBe(1);
  });

  it('lists every bad row with its line number and reason, and keeps the good ones', () => {
    const r = parseUserFacilities(read('facilities-bad.csv'), { crs: 'bd09', region });
    expect(r.fatal).toBeNull();
    expect(r.rows.map((x) => x.line)).toEqual([2, 3, 12, 14, 16]);
    const reasons = Object.fromEntries(r.errors.map((e) => [e.line, en(e.message)]));
    expect(Object.keys(reasons).map(Number)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 13]);
    expect(reasons[4]).toBe('name is empty');
    expect(reasons[5]).toMatch(/outside the region/);
    expect(reasons[6]).toBe('longitude is missing');
    expect(reasons[7]).toBe('latitude "abc" is not a number');
    expect(reasons[8]).toMatch(/^duplicate of line 2 \(same name, \d+ m apart\)$/);
    expect(reasons[9]).toMatch(/unknown type "school"/);
    expect(reasons[10]).toMatch(/swapped\?/);
    expect(reasons[11]).toMatch(/capacity "-5"/);
    expect(reasons[13]).toMatch(/in no county/);
  });

  it('keeps quoted commas, multi-line names and HTML as plain text', () => {
    const r = parseUserFacilities(read('facilities-bad.csv'), { crs: 'bd09', region });
    const names = r.rows.map((x) => x.name);
    expect(names).toContain('Quoted, name');
    expect(names).toContain('<img src=x onerror=alert(1)>');
    expect(names).toContain('Multi line name'); // the line break becomes a space
    expect(r.rows.find((x) => x.line === 2)!.county).toBe('110101'); // 东城区
  });

  it('reads a BOM, CRLF and a Chinese header; converts BD-09 and takes beds as capacity', () => {
    const r = parseUserFacilities(read('facilities-zh-bom-crlf.csv'), { crs: 'bd09', region });
    expect(r.fatal).toBeNull();
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.line, x.type, x.capacity])).toEqual([
      [2, 'university', null],
      [3, 'hospital', 2600],
      [4, 'hospital', null],
    ]);
    // 天津中医药大学第一附属医院: WGS84 column of the Tianjin file 117.158088, 39.114329
    const tj = r.rows[1]!;
    expect(metresBetween(tj.lon, tj.lat, 117.158088, 39.114329)).toBeLessThan(1);
    expect(userSupply(r.rows, 'hospital').map((p) => p.capacity)).toEqual([2600, NaN]);
  });

  it('reads a file without a header as name, type, lon, lat, capacity', () => {
    const r = parseUserFacilities(read('facilities-noheader.csv'), { crs: 'bd09', region });
    expect(r.rows.length).toBe(2);
    expect(en(r.notes[0]!)).toMatch(/no header row/);
  });

  it('uses the default type when there is no type column', () => {
    const r = parseUserFacilities('名称,经度,纬度\n某医院,116.40,39.92\n', {
      crs: 'wgs84',
      region,
      defaultType: 'hospital',
    });
    expect(r.rows[0]!.type).toBe('hospital');
    const none = parseUserFacilities('名称,经度,纬度\n某医院,116.40,39.92\n', { crs: 'wgs84', region });
    expect(none.errors).toEqual([{ line: 2, message: { key: 'facility.typeEmpty' } }]);
  });

  it('refuses empty files, header-only files and unknown headers with one clear message', () => {
    expect(en(parseUserFacilities('', { crs: 'wgs84', region }).fatal!)).toBe('the file is empty');
    expect(en(parseUserFacilities('\uFEFF\r\n\r\n', { crs: 'wgs84', region }).fatal!)).toBe(
      'the file is empty',
    );
    expect(en(parseUserFacilities('name,lon,lat\r\n', { crs: 'wgs84', region }).fatal!)).toMatch(
      /no data rows/,
    );
    expect(en(parseUserFacilities('foo,bar\n1,2\n', { crs: 'wgs84', region }).fatal!)).toMatch(
      /line 1: header not recognised/,
    );
  });

  it('refuses a 50 MB file with a size message, quickly', () => {
    const big = 'name,type,lon,lat\n' + 'x,hospital,116.4,39.9\n'.repeat(Math.ceil((50 * 1024 * 1024) / 22));
    const t0 = performance.now();
    const r = parseUserFacilities(big, { crs: 'wgs84', region });
    expect(en(r.fatal!)).toMatch(/larger than 10\.0 MB \(50\.0 MB\)/);
    expect(r.rows).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(5000); // no parsing happened (generous: shared CI box)
    expect(MAX_CSV_BYTES).toBe(10 * 1024 * 1024);
  });

  it('reports CSV syntax errors with their line', () => {
    const r = parseUserFacilities('name,type,lon,lat\nA,hospital,116.4,39.9\n"B,hospital,116.41,39.91\n', {
      crs: 'wgs84',
      region,
    });
    expect(r.errors.some((e) => e.line === 3 && /CSV syntax/.test(en(e.message)))).toBe(true);
  });

  it('does not modify the region check or the text', () => {
    const text = read('facilities-bad.csv');
    const bbox = [...region.bbox];
    parseUserFacilities(text, { crs: 'bd09', region });
    expect(region.bbox).toEqual(bbox);
    expect(text).toBe(read('facilities-bad.csv'));
  });
});
