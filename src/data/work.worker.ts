// The background worker: reads and checks the user's files (indicator tables, facility lists) off the
// main thread, so a 100 k-row file never freezes the page. A thin shell over src/core/jobs.ts (the
// protocol) and the readers of this room; started by worker-client.ts.
import { accessJobReport, type AccessJobInput } from '../core/access/analysis.ts';
import type { InputCrs } from '../core/access/crs.ts';
import { packFacilityParse } from '../core/access/csv.ts';
import type { FacilityType } from '../core/access/types.ts';
import type { CatalogueName } from '../core/import/match.ts';
import { serveJob, type JobHandlers, type JobRequest, type Progress } from '../core/jobs.ts';
import type { UnitInfo } from '../core/types.ts';
import { keepFirstIssues } from '../core/user-indicators.ts';
import { readFacilityFile, regionOf, type AccessData } from './access.ts';
import { readImportFile } from './import-file.ts';

export interface TableJob {
  file: File;
  units: readonly UnitInfo[];
  catalogue: readonly CatalogueName[];
  year?: number;
}

export interface FacilityJob {
  file: File;
  crs: InputCrs;
  defaultType?: FacilityType;
  counties: AccessData['counties'];
}

const handlers = {
  // The preview lists 200 issues: the rest are counted, not sent (a 100 k-issue answer took ½ s to receive).
  table: async (p: TableJob, progress: Progress) =>
    keepFirstIssues(await readImportFile(p.file, p.units, p.catalogue, p.year, progress), 1000),
  access: (p: AccessJobInput, progress: Progress) => accessJobReport(p, progress),
  // Sent as columns (packFacilityParse): 100 k row objects took the page ≈0.4 s to receive.
  facilities: async (p: FacilityJob, progress: Progress) => {
    const parsed = await readFacilityFile(p.file, {
      crs: p.crs,
      region: regionOf(p.counties),
      ...(p.defaultType ? { defaultType: p.defaultType } : {}),
      onProgress: progress,
    });
    return parsed === 'not-text' ? parsed : packFacilityParse(parsed, 1000);
  },
} satisfies JobHandlers;

export type WorkKinds = typeof handlers;

self.onmessage = (e: MessageEvent<JobRequest>) => {
  void serveJob(
    e.data,
    handlers,
    (m) => self.postMessage(m),
    () => performance.now(),
  );
};
