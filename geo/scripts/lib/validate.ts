// Checks of the boundaries outputs, as pure functions over plain data so tests can feed fixtures.
// Each returns a list of problems naming the offending unit code; an empty list means "passed".
import { area, booleanPointInPolygon, featureCollection, intersect, kinks } from '@turf/turf';
import type { Feature, Position } from 'geojson';
import type { Level, UnitInfo } from '../../../src/core/types.ts';
import { LEVELS, XIONGAN_CODE } from '../../../src/core/types.ts';
import type { Areal } from './geom.ts';
import { interiorPoint, polygonsOf, ringSignedArea2 } from './geom.ts';
import type { BoundaryLayers, UnitProps } from './output.ts';
import type { AdcodeRow } from './sources.ts';

export interface Problem {
  code: string;
  check: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.code}: [${p.check}] ${p.message}`;
}

/** A unit that must exist at a level, with where that requirement comes from. */
export interface ExpectedUnit {
  code: string;
  level: Level;
  from: string;
}

/** Units the code table requires: municipalities at province + city level, prefectures, counties, Xiong'an. */
export function expectedFromAdcodes(rows: AdcodeRow[], file = 'jjj_adcodes_gbt2260.csv'): ExpectedUnit[] {
  const out: ExpectedUnit[] = [];
  for (const r of rows) {
    const from = `${file}:${r.line}`;
    if (r.level === 'municipality') {
      out.push({ code: r.adcode, level: 'province', from }, { code: r.adcode, level: 'city', from });
    } else if (r.level === 'province') out.push({ code: r.adcode, level: 'province', from });
    else if (r.level === 'prefecture') out.push({ code: r.adcode, level: 'city', from });
    else out.push({ code: r.adcode, level: 'county', from });
  }
  if (rows.some((r) => r.inXiongan))
    out.push({ code: XIONGAN_CODE, level: 'city', from: `${file} in_xiongan` });
  return out;
}

/** Every expected unit is in units.json with that level and has a feature in that level's layer. */
export function checkPresence(
  expected: ExpectedUnit[],
  units: UnitInfo[],
  layers: BoundaryLayers,
): Problem[] {
  const problems: Problem[] = [];
  const byCode = new Map(units.map((u) => [u.code, u]));
  const inLayer = Object.fromEntries(
    LEVELS.map((l) => [l, new Set(layers[l].features.map((f) => f.properties.code))]),
  ) as Record<Level, Set<string>>;
  for (const e of expected) {
    const u = byCode.get(e.code);
    if (!u)
      problems.push({ code: e.code, check: 'presence', message: `missing from units.json (${e.from})` });
    else if (!u.levels.includes(e.level))
      problems.push({
        code: e.code,
        check: 'presence',
        message: `units.json levels lack "${e.level}" (${e.from})`,
      });
    if (!inLayer[e.level].has(e.code))
      problems.push({
        code: e.code,
        check: 'presence',
        message: `no feature in the ${e.level} layer (${e.from})`,
      });
  }
  // And the reverse: nothing drawn or listed that the code table does not know.
  const known = new Set(expected.map((e) => `${e.level}:${e.code}`));
  for (const l of LEVELS)
    for (const code of inLayer[l])
      if (!known.has(`${l}:${code}`))
        problems.push({
          code,
          check: 'presence',
          message: `in the ${l} layer but not expected at that level`,
        });
  for (const u of units)
    for (const l of u.levels)
      if (!known.has(`${l}:${u.code}`))
        problems.push({
          code: u.code,
          check: 'presence',
          message: `units.json lists it at level ${l}, unexpected`,
        });
  return problems;
}

/** units.json is sorted, unique, and its parent / province links point at units of the right level. */
export function checkUnitsTable(units: UnitInfo[]): Problem[] {
  const problems: Problem[] = [];
  const byCode = new Map<string, UnitInfo>();
  units.forEach((u, i) => {
    const prev = units[i - 1];
    if (byCode.has(u.code)) problems.push({ code: u.code, check: 'units', message: 'listed twice' });
    if (prev && !(prev.code < u.code))
      problems.push({ code: u.code, check: 'units', message: 'not sorted by code' });
    byCode.set(u.code, u);
  });
  for (const u of units) {
    const bad = (message: string) => problems.push({ code: u.code, check: 'units', message });
    if (!u.name_zh || !u.name_en) bad('empty name');
    if (!(u.area_km2 > 0)) bad(`area_km2 ${u.area_km2} is not positive`);
    if (u.levels.length === 0 || u.levels.some((l) => !LEVELS.includes(l)))
      bad(`bad levels ${u.levels.join(',')}`);
    const prov = byCode.get(u.province);
    if (!prov?.levels.includes('province')) bad(`province ${u.province} is not a province-level unit`);
    const top = u.levels.includes('province');
    if (top && u.parent !== null) bad(`a province-level unit must have parent null, not ${u.parent}`);
    if (!top) {
      const want: Level = u.levels.includes('county') ? 'city' : 'province';
      const parent = u.parent === null ? undefined : byCode.get(u.parent);
      if (!parent?.levels.includes(want)) bad(`parent ${u.parent} is not a ${want}-level unit`);
      else if (parent.province !== u.province) bad(`parent ${parent.code} is in province ${parent.province}`);
    }
  }
  return problems;
}

function ringProblems(ring: Position[], where: string): string[] {
  const out: string[] = [];
  if (ring.length < 4) out.push(`${where} has ${ring.length} positions (< 4)`);
  if (ring.some((p) => p.length !== 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])))
    out.push(`${where} has a position that is not two finite numbers`);
  const a = ring[0];
  const b = ring[ring.length - 1];
  if (!a || !b || a[0] !== b[0] || a[1] !== b[1]) out.push(`${where} is not closed`);
  return out;
}

/** Valid RFC 7946 polygons: closed rings of ≥ 4 positions, CCW exteriors, CW holes, no self-intersection. */
export function checkGeometry(f: Feature<Areal, UnitProps>, level: Level): Problem[] {
  const code = String(f.properties.code);
  const problems: Problem[] = [];
  const add = (message: string) => problems.push({ code, check: `geometry:${level}`, message });
  if (typeof f.properties.code !== 'string') add('property "code" is not a string');
  const keys = Object.keys(f.properties).join(',');
  if (keys !== 'code,name_zh,name_en') add(`properties are {${keys}}, expected {code,name_zh,name_en}`);
  // Typed as Polygon | MultiPolygon, but the file may hold anything: check at run time.
  const g = f.geometry as Areal | { type: string } | null;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !('coordinates' in g)) {
    add(`geometry is ${g ? g.type : 'missing'}`);
    return problems;
  }
  let broken = false;
  polygonsOf(g).forEach((rings, pi) => {
    if (rings.length === 0) add(`polygon ${pi} has no rings`);
    rings.forEach((ring, ri) => {
      const where = `polygon ${pi} ring ${ri}`;
      const errs = ringProblems(ring, where);
      errs.forEach(add);
      if (errs.length > 0) {
        broken = true;
        return;
      }
      const s = ringSignedArea2(ring);
      if (s === 0) add(`${where} has zero area`);
      else if (ri === 0 && s < 0) add(`${where} (exterior) is clockwise; RFC 7946 wants counter-clockwise`);
      else if (ri > 0 && s > 0) add(`${where} (hole) is counter-clockwise; RFC 7946 wants clockwise`);
    });
  });
  if (!broken) {
    const k = kinks(g).features;
    const first = k[0]?.geometry.coordinates;
    if (first) add(`${k.length} self-intersection(s), first at ${first[0]}, ${first[1]}`);
  }
  return problems;
}

/**
 * Shared topology: every vertex of the coarser layer is also a vertex of the finer one, so the
 * outlines coincide when drawn on top of each other.
 */
export function checkSharedOutlines(
  finer: Feature<Areal, UnitProps>[],
  coarser: Feature<Areal, UnitProps>[],
  what: string,
): Problem[] {
  const key = (p: Position) => `${p[0]},${p[1]}`;
  const vertices = new Set<string>();
  for (const f of finer)
    for (const rings of polygonsOf(f.geometry)) for (const r of rings) r.forEach((p) => vertices.add(key(p)));
  const problems: Problem[] = [];
  for (const f of coarser) {
    let missing = 0;
    let total = 0;
    for (const rings of polygonsOf(f.geometry))
      for (const r of rings)
        for (const p of r) {
          total++;
          if (!vertices.has(key(p))) missing++;
        }
    if (missing > 0)
      problems.push({
        code: f.properties.code,
        check: 'topology',
        message: `${missing} of ${total} vertices are not vertices of the ${what} layer`,
      });
  }
  return problems;
}

const PARENT_LEVEL: Record<Level, Level | null> = { county: 'city', city: 'province', province: null };

/** The finest level a unit is drawn at (county < city < province). */
function ownLevel(u: UnitInfo): Level {
  return u.levels.includes('county') ? 'county' : u.levels.includes('city') ? 'city' : 'province';
}

/**
 * Nesting: each child's interior point lies in its parent's polygon (a municipality's city polygon in
 * its own province polygon), and children's areas sum to the parent's within `tolerance` — both for
 * the drawn polygons and for units.json area_km2.
 */
export function checkNesting(units: UnitInfo[], layers: BoundaryLayers, tolerance = 0.01): Problem[] {
  const problems: Problem[] = [];
  const feat = Object.fromEntries(
    LEVELS.map((l) => [l, new Map(layers[l].features.map((f) => [f.properties.code, f]))]),
  ) as Record<Level, Map<string, Feature<Areal, UnitProps>>>;
  const km2 = new Map<string, number>();
  const drawnArea = (level: Level, code: string): number | undefined => {
    const f = feat[level].get(code);
    if (!f) return undefined;
    const k = `${level}:${code}`;
    if (!km2.has(k)) km2.set(k, area(f) / 1e6);
    return km2.get(k);
  };
  const byCode = new Map(units.map((u) => [u.code, u]));
  // parent "level:code" → summed child areas (drawn, listed)
  const sums = new Map<string, { drawn: number; listed: number; children: string[] }>();

  const nest = (child: UnitInfo, childLevel: Level, parentCode: string, parentLevel: Level) => {
    const c = feat[childLevel].get(child.code);
    const p = feat[parentLevel].get(parentCode);
    if (!c || !p) return; // missing features are reported by checkPresence
    let pt: [number, number];
    try {
      pt = interiorPoint(c.geometry);
    } catch (e) {
      problems.push({ code: child.code, check: 'nesting', message: (e as Error).message });
      return;
    }
    if (!booleanPointInPolygon(pt, p.geometry, { ignoreBoundary: true }))
      problems.push({
        code: child.code,
        check: 'nesting',
        message: `interior point ${pt[0].toFixed(5)}, ${pt[1].toFixed(5)} of this ${childLevel} is outside its parent ${parentLevel} ${parentCode}`,
      });
    const key = `${parentLevel}:${parentCode}`;
    const s = sums.get(key) ?? { drawn: 0, listed: 0, children: [] };
    s.drawn += drawnArea(childLevel, child.code) ?? 0;
    s.listed += child.area_km2;
    s.children.push(child.code);
    sums.set(key, s);
  };

  for (const u of units) {
    const level = ownLevel(u);
    const parentLevel = PARENT_LEVEL[level];
    if (u.levels.includes('province') && u.levels.includes('city')) nest(u, 'city', u.code, 'province');
    else if (parentLevel && u.parent !== null) nest(u, level, u.parent, parentLevel);
  }
  for (const [key, s] of sums) {
    const [level, code] = key.split(':') as [Level, string];
    const drawn = drawnArea(level, code);
    const listed = byCode.get(code)?.area_km2;
    const off = (sum: number, whole: number | undefined) =>
      whole === undefined || Math.abs(sum / whole - 1) > tolerance;
    if (off(s.drawn, drawn))
      problems.push({
        code,
        check: 'areas',
        message: `drawn ${level} area ${drawn?.toFixed(1)} km² vs its ${s.children.length} children ${s.drawn.toFixed(1)} km²`,
      });
    if (off(s.listed, listed))
      problems.push({
        code,
        check: 'areas',
        message: `units.json area ${listed} km² vs its ${s.children.length} children ${s.listed.toFixed(1)} km²`,
      });
  }
  return problems;
}

/** Two units of one layer overlap by at most `maxKm2` (slivers from rounding are tolerated). */
export function checkNoOverlap(
  features: Feature<Areal, UnitProps>[],
  a: string,
  b: string,
  maxKm2 = 0.01,
): Problem[] {
  const fa = features.find((f) => f.properties.code === a);
  const fb = features.find((f) => f.properties.code === b);
  if (!fa || !fb) return []; // reported by checkPresence
  const overlap = intersect(featureCollection<Areal>([fa, fb]));
  const km2 = overlap ? area(overlap) / 1e6 : 0;
  return km2 > maxKm2
    ? [{ code: a, check: 'overlap', message: `overlaps ${b} by ${km2.toFixed(3)} km²` }]
    : [];
}

/** Drawn area vs the unsimplified area in units.json, to catch a simplification that squashes a unit. */
export function checkSimplifiedAreas(
  units: UnitInfo[],
  layers: BoundaryLayers,
  tolerance: number,
): Problem[] {
  const listed = new Map(units.map((u) => [u.code, u.area_km2]));
  const problems: Problem[] = [];
  for (const l of LEVELS)
    for (const f of layers[l].features) {
      const want = listed.get(f.properties.code);
      const got = area(f) / 1e6;
      if (want !== undefined && Math.abs(got / want - 1) > tolerance)
        problems.push({
          code: f.properties.code,
          check: 'simplification',
          message: `${l} polygon is ${got.toFixed(1)} km², unsimplified ${want} km² (> ${tolerance * 100} % off)`,
        });
    }
  return problems;
}

export interface ValidationInput {
  expected: ExpectedUnit[];
  units: UnitInfo[];
  layers: BoundaryLayers;
  /** The city the Xiong'an counties belong to in GB/T 2260 (Baoding); Xiong'an must not overlap it. */
  xionganHost?: string;
}

/** All checks in one go (what step 30 runs). */
export function validateBoundaries({ expected, units, layers, xionganHost }: ValidationInput): Problem[] {
  return [
    ...checkUnitsTable(units),
    ...checkPresence(expected, units, layers),
    ...LEVELS.flatMap((l) => layers[l].features.flatMap((f) => checkGeometry(f, l))),
    ...checkSharedOutlines(layers.county.features, layers.city.features, 'county'),
    ...checkSharedOutlines(layers.city.features, layers.province.features, 'city'),
    ...checkNesting(units, layers, 0.01),
    ...checkSimplifiedAreas(units, layers, 0.1),
    ...(xionganHost ? checkNoOverlap(layers.city.features, XIONGAN_CODE, xionganHost) : []),
  ];
}
