// Facilities for the accessibility analysis: loads geo/build/facilities on demand (the analysis
// itself is a view selector: src/view/access-run.ts).
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { InputCrs } from '../core/access/crs.ts';
import {
  MAX_CSV_BYTES,
  parseUserFacilities,
  type RegionCheck,
  type UserFacilityParse,
} from '../core/access/csv.ts';
import { countyLocator, regionBbox } from '../core/access/locate.ts';
import {
  FACILITY_TYPES,
  type CompletenessRow,
  type FacilityCollection,
  type FacilityType,
} from '../core/access/types.ts';
import { unitLayout, type UnitLayout } from '../core/access/units.ts';
import type { SourceInfo } from '../core/types.ts';
import { decodeText } from '../core/user-indicators.ts';
import type { Dataset } from './dataset.ts';
import type { RailData } from './rail.ts';
import { fetchJson } from './fetch.ts';

export interface AccessData {
  facilities: Record<FacilityType, FacilityCollection>;
  completeness: CompletenessRow[];
  layout: UnitLayout;
  /** County polygons: the region a user's points are checked against (sent to the worker). */
  counties: CountyFeature[];
}

type CountyFeature = Feature<Polygon | MultiPolygon, { code: string }>;

/**
 * The region check of user points: inside the region's bbox, and in which county.
 * @example regionOf(counties).countyAt(116.4, 39.9) // → '110101'
 */
export function regionOf(counties: readonly CountyFeature[]): RegionCheck {
  const at = countyLocator(counties);
  return { bbox: regionBbox(counties), countyAt: (lon, lat) => at(lon, lat)?.code ?? null };
}

/**
 * A user's facility file read and checked (in the worker): at most one byte over the size limit is
 * read (the parser then says it is too large); decoded like the indicator import (UTF-8, UTF-16 with
 * BOM, or GBK from Excel). 'not-text' when it is not a text table.
 */
export async function readFacilityFile(
  file: Blob,
  o: {
    crs: InputCrs;
    defaultType?: FacilityType;
    region: RegionCheck;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<UserFacilityParse | 'not-text'> {
  const bytes = new Uint8Array(await file.slice(0, MAX_CSV_BYTES + 1).arrayBuffer());
  const text = decodeText(bytes);
  if (text === null) return 'not-text';
  const result = parseUserFacilities(text, {
    crs: o.crs,
    region: o.region,
    ...(o.defaultType ? { defaultType: o.defaultType } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  if (file.size > MAX_CSV_BYTES)
    result.fatal = result.fatal ?? {
      key: 'facility.fileTooLarge',
      params: { size: `${(file.size / 1048576).toFixed(1)} MB` },
    };
  return result;
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
  const counties = data.boundaries.county.features as CountyFeature[];
  return {
    facilities,
    completeness: completeness.rows,
    layout: unitLayout(rail.ctx.grid, new Map([...data.units].map(([code, u]) => [code, u]))),
    counties,
  };
}

/** The source every computed access value cites: the app's own model, with its inputs named. */
export const ACCESS_SOURCE: SourceInfo = {
  id: 'access-model',
  title:
    'Computed in this app: facility points (geo/build/facilities), 2020 census population by county, calibrated rail travel-time model',
  url: '',
};
