// Facilities for the accessibility analysis: loads geo/build/facilities on demand (the analysis
// itself is a view selector: src/view/access-run.ts).
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { InputCrs } from '../core/access/crs.ts';
import { parseUserFacilities, type UserFacilityParse } from '../core/access/csv.ts';
import { countyLocator, regionBbox } from '../core/access/locate.ts';
import {
  FACILITY_TYPES,
  type CompletenessRow,
  type FacilityCollection,
  type FacilityType,
} from '../core/access/types.ts';
import { unitLayout, type UnitLayout } from '../core/access/units.ts';
import type { SourceInfo } from '../core/types.ts';
import type { Dataset } from './dataset.ts';
import type { RailData } from './rail.ts';
import { fetchJson } from './fetch.ts';

export interface AccessData {
  facilities: Record<FacilityType, FacilityCollection>;
  completeness: CompletenessRow[];
  layout: UnitLayout;
  /** Checks a user's point: inside the region, and in which county. */
  parseUser(text: string, crs: InputCrs, defaultType?: FacilityType): UserFacilityParse;
}

const json = <T>(base: string, path: string) => fetchJson<T>(`${base}${path}`);

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
