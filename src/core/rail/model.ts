/**
 * The travel-time model and its parameters. All of them are visible and adjustable; the rail speed,
 * stop and fixed-time parameters are fitted by the build (calibration.json), the others are stated
 * assumptions.
 *
 * - tripMin once per rail trip (terminal and timetable padding; not on road-only trips)
 * - a start and a stop loss per trip: stopLossMin × (operating speed / 350 km/h)² each (accelerating to
 *   and braking from the speed at the station; the square, because power-limited trains accelerate ever
 *   more slowly near their top speed — a form checked by leave-one-out, not a measured figure)
 * - in-train time of an edge = length / (speedFactor × span speed), the span speed being the design
 *   speed unless geo/sources/rail/span-speeds.csv gives another for that part of the section
 * - on conventional track (北京西–李营 on 京九, 徐水–保定 on 京广, the 固安东 link) and schematic links
 *   over existing track (北京站 → 京唐 before 北京城市副中心 opened; 天津西 → 京沪 link; 滨海西 → 塘沽):
 *   length / linkSpeedKmh
 * - the fastest service calls at a share callShare of the intermediate stations in service (trains pass
 *   stations not yet open); a call costs dwellMin + a stop and a start loss
 * - + transferMin (+ a start loss) when changing line at a station, except where trains run through
 * - access/egress by road = straight-line distance × detourFactor / accessSpeedKmh
 */

export interface TravelParams {
  /** Operating speed as a share of design speed (0 < f ≤ 1). Fitted. */
  speedFactor: number;
  /** Minutes a train stands at a station it calls at (see callShare). Fitted. */
  dwellMin: number;
  /** Speed on conventional track and schematic links over it (km/h). Fitted. */
  linkSpeedKmh: number;
  /** Minutes once per rail trip (terminal time and timetable padding). Fitted; absent = 0 (older links). */
  tripMin?: number;
  /**
   * Minutes lost by one start or one stop at 350 km/h (accelerating to or braking from the operating
   * speed); proportional to the speed at the station. Fitted; absent = 0 (older links).
   */
  stopLossMin?: number;
  /**
   * Share of the intermediate stations the fastest service calls at (0 = non-stop, 1 = every station).
   * Fitted; absent = 1 (older links: a dwell at every station).
   */
  callShare?: number;

  /** Minutes to change line at a station (includes waiting). Assumed. */
  transferMin: number;
  /** Road speed of access and egress legs (km/h). Assumed. */
  accessSpeedKmh: number;
  /** Road distance / straight-line distance (≥ 1). Assumed. */
  detourFactor: number;
}

export const PARAM_KEYS: readonly (keyof TravelParams)[] = [
  'tripMin',
  'stopLossMin',
  'callShare',
  'speedFactor',
  'dwellMin',
  'linkSpeedKmh',
  'transferMin',
  'accessSpeedKmh',
  'detourFactor',
];

/** Reference speed of stopLossMin: the loss of one start or stop scales with (speed / 350 km/h)². */
export const STOP_LOSS_REF_KMH = 350;

/**
 * The fixed minutes of one rail trip on a line of the given design speed: tripMin plus one start and
 * one stop loss (stopLossMin × (speedFactor × kmh / 350)², as graph.ts `stopLosses` does).
 * @example fixedTripMin({ ...params, tripMin: 2, stopLossMin: 4, speedFactor: 1 }, 350) // → 10
 */
export function fixedTripMin(
  p: Pick<TravelParams, 'tripMin' | 'stopLossMin' | 'speedFactor'>,
  kmh: number,
): number {
  const r = (p.speedFactor * kmh) / STOP_LOSS_REF_KMH;
  return (p.tripMin ?? 0) + 2 * (p.stopLossMin ?? 0) * r * r;
}

/**
 * Assumptions for the parameters the calibration pairs cannot identify (no pair involves a transfer or
 * a road leg). They are modelling choices, not measured facts: 15 min to change trains (walk plus
 * wait), 40 km/h door to station by road, and roads 1.3 × the straight line. callShare 0: a published
 * fastest time is that of a train passing the stations in between (the sources that name the train's
 * stops say so: 北京南 → 德州东 "一站直达", G8815 廊坊北 → 大兴机场; fitted freely on all pairs it comes out
 * at 0 too, but leave-one-out is worse, 10.4 % against 10.0 %, because folds then trade it against the
 * stop loss); with no call in the fit, dwellMin (0) is not identified either. Shown in the UI with that
 * label, written to calibration.json as "assumed", and adjustable.
 */
export const ASSUMED_PARAMS: Pick<
  TravelParams,
  'transferMin' | 'accessSpeedKmh' | 'detourFactor' | 'callShare' | 'dwellMin'
> = {
  transferMin: 15,
  accessSpeedKmh: 40,
  detourFactor: 1.3,
  callShare: 0,
  dwellMin: 0,
};

function finite(name: string, v: unknown, out: string[]): v is number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    out.push(`${name} must be a finite number (got ${String(v)})`);
    return false;
  }
  return true;
}

/**
 * Check a parameter set; returns clear messages for impossible values, [] when all is well.
 * @example validateParams({ ...params, accessSpeedKmh: -5 })
 * // → ['accessSpeedKmh must be > 0 km/h (got -5)']
 */
export function validateParams(p: Partial<Record<keyof TravelParams, unknown>>): string[] {
  const out: string[] = [];
  if (finite('speedFactor', p.speedFactor, out) && (p.speedFactor <= 0 || p.speedFactor > 1)) {
    out.push(
      `speedFactor must be in (0, 1]: operating speed cannot exceed design speed (got ${p.speedFactor})`,
    );
  }
  if (finite('dwellMin', p.dwellMin, out) && p.dwellMin < 0)
    out.push(`dwellMin must be ≥ 0 minutes (got ${p.dwellMin})`);
  if (finite('linkSpeedKmh', p.linkSpeedKmh, out) && p.linkSpeedKmh <= 0) {
    out.push(`linkSpeedKmh must be > 0 km/h (got ${p.linkSpeedKmh})`);
  }
  if (p.tripMin !== undefined && finite('tripMin', p.tripMin, out) && p.tripMin < 0)
    out.push(`tripMin must be ≥ 0 minutes (got ${p.tripMin})`);
  if (p.stopLossMin !== undefined && finite('stopLossMin', p.stopLossMin, out) && p.stopLossMin < 0)
    out.push(`stopLossMin must be ≥ 0 minutes (got ${p.stopLossMin})`);
  if (
    p.callShare !== undefined &&
    finite('callShare', p.callShare, out) &&
    (p.callShare < 0 || p.callShare > 1)
  )
    out.push(`callShare must be in [0, 1] (got ${p.callShare})`);
  if (finite('transferMin', p.transferMin, out) && p.transferMin < 0) {
    out.push(`transferMin must be ≥ 0 minutes (got ${p.transferMin})`);
  }
  if (finite('accessSpeedKmh', p.accessSpeedKmh, out) && p.accessSpeedKmh <= 0) {
    out.push(`accessSpeedKmh must be > 0 km/h (got ${p.accessSpeedKmh})`);
  }
  if (finite('detourFactor', p.detourFactor, out) && p.detourFactor < 1) {
    out.push(
      `detourFactor must be ≥ 1: a road is never shorter than the straight line (got ${p.detourFactor})`,
    );
  }
  if (out.length === 0 && (p.transferMin as number) < (p.dwellMin as number)) {
    // Otherwise leaving the train and boarding it again would be cheaper than staying on board.
    out.push(`transferMin (${p.transferMin}) must be ≥ dwellMin (${p.dwellMin})`);
  }
  return out;
}

/**
 * Check isochrone bands (minutes): finite, > 0, no duplicates. Returns messages, [] when fine.
 * @example validateBands([30, 0, 90]) // → ['band 0 must be > 0 minutes']
 */
export function validateBands(bands: readonly unknown[]): string[] {
  const out: string[] = [];
  if (bands.length === 0) out.push('give at least one band (minutes)');
  for (const b of bands) {
    if (typeof b !== 'number' || !Number.isFinite(b))
      out.push(`band ${String(b)} must be a finite number of minutes`);
    else if (b <= 0) out.push(`band ${b} must be > 0 minutes`);
  }
  if (new Set(bands).size !== bands.length) out.push('bands must not repeat');
  return out;
}

/**
 * Throw one Error listing every problem, or return the parameters unchanged.
 * @example assertParams({ ...params, dwellMin: NaN }) // throws "invalid travel parameters: dwellMin must be …"
 */
export function assertParams(p: TravelParams): TravelParams {
  const errors = validateParams(p);
  if (errors.length > 0) throw new Error(`invalid travel parameters: ${errors.join('; ')}`);
  return p;
}

/**
 * Road minutes for a straight-line distance under the parameters.
 * @example roadMinutes(10, { accessSpeedKmh: 40, detourFactor: 1.2 }) // → 18
 */
export function roadMinutes(km: number, p: Pick<TravelParams, 'accessSpeedKmh' | 'detourFactor'>): number {
  return ((km * p.detourFactor) / p.accessSpeedKmh) * 60;
}
