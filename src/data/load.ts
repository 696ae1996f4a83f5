// Fetches the app's data from its own origin (nothing else is ever requested) and builds the Dataset.
import type { FeatureCollection } from 'geojson';
import indicatorsUrl from '../../data/indicators.csv?url';
import catalogUrl from '../../data/catalog.json?url';
import sourcesUrl from '../../data/sources.json?url';
import { parseIndicatorCsv } from '../core/indicators.ts';
import { LEVELS, type IndicatorMeta, type Level, type SourceInfo, type UnitInfo } from '../core/types.ts';
import { buildDataset, type Dataset } from './dataset.ts';
import { fetchJson, fetchOk } from './fetch.ts';

/** Absolute base URL of the app (files in geo/build are served from here). */
export function appBaseUrl(): string {
  return new URL(import.meta.env.BASE_URL, window.location.href).href;
}

export async function loadDataset(base = appBaseUrl()): Promise<Dataset> {
  const [unitsFile, csv, catalogFile, sourcesFile, ...boundaryFiles] = await Promise.all([
    fetchJson<{ units: UnitInfo[] }>(`${base}units.json`),
    fetchOk(indicatorsUrl).then((r) => r.text()),
    fetchJson<{ indicators: IndicatorMeta[] }>(catalogUrl),
    fetchJson<{ sources: SourceInfo[] }>(sourcesUrl),
    ...LEVELS.map((level) => fetchJson<FeatureCollection>(`${base}boundaries-${level}.geojson`)),
  ]);
  const parsed = parseIndicatorCsv(csv, 'data/indicators.csv');
  // The build guarantees a clean file; a parse error here means a corrupted deployment.
  if (parsed.errors.length) {
    const e = parsed.errors[0]!;
    throw new Error(`${e.file}:${e.line}: ${e.reason}`);
  }
  const boundaries = Object.fromEntries(LEVELS.map((level, i) => [level, boundaryFiles[i]!])) as Record<
    Level,
    FeatureCollection
  >;
  return buildDataset({
    units: unitsFile.units,
    boundaries,
    rows: parsed.rows,
    catalog: catalogFile.indicators,
    sources: sourcesFile.sources,
  });
}
