/**
 * Positions of a section's stops along the section (km from its first stop), used for edge lengths of
 * the travel-time graph. Run by the rail build; the result is stored in network.json.
 *
 * Method, in order:
 * 1. Raw distances. With OSM-derived track: each located stop is projected on the track
 *    (@turf/nearest-point-on-line); a stop more than `snapKm` off the track (e.g. 天津西 on the 津秦
 *    track that starts at 天津) is joined by a straight spur of that length. Without track: the
 *    straight chord between consecutive located stops.
 * 2. Scale to the official figure when the source gives one for exactly this span (the track has
 *    straight gap fills and lacks some end approaches), or to a km post (京沪 德州东).
 *    When only one end is located, the official length places the other end (京滨 宝坻, 怀兴 廊坊北).
 * 3. Unlocated intermediate stops are spaced evenly between their located neighbours (flagged).
 */
import { nearestPointOnLine } from '@turf/nearest-point-on-line';
import type { LineString } from 'geojson';
import type { SectionStop, StopPosition } from './types.ts';
import { haversineKm, round } from './util.ts';

export interface StopInput {
  station: string;
  lon: number | null;
  lat: number | null;
}

export interface PositionOptions {
  /** OSM-derived track, in the stops' direction or reversed; null for sections without track. */
  track: LineString | null;
  /** Official length between the first and last stop, when the source gives one for that span. */
  spanKm: number | null;
  /** Chainage of a stop counted from the first stop (e.g. a km post). */
  kmPost: { station: string; km: number } | null;
  /** A located stop farther than this from the track is joined by a spur (km). */
  snapKm?: number;
}

export interface PositionResult {
  stops: SectionStop[];
  warnings: string[];
}

interface Raw {
  d: (number | null)[];
  at: (StopPosition | null)[];
}

/** Monotonic on-track order tolerance (km): projections of neighbouring stops may jitter this much. */
const ORDER_TOLERANCE_KM = 0.5;

function onTrack(stops: StopInput[], track: LineString, snapKm: number, warnings: string[]): Raw {
  const proj = stops.map((s) => {
    if (s.lon === null || s.lat === null) return null;
    const p = nearestPointOnLine(track, [s.lon, s.lat], { units: 'kilometers' }).properties;
    return { m: p.lineDistance, off: p.pointDistance > snapKm ? p.pointDistance : 0 };
  });
  const d: (number | null)[] = stops.map(() => null);
  const at: (StopPosition | null)[] = stops.map(() => null);
  let prev: { i: number; m: number; off: number } | null = null;
  for (let i = 0; i < stops.length; i++) {
    const p = proj[i];
    if (!p) continue;
    if (prev && p.off === 0 && prev.off === 0 && p.m < prev.m - ORDER_TOLERANCE_KM) {
      throw new Error(`stop ${stops[i]!.station} lies before ${stops[prev.i]!.station} on the track`);
    }
    d[i] = prev ? d[prev.i]! + Math.abs(p.m - prev.m) + p.off + prev.off : 0;
    at[i] = p.off > 0 ? 'off-track' : 'track';
    if (p.off > 0) warnings.push(`${stops[i]!.station} is ${round(p.off, 2)} km off the track (spur)`);
    prev = { i, m: p.m, off: p.off };
  }
  return { d, at };
}

function onChords(stops: StopInput[]): Raw {
  const d: (number | null)[] = stops.map(() => null);
  const at: (StopPosition | null)[] = stops.map(() => null);
  let prev: { i: number; lon: number; lat: number } | null = null;
  stops.forEach((s, i) => {
    if (s.lon === null || s.lat === null) return;
    d[i] = prev ? d[prev.i]! + haversineKm(prev.lon, prev.lat, s.lon, s.lat) : 0;
    at[i] = 'chord';
    prev = { i, lon: s.lon, lat: s.lat };
  });
  return { d, at };
}

/** Turn raw distances into km from the first stop, using the official span or km post if given. */
function scale(stops: StopInput[], raw: Raw, opts: PositionOptions): Raw {
  const { d, at } = raw;
  const n = stops.length;
  const known = d.flatMap((v, i) => (v === null ? [] : [i]));
  const km: (number | null)[] = d.map(() => null);
  const pos = at.slice();
  const first = known[0];
  const last = known[known.length - 1];
  const post = opts.kmPost ? stops.findIndex((s) => s.station === opts.kmPost!.station) : -1;
  if (opts.kmPost && post > 0 && d[0] !== null && d[post] !== null && d[post]! > 0) {
    const k = opts.kmPost.km / d[post]!;
    known.forEach((i) => (km[i] = d[i]! * k));
  } else if (opts.spanKm !== null && first === 0 && last === n - 1 && n > 1) {
    const k = opts.spanKm / d[n - 1]!;
    known.forEach((i) => (km[i] = d[i]! * k));
  } else if (opts.spanKm !== null && last === n - 1 && first !== undefined) {
    // Only the far end is located: the official length puts the first stop before it.
    known.forEach((i) => (km[i] = opts.spanKm! - (d[n - 1]! - d[i]!)));
    km[0] = 0;
    pos[0] = 'official-length';
  } else if (opts.spanKm !== null && first === 0) {
    known.forEach((i) => (km[i] = d[i]!));
    km[n - 1] = opts.spanKm;
    pos[n - 1] = 'official-length';
  } else if (opts.spanKm !== null && first === undefined && n === 2) {
    km[0] = 0;
    km[1] = opts.spanKm;
    pos[0] = pos[1] = 'official-length';
  } else if (first !== undefined) {
    known.forEach((i) => (km[i] = d[i]! - d[first]!));
  }
  return { d: km, at: pos };
}

/** Space unlocated stops evenly between their positioned neighbours. */
function interpolate(raw: Raw): Raw {
  const km = raw.d.slice();
  const at = raw.at.slice();
  for (let i = 0; i < km.length; i++) {
    if (km[i] !== null) continue;
    let a = i - 1;
    while (a >= 0 && raw.d[a] === null) a--;
    let b = i + 1;
    while (b < km.length && raw.d[b] === null) b++;
    if (a < 0 || b >= km.length) continue;
    km[i] = raw.d[a]! + ((raw.d[b]! - raw.d[a]!) * (i - a)) / (b - a);
    at[i] = 'interpolated';
  }
  return { d: km, at };
}

/**
 * Position the stops of one section (see the file comment for the method).
 * @example
 * positionStops(
 *   [{ station: 'A', lon: 116, lat: 39 }, { station: 'B', lon: null, lat: null }, { station: 'C', lon: 116, lat: 40 }],
 *   { track: null, spanKm: 120, kmPost: null },
 * ).stops.map((s) => s.km) // → [0, 60, 120]
 */
export function positionStops(stops: StopInput[], opts: PositionOptions): PositionResult {
  const warnings: string[] = [];
  let raw: Raw;
  if (opts.track) {
    raw = orientTrack(stops, opts.track, opts.snapKm ?? 1, warnings);
  } else raw = onChords(stops);
  const done = interpolate(scale(stops, raw, opts));
  const out = stops.map((s, i) => ({
    station: s.station,
    km: done.d[i] === null ? null : round(done.d[i]!, 3),
    at: done.at[i] ?? null,
  }));
  for (const s of out) if (s.km === null) warnings.push(`${s.station} has no position (not routable here)`);
  const pos = out.filter((s) => s.km !== null);
  for (let i = 1; i < pos.length; i++) {
    if (pos[i]!.km! <= pos[i - 1]!.km!)
      warnings.push(`${pos[i - 1]!.station}→${pos[i]!.station} has no length`);
  }
  return { stops: out, warnings };
}

/** Project on the track as given, or reversed when the track runs against the stop order. */
function orientTrack(stops: StopInput[], track: LineString, snapKm: number, warnings: string[]): Raw {
  const ends = stops.filter((s) => s.lon !== null && s.lat !== null);
  const a = ends[0];
  const b = ends[ends.length - 1];
  let line = track;
  if (a && b && a !== b) {
    const ma = nearestPointOnLine(track, [a.lon!, a.lat!]).properties.lineDistance;
    const mb = nearestPointOnLine(track, [b.lon!, b.lat!]).properties.lineDistance;
    if (mb < ma) line = { type: 'LineString', coordinates: track.coordinates.slice().reverse() };
  }
  return onTrack(stops, line, snapKm, warnings);
}
