// Facilities and the accessibility analysis: loads geo/build/facilities on demand and runs coverage,
// 2SFCA / E2SFCA and equity (src/core/access) for the state's options, as indicators the app can show.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import {
  accessibility,
  accessIndicatorRows,
  confidenceFrom,
  type AccessReport,
} from '../core/access/analysis.ts';
import type { InputCrs } from '../core/access/crs.ts';
import {
  parseUserFacilities,
  userSupply,
  type UserFacility,
  type UserFacilityParse,
} from '../core/access/csv.ts';
import { supplyPoints } from '../core/access/facilities.ts';
import { countyLocator, regionBbox } from '../core/access/locate.ts';
import { travelSetup, type TravelSetup } from '../core/access/travel.ts';
import {
  FACILITY_TYPES,
  type CompletenessRow,
  type FacilityCollection,
  type FacilityType,
} from '../core/access/types.ts';
import { unitLayout, type UnitLayout } from '../core/access/units.ts';
import type { IndicatorMeta, IndicatorRow, SourceInfo } from '../core/types.ts';
import { effectiveParams } from '../state/rail.ts';
import type { AppState } from '../state/schema.ts';
import type { Dataset } from './dataset.ts';
import type { RailData } from './rail.ts';

export interface AccessData {
  facilities: Record<FacilityType, FacilityCollection>;
  completeness: CompletenessRow[];
  layout: UnitLayout;
  /** Checks a user's point: inside the region, and in which county. */
  parseUser(text: string, crs: InputCrs, defaultType?: FacilityType): UserFacilityParse;
}

async function json<T>(base: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export async function loadAccessData(base: string, data: Dataset, rail: RailData): Promise<AccessData> {
  const [completeness, ...files] = await Promise.all([
    json<{ rows: CompletenessRow[] }>(base, 'facilities/completeness.json'),
    ...FACILITY_TYPES.map((t) => json<FacilityCollection>(base, `facilities/${t}.geojson`)),
  ]);
  const facilities = Object.fromEntries(FACILITY_TYPES.map((t, i) => [t, files[i]!])) as Record<
    FacilityType,
    FacilityCollection
  >;
  const counties = data.boundaries.county.features as Feature<Polygon | MultiPolygon, { code: string }>[];
  const region = {
    bbox: regionBbox(counties),
    countyAt: (
      (at) => (lon: number, lat: number) =>
        at(lon, lat)?.code ?? null
    )(countyLocator(counties)),
  };
  return {
    facilities,
    completeness: completeness.rows,
    layout: unitLayout(rail.ctx.grid, new Map([...data.units].map(([code, u]) => [code, u]))),
    parseUser: (text, crs, defaultType) => parseUserFacilities(text, { crs, region, defaultType }),
  };
}

/** The source every computed access value cites: the app's own model, with its inputs named. */
export const ACCESS_SOURCE: SourceInfo = {
  id: 'access-model',
  title:
    'Computed in this app: facility points (geo/build/facilities), 2020 census population by county, calibrated rail travel-time model',
  url: '',
};

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
function setupFor(rail: RailData, state: AppState): TravelSetup {
  const params = effectiveParams(state, rail.ctx.defaults);
  const key = `${state.access.mode}|${state.year}|${JSON.stringify(params)}`;
  let s = setups.get(key);
  if (!s) {
    if (setups.size > 8) setups.clear();
    setups.set(key, (s = travelSetup(rail.ctx, { mode: state.access.mode, year: state.year, params })));
  }
  return s;
}

export function runAccess(
  access: AccessData,
  rail: RailData,
  state: AppState,
  user: readonly UserFacility[],
): AccessRun | { error: string } | null {
  const a = state.access;
  if (!a.service) return null;
  try {
    const points = [...supplyPoints(access.facilities[a.service], a.service), ...userSupply(user, a.service)];
    if (points.length === 0) return { error: `no usable ${a.service} points` };
    const report = accessibility(setupFor(rail, state), access.layout, points, {
      method: a.method,
      decay: a.decay,
      catchment: a.catchment,
      supply: a.supply,
    });
    const rows = accessIndicatorRows(report, {
      service: a.service,
      year: state.year,
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
    return { report, rows, catalog, used: points.length };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
