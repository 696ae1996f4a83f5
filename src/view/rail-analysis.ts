// The isochrone of the current state: origin, year, bands and parameters in, bands and reach out.
import type { Feature, MultiPolygon } from 'geojson';
import { isochrone, isochroneChange, type IsochroneResult } from '../core/rail/isochrone.ts';
import { parseOrigin } from '../core/rail/origin.ts';
import type { TravelParams } from '../core/rail/model.ts';
import type { RailData } from '../data/rail.ts';
import type { RailState } from '../state/schema.ts';

export interface RailAnalysis {
  iso: IsochroneResult;
  /** Cells that entered the 60-minute band (or the band nearest 60) since the compare year. */
  change: { band: number; fromYear: number; feature: Feature<MultiPolygon>; population: number } | null;
}

/** The band the difference view compares: 60 minutes when asked for, else the closest band. */
export function compareBand(bands: readonly number[]): number {
  return [...bands].sort((a, b) => Math.abs(a - 60) - Math.abs(b - 60) || a - b)[0] ?? 60;
}

/** The isochrone of an origin, year, bands and model parameters (null when no origin is set). */
export function analyseRail(
  rail: RailData,
  r: RailState,
  year: number,
  params: TravelParams,
): RailAnalysis | { error: string } | null {
  if (!r.origin) return null;
  try {
    const origin = parseOrigin(r.origin, rail.network.stations, rail.ctx.grid);
    const iso = isochrone(rail.ctx, { origin, year, bands: r.bands, params });
    let change: RailAnalysis['change'] = null;
    if (r.compare !== null && r.compare !== year) {
      const band = compareBand(r.bands);
      const c = isochroneChange(rail.ctx, origin, r.compare, year, band, params);
      change = { band, fromYear: r.compare, feature: c.feature, population: c.feature.properties.population };
    }
    return { iso, change };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
