// Readers for the upstream files the boundaries build uses. They throw InputError (file, line,
// reason) instead of exiting, so tests can call them; build steps turn that into fail().
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Feature, FeatureCollection } from 'geojson';
import type { Areal } from './geom.ts';

export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'InputError';
  }
}

/** Upstream files, relative to shared/data. */
export const SRC = {
  adcodes: 'boundaries/jjj_adcodes_gbt2260.csv',
  county: 'boundaries/jjj_county_tianditu_wgs84.geojson',
  city: 'boundaries/jjj_city_tianditu_wgs84.geojson',
  province: 'boundaries/jjj_context_province_tianditu_wgs84.geojson',
  countyGcj02: 'boundaries/jjj_county_datav2020_gcj02.geojson',
  indicators: ['indicators/indicators.csv', 'indicators/indicators_round2.csv'],
} as const;

export type AdcodeLevel = 'municipality' | 'province' | 'prefecture' | 'county';

/** One row of jjj_adcodes_gbt2260.csv. */
export interface AdcodeRow {
  adcode: string;
  name: string;
  level: AdcodeLevel;
  /** null for province-level rows. */
  parent: string | null;
  province: string;
  inXiongan: boolean;
  /** 1-based line in the CSV, for error messages. */
  line: number;
}

const ADCODE_LEVELS: readonly string[] = ['municipality', 'province', 'prefecture', 'county'];

function parseCsv(path: string): Record<string, string>[] {
  const res = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  const err = res.errors[0];
  // Papa rows are 0-based data rows; +2 = header line + 1-based numbering.
  if (err) throw new InputError(path, (err.row ?? -1) + 2, `CSV parse error: ${err.message}`);
  return res.data;
}

function need(row: Record<string, string>, col: string, path: string, line: number): string {
  const v = row[col];
  if (v === undefined) throw new InputError(path, line, `missing column "${col}"`);
  return v.trim();
}

export function readAdcodes(path: string): AdcodeRow[] {
  return parseCsv(path).map((r, i) => {
    const line = i + 2;
    const adcode = need(r, 'adcode', path, line);
    const level = need(r, 'level', path, line);
    if (!/^\d{6}$/.test(adcode)) throw new InputError(path, line, `adcode "${adcode}" is not 6 digits`);
    if (!ADCODE_LEVELS.includes(level)) throw new InputError(path, line, `unknown level "${level}"`);
    const parent = need(r, 'parent_adcode', path, line);
    const flag = need(r, 'in_xiongan', path, line);
    if (!['', '0', '1'].includes(flag)) throw new InputError(path, line, `in_xiongan "${flag}" is not 0/1`);
    return {
      adcode,
      name: need(r, 'name', path, line),
      level: level as AdcodeLevel,
      parent: parent === '' ? null : parent,
      province: need(r, 'province_adcode', path, line),
      inXiongan: flag === '1',
      line,
    };
  });
}

/** English (and Chinese) names of units as printed in the cited indicator files. */
export interface SourceName {
  name_zh: string;
  name_en: string;
  file: string;
  line: number;
}

/** unit code → names from the indicator CSVs; conflicting English names for one code are an error. */
export function readSourceNames(paths: readonly string[]): Map<string, SourceName> {
  const names = new Map<string, SourceName>();
  for (const path of paths) {
    parseCsv(path).forEach((r, i) => {
      const line = i + 2;
      const code = need(r, 'unit_adcode', path, line);
      const name: SourceName = {
        name_zh: need(r, 'unit_name_zh', path, line),
        name_en: need(r, 'unit_name_en', path, line),
        file: path,
        line,
      };
      const seen = names.get(code);
      if (!seen) names.set(code, name);
      else if (seen.name_en !== name.name_en)
        throw new InputError(
          path,
          line,
          `unit ${code} is "${name.name_en}" here but "${seen.name_en}" in ${seen.file}:${seen.line}`,
        );
    });
  }
  return names;
}

export type ArealFeature = Feature<Areal, Record<string, unknown>>;

/** A Tianditu layer: features keyed by their numeric `adcode` property, as a string. */
export function readAdcodeLayer(path: string): Map<string, ArealFeature> {
  let fc: FeatureCollection;
  try {
    fc = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection;
  } catch (e) {
    throw new InputError(path, 0, `not valid JSON: ${(e as Error).message}`);
  }
  if (fc.type !== 'FeatureCollection') throw new InputError(path, 0, 'not a FeatureCollection');
  const out = new Map<string, ArealFeature>();
  fc.features.forEach((f, i) => {
    const code = String(f.properties?.['adcode'] ?? '');
    const t = f.geometry?.type;
    if (!/^\d{6}$/.test(code)) throw new InputError(path, 0, `feature #${i} has no 6-digit adcode`);
    if (t !== 'Polygon' && t !== 'MultiPolygon')
      throw new InputError(path, 0, `feature ${code} is a ${String(t)}, not a polygon`);
    if (out.has(code)) throw new InputError(path, 0, `adcode ${code} appears twice`);
    out.set(code, f as ArealFeature);
  });
  return out;
}
