// Small hand-made indicator rows for chart and gap tests (indicator 'x', one source).
import { resolve } from 'node:path';
import { readIndicatorParts } from '../../data/scripts/lib/inputs.ts';
import type { IndicatorRow } from '../../src/core/types.ts';

/** Every row of the committed data (data/indicators*.csv). */
export const dataRows = (): IndicatorRow[] =>
  readIndicatorParts(resolve(import.meta.dirname, '../../data')).rows;

export const row = (unit_code: string, year: number, value: number, rank = 1): IndicatorRow => ({
  unit_code,
  indicator: 'x',
  year,
  value,
  unit: '',
  source_id: 's',
  confidence: 'high',
  rank,
  note: '',
});
