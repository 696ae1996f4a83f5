/**
 * Facility points: from the built GeoJSON to analysis supply points, byte-stable serialisation (used by
 * the build), and the name normalisation used to join grades by name.
 */
import type {
  FacilityCollection,
  FacilityFeature,
  FacilityProps,
  FacilityType,
  SupplyPoint,
} from './types.ts';

/**
 * Points of a type usable in analysis: flagged points (drawn, but with a known problem) are left out.
 * Capacity = beds when known, else NaN (see fca.ts for what that does to scores).
 * @example supplyPoints(hospitals, 'hospital').length // → hospitals without a flag
 */
export function supplyPoints(fc: FacilityCollection, type: FacilityType): SupplyPoint[] {
  return fc.features
    .filter((f) => f.properties.type === type && f.properties.flag === null)
    .map((f) => ({
      id: f.properties.id,
      name: f.properties.name_zh,
      lon: f.geometry.coordinates[0]!,
      lat: f.geometry.coordinates[1]!,
      capacity: f.properties.beds ?? NaN,
    }));
}

/**
 * Name for an exact-after-normalisation join: NFKC (full-width → half-width), no spaces, brackets,
 * middle dots, dashes or commas. Deliberately no synonym or prefix removal: such matches need a person.
 * @example normaliseName('天津市 第一中心医院（东院）') // → '天津市第一中心医院东院'
 */
export function normaliseName(s: string): string {
  return s.normalize('NFKC').replace(/[\s()[\]【】·・\-－—_,，.。、]/g, '');
}

/** Feature with its properties in the fixed key order of FacilityProps. */
function ordered(f: FacilityFeature): FacilityFeature {
  const p = f.properties;
  const props: FacilityProps = {
    id: p.id,
    type: p.type,
    name_zh: p.name_zh,
    name_en: p.name_en,
    grade: p.grade,
    grade_src: p.grade_src,
    beds: p.beds,
    province: p.province,
    city: p.city,
    county: p.county,
    source: p.source,
    source_ref: p.source_ref,
    confidence: p.confidence,
    flag: p.flag,
  };
  return { type: 'Feature', properties: props, geometry: f.geometry };
}

/**
 * Byte-stable GeoJSON text: one feature per line, fixed key order, the generated note on top.
 * @example serializeFacilities({ type: 'FeatureCollection', features }, 'generated — do not edit')
 */
export function serializeFacilities(fc: FacilityCollection, generated: string): string {
  const lines = fc.features.map((f) => JSON.stringify(ordered(f)));
  return `{"type":"FeatureCollection","generated":${JSON.stringify(generated)},"features":[\n${lines.join(',\n')}\n]}\n`;
}
