// Fetches the app's data from its own origin (nothing else is ever requested) and builds the Dataset.
import type { FeatureCollection } from 'geojson';
import indicatorsUrl from '../../data/indicators.csv?url';
import railIndicatorsUrl from '../../data/indicators-rail.csv?url';
import catalogUrl from '../../data/catalog.json?url';
import sourcesUrl from '../../data/sources.json?url';
import {
  INDICATOR_PARTS,
  RAIL_PART_INDICATORS,
  parseIndicatorCsv,
  type IndicatorPart,
} from '../core/indicators.ts';
import {
  LEVELS,
  type IndicatorMeta,
  type IndicatorRow,
  type Level,
  type SourceInfo,
  type UnitInfo,
} from '../core/types.ts';
import { buildDataset, type Dataset } from './dataset.ts';
import { fetchJson, fetchOk } from './fetch.ts';

/** Absolute base URL of the app (files in geo/build are served from here). */
export function appBaseUrl(): string {
  return new URL(import.meta.env.BASE_URL, window.location.href).href;
}

const PART_URLS: Record<IndicatorPart, string> = { main: indicatorsUrl, rail: railIndicatorsUrl };

/** The rows of one part of the indicators file (INDICATOR_PARTS). */
export async function loadIndicatorPart(part: IndicatorPart): Promise<IndicatorRow[]> {
  const csv = await fetchOk(PART_URLS[part]).then((r) => r.text());
  const parsed = parseIndicatorCsv(csv, `data/${INDICATOR_PARTS[part]}`);
  // The build guarantees a clean file; a parse error here means a corrupted deployment.
  if (parsed.errors.length) {
    const e = parsed.errors[0]!;
    throw new Error(`${e.file}:${e.line}: ${e.reason}`);
  }
  return parsed.rows;
}

/**
 * The dataset with the main part of the indicators; the rail engine's series are catalogued but
 * pending until `addIndicatorPart` brings their rows (loaded when one is on show).
 */
export async function loadDataset(base = appBaseUrl()): Promise<Dataset> {
  const [unitsFile, rows, catalogFile, sourcesFile, ...boundaryFiles] = await Promise.all([
    fetchJson<{ units: UnitInfo[] }>(`${base}units.json`),
    loadIndicatorPart('main'),
    fetchJson<{ indicators: IndicatorMeta[] }>(catalogUrl),
    fetchJson<{ sources: SourceInfo[] }>(sourcesUrl),
    ...LEVELS.map((level) => fetchJson<FeatureCollection>(`${base}boundaries-${level}.geojson`)),
  ]);
  const boundaries = Object.fromEntries(LEVELS.map((level, i) => [level, boundaryFiles[i]!])) as Record<
    Level,
    FeatureCollection
  >;
  return buildDataset({
    units: unitsFile.units,
    boundaries,
    rows,
    catalog: catalogFile.indicators,
    sources: sourcesFile.sources,
    pending: RAIL_PART_INDICATORS,
  });
}
