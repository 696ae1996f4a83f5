// Loads the app's data in parts, each once: the dataset (indicators, boundaries) at start-up, the
// rail engine's indicator series when one is on show (or a view lists every indicator), the
// rail build the first time a rail layer or an analysis needs it, the facilities the first time a
// facility layer or the accessibility analysis does. A failed part can be asked for again.
import { loadAccessData, type AccessData } from './access.ts';
import type { IndicatorRow } from '../core/types.ts';
import type { Dataset } from './dataset.ts';
import { appBaseUrl, loadDataset, loadIndicatorPart } from './load.ts';
import { loadRailData, type RailData } from './rail.ts';

export interface Loader {
  dataset(): Promise<Dataset>;
  /** The rail engine's series (data/indicators-rail.csv), for `addIndicatorPart`. */
  railIndicators(): Promise<IndicatorRow[]>;
  rail(data: Dataset): Promise<RailData>;
  access(data: Dataset, rail: RailData): Promise<AccessData>;
}

/** Keep the promise of a load; forget it if it fails, so the next call tries again. */
function once<A extends unknown[], T>(load: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  let pending: Promise<T> | null = null;
  return (...args) =>
    (pending ??= load(...args).catch((err: unknown) => {
      pending = null;
      throw err;
    }));
}

export function createLoader(base = appBaseUrl()): Loader {
  return {
    dataset: once(() => loadDataset(base)),
    railIndicators: once(() => loadIndicatorPart('rail')),
    rail: once((data: Dataset) => loadRailData(base, data)),
    access: once((data: Dataset, rail: RailData) => loadAccessData(base, data, rail)),
  };
}
