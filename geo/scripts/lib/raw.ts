// Loads the upstream inputs of the boundaries build from shared/data (steps only; tests read the
// same files through sources.ts directly so they can skip when shared/data is absent).
import { sharedPath } from './build-io.ts';
import { readAdcodeLayer, readAdcodes, readSourceNames, SRC } from './sources.ts';
import type { AdcodeRow, SourceName } from './sources.ts';
import type { RawLayers } from './units.ts';

export interface RawInputs {
  adcodes: AdcodeRow[];
  layers: RawLayers;
  names: Map<string, SourceName>;
}

export function loadRawInputs(): RawInputs {
  return {
    adcodes: readAdcodes(sharedPath(SRC.adcodes)),
    layers: {
      county: readAdcodeLayer(sharedPath(SRC.county)),
      city: readAdcodeLayer(sharedPath(SRC.city)),
      province: readAdcodeLayer(sharedPath(SRC.province)),
    },
    names: readSourceNames(SRC.indicators.map((p) => sharedPath(p))),
  };
}
