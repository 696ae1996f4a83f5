// The accessibility analysis of the state's options: coverage, 2SFCA / E2SFCA and equity
// (src/core/access) as indicators the app can show. Pure; memoised by the view (index.ts).
import {
  accessibility,
  accessIndicatorRows,
  confidenceFrom,
  type AccessJobInput,
  type AccessOptions,
  type AccessReport,
} from '../core/access/analysis.ts';
import { userSupply, type UserFacility } from '../core/access/csv.ts';
import { supplyPoints } from '../core/access/facilities.ts';
import { travelSetup, type TravelMode, type TravelSetup } from '../core/access/travel.ts';
import type { FacilityType } from '../core/access/types.ts';
import type { TravelParams } from '../core/rail/model.ts';
import type { IndicatorMeta, IndicatorRow } from '../core/types.ts';
import { ACCESS_SOURCE, type AccessData } from '../data/access.ts';
import type { RailData } from '../data/rail.ts';
import type { AccessState } from '../state/schema.ts';

const SERVICE_NAMES: Record<FacilityType, { zh: string; en: string }> = {
  hospital: { zh: '医院', en: 'hospital' },
  university: { zh: '高校', en: 'university' },
  attraction: { zh: '5A景区', en: '5A attraction' },
  library: { zh: '图书馆', en: 'library' },
};

export interface AccessRun {
  report: AccessReport;
  rows: IndicatorRow[];
  catalog: IndicatorMeta[];
  /** Facilities used (built-in, unflagged, plus the user's of this type). */
  used: number;
}

const setups = new Map<string, TravelSetup>();

/** Travel set-up of a mode, year and parameters, kept for reuse (option changes don't redo it). */
function setupFor(rail: RailData, mode: TravelMode, year: number, params: TravelParams): TravelSetup {
  const key = `${mode}|${year}|${JSON.stringify(params)}`;
  let s = setups.get(key);
  if (!s) {
    if (setups.size > 8) setups.clear();
    setups.set(key, (s = travelSetup(rail.ctx, { mode, year, params })));
  }
  return s;
}

/** More facilities than this (the user's own list) are run in the background worker. */
export const WORKER_FACILITIES = 20_000;

/** A run too big for the main thread: the worker computes the report, accessRunOf finishes it. */
export interface AccessJob {
  job: AccessJobInput;
  service: FacilityType;
}

/**
 * Coverage and 2SFCA / E2SFCA of the chosen service, as indicator rows and catalogue entries; with more
 * than WORKER_FACILITIES points, the job for the background worker instead.
 */
export function runAccess(
  access: AccessData,
  rail: RailData,
  a: AccessState,
  year: number,
  params: TravelParams,
  user: readonly UserFacility[],
): AccessRun | AccessJob | { error: string } | null {
  if (!a.service) return null;
  try {
    const points = [...supplyPoints(access.facilities[a.service], a.service), ...userSupply(user, a.service)];
    if (points.length === 0) return { error: `no usable ${a.service} points` };
    const setup = setupFor(rail, a.mode, year, params);
    const options: AccessOptions = {
      method: a.method,
      decay: a.decay,
      catchment: a.catchment,
      supply: a.supply,
    };
    if (points.length > WORKER_FACILITIES)
      return {
        service: a.service,
        job: {
          setup,
          layout: access.layout,
          lon: Float64Array.from(points, (p) => p.lon),
          lat: Float64Array.from(points, (p) => p.lat),
          capacity: Float64Array.from(points, (p) => p.capacity),
          options,
        },
      };
    return accessRunOf(access, a, year, accessibility(setup, access.layout, points, options));
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** A report as the app's indicator rows and catalogue entries. */
export function accessRunOf(
  access: AccessData,
  a: AccessState,
  year: number,
  report: AccessReport,
): AccessRun | { error: string } {
  if (!a.service) return { error: 'no service chosen' };
  try {
    const rows = accessIndicatorRows(report, {
      service: a.service,
      year,
      confidence: confidenceFrom(access.completeness, a.service),
      source_id: ACCESS_SOURCE.id,
    });
    const name = SERVICE_NAMES[a.service];
    const [scoreId, coverageId] = [
      rows.find((r) => r.indicator.startsWith('access_'))?.indicator,
      rows.find((r) => r.indicator.startsWith('coverage_'))?.indicator,
    ];
    const method = a.method.toUpperCase();
    const catalog: IndicatorMeta[] = [];
    if (scoreId) {
      catalog.push({
        id: scoreId,
        name_zh: `${name.zh}可达性（${method}，${a.catchment}分钟）`,
        name_en: `Access to ${name.en}s (${method}, ${a.catchment} min)`,
        unit_zh: report.unit_zh,
        unit_en: report.unit_en,
        good: 'higher',
        notes_zh: report.method,
        notes_en: report.method,
        kind: 'derived',
      });
    }
    if (coverageId) {
      const coverageRow = rows.find((r) => r.indicator === coverageId) as
        (IndicatorRow & { method?: string }) | undefined;
      catalog.push({
        id: coverageId,
        name_zh: `${a.catchment}分钟内可达${name.zh}的人口比例`,
        name_en: `Residents within ${a.catchment} min of a ${name.en}`,
        unit_zh: '%',
        unit_en: '%',
        good: 'higher',
        notes_zh: coverageRow?.method ?? report.method,
        notes_en: coverageRow?.method ?? report.method,
        kind: 'derived',
      });
    }
    return { report, rows, catalog, used: report.facilities.used };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
