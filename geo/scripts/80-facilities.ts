// Facilities step 1/2: the facility points of shared/data/facilities as compact WGS84 GeoJSON, one file
// per type in geo/build/facilities/ ({hospital,university,attraction,library}.geojson), plus
// build-report.json (sources, CRS check, grade join, dropped / flagged / shared points).
//
// - Coordinates are converted from the ORIGINAL columns (BD-09 or GCJ-02) with gcoord and compared with
//   the WGS84 columns the compilers added: more than MAX_DEVIATION_M apart stops the build, naming the row.
// - County, city unit and province by point-in-polygon on this build's boundaries-county.geojson.
// - Known bad points (shared/data/facilities/SOURCES.md) are dropped or flagged: a flagged point is kept
//   and drawn, with the reason in `flag`, and left out of every analysis. See DECISIONS below.
// - Hospital grades: Beijing's from its own file (2023); Tianjin's and Hebei's joined from the c. 2015
//   tertiary list by exact or normalised name only (the compilers' hand aliases are reported, not used).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { metresBetween, toWgs84 } from '../../src/core/access/crs.ts';
import { normaliseName, serializeFacilities } from '../../src/core/access/facilities.ts';
import type { FacilityFeature, FacilityType } from '../../src/core/access/types.ts';
import { csvRecords } from '../../src/core/indicators.ts';
import { BOUNDARY_SNAP_KM, countyLocator } from '../../src/core/access/locate.ts';
import type { Areal } from '../../src/core/rail/geo.ts';
import type { Confidence } from '../../src/core/types.ts';
import { fail, GENERATED_NOTE, outDir, REPO_ROOT, sharedPath, writeOutput } from './lib/build-io.ts';
import { runStep } from './lib/step.ts';

const NOTE = GENERATED_NOTE('npm run build:geo');
/** The compilers' WGS84 columns and gcoord must agree this closely (both invert the same formulas). */
const MAX_DEVIATION_M = 10;
const FAC = 'facilities';
const out = outDir('geo/build');

/** Where each dataset comes from (copied from shared/data/facilities/SOURCES.md). */
export const SOURCES = [
  {
    id: 'nwjf-hospital-2023',
    /** Short tag in feature ids. */
    tag: 'bj',
    title: 'Beijing major hospitals with grade (WeChat mini-program 寻医问院)',
    file: 'hospitals_beijing_major_nwjf2023.csv',
    origin:
      'github.com/nwjf/hospital json/hospital.js (blob e76914059ed3cf862c3c1bf56d9a27300c46be63, last changed 0455433e, 2023-01-11)',
    licence: 'none stated (unclear)',
    crs: 'GCJ-02 (verified against an AMap dashboard)',
  },
  {
    id: 'medicalrescue-tj-2019',
    tag: 'tj',
    title: 'Tianjin hospitals with beds (medical-rescue database dump, 2019-01-16)',
    file: 'round2/hospitals_tianjin_medicalrescue2019_bd09.csv',
    origin: 'search index file id 17691389528; repository unknown',
    licence: 'unknown (unclear)',
    crs: 'BD-09 (one adjacency test)',
  },
  {
    id: 'hebei-dashboard',
    tag: 'hb',
    title: 'Hebei hospitals of all kinds (ECharts dashboard, undated, 2018 or later)',
    file: 'round2/hospitals_hebei_dashboard_bd09.csv',
    origin: 'search index file id 15713776977; repository unknown',
    licence: 'unknown (unclear)',
    crs: 'BD-09 (three adjacency tests)',
  },
  {
    id: 'tertiary-list-c2015',
    tag: 'list',
    title: 'Tertiary hospitals with grade, c. 2012–2015 (no coordinates; grades joined by name)',
    file: 'round2/hospitals_tertiary_grade_list_jjj_c2015_nocoords.csv',
    origin: 'search index file id 7449222806; repository unknown',
    licence: 'unknown (unclear)',
    crs: 'none',
  },
  {
    id: 'pg7go-universities-2019',
    tag: '',
    title: 'Universities and colleges (Baidu Maps Place API keyword search, October 2019)',
    file: 'universities_colleges_baidu2019_jjj.csv',
    origin:
      'github.com/pg7go/The-Location-Data-of-Schools-in-China 大学-8084.json (blob d6b608c06cfe4512817def8e2d9a0c961ae6485b, HEAD e0a696e26b3b388ce1ef26938d002f156b42c983)',
    licence: 'none stated; Baidu Maps terms apply (unclear)',
    crs: 'BD-09 (verified three ways)',
  },
  {
    id: 'pursuitpro-5a-2021',
    tag: '',
    title: '5A scenic areas, designations to 2020 (Baidu coordinate picker)',
    file: 'round2/attractions_5A_jjj_pursuitpro_bd09.csv',
    origin:
      'github.com/HelloWorldFFC/pursuitPro pagesScan/js/jsondata.js (blob 6fe723cd9336a3409afedb2cbbbbf659ebbce9b4, HEAD 0c86cc041fb190c7ee6517eb93a903c430f33b7e)',
    licence: 'MIT; Baidu terms may apply',
    crs: 'BD-09 (from the code)',
  },
  {
    id: 'letmetryai-5a-2025',
    tag: 'r1',
    title: '5A scenic areas, approximate points (4 decimals, some city centroids)',
    file: 'attractions_5A_jjj_approx.csv',
    origin:
      'github.com/jackandking/LetMeTryAI videoguide/china5a.js (blob 31379b1743e005ede464d97f105d3905e2c2dbd4, HEAD a8b4e324e479410dd31e5a537f6398f1aa6b6b4d)',
    licence: 'README says MIT; no LICENSE file',
    crs: 'undetermined (read as GCJ-02, the reading SOURCES.md finds indicative)',
  },
  {
    id: 'easyhousing-libraries',
    tag: '',
    title: 'Beijing libraries (demo data in a student project; low confidence)',
    file: 'round2/libraries_beijing_demo_bd09_lowconfidence.csv',
    origin: 'search index file id 2739077144; repository unknown',
    licence: 'unknown (unclear)',
    crs: 'read as BD-09, not verified (one test conflicts)',
  },
] as const;
type SourceId = (typeof SOURCES)[number]['id'];

/**
 * Dropped and flagged points, with the reason (SOURCES.md is the evidence). Rows are named by source
 * and record id. Flagged points are drawn and left out of analysis; dropped points are not written.
 */
const DROP: Readonly<Record<string, string>> = {
  'easyhousing-libraries#1':
    '北京图书馆 at 白石桥路39号 is the pre-1998 name of 国家图书馆 at its main site, which row 5 already places (same institution)',
};
const FLAG: Readonly<Record<string, string>> = {
  'hebei-dashboard#146':
    'likely geocoding error: the provincial centre sits on the 容城县妇幼保健院 point (SOURCES.md R2-1)',
};
const FLAG_ALL: Readonly<Partial<Record<SourceId, string>>> = {
  'easyhousing-libraries':
    'display only: coordinates read as BD-09 but not verified (the Capital Library test points the other way, SOURCES.md R2-5)',
  'letmetryai-5a-2025':
    'approximate position: 4-decimal point of undetermined CRS, not in the 2021 BD-09 list (designated later); not re-geocoded',
};

/** Base confidence of a source's points (coordinate quality; flagged and shared points are lower). */
const CONFIDENCE: Readonly<Record<SourceId, Confidence>> = {
  'nwjf-hospital-2023': 'medium',
  'medicalrescue-tj-2019': 'medium',
  'hebei-dashboard': 'medium',
  'tertiary-list-c2015': 'low',
  'pg7go-universities-2019': 'medium',
  'pursuitpro-5a-2021': 'medium',
  'letmetryai-5a-2025': 'low',
  'easyhousing-libraries': 'low',
};

/** One source row on its way to a feature. */
interface Candidate {
  type: FacilityType;
  source: SourceId;
  file: string;
  line: number;
  ref: string;
  name: string;
  crs: 'bd09' | 'gcj02';
  lonIn: number;
  latIn: number;
  /** The compilers' WGS84 columns, when the file has them. */
  check: [number, number] | null;
  grade: string | null;
  gradeSrc: string | null;
  beds: number | null;
  flag: string | null;
  /** Province named by the source row, when it has a province column. */
  provinceSrc: string | null;
  /** Other names of the record in its source (Beijing: full_name), tried in the grade join. */
  altNames: string[];
}

type Row = { line: number; cells: Record<string, string> };

function readCsv(rel: string): Row[] {
  const path = sharedPath('facilities', rel);
  const { records, errors } = csvRecords(readFileSync(path, 'utf8'));
  if (errors.length > 0) fail(path, errors[0]!.line, errors[0]!.reason);
  const [head, ...rest] = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (!head) fail(path, 1, 'empty file');
  return rest.map((r) => ({
    line: r.line,
    cells: Object.fromEntries(head.fields.map((h, i) => [h.trim(), (r.fields[i] ?? '').trim()])),
  }));
}

function num(file: string, r: Row, col: string): number {
  const v = Number(r.cells[col]);
  if (r.cells[col] === undefined || r.cells[col] === '' || !Number.isFinite(v))
    fail(sharedPath('facilities', file), r.line, `column ${col} is not a number: "${r.cells[col] ?? ''}"`);
  return v;
}

function optionalInt(file: string, r: Row, col: string): number | null {
  return (r.cells[col] ?? '') === '' ? null : num(file, r, col);
}

/** A candidate from a row with original and WGS84 columns. */
function candidate(
  source: (typeof SOURCES)[number],
  type: FacilityType,
  r: Row,
  o: { ref: string; name: string; crs: 'bd09' | 'gcj02'; grade?: string | null; beds?: number | null },
): Candidate {
  const f = source.file;
  const lonIn = num(f, r, `lon_${o.crs}`);
  const latIn = num(f, r, `lat_${o.crs}`);
  const check: [number, number] | null =
    'lon_wgs84' in r.cells ? [num(f, r, 'lon_wgs84'), num(f, r, 'lat_wgs84')] : null;
  const key = `${source.id}#${o.ref}`;
  return {
    type,
    source: source.id,
    file: f,
    line: r.line,
    ref: o.ref,
    name: o.name,
    crs: o.crs,
    lonIn,
    latIn,
    check,
    grade: o.grade ?? null,
    gradeSrc: o.grade ? source.id : null,
    beds: o.beds ?? null,
    flag: FLAG[key] ?? FLAG_ALL[source.id] ?? null,
    provinceSrc: r.cells.province || null,
    altNames: [],
  };
}

const src = (id: SourceId) => SOURCES.find((s) => s.id === id)!;

function hospitals(): Candidate[] {
  const bj = src('nwjf-hospital-2023');
  const tj = src('medicalrescue-tj-2019');
  const hb = src('hebei-dashboard');
  return [
    ...readCsv(bj.file).map((r) => ({
      ...candidate(bj, 'hospital', r, {
        ref: r.cells.id!,
        name: r.cells.name!,
        crs: 'gcj02',
        grade: r.cells.grade_name || null,
      }),
      altNames: r.cells.full_name ? [r.cells.full_name] : [],
    })),
    ...readCsv(tj.file).map((r) =>
      candidate(tj, 'hospital', r, {
        ref: r.cells.source_id!,
        name: r.cells.name!,
        crs: 'bd09',
        beds: optionalInt(tj.file, r, 'beds'),
      }),
    ),
    ...readCsv(hb.file).map((r) =>
      candidate(hb, 'hospital', r, { ref: r.cells.seq!, name: r.cells.name!, crs: 'bd09' }),
    ),
  ];
}

function universities(): Candidate[] {
  const s = src('pg7go-universities-2019');
  return readCsv(s.file).map((r, i) => {
    const c = candidate(s, 'university', r, { ref: String(i + 1), name: r.cells.name!, crs: 'bd09' });
    const hit = r.cells.name_flag ?? '';
    return hit === ''
      ? c
      : { ...c, flag: `probably not a teaching campus (name keywords: ${hit.split('|').join(', ')})` };
  });
}

function attractions(): Candidate[] {
  const r2 = src('pursuitpro-5a-2021');
  const r1 = src('letmetryai-5a-2025');
  const good = readCsv(r2.file).map((r) =>
    candidate(r2, 'attraction', r, {
      ref: r.cells.source_id!,
      name: r.cells.name!,
      crs: 'bd09',
      grade: '5A',
    }),
  );
  const known = new Set(good.map((c) => normaliseName(c.name)));
  // Round 1 is only used for areas round 2 lacks (designated after 2020); the rest are superseded.
  const later = readCsv(r1.file).filter((r) => !known.has(normaliseName(r.cells.name!)));
  return [
    ...good,
    ...later.map((r) => ({
      ...candidate(
        r1,
        'attraction',
        { ...r, cells: { ...r.cells, lon_gcj02: r.cells.lon_raw!, lat_gcj02: r.cells.lat_raw! } },
        {
          ref: `line${r.line}`,
          name: r.cells.name!,
          crs: 'gcj02',
          grade: '5A',
        },
      ),
      check: null,
    })),
  ];
}

/** Round-1 5A rows replaced by the BD-09 list, with how far apart the two points are (km). */
function supersededAttractions(): { name: string; km_apart: number }[] {
  const r2 = readCsv(src('pursuitpro-5a-2021').file);
  const byName = new Map(r2.map((r) => [normaliseName(r.cells.name!), r.cells]));
  return readCsv(src('letmetryai-5a-2025').file).flatMap((r) => {
    const good = byName.get(normaliseName(r.cells.name!));
    if (!good) return [];
    const [lon1, lat1] = toWgs84(Number(r.cells.lon_raw), Number(r.cells.lat_raw), 'gcj02');
    const [lon2, lat2] = toWgs84(Number(good.lon_bd09), Number(good.lat_bd09), 'bd09');
    return [{ name: r.cells.name!, km_apart: Math.round(metresBetween(lon1, lat1, lon2, lat2) / 100) / 10 }];
  });
}

function libraries(): Candidate[] {
  const s = src('easyhousing-libraries');
  return readCsv(s.file).map((r) =>
    candidate(s, 'library', r, { ref: r.cells.seq!, name: r.cells.name_in_source!, crs: 'bd09' }),
  );
}

/** Tertiary list (c. 2015) by province and normalised name. */
function tertiaryList(): { province: string; name: string; grade: string; line: number }[] {
  return readCsv(src('tertiary-list-c2015').file).map((r) => ({
    province: r.cells.province!,
    name: r.cells.name!,
    grade: r.cells.grade!,
    line: r.line,
  }));
}

const PROVINCE_ZH: Readonly<Record<string, string>> = {
  '110000': '北京市',
  '120000': '天津市',
  '130000': '河北省',
};

interface Placed extends Candidate {
  lon: number;
  lat: number;
  deviation: number | null;
  county: string;
  city: string;
  province: string;
  /** Metres to the county it was snapped to (0 = inside a polygon). */
  snapped_m: number;
}

interface UnitRow {
  code: string;
  parent: string | null;
  province: string;
}

/** This build's file if present (same --out first), else the committed one. */
function built(name: string): string {
  for (const dir of [out, join(REPO_ROOT, 'geo/build')])
    if (existsSync(join(dir, name))) return join(dir, name);
  return fail(join(out, name), 0, 'not built yet: run the boundaries steps (npm run build:geo) first');
}

function locator(): (
  lon: number,
  lat: number,
) => Omit<Placed, keyof Candidate | 'lon' | 'lat' | 'deviation'> | null {
  const fc = JSON.parse(readFileSync(built('boundaries-county.geojson'), 'utf8')) as FeatureCollection<
    Areal,
    { code: string }
  >;
  const units = (JSON.parse(readFileSync(built('units.json'), 'utf8')) as { units: UnitRow[] }).units;
  const byCode = new Map(units.map((u) => [u.code, u]));
  const find = countyLocator(fc.features as Feature<Areal, { code: string }>[]);
  return (lon, lat) => {
    const hit = find(lon, lat);
    if (!hit) return null;
    const u = byCode.get(hit.code);
    if (!u || u.parent === null) fail(built('units.json'), 0, `county ${hit.code} has no parent unit`);
    return { county: u.code, city: u.parent, province: u.province, snapped_m: hit.snapped_m };
  };
}

/** Convert, check against the WGS84 columns, locate; returns the placed points and the dropped ones. */
function place(cands: Candidate[]): { placed: Placed[]; outside: Candidate[] } {
  const locate = locator();
  const placed: Placed[] = [];
  const outside: Candidate[] = [];
  for (const c of cands) {
    const [lon, lat] = toWgs84(c.lonIn, c.latIn, c.crs);
    let deviation: number | null = null;
    if (c.check) {
      deviation = metresBetween(lon, lat, c.check[0], c.check[1]);
      if (deviation > MAX_DEVIATION_M)
        fail(
          sharedPath('facilities', c.file),
          c.line,
          `${c.name}: gcoord ${c.crs}→WGS84 gives ${lon.toFixed(6)}, ${lat.toFixed(6)}, ${deviation.toFixed(1)} m from lon_wgs84/lat_wgs84 ${c.check[0]}, ${c.check[1]} (limit ${MAX_DEVIATION_M} m)`,
        );
    }
    const where = locate(lon, lat);
    if (!where) outside.push(c);
    else placed.push({ ...c, lon, lat, deviation, ...where });
  }
  return { placed, outside };
}

/** Grades for Tianjin and Hebei hospitals from the tertiary list: exact name, else normalised name. */
function joinGrades(points: Placed[]) {
  const list = tertiaryList();
  const stats: Record<string, { hospitals: number; exact: number; normalised: number; list: number }> = {};
  const matched = new Set<number>();
  const graded = points.map((p) => {
    if (p.type !== 'hospital') return p;
    const prov = PROVINCE_ZH[p.province]!;
    const s = (stats[p.province] ??= {
      hospitals: 0,
      exact: 0,
      normalised: 0,
      list: list.filter((t) => t.province === prov).length,
    });
    s.hospitals++;
    const inProv = list.filter((t) => t.province === prov);
    const names = [p.name, ...p.altNames];
    const exact = inProv.find((t) => names.includes(t.name));
    const keys = names.map(normaliseName);
    const norm = exact ? undefined : inProv.find((t) => keys.includes(normaliseName(t.name)));
    const hit = exact ?? norm;
    if (!hit) return p;
    matched.add(hit.line);
    if (exact) s.exact++;
    else s.normalised++;
    // Beijing keeps its own (2023) grade; the match is only counted.
    if (p.source === 'nwjf-hospital-2023') return p;
    return { ...p, grade: hit.grade, gradeSrc: 'tertiary-list-c2015' };
  });
  const unmatched = list
    .filter((t) => !matched.has(t.line))
    .map((t) => ({ province: t.province, name: t.name, grade: t.grade }));
  return { points: graded, stats, unmatched };
}

/** Points of the same type at identical coordinates: confidence lowered, listed in the report. */
function sharedCoordinates(points: Placed[]): Set<Placed> {
  const at = new Map<string, Placed[]>();
  for (const p of points) {
    const k = `${p.type}|${p.lonIn}|${p.latIn}`;
    at.set(k, [...(at.get(k) ?? []), p]);
  }
  return new Set([...at.values()].filter((g) => g.length > 1).flat());
}

const PREFIX: Readonly<Record<FacilityType, string>> = {
  hospital: 'hosp',
  university: 'univ',
  attraction: 'attr',
  library: 'lib',
};

function toFeature(p: Placed, shared: Set<Placed>): FacilityFeature {
  const base = CONFIDENCE[p.source];
  return {
    type: 'Feature',
    properties: {
      id: [PREFIX[p.type], src(p.source).tag, p.ref].filter((x) => x !== '').join('-'),
      type: p.type,
      name_zh: p.name,
      name_en: null,
      grade: p.grade,
      grade_src: p.gradeSrc,
      beds: p.beds,
      province: p.province,
      city: p.city,
      county: p.county,
      source: p.source,
      source_ref: p.ref,
      confidence: p.flag !== null || shared.has(p) ? 'low' : base,
      flag: p.flag,
    },
    geometry: { type: 'Point', coordinates: [round6(p.lon), round6(p.lat)] },
  };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Max and mean deviation of gcoord against the WGS84 columns, per source. */
function crsCheck(points: Placed[]) {
  return SOURCES.flatMap((s) => {
    const d = points.filter((p) => p.source === s.id && p.deviation !== null);
    if (d.length === 0) return [];
    const worst = d.reduce((a, b) => (b.deviation! > a.deviation! ? b : a));
    return [
      {
        source: s.id,
        checked: d.length,
        max_m: Math.round(worst.deviation! * 1000) / 1000,
        mean_m: Math.round((d.reduce((t, p) => t + p.deviation!, 0) / d.length) * 1000) / 1000,
        worst: `${worst.name} (line ${worst.line})`,
      },
    ];
  });
}

function main(): void {
  const all = [...hospitals(), ...universities(), ...attractions(), ...libraries()];
  const isDropped = (c: Candidate) => DROP[`${c.source}#${c.ref}`] !== undefined;
  const dropped = all.filter(isDropped);
  // Every row is converted and checked, dropped ones too; only the kept ones are written.
  const { placed: checked, outside } = place(all);
  const placed = checked.filter((p) => !isDropped(p));
  const { points, stats, unmatched } = joinGrades(placed);
  const shared = sharedCoordinates(points);
  const features = points.map((p) => toFeature(p, shared));
  const dir = join(out, FAC);
  for (const type of ['hospital', 'university', 'attraction', 'library'] as const) {
    const fs = features.filter((f) => f.properties.type === type);
    writeOutput(
      join(dir, `${type}.geojson`),
      serializeFacilities({ type: 'FeatureCollection', features: fs }, NOTE),
    );
    const flagged = fs.filter((f) => f.properties.flag !== null).length;
    console.log(`  ${type}: ${fs.length} points (${fs.length - flagged} used, ${flagged} flagged)`);
  }
  const report = {
    generated: NOTE,
    sources: SOURCES,
    max_deviation_m: MAX_DEVIATION_M,
    crs_check: crsCheck(checked),
    grade_join: {
      rule: 'exact name, else normalised name (NFKC, no spaces/brackets/punctuation), within the province; Beijing keeps its 2023 grade (matches only counted)',
      by_province: stats,
      list_rows_without_point: unmatched,
      compiler_aliases_not_used: aliasRows(),
    },
    dropped: [
      ...dropped.map((c) => ({
        source: c.source,
        ref: c.ref,
        name: c.name,
        reason: DROP[`${c.source}#${c.ref}`]!,
      })),
      ...outside
        .filter((c) => !isDropped(c))
        .map((c) => ({
          source: c.source,
          ref: c.ref,
          name: c.name,
          reason: `outside every county polygon by more than ${BOUNDARY_SNAP_KM} km`,
        })),
    ],
    superseded_by_bd09_list: supersededAttractions(),
    snapped_to_nearest_county: placed
      .filter((p) => p.snapped_m > 0)
      .map((p) => ({ source: p.source, ref: p.ref, name: p.name, county: p.county, metres: p.snapped_m })),
    shared_coordinates: [...shared].map((p) => ({ source: p.source, ref: p.ref, name: p.name })),
    province_differs_from_source: provinceMismatches(placed),
  };
  writeOutput(join(dir, 'build-report.json'), `${JSON.stringify(report, null, 1)}\n`);
  const maxDev = Math.max(...report.crs_check.map((c) => c.max_m));
  console.log(
    `  CRS check: max ${maxDev} m over ${report.crs_check.reduce((t, c) => t + c.checked, 0)} points; dropped ${report.dropped.length}; grades joined ${JSON.stringify(stats)}`,
  );
}

/** Rows the compilers joined to a grade by a hand alias (grade_match = alias): reported, not used. */
function aliasRows(): { source: string; name: string; grade: string; note: string }[] {
  return (['medicalrescue-tj-2019', 'hebei-dashboard'] as const).flatMap((id) =>
    readCsv(src(id).file)
      .filter((r) => r.cells.grade_match === 'alias')
      .map((r) => ({
        source: id,
        name: r.cells.name!,
        grade: r.cells.grade_c2015!,
        note: r.cells.grade_match_note ?? '',
      })),
  );
}

/** Points whose polygon province differs from the province the source gives (reported only). */
function provinceMismatches(
  points: Placed[],
): { source: string; ref: string; name: string; polygon: string }[] {
  return points
    .filter((p) => p.provinceSrc !== null && PROVINCE_ZH[p.province] !== p.provinceSrc)
    .map((p) => ({ source: p.source, ref: p.ref, name: p.name, polygon: p.province }));
}

runStep(import.meta.filename, main);
