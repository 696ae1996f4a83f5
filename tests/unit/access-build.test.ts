// The facility build (geo/scripts/80–81): the committed files in geo/build/facilities are consistent,
// carry the known flags, and rebuild byte for byte from ../shared/data.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CompletenessFile, FacilityCollection, FacilityType } from '../../src/core/access/types.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SHARED = resolve(process.env.JJJ_SHARED_DATA ?? resolve(ROOT, '../shared/data'));
const OUT = join(ROOT, 'geo/build/facilities');
const haveShared = existsSync(join(SHARED, 'facilities', 'round2'));
const haveBuild = existsSync(join(OUT, 'completeness.json'));
const TYPES: FacilityType[] = ['hospital', 'university', 'attraction', 'library'];

const read = <T>(f: string): T => JSON.parse(readFileSync(join(OUT, f), 'utf8')) as T;

describe.skipIf(!haveBuild)('geo/build/facilities (committed files)', () => {
  const fcs = haveBuild ? TYPES.map((t) => read<FacilityCollection>(`${t}.geojson`)) : [];
  const all = fcs.flatMap((fc) => fc.features);

  it('has unique ids, WGS84 points in the region, a county for every point and the generated note', () => {
    expect(new Set(all.map((f) => f.properties.id)).size).toBe(all.length);
    for (const fc of fcs) expect(fc.generated).toMatch(/generated — do not edit, run npm run build:geo/);
    for (const f of all) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      expect(lon).toBeGreaterThan(113);
      expect(lon).toBeLessThan(120.5);
      expect(lat).toBeGreaterThan(36);
      expect(lat).toBeLessThan(42.7);
      expect(f.properties.county).toMatch(/^1[123]\d{4}$/);
      expect(['110000', '120000', '130000']).toContain(f.properties.province);
    }
  });

  it('flags the known bad points instead of using them (SOURCES.md)', () => {
    const byName = (n: string) => all.filter((f) => f.properties.name_zh === n);
    expect(byName('河北省妇幼保健中心')[0]!.properties.flag).toMatch(/geocoding error/);
    expect(byName('容城县妇幼保健院')[0]!.properties.flag).toBeNull();
    const libs = fcs[3]!.features;
    expect(libs.length).toBeGreaterThan(0);
    expect(libs.every((f) => f.properties.flag !== null && f.properties.confidence === 'low')).toBe(true);
    const unis = fcs[1]!.features;
    expect(unis.filter((f) => f.properties.flag !== null).length).toBe(93); // name_flag rows of the source
    // The round-1 (approximate) 5A points are only used for areas the BD-09 list lacks, and flagged.
    const approx = fcs[2]!.features.filter((f) => f.properties.source === 'letmetryai-5a-2025');
    expect(approx.map((f) => f.properties.name_zh).sort()).toEqual([
      '北京市北京（通州）大运河文化旅游景区',
      '河北省唐山市南湖·开滦旅游景区',
    ]);
    expect(approx.every((f) => f.properties.flag !== null)).toBe(true);
    // 娲皇宫 comes from the BD-09 list (涉县), not the round-1 centroid near Handan city.
    expect(byName('邯郸市娲皇宫景区')[0]!.properties.county).toBe('130426');
  });

  it('keeps Tianjin beds and joins grades by name only', () => {
    const tj = fcs[0]!.features.filter((f) => f.properties.source === 'medicalrescue-tj-2019');
    expect(tj.filter((f) => f.properties.beds !== null).length).toBe(24);
    const graded = fcs[0]!.features.filter((f) => f.properties.grade_src === 'tertiary-list-c2015');
    expect(graded.length).toBeGreaterThan(0);
    const report = read<{ crs_check: { max_m: number }[]; max_deviation_m: number }>('build-report.json');
    for (const c of report.crs_check) expect(c.max_m).toBeLessThanOrEqual(report.max_deviation_m);
  });

  it('has a completeness row per type × province that matches the points', () => {
    const rows = read<CompletenessFile>('completeness.json').rows;
    expect(rows.length).toBe(12);
    for (const r of rows) {
      const fs = fcs[TYPES.indexOf(r.type)]!.features.filter((f) => f.properties.province === r.province);
      expect(r.points).toBe(fs.length);
      expect(r.used).toBe(fs.filter((f) => f.properties.flag === null).length);
      expect(r.note_en.length).toBeGreaterThan(10);
      expect(r.note_zh.length).toBeGreaterThan(5);
    }
    expect(rows.find((r) => r.type === 'library' && r.province === '130000')!.status).toBe('none');
  });
});

describe.skipIf(!haveShared)('CRS check of the build (skipped without ../shared/data)', () => {
  it('stops with file:line and the row when gcoord and a WGS84 column disagree by more than 10 m', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'facilities-bad-'));
    try {
      cpSync(join(SHARED, 'facilities'), join(tmp, 'facilities'), { recursive: true });
      const file = join(tmp, 'facilities', 'hospitals_beijing_major_nwjf2023.csv');
      const lines = readFileSync(file, 'utf8').split('\n');
      const cells = lines[2]!.split(','); // line 3: bj002 北京同仁医院
      cells[7] = (Number(cells[7]) + 0.001).toFixed(6); // lon_wgs84 moved ≈85 m east
      lines[2] = cells.join(',');
      writeFileSync(file, lines.join('\n'));
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'geo/scripts/80-facilities.ts'), '--out', join(tmp, 'out')],
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env, JJJ_SHARED_DATA: tmp } },
      );
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(
        /hospitals_beijing_major_nwjf2023\.csv:3: 北京同仁医院: gcoord gcj02→WGS84 .* 8\d\.\d m from lon_wgs84/,
      );
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!haveShared || !haveBuild)(
  'rebuild of geo/build/facilities (skipped without ../shared/data: the raw lists are not in the repo)',
  () => {
    it('reproduces every file byte for byte', { timeout: 120_000 }, () => {
      const tmp = mkdtempSync(join(tmpdir(), 'facilities-build-'));
      try {
        const steps = readdirSync(join(ROOT, 'geo/scripts'))
          .filter((f) => /^8\d-.*\.ts$/.test(f))
          .sort();
        expect(steps).toEqual(['80-facilities.ts', '81-facilities-completeness.ts']);
        for (const step of steps)
          execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'geo/scripts', step), '--out', tmp], {
            cwd: ROOT,
            stdio: 'pipe',
          });
        const files = readdirSync(OUT).sort();
        expect(readdirSync(join(tmp, 'facilities')).sort()).toEqual(files);
        for (const f of files) {
          const same = readFileSync(join(tmp, 'facilities', f)).equals(readFileSync(join(OUT, f)));
          expect(same, `${f} differs from the committed build`).toBe(true);
        }
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    });
  },
);
