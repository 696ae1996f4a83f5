// Simplified province / city / county layers from the unsimplified Tianditu counties, in ONE
// mapshaper run: cities and provinces are dissolved from the counties (so Xiong'an = its three
// counties and Baoding = the rest), then the shared arcs are simplified once, so every outline that
// two layers have in common keeps exactly the same vertices in both.
import mapshaper from 'mapshaper';
import type { Feature, FeatureCollection } from 'geojson';
import type { Level, UnitInfo } from '../../../src/core/types.ts';
import { tidyGeometry } from './geom.ts';
import type { Areal } from './geom.ts';
import type { BoundaryCollection, BoundaryLayers, UnitProps } from './output.ts';
import { GENERATED } from './output.ts';
import type { ArealFeature } from './sources.ts';

export interface SimplifyOptions {
  /**
   * Douglas-Peucker bounds how far any source vertex ends up from the simplified outline (at most
   * the tolerance), which matters more here than smoothness: points (stations, hospitals) are joined
   * to these polygons. mapshaper's default weighted Visvalingam gave smoother shapes at the same
   * size but moved some outlines by several km.
   */
  method: 'dp' | 'visvalingam';
  /**
   * Largest tolerance in metres (mapshaper works on the sphere for lon/lat input). 1,200 m keeps
   * about a third of the source vertices, which is what fits the ≈250 KB budget. The source is
   * already generalised to ≈1.5 km vertex spacing, so zoom 10 (≈120 m/px) shows corners either way.
   */
  maxToleranceM: number;
  /**
   * Per county, tolerance = min(maxToleranceM, √area / sizeRatio), so the small inner-city
   * districts (20–100 km²) are not squashed: with one tolerance for all, 红桥区 lost 16 % of its
   * area; with ratio 15 no county changes by more than ≈5 %, for ≈3 % more vertices. A border
   * shared by two counties takes the smaller tolerance (mapshaper `variable`).
   */
  sizeRatio: number;
  /** Coordinate decimals in the output (5 ≈ 1 m). */
  decimals: number;
}

export const DEFAULT_SIMPLIFY: SimplifyOptions = {
  method: 'dp',
  maxToleranceM: 1200,
  sizeRatio: 15,
  decimals: 5,
};

const LAYERS: readonly Level[] = ['county', 'city', 'province'];

function text(v: string | Uint8Array | undefined, name: string): string {
  if (v === undefined) throw new Error(`mapshaper produced no ${name}`);
  return typeof v === 'string' ? v : Buffer.from(v).toString('utf8');
}

/** Unit code of the city-level unit a county is drawn in (Xiong'an for its counties). */
function cityOf(county: UnitInfo): string {
  if (!county.parent) throw new Error(`county ${county.code} has no parent`);
  return county.parent;
}

export async function buildBoundaryLayers(
  counties: Map<string, ArealFeature>,
  units: UnitInfo[],
  opts: SimplifyOptions = DEFAULT_SIMPLIFY,
): Promise<BoundaryLayers> {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const countyUnits = units.filter((u) => u.levels.includes('county'));
  const input: FeatureCollection = {
    type: 'FeatureCollection',
    features: countyUnits.map((u) => {
      const f = counties.get(u.code);
      if (!f) throw new Error(`county ${u.code} has no polygon`);
      return {
        type: 'Feature',
        properties: { code: u.code, city: cityOf(u), province: u.province },
        geometry: f.geometry,
      };
    }),
  };
  const cmd = [
    '-i counties.json name=county',
    '-dissolve city target=county + name=city',
    '-dissolve province target=county + name=province',
    // Thresholds are set per county arc and baked into the arcs the dissolved layers share too.
    // this.area is in m² for lon/lat data. keep-shapes: never drop an island or a small district.
    `-simplify ${opts.method} variable interval='Math.min(${opts.maxToleranceM}, Math.sqrt(this.area) / ${opts.sizeRatio})' keep-shapes target=county`,
    '-o format=geojson target=county,city,province',
  ].join(' ');
  const out = await mapshaper.applyCommands(cmd, { 'counties.json': JSON.stringify(input) });

  const keyOf: Record<Level, string> = { county: 'code', city: 'city', province: 'province' };
  const layers = {} as BoundaryLayers;
  for (const level of LAYERS) {
    const fc = JSON.parse(text(out[`${level}.json`], `${level}.json`)) as FeatureCollection;
    const features: Feature<Areal, UnitProps>[] = fc.features.map((f) => {
      const code = String(f.properties?.[keyOf[level]] ?? '');
      const unit = byCode.get(code);
      if (!unit) throw new Error(`${level} layer: dissolved unit "${code}" is not in units.json`);
      if (!unit.levels.includes(level))
        throw new Error(`${level} layer: ${code} is not a ${level}-level unit`);
      const g = f.geometry;
      if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon'))
        throw new Error(`${level} ${code}: mapshaper returned ${g ? g.type : 'no geometry'}`);
      return {
        type: 'Feature',
        properties: { code, name_zh: unit.name_zh, name_en: unit.name_en },
        geometry: tidyGeometry(g, opts.decimals),
      };
    });
    features.sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1));
    const collection: BoundaryCollection = { type: 'FeatureCollection', generated: GENERATED, features };
    layers[level] = collection;
  }
  return layers;
}
