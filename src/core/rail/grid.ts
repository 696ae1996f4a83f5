/**
 * The access grid: a regular lon/lat grid over the region's bbox with cells of about `cellKm` (the
 * longitude step is widened by 1/cos(mid-latitude) so cells are near-square on the ground). A cell
 * belongs to the county containing its centre (scanline rasterisation, even-odd rule); cells in no
 * county are outside the region. Population: each county's 2020 census population spread evenly over
 * its cells (the census gives no finer split); development zones without a polygon are not placed.
 */
import type { Feature } from 'geojson';
import { bboxOf, polygonsOf, type Areal } from './geo.ts';
import { KM_PER_DEG, round } from './util.ts';

export interface GridSpec {
  lonMin: number;
  latMax: number;
  dlon: number;
  dlat: number;
  nx: number;
  ny: number;
}

export interface GridCounty {
  code: string;
  name_zh: string;
  name_en: string;
  /** City-level unit code (prefecture, municipality or XIONGAN). */
  city: string;
  population: number;
  cells: number;
}

export interface GridCity {
  code: string;
  name_zh: string;
  name_en: string;
}

/** geo/build/rail/access-grid.json */
export interface AccessGridFile {
  note: string;
  method: string;
  cell_km: number;
  spec: GridSpec;
  counties: GridCounty[];
  cities: GridCity[];
  population: { source: string; placed: number; not_placed: number; not_placed_note: string };
  /** Row-major run-length code of (county index + 1, 0 = outside): [value, count, value, count, …]. */
  rle: number[];
}

/** The grid ready for computation. */
export interface AccessGrid {
  spec: GridSpec;
  counties: GridCounty[];
  cities: GridCity[];
  /** County index + 1 per cell, 0 outside the region. */
  unit: Uint16Array;
  /** Population per cell (0 outside). */
  pop: Float64Array;
  /** Indices of the cells inside the region. */
  inside: Int32Array;
  /** Km per degree of longitude at each row's centre latitude. */
  kxRow: Float64Array;
  /** City index of each county. */
  countyCity: Int32Array;
}

/**
 * A grid over a bbox with near-square cells of about `cellKm`.
 * @example gridSpec([113.5, 36, 119.9, 42.6], 2.5).nx // → 221
 */
export function gridSpec(bbox: readonly [number, number, number, number], cellKm: number): GridSpec {
  const midLat = ((bbox[1] + bbox[3]) / 2) * (Math.PI / 180);
  const dlat = round(cellKm / KM_PER_DEG, 6);
  const dlon = round(cellKm / (KM_PER_DEG * Math.cos(midLat)), 6);
  return {
    lonMin: bbox[0],
    latMax: bbox[3],
    dlon,
    dlat,
    nx: Math.ceil((bbox[2] - bbox[0]) / dlon),
    ny: Math.ceil((bbox[3] - bbox[1]) / dlat),
  };
}

/**
 * Lon/lat of a cell centre (column i, row j; row 0 is the northern edge).
 * @example cellCenter({ lonMin: 116, latMax: 40, dlon: 0.1, dlat: 0.1, nx: 10, ny: 10 }, 0, 0) // → [116.05, 39.95]
 */
export function cellCenter(s: GridSpec, i: number, j: number): [number, number] {
  return [s.lonMin + (i + 0.5) * s.dlon, s.latMax - (j + 0.5) * s.dlat];
}

/**
 * Mark the cells whose centre is inside the polygon with `value` (cells already marked keep theirs);
 * returns how many were marked. Scanline: per row, the crossings of the row's centre latitude with
 * every ring edge, paired in order (even-odd, so holes work).
 * @example const unit = new Uint16Array(spec.nx * spec.ny); rasterize(spec, county.geometry, 1, unit) // → cells marked
 */
export function rasterize(s: GridSpec, g: Areal, value: number, out: Uint16Array): number {
  let marked = 0;
  const rings = polygonsOf(g).flat();
  const xs: number[] = [];
  const [, minLat, , maxLat] = bboxOf([g]);
  const j0 = Math.max(0, Math.floor((s.latMax - maxLat) / s.dlat - 0.5));
  const j1 = Math.min(s.ny - 1, Math.ceil((s.latMax - minLat) / s.dlat - 0.5));
  for (let j = j0; j <= j1; j++) {
    const y = s.latMax - (j + 0.5) * s.dlat;
    xs.length = 0;
    for (const ring of rings) {
      for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
        const ya = ring[a]![1]!;
        const yb = ring[b]![1]!;
        if (ya > y !== yb > y) xs.push(ring[a]![0]! + ((y - ya) * (ring[b]![0]! - ring[a]![0]!)) / (yb - ya));
      }
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const i0 = Math.max(0, Math.ceil((xs[k]! - s.lonMin) / s.dlon - 0.5));
      const i1 = Math.min(s.nx - 1, Math.floor((xs[k + 1]! - s.lonMin) / s.dlon - 0.5));
      for (let i = i0; i <= i1; i++) {
        const c = j * s.nx + i;
        if (out[c] === 0) {
          out[c] = value;
          marked++;
        }
      }
    }
  }
  return marked;
}

/** A point inside a polygon: the midpoint of the widest crossing span at its middle latitude. */
function interiorPoint(g: Areal): [number, number] {
  const [minLon, minLat, maxLon, maxLat] = bboxOf([g]);
  const y = (minLat + maxLat) / 2;
  const xs: number[] = [];
  for (const ring of polygonsOf(g).flat()) {
    for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      const ya = ring[a]![1]!;
      const yb = ring[b]![1]!;
      if (ya > y !== yb > y) xs.push(ring[a]![0]! + ((y - ya) * (ring[b]![0]! - ring[a]![0]!)) / (yb - ya));
    }
  }
  xs.sort((p, q) => p - q);
  let best: [number, number] = [(minLon + maxLon) / 2, y];
  let width = -1;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    if (xs[k + 1]! - xs[k]! > width) {
      width = xs[k + 1]! - xs[k]!;
      best = [(xs[k]! + xs[k + 1]!) / 2, y];
    }
  }
  return best;
}

/**
 * County index + 1 per cell. Counties are rasterised in the order given (first wins on a shared
 * border); a county too small to contain any cell centre takes the cell of an interior point, so its
 * population is not lost (e.g. 天津 和平区, 10 km²).
 * @example const unit = rasterizeCounties(spec, counties.map((c) => c.geometry));
 */
export function rasterizeCounties(s: GridSpec, geoms: readonly Areal[]): Uint16Array {
  if (geoms.length >= 65535) throw new Error('too many counties for a Uint16 grid');
  const unit = new Uint16Array(s.nx * s.ny);
  const counts = geoms.map((g, k) => rasterize(s, g, k + 1, unit));
  counts.forEach((n, k) => {
    if (n > 0) return;
    const [lon, lat] = interiorPoint(geoms[k]!);
    const i = Math.floor((lon - s.lonMin) / s.dlon);
    const j = Math.floor((s.latMax - lat) / s.dlat);
    if (i >= 0 && i < s.nx && j >= 0 && j < s.ny) unit[j * s.nx + i] = k + 1;
  });
  return unit;
}

/**
 * Run-length code of a cell array: [value, count, …].
 * @example encodeRle(Uint16Array.from([0, 0, 3, 3, 3])) // → [0, 2, 3, 3]
 */
export function encodeRle(a: Uint16Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length;) {
    let j = i;
    while (j < a.length && a[j] === a[i]) j++;
    out.push(a[i]!, j - i);
    i = j;
  }
  return out;
}

/**
 * Inverse of encodeRle.
 * @example decodeRle([0, 2, 3, 3], 5) // → Uint16Array [0, 0, 3, 3, 3]
 */
export function decodeRle(rle: readonly number[], n: number): Uint16Array {
  const out = new Uint16Array(n);
  let at = 0;
  for (let k = 0; k + 1 < rle.length; k += 2) {
    out.fill(rle[k]!, at, at + rle[k + 1]!);
    at += rle[k + 1]!;
  }
  if (at !== n) throw new Error(`grid code covers ${at} cells, expected ${n}`);
  return out;
}

/**
 * The computation-ready grid from its cell codes, counties and cities.
 * @example const grid = accessGrid(file.spec, decodeRle(file.rle, file.spec.nx * file.spec.ny), file.counties, file.cities);
 */
export function accessGrid(
  spec: GridSpec,
  unit: Uint16Array,
  counties: GridCounty[],
  cities: GridCity[],
): AccessGrid {
  const cells = new Int32Array(counties.length);
  for (const u of unit) if (u > 0) cells[u - 1]!++;
  const perCell = counties.map((c, k) => (cells[k]! > 0 ? c.population / cells[k]! : 0));
  const pop = new Float64Array(unit.length);
  const inside: number[] = [];
  unit.forEach((u, c) => {
    if (u === 0) return;
    pop[c] = perCell[u - 1]!;
    inside.push(c);
  });
  const kxRow = Float64Array.from(
    { length: spec.ny },
    (_, j) => KM_PER_DEG * Math.cos(((spec.latMax - (j + 0.5) * spec.dlat) * Math.PI) / 180),
  );
  const cityIndex = new Map(cities.map((c, k) => [c.code, k]));
  const countyCity = Int32Array.from(counties, (c) => {
    const k = cityIndex.get(c.city);
    if (k === undefined) throw new Error(`county ${c.code} has unknown city ${c.city}`);
    return k;
  });
  const counted = counties.map((c, k) => ({ ...c, cells: cells[k]! }));
  return { spec, counties: counted, cities, unit, pop, inside: Int32Array.from(inside), kxRow, countyCity };
}

/**
 * Decode geo/build/rail/access-grid.json.
 * @example const grid = loadAccessGrid(JSON.parse(text));
 */
export function loadAccessGrid(file: AccessGridFile): AccessGrid {
  return accessGrid(file.spec, decodeRle(file.rle, file.spec.nx * file.spec.ny), file.counties, file.cities);
}

/**
 * Build the grid at run time from county polygons (the build does this once and stores the codes;
 * kept for tests and for measuring which is faster: see tests/bench/rail.ts).
 * @example const grid = buildAccessGrid(countyFeatures, cities, 2.5);
 */
export function buildAccessGrid(
  counties: readonly Feature<Areal, Omit<GridCounty, 'cells'>>[],
  cities: GridCity[],
  cellKm: number,
): AccessGrid {
  const spec = gridSpec(bboxOf(counties.map((c) => c.geometry)), cellKm);
  const unit = rasterizeCounties(
    spec,
    counties.map((c) => c.geometry),
  );
  return accessGrid(
    spec,
    unit,
    counties.map((c) => ({ ...c.properties, cells: 0 })),
    cities,
  );
}

/**
 * Index of the cell containing a point, or -1 outside the grid.
 * @example cellAt({ lonMin: 116, latMax: 40, dlon: 0.1, dlat: 0.1, nx: 10, ny: 10 }, 116.15, 39.95) // → 1
 */
export function cellAt(s: GridSpec, lon: number, lat: number): number {
  const i = Math.floor((lon - s.lonMin) / s.dlon);
  const j = Math.floor((s.latMax - lat) / s.dlat);
  return i >= 0 && i < s.nx && j >= 0 && j < s.ny ? j * s.nx + i : -1;
}

/**
 * Whether a point is in the region (its cell belongs to a county).
 * @example inRegion(grid, 116.4, 39.9) // → true
 */
export function inRegion(grid: AccessGrid, lon: number, lat: number): boolean {
  const c = cellAt(grid.spec, lon, lat);
  return c >= 0 && grid.unit[c]! > 0;
}

/**
 * The rows of grid cells whose centre lies within `rKm` of (lon, lat), written to `out` as five numbers
 * per row — j, the column span i0, i1, the row's north–south offset dy (km) and its km per degree of
 * longitude — and the number of rows returned (`out` needs 5 × ny slots). The one place the disc's
 * bounds are worked out: forEachCellWithin and the fast catchment walk of access/cell-fca.ts use it.
 * @example const rows = discRows(grid, 116.4, 39.9, 10, buf); for (let k = 0; k < rows; k++) buf[5 * k] // row j
 */
export function discRows(grid: AccessGrid, lon: number, lat: number, rKm: number, out: Float64Array): number {
  const { lonMin, latMax, dlon, dlat, nx, ny } = grid.spec;
  const jc = (latMax - lat) / dlat - 0.5;
  const j0 = Math.max(0, Math.floor(jc - rKm / (KM_PER_DEG * dlat)));
  const j1 = Math.min(ny - 1, Math.ceil(jc + rKm / (KM_PER_DEG * dlat)));
  let n = 0;
  for (let j = j0; j <= j1; j++) {
    const dy = (latMax - (j + 0.5) * dlat - lat) * KM_PER_DEG;
    if (Math.abs(dy) > rKm) continue;
    const kx = grid.kxRow[j]!;
    const half = Math.sqrt(rKm * rKm - dy * dy) / kx;
    const i0 = Math.max(0, Math.ceil((lon - half - lonMin) / dlon - 0.5));
    const i1 = Math.min(nx - 1, Math.floor((lon + half - lonMin) / dlon - 0.5));
    if (i0 > i1) continue;
    out[n] = j;
    out[n + 1] = i0;
    out[n + 2] = i1;
    out[n + 3] = dy;
    out[n + 4] = kx;
    n += 5;
  }
  return n / 5;
}

/**
 * Visit every grid cell whose centre lies within `rKm` of (lon, lat), with that distance in km (local
 * planar distance: the row's km per degree of longitude). Only the rows and columns the disc covers are
 * visited, so a source costs the cells it can reach. Shared by isochrones and facility catchments.
 * @example forEachCellWithin(grid, 116.4, 39.9, 10, (cell, km) => field[cell] = km)
 */
export function forEachCellWithin(
  grid: AccessGrid,
  lon: number,
  lat: number,
  rKm: number,
  visit: (cell: number, km: number) => void,
): void {
  const { lonMin, dlon, nx } = grid.spec;
  const rowBuf = new Float64Array(5 * grid.spec.ny);
  const rows = discRows(grid, lon, lat, rKm, rowBuf);
  for (let k = 0; k < 5 * rows; k += 5) {
    const [j, i0, i1, dy, kx] = [rowBuf[k]!, rowBuf[k + 1]!, rowBuf[k + 2]!, rowBuf[k + 3]!, rowBuf[k + 4]!];
    for (let i = i0, c = j * nx + i0; i <= i1; i++, c++) {
      const dx = (lonMin + (i + 0.5) * dlon - lon) * kx;
      visit(c, Math.sqrt(dx * dx + dy * dy));
    }
  }
}
