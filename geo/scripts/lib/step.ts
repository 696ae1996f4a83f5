// Runs one build step and turns any thrown error into fail(), so the build stops with the file,
// line and reason instead of a bare stack trace.
import { relative } from 'node:path';
import { fail, REPO_ROOT } from './build-io.ts';
import { InputError } from './sources.ts';

export function runStep(stepFile: string, main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((e: unknown) => {
      if (e instanceof InputError) fail(e.file, e.line, e.message);
      const msg = e instanceof Error ? e.message : String(e);
      if (process.env['JJJ_DEBUG'] && e instanceof Error) console.error(e.stack);
      fail(relative(REPO_ROOT, stepFile), 0, msg);
    });
}
