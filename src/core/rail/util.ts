/** Small shared helpers of the rail engine: dates, great-circle distance, rounding. */

/** Mean Earth radius (km), the value @turf/helpers uses, so our distances agree with Turf's. */
export const EARTH_RADIUS_KM = 6371.0088;
/** Kilometres per degree of latitude on that sphere. */
export const KM_PER_DEG = (Math.PI / 180) * EARTH_RADIUS_KM;

const DATE_RE = /^(\d{4})(?:-(\d{2})-(\d{2}))?$/;

/**
 * Whether a date string is YYYY or a real calendar date YYYY-MM-DD.
 * @example isValidDate('2019-12-30') // → true
 * @example isValidDate('2019-02-30') // → false
 */
export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  if (m[2] === undefined) return true;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * A date as a comparable YYYY-MM-DD; year-only dates count from the end of that year (a line "opened
 * in 2003" is surely open on 2003-12-31, not necessarily before).
 * @example normalDate('2003') // → '2003-12-31'
 */
export function normalDate(s: string): string {
  return /^\d{4}$/.test(s) ? `${s}-12-31` : s;
}

/**
 * The cut-off date of a year: the network "in year Y" is what was open on Y-12-31.
 * @example yearEnd(2024) // → '2024-12-31'
 */
export function yearEnd(year: number): string {
  return `${String(year).padStart(4, '0')}-12-31`;
}

/**
 * Whether `date` (YYYY or YYYY-MM-DD) is on or before the cut-off `cutoff` (YYYY-MM-DD or YYYY).
 * @example onOrBefore('2019-12-30', '2019-12-31') // → true
 */
export function onOrBefore(date: string | null, cutoff: string): boolean {
  return date !== null && normalDate(date) <= normalDate(cutoff);
}

/**
 * Great-circle distance (km) between two lon/lat points (haversine).
 * @example Math.round(haversineKm(116.3724, 39.86348, 117.203822, 39.134632)) // → 108
 */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Round to a number of decimals (for byte-stable outputs; -0 becomes 0).
 * @example round(1.23456, 2) // → 1.23
 */
export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const v = Math.round(x * f) / f;
  return v === 0 ? 0 : v;
}
