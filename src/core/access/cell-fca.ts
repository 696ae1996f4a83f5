/**
 * 2SFCA / E2SFCA on the grid cells by road, without building the (cell, facility) pair list.
 *
 * The pair list (travel.ts cellFacilityPairs + fca.ts twoStepFca) holds every cell within reach of
 * every facility: 100 k facilities × ≈460 cells in a 60-min road catchment is ≈46 M pairs, 0.6 GB and
 * ≈19 s. By road a facility's catchment is one disc, walked row by row in place:
 * - stepped weights (2SFCA, E2SFCA "step"): on a row, the cells within each zone form one span (the
 *   minutes grow with the distance from the facility's column), found exactly — the same float32
 *   minutes and `≤` tests as the pair list, checked at the span ends. Step 1 sums P over a span from
 *   per-row prefix sums; step 2 adds R_j·W to a span through a per-row difference array. Work per
 *   facility: its rows, not its cells (≈25 instead of ≈460).
 * - the Gaussian: every cell of the disc, as the pair list does, in the same order.
 * Same pairs, same weights; sums are regrouped on the span path, so scores agree with the pair list to
 * rounding (≤ 1e-9 relative, tested in tests/unit/access-cell-fca.test.ts), and cells no facility
 * reaches get exactly 0, cells reached by a facility of unknown capacity NaN, as before.
 * Rail trips (a disc per reachable station) still go through the pair list.
 */
import { discRows } from '../rail/grid.ts';
import { KM_PER_DEG } from '../rail/util.ts';
import type { FcaResult, WeightZone } from './fca.ts';
import type { LonLat, TravelSetup } from './travel.ts';

export interface CellFcaResult extends FcaResult {
  /** 1 where some facility is within the catchment (what coverage at the catchment needs), 0 elsewhere. */
  within: Uint8Array;
  /** Number of (cell, facility) pairs within the catchment (what the pair list's length would be). */
  pairs: number;
}

/**
 * Both steps of 2SFCA over the in-region grid cells with road travel times. `zones` (stepped weights,
 * fca.ts weightZones) takes the span path; without them every cell is weighed with `weight`.
 * @example
 * const r = roadCellFca(setup, hospitals, capacities, weightFunction(o), 60, weightZones(o));
 * r.access[cell] // accessibility of a cell; r.within[cell] // 1 if a hospital is within 60 min
 */
export function roadCellFca(
  setup: TravelSetup,
  facilities: readonly LonLat[],
  capacity: ArrayLike<number>,
  weight: (minutes: number) => number,
  catchment: number,
  zones: readonly WeightZone[] | null = null,
  onProgress?: (done: number, total: number) => void,
): CellFcaResult {
  const z = zones && zones.length > 0 && zones.at(-1)!.upTo === catchment ? zones : null;
  return z
    ? spanFca(setup, facilities, capacity, catchment, z, onProgress)
    : cellWalkFca(setup, facilities, capacity, weight, catchment, onProgress);
}

/** Straight-line km per minute of road travel, and the float32 minutes of a km distance. */
function roadSpeed(setup: TravelSetup): number {
  return setup.params.accessSpeedKmh / 60 / setup.params.detourFactor;
}

/** Every cell of every disc (any weight function). */
function cellWalkFca(
  setup: TravelSetup,
  facilities: readonly LonLat[],
  capacity: ArrayLike<number>,
  weight: (minutes: number) => number,
  catchment: number,
  onProgress?: (done: number, total: number) => void,
): CellFcaResult {
  const { grid } = setup;
  const { lonMin, dlon, nx, ny } = grid.spec;
  const unit = grid.unit;
  const pop = grid.pop;
  const kmPerMin = roadSpeed(setup);
  const rKm = catchment * kmPerMin;
  const n = facilities.length;
  const within = new Uint8Array(unit.length);
  const ratio = new Float64Array(n);
  const access = new Float64Array(unit.length);
  const rows = new Float64Array(5 * ny);
  const fround = Math.fround;
  let pairs = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < n; j++) {
      if (onProgress && (j & 1023) === 0) onProgress(pass * n + j, 2 * n);
      const r = ratio[j]!;
      if (pass === 1 && r === 0) continue; // adds nothing
      const f = facilities[j]!;
      const lon = f.lon;
      const m = 5 * discRows(grid, lon, f.lat, rKm, rows);
      let sum = 0;
      for (let k = 0; k < m; k += 5) {
        const row = rows[k]! | 0;
        const i0 = rows[k + 1]! | 0;
        const i1 = rows[k + 2]! | 0;
        const dy = rows[k + 3]!;
        const kx = rows[k + 4]!;
        for (let i = i0, c = row * nx + i0; i <= i1; i++, c++) {
          if (unit[c] === 0) continue;
          const dx = (lonMin + (i + 0.5) * dlon - lon) * kx;
          const t = fround(Math.sqrt(dx * dx + dy * dy) / kmPerMin);
          if (!(t <= catchment)) continue;
          const w = weight(t);
          if (pass === 0) {
            pairs++;
            within[c] = 1;
            if (w !== 0) sum += pop[c]! * w;
          } else if (w !== 0) access[c]! += r * w;
        }
      }
      if (pass === 0) ratio[j] = sum > 0 ? capacity[j]! / sum : 0;
    }
  }
  onProgress?.(2 * n, 2 * n);
  return { ratio, access, within, pairs };
}

/**
 * Whether the centre of column i of a row is within T minutes: float32 minutes ≤ T, as the pair list
 * tests it. Squared distances clearly inside or outside (by 1e-6, far above float32 rounding) skip the
 * square root; only the cells at the edge are timed exactly.
 */
function inZone(
  i: number,
  lonMin: number,
  lon: number,
  dlon: number,
  kx: number,
  dy2: number,
  kmPerMin: number,
  T: number,
  r2: number,
): boolean {
  const dx = (lonMin + (i + 0.5) * dlon - lon) * kx;
  const d2 = dx * dx + dy2;
  if (d2 < r2 * 0.999999) return true;
  if (d2 > r2 * 1.000001) return false;
  return Math.fround(Math.sqrt(d2) / kmPerMin) <= T;
}

/** Stepped weights: spans per row, prefix sums (step 1) and difference arrays (step 2). */
function spanFca(
  setup: TravelSetup,
  facilities: readonly LonLat[],
  capacity: ArrayLike<number>,
  catchment: number,
  zones: readonly WeightZone[],
  onProgress?: (done: number, total: number) => void,
): CellFcaResult {
  const { grid } = setup;
  const { lonMin, dlon, nx, ny } = grid.spec;
  const unit = grid.unit;
  const kmPerMin = roadSpeed(setup);
  const rKm = catchment * kmPerMin;
  const n = facilities.length;
  const nz = zones.length;
  const upTo = zones.map((q) => q.upTo);
  const w = zones.map((q) => q.weight);
  // Per row (nx + 1 slots): prefix sums of population and of in-region cells.
  const stride = nx + 1;
  const prePop = new Float64Array(ny * stride);
  const preIn = new Int32Array(ny * stride);
  for (let row = 0; row < ny; row++) {
    let p = 0;
    let q = 0;
    for (let i = 0; i < nx; i++) {
      const c = row * nx + i;
      if (unit[c] !== 0) {
        p += grid.pop[c]!;
        q++;
      }
      prePop[row * stride + i + 1] = p;
      preIn[row * stride + i + 1] = q;
    }
  }
  const rows = new Float64Array(5 * ny);
  // Spans of every facility, kept from step 1 for step 2: per disc row, the row and each zone's ends
  // (Int16: the grid is far narrower than 32 767 cells). At most 2·R + 3 rows per disc (discRows).
  if (nx >= 32767 || ny >= 32767) throw new Error('grid too large for the span walk');
  const maxRows = Math.min(ny, Math.ceil((2 * rKm) / (KM_PER_DEG * grid.spec.dlat)) + 3);
  const width = 1 + 2 * nz;
  const spanAt = new Int32Array(n + 1); // first disc row of facility j in `span` (in rows)
  const span = new Int16Array(n * maxRows * width);
  let used = 0;
  for (let j = 0; j < n; j++) {
    if (onProgress && (j & 1023) === 0) onProgress(j, 2 * n);
    const f = facilities[j]!;
    const lon = f.lon;
    const m = discRows(grid, lon, f.lat, rKm, rows);
    spanAt[j] = used;
    for (let k = 0; k < m; k++, used++) {
      const i0 = rows[5 * k + 1]! | 0;
      const i1 = rows[5 * k + 2]! | 0;
      const dy = rows[5 * k + 3]!;
      const kx = rows[5 * k + 4]!;
      const dy2 = dy * dy;
      const o = used * width;
      span[o] = rows[5 * k]!;
      for (let q = 0; q < nz; q++) {
        const T = upTo[q]!;
        const rz = T * kmPerMin;
        const r2 = rz * rz;
        const half = r2 > dy2 ? Math.sqrt(r2 - dy2) / kx : 0;
        let a = Math.max(i0, Math.ceil((lon - half - lonMin) / dlon - 0.5));
        let b = Math.min(i1, Math.floor((lon + half - lonMin) / dlon - 0.5));
        // Exact ends: the same float32 minutes and ≤ test as the pair list.
        while (a > i0 && inZone(a - 1, lonMin, lon, dlon, kx, dy2, kmPerMin, T, r2)) a--;
        while (a <= b && !inZone(a, lonMin, lon, dlon, kx, dy2, kmPerMin, T, r2)) a++;
        while (b < i1 && inZone(b + 1, lonMin, lon, dlon, kx, dy2, kmPerMin, T, r2)) b++;
        while (b >= a && !inZone(b, lonMin, lon, dlon, kx, dy2, kmPerMin, T, r2)) b--;
        span[o + 1 + 2 * q] = a;
        span[o + 2 + 2 * q] = b;
      }
    }
  }
  spanAt[n] = used;

  const within = new Int32Array(ny * stride); // difference array: facilities within the catchment
  const ratio = new Float64Array(n);
  let pairs = 0;
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let k = spanAt[j]!; k < spanAt[j + 1]!; k++) {
      const o = k * width;
      const base = span[o]! * stride;
      let inner = 0; // population of the previous (inner) zone's span
      for (let q = 0; q < nz; q++) {
        const a = span[o + 1 + 2 * q]!;
        const b = span[o + 2 + 2 * q]!;
        const p = b >= a ? prePop[base + b + 1]! - prePop[base + a]! : 0;
        if (w[q] !== 0) sum += (p - inner) * w[q]!;
        inner = p;
        if (q === nz - 1 && b >= a) {
          pairs += preIn[base + b + 1]! - preIn[base + a]!;
          within[base + a]!++;
          within[base + b + 1]!--;
        }
      }
    }
    ratio[j] = sum > 0 ? capacity[j]! / sum : 0;
  }

  const add = new Float64Array(ny * stride); // difference array of R_j·W
  const reached = new Int32Array(ny * stride); // difference array: facilities with R_j ≠ 0
  const unknown = new Int32Array(ny * stride); // difference array: facilities with R_j = NaN
  const last = 2 * nz - 1;
  for (let j = 0; j < n; j++) {
    if (onProgress && (j & 1023) === 0) onProgress(n + j, 2 * n);
    const r = ratio[j]!;
    if (r === 0) continue; // adds nothing
    for (let k = spanAt[j]!; k < spanAt[j + 1]!; k++) {
      const o = k * width;
      const base = span[o]! * stride;
      const a = span[o + last]!;
      const b = span[o + last + 1]!;
      if (b < a) continue;
      if (Number.isNaN(r)) {
        unknown[base + a]!++;
        unknown[base + b + 1]!--;
        continue;
      }
      reached[base + a]!++;
      reached[base + b + 1]!--;
      // Nested spans: a cell of zone q gets w[q] = Σ_{p ≥ q} (w[p] − w[p+1]).
      for (let q = 0; q < nz; q++) {
        const qa = span[o + 1 + 2 * q]!;
        const qb = span[o + 2 + 2 * q]!;
        if (qb < qa) continue;
        const v = r * (w[q]! - (q + 1 < nz ? w[q + 1]! : 0));
        add[base + qa]! += v;
        add[base + qb + 1]! -= v;
      }
    }
  }
  const access = new Float64Array(unit.length);
  const isWithin = new Uint8Array(unit.length);
  for (let row = 0; row < ny; row++) {
    let s = 0;
    let cr = 0;
    let cu = 0;
    let cw = 0;
    for (let i = 0; i < nx; i++) {
      const d = row * stride + i;
      s += add[d]!;
      cr += reached[d]!;
      cu += unknown[d]!;
      cw += within[d]!;
      const c = row * nx + i;
      if (unit[c] === 0) continue;
      access[c] = cu > 0 ? NaN : cr > 0 ? s : 0;
      isWithin[c] = cw > 0 ? 1 : 0;
    }
  }
  onProgress?.(2 * n, 2 * n);
  return { ratio, access, within: isWithin, pairs };
}
