// Rail step 3/4: in-region HSR km by year, computed from the section geometry clipped to the region
// (src/core/rail/km.ts) and compared with the official figures. Writes geo/build/rail/km-by-year.json.
// Region = the three provinces of boundaries-province.geojson (this build), else the upstream
// Tianditu provinces with jjj=true.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import type { Areal } from '../../src/core/rail/geo.ts';
import { kmByYear, kmOnDates, sectionKm } from '../../src/core/rail/km.ts';
import type { RailNetworkData, SectionCollection } from '../../src/core/rail/types.ts';
import { round } from '../../src/core/rail/util.ts';
import { sizeReport } from './70-rail-network.ts';
import { fail, GENERATED_NOTE, outDir, REPO_ROOT, sharedPath, writeOutput } from './lib/build-io.ts';

const out = outDir('geo/build');
const rail = join(out, 'rail');

function readJson<T>(path: string): T {
  if (!existsSync(path)) fail(path, 0, 'missing: run the earlier steps first (same --out)');
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The region polygons and where they came from. */
export function regionPolygons(outRoot: string): { source: string; polygons: Areal[] } {
  for (const dir of [outRoot, join(REPO_ROOT, 'geo/build')]) {
    const p = join(dir, 'boundaries-province.geojson');
    if (!existsSync(p)) continue;
    const fc = readJson<FeatureCollection<Polygon | MultiPolygon>>(p);
    if (fc.features.length !== 3) fail(p, 0, `expected 3 provinces, got ${fc.features.length}`);
    return { source: 'geo/build/boundaries-province.geojson', polygons: fc.features.map((f) => f.geometry) };
  }
  const p = sharedPath('boundaries', 'jjj_context_province_tianditu_wgs84.geojson');
  const fc = readJson<FeatureCollection<Polygon | MultiPolygon>>(p);
  const jjj = fc.features.filter((f) => f.properties?.jjj === true);
  return {
    source: 'shared/data/boundaries/jjj_context_province_tianditu_wgs84.geojson (jjj=true)',
    polygons: jjj.map((f) => f.geometry),
  };
}

const network = readJson<RailNetworkData>(join(rail, 'network.json'));
const features = readJson<SectionCollection>(join(rail, 'sections.geojson'));
const official = readJson<{
  figures: {
    date: string;
    km: number;
    source: string;
    confidence: string;
    verified: boolean;
    scope: string;
  }[];
}>(join(rail, 'official-km.json')).figures;
const region = regionPolygons(out);
const geometry = new Map<string, LineString>(
  features.features.map((f) => [f.properties.section_id, f.geometry]),
);
const perSection = sectionKm(network.sections, geometry, region.polygons);

// 秦沈客专: counted or not? Decided by the one official figure that separates the two readings, the
// 2008 total (京津城际 alone vs 京津 + 秦沈), as SOURCES.md §2 suggests.
const qinshen = network.lines.find((l) => l.name_zh.includes('秦沈'));
if (!qinshen) fail(join(rail, 'network.json'), 0, 'no 秦沈 line found');
const ref = official.find((f) => f.date.startsWith('2008'));
if (!ref) fail(join(rail, 'official-km.json'), 0, 'no 2008 official figure to decide on 秦沈');
const [without] = kmOnDates(perSection, [ref.date], [qinshen.id]);
const [withQ] = kmOnDates(perSection, [ref.date]);
const excludeQinshen = Math.abs(without!.km - ref.km) <= Math.abs(withQ!.km - ref.km);
const exclude = excludeQinshen ? [qinshen.id] : [];

const firstYear = Math.min(...network.sections.map((s) => Number(s.opened.slice(0, 4))));
const lastYear = Math.max(...network.sections.map((s) => Number(s.opened.slice(0, 4))));
const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
const counted = kmByYear(perSection, years, exclude);
const all = kmByYear(perSection, years);
const comparison = official.map((f) => {
  const [c] = kmOnDates(perSection, [f.date], exclude);
  return { ...f, computed_km: c!.km, diff_pct: round((100 * (c!.km - f.km)) / f.km, 2) };
});

const doc = {
  note: GENERATED_NOTE('npm run build:geo'),
  region: region.source,
  method:
    'Each section line is split at the region boundary (@turf/line-split); pieces with their midpoint inside are summed (@turf/length). Share of the line inside × official length (both ends in region), × km post (京沪), or the clipped geometry itself (other cross-border sections); sections without geometry count their official length when both ends are in the region.',
  qinshen: {
    line: qinshen.id,
    excluded: excludeQinshen,
    reason: `official ${ref.date.slice(0, 4)} figure ${ref.km} km (${ref.source}): computed ${without!.km} km without 秦沈, ${withQ!.km} km with it`,
  },
  sections: perSection,
  years: counted.map((c, i) => ({ year: years[i], km: c.km, km_incl_qinshen: all[i]!.km })),
  official: comparison,
};
const text = `${JSON.stringify(doc)}\n`;
writeOutput(join(rail, 'km-by-year.json'), text);
console.log(`  ${sizeReport(join(rail, 'km-by-year.json'), text)}`);
console.log(
  `  region: ${region.source}; 秦沈 ${excludeQinshen ? 'excluded' : 'included'} (${doc.qinshen.reason})`,
);
for (const c of comparison)
  console.log(`    ${c.date}: official ${c.km} (${c.source}), computed ${c.computed_km} (${c.diff_pct} %)`);
