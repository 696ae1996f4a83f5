// Builds the unit list (units.json) from the GB/T 2260 code table, the unsimplified Tianditu layers
// and the names printed in the cited indicator files. Pure apart from turf; throws on bad input.
import { area, difference, featureCollection, union } from '@turf/turf';
import type { Feature } from 'geojson';
import type { Level, UnitInfo } from '../../../src/core/types.ts';
import { XIONGAN_CODE } from '../../../src/core/types.ts';
import type { Areal } from './geom.ts';
import { countyNameEn } from './names.ts';
import type { AdcodeRow, ArealFeature, SourceName } from './sources.ts';

/**
 * Chinese label for Xiong'an. The indicator files write the full official name 河北雄安新区; maps and
 * the other unit labels here drop the province prefix, so the short form is used.
 */
export const XIONGAN_NAME_ZH = '雄安新区';

export interface RawLayers {
  county: Map<string, ArealFeature>;
  city: Map<string, ArealFeature>;
  province: Map<string, ArealFeature>;
}

export interface BuiltUnits {
  units: UnitInfo[];
  /** Codes of the counties that make up Xiong'an (in_xiongan = 1), sorted. */
  xionganCounties: string[];
  /** The city those counties belong to in GB/T 2260 (Baoding). */
  xionganHost: string;
  /** Unsimplified turf union of the Xiong'an counties. */
  xiongan: Feature<Areal>;
  /** Unsimplified host city minus Xiong'an. */
  hostRest: Feature<Areal>;
}

/** Geodesic area in km², rounded to 0.1 as stored in units.json. */
export function areaKm2(f: Feature<Areal> | Areal): number {
  return Math.round(area(f) / 1e5) / 10;
}

function geometryOf(layer: Map<string, ArealFeature>, code: string, what: string): ArealFeature {
  const f = layer.get(code);
  if (!f) throw new Error(`${what} ${code} has no polygon in the Tianditu ${what} layer`);
  return f;
}

function sourceName(names: Map<string, SourceName>, code: string, nameZh: string | null): string {
  const n = names.get(code);
  if (!n) throw new Error(`unit ${code} has no English name in the indicator files (unit_name_en)`);
  if (nameZh !== null && n.name_zh !== nameZh)
    throw new Error(`unit ${code} is ${nameZh} in the code table but ${n.name_zh} in ${n.file}:${n.line}`);
  return n.name_en;
}

export function buildUnits(rows: AdcodeRow[], layers: RawLayers, names: Map<string, SourceName>): BuiltUnits {
  const units: UnitInfo[] = [];
  const byCode = new Map(rows.map((r) => [r.adcode, r]));
  const inXiongan = rows.filter((r) => r.inXiongan);
  const xionganCounties = inXiongan.map((r) => r.adcode).sort();
  const hosts = [...new Set(inXiongan.map((r) => r.parent))];
  const host = hosts[0];
  if (xionganCounties.length === 0) throw new Error('no county has in_xiongan = 1');
  if (hosts.length !== 1 || !host)
    throw new Error(`Xiong'an counties ${xionganCounties.join(', ')} do not share one parent city`);
  const hostRow = byCode.get(host);
  if (!hostRow) throw new Error(`Xiong'an host city ${host} is not in the code table`);

  // Xiong'an = union of its counties; the host city loses exactly that area so the two never overlap.
  const xionganParts = xionganCounties.map((c) => geometryOf(layers.county, c, 'county'));
  const xiongan = union(featureCollection<Areal>(xionganParts));
  if (!xiongan) throw new Error("union of the Xiong'an counties is empty");
  const hostRest = difference(featureCollection<Areal>([geometryOf(layers.city, host, 'city'), xiongan]));
  if (!hostRest) throw new Error(`city ${host} minus Xiong'an is empty`);

  for (const r of rows) {
    if (r.level === 'municipality' || r.level === 'province') {
      const levels: Level[] = r.level === 'municipality' ? ['province', 'city'] : ['province'];
      if (r.level === 'municipality') geometryOf(layers.city, r.adcode, 'city');
      units.push({
        code: r.adcode,
        name_zh: r.name,
        name_en: sourceName(names, r.adcode, r.name),
        levels,
        parent: null,
        province: r.adcode,
        area_km2: areaKm2(geometryOf(layers.province, r.adcode, 'province')),
        name_en_source: 'source',
      });
    } else if (r.level === 'prefecture') {
      const geom = r.adcode === host ? hostRest : geometryOf(layers.city, r.adcode, 'city');
      units.push({
        code: r.adcode,
        name_zh: r.name,
        name_en: sourceName(names, r.adcode, r.name),
        levels: ['city'],
        parent: r.parent,
        province: r.province,
        area_km2: areaKm2(geom),
        name_en_source: 'source',
      });
    } else {
      const f = geometryOf(layers.county, r.adcode, 'county');
      const layerName = f.properties['name'];
      if (layerName !== r.name)
        throw new Error(
          `county ${r.adcode} is ${r.name} in the code table but ${String(layerName)} in Tianditu`,
        );
      units.push({
        code: r.adcode,
        name_zh: r.name,
        name_en: countyNameEn(r.adcode, r.name),
        levels: ['county'],
        parent: r.inXiongan ? XIONGAN_CODE : r.parent,
        province: r.province,
        area_km2: areaKm2(f),
        name_en_source: 'pinyin',
      });
    }
  }
  units.push({
    code: XIONGAN_CODE,
    name_zh: XIONGAN_NAME_ZH,
    name_en: sourceName(names, XIONGAN_CODE, null),
    levels: ['city'],
    parent: hostRow.parent,
    province: hostRow.province,
    area_km2: areaKm2(xiongan),
    name_en_source: 'source',
  });

  // Upstream layers must not hold units the code table lacks (a sign of a vintage mismatch).
  for (const [what, layer] of Object.entries(layers))
    for (const code of layer.keys())
      if (!byCode.has(code) && !(what === 'province' && layer.get(code)?.properties['jjj'] === false))
        throw new Error(`${what} ${code} is in the Tianditu layer but not in the code table`);

  units.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { units, xionganCounties, xionganHost: host, xiongan, hostRest };
}
