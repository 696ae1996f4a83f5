// Facilities step 2/2: the completeness table (type × province) the UI shows beside the facility layers,
// geo/build/facilities/completeness.json. Counts come from the points step 80 wrote and from the
// coordinate-less lists in shared/data/facilities; the wording says what each list is and is not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FACILITY_TYPES,
  type CompletenessFile,
  type CompletenessRow,
  type FacilityCollection,
  type FacilityFeature,
  type FacilityType,
} from '../../src/core/access/types.ts';
import { csvRecords } from '../../src/core/indicators.ts';
import type { Confidence } from '../../src/core/types.ts';
import { fail, GENERATED_NOTE, outDir, REPO_ROOT, sharedPath, writeOutput } from './lib/build-io.ts';
import { runStep } from './lib/step.ts';

const NOTE = GENERATED_NOTE('npm run build:geo');
const out = outDir('geo/build');
const DIR = join(out, 'facilities');

interface UnitRow {
  code: string;
  name_zh: string;
  name_en: string;
}

interface Report {
  grade_join: { list_rows_without_point: { province: string; name: string; grade: string }[] };
}

const PROVINCES = ['110000', '120000', '130000'] as const;
const PROVINCE_ZH: Readonly<Record<string, string>> = {
  '110000': '北京市',
  '120000': '天津市',
  '130000': '河北省',
};

/** How much the analysis of a type can be trusted, whatever the province (all lists are partial). */
const CONFIDENCE: Readonly<Record<FacilityType, Confidence>> = {
  hospital: 'low',
  university: 'medium',
  attraction: 'medium',
  library: 'low',
};

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function units(): Map<string, UnitRow> {
  for (const dir of [out, join(REPO_ROOT, 'geo/build')]) {
    try {
      return new Map(readJson<{ units: UnitRow[] }>(join(dir, 'units.json')).units.map((u) => [u.code, u]));
    } catch {
      // try the next folder
    }
  }
  return fail(join(out, 'units.json'), 0, 'not built yet: run the boundaries steps first');
}

/** Rows and tertiary institutions of the Beijing medical-insurance list (no coordinates). */
function insuranceList(): { total: number; tertiary: number } {
  const path = sharedPath(
    'facilities',
    'medical_institutions_beijing_insurance_designated_2023_nocoords.csv',
  );
  const { records } = csvRecords(readFileSync(path, 'utf8'));
  const [head, ...rows] = records.filter((r) => r.fields.some((f) => f !== ''));
  const g = head?.fields.indexOf('grade') ?? -1;
  if (g < 0) fail(path, 1, 'no grade column');
  return { total: rows.length, tertiary: rows.filter((r) => (r.fields[g] ?? '').startsWith('三级')).length };
}

type Text = { en: string; zh: string };

/** Cities with the fewest points (city unit names from units.json). */
function fewest(fs: FacilityFeature[], names: Map<string, UnitRow>, k: number): Text {
  const n = new Map<string, number>();
  for (const f of fs) n.set(f.properties.city, (n.get(f.properties.city) ?? 0) + 1);
  const low = [...n.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).slice(0, k);
  return {
    en: low.map(([c, m]) => `${names.get(c)?.name_en ?? c} ${m}`).join(', '),
    zh: low.map(([c, m]) => `${names.get(c)?.name_zh ?? c}${m}个`).join('，'),
  };
}

function hospitalNote(
  province: string,
  fs: FacilityFeature[],
  report: Report,
  names: Map<string, UnitRow>,
): Text {
  const n = fs.length;
  const listed = report.grade_join.list_rows_without_point.filter(
    (r) => r.province === PROVINCE_ZH[province],
  );
  const missing = {
    en: `${listed.length} hospitals of the c. 2015 tertiary list have no point here`,
    zh: `约2015年三级医院名单中有${listed.length}家在此无点位`,
  };
  if (province === '110000') {
    const ins = insuranceList();
    return {
      en: `Partial: ${n} major hospitals from a 2023 mini-program list, not a register (the 2023 medical-insurance list names ${ins.total} institutions, ${ins.tertiary} tertiary, without coordinates); ${missing.en}; no bed counts.`,
      zh: `不完整：${n}家大型医院（2023年小程序数据，非名录；2023年医保定点名单共${ins.total}家机构，其中三级${ins.tertiary}家，无坐标）；${missing.zh}；无床位数。`,
    };
  }
  if (province === '120000') {
    const beds = fs.filter((f) => f.properties.beds !== null).length;
    return {
      en: `Partial: ${n} hospitals from a 2019 medical-rescue database (beds for ${beds}); ${missing.en}.`,
      zh: `不完整：${n}家医院（2019年医疗救援数据库，${beds}家有床位数）；${missing.zh}。`,
    };
  }
  const few = fewest(fs, names, 2);
  const flagged = fs.filter((f) => f.properties.flag !== null).length;
  return {
    en: `Partial: ${n} hospitals of all kinds from an undated dashboard (2018 or later), not a register; fewest points: ${few.en}; ${missing.en}; no bed counts; ${flagged} flagged as a likely geocoding error.`,
    zh: `不完整：${n}家各类医院（未注明日期的数据看板，2018年或以后），非名录；点位最少：${few.zh}；${missing.zh}；无床位数；${flagged}个疑似地理编码错误，已标记。`,
  };
}

function note(
  type: FacilityType,
  province: string,
  fs: FacilityFeature[],
  report: Report,
  names: Map<string, UnitRow>,
): Text {
  const n = fs.length;
  const flagged = fs.filter((f) => f.properties.flag !== null).length;
  if (type === 'hospital') return hospitalNote(province, fs, report, names);
  if (type === 'university')
    return {
      en: `Partial: ${n} campus points from a 2019 Baidu Maps keyword search, not an official register; ${flagged} flagged as probably not a teaching campus (offices, radio/TV universities, admissions) and left out of the analysis.`,
      zh: `不完整：${n}个校区点位（2019年百度地图关键词检索，非官方名录）；${flagged}个疑似非教学校区（办事处、广播电视大学、招生点等），已标记，不参与分析。`,
    };
  if (type === 'attraction')
    return {
      en: `${n} 5A scenic areas, one point each (designations to 2020${flagged > 0 ? `; ${flagged} designated later ${flagged === 1 ? 'is' : 'are'} placed approximately and flagged` : ''}); not checked against the Ministry's list.`,
      zh: `${n}个5A级景区，每个一个点位（截至2020年${flagged > 0 ? `；${flagged}个后评定景区位置为近似值，已标记` : ''}）；未与文化和旅游部名录核对。`,
    };
  if (n === 0)
    return {
      en: 'No library points with coordinates were found.',
      zh: '未找到带坐标的图书馆数据。',
    };
  return {
    en: `Display only: ${n} demo points whose coordinates are not verified; not a list of public libraries and not used in analysis.`,
    zh: `仅供显示：${n}个演示数据点位，坐标未经核实；并非公共图书馆名录，不参与分析。`,
  };
}

function main(): void {
  const names = units();
  const report = readJson<Report>(join(DIR, 'build-report.json'));
  const rows: CompletenessRow[] = [];
  for (const type of FACILITY_TYPES) {
    const fc = readJson<FacilityCollection>(join(DIR, `${type}.geojson`));
    for (const province of PROVINCES) {
      const fs = fc.features.filter((f) => f.properties.province === province);
      const used = fs.filter((f) => f.properties.flag === null).length;
      const t = note(type, province, fs, report, names);
      rows.push({
        type,
        province,
        province_zh: names.get(province)?.name_zh ?? province,
        province_en: names.get(province)?.name_en ?? province,
        points: fs.length,
        used,
        flagged: fs.length - used,
        status: fs.length === 0 ? 'none' : used === 0 ? 'display-only' : 'partial',
        note_zh: t.zh,
        note_en: t.en,
        sources: [...new Set(fs.map((f) => f.properties.source))].sort(),
        confidence: CONFIDENCE[type],
      });
    }
  }
  const file: CompletenessFile = { generated: NOTE, rows };
  writeOutput(join(DIR, 'completeness.json'), `${JSON.stringify(file, null, 1)}\n`);
  for (const r of rows)
    console.log(`  ${r.type} ${r.province}: ${r.points} points, ${r.used} used (${r.status})`);
}

runStep(import.meta.filename, main);
