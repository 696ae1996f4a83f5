// Files behind the isochrone view: the bands as GeoJSON and the reachable units as CSV.
import type { FeatureCollection } from 'geojson';
import { csvLine, UTF8_BOM } from './data.ts';
import type { RailAnalysis } from '../view/rail-analysis.ts';

export function isochroneGeoJson(a: RailAnalysis): FeatureCollection {
  const { iso } = a;
  const meta = {
    year: iso.year,
    origin: iso.origin,
    params: iso.params,
    population_source: 'census 2020 by county, spread over grid cells',
  };
  return {
    type: 'FeatureCollection',
    features: [
      ...iso.polygons.features.map((f) => ({ ...f, properties: { ...f.properties, kind: 'band', ...meta } })),
      ...(a.change
        ? [{ ...a.change.feature, properties: { ...a.change.feature.properties, kind: 'entered' } }]
        : []),
    ],
  };
}

/** One row per band and reachable unit (cities and counties), with residents reached and the share. */
export function reachCsv(a: RailAnalysis): string {
  const rows = [
    csvLine([
      'band_minutes',
      'level',
      'code',
      'name_zh',
      'name_en',
      'population_reached',
      'population_total',
      'share',
    ]),
  ];
  for (const band of a.iso.summary) {
    for (const [level, units] of [
      ['city', band.cities],
      ['county', band.counties],
    ] as const) {
      for (const u of units) {
        rows.push(
          csvLine([
            band.minutes,
            level,
            u.code,
            u.name_zh,
            u.name_en,
            Math.round(u.population),
            Math.round(u.total),
            u.share.toFixed(4),
          ]),
        );
      }
    }
  }
  return UTF8_BOM + rows.join('\r\n') + '\r\n';
}
