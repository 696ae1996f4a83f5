// One background job at a time for a panel (a file being read, a large accessibility run): starting
// a job cancels the one before; `progress` feeds JobProgress; the outcome says whether the job was
// superseded by a newer one, so callers ignore stale answers.
import type { Lang } from '../core/format.ts';
import { isCancel, runJob, type JobKind, type JobPayload, type JobResult } from '../data/worker-client.ts';
import { t } from '../i18n/messages.ts';

export type JobOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown; superseded: boolean };

export class JobSlot {
  /** The job running now (`name` is what the progress bar says), or null. */
  progress = $state.raw<{ name: string; done: number; total: number } | null>(null);
  /** The last job that ended without a result (cancelled or failed), for a one-line note. */
  failed = $state.raw<{ name: string; error: unknown } | null>(null);
  #stop: AbortController | null = null;

  cancel(): void {
    this.#stop?.abort();
  }

  async run<K extends JobKind>(
    name: string,
    kind: K,
    payload: JobPayload<K>,
  ): Promise<JobOutcome<JobResult<K>>> {
    this.#stop?.abort();
    const stop = new AbortController();
    this.#stop = stop;
    this.progress = { name, done: 0, total: 0 };
    this.failed = null;
    const current = () => this.#stop === stop;
    try {
      const value = await runJob(kind, payload, {
        signal: stop.signal,
        onProgress: (done, total) => {
          if (current()) this.progress = { name, done, total };
        },
      });
      return { ok: true, value };
    } catch (error) {
      // A superseded job says nothing: the newer one owns the note.
      if (current()) this.failed = { name, error };
      return { ok: false, error, superseded: !current() };
    } finally {
      if (current()) {
        this.progress = null;
        this.#stop = null;
      }
    }
  }
}

/** The note for a job that ended without a result: cancelled, or failed with its reason. */
export function jobNote(lang: Lang, failed: { name: string; error: unknown } | null): string | null {
  if (!failed) return null;
  const { name, error } = failed;
  return isCancel(error)
    ? t(lang, 'job.cancelled', { name })
    : t(lang, 'job.failed', { name, reason: error instanceof Error ? error.message : String(error) });
}
