// Jobs for the background worker (work.worker.ts): one worker per channel, started on first use.
// Cancelling a job ends its channel's worker (the only way to stop a synchronous parse half-way) and
// the next job starts a fresh one. Where workers cannot start (very old browsers) the job fails with
// a one-line message instead of freezing the page.
import { cancelledError, JobBook, type Progress } from '../core/jobs.ts';
import type { WorkKinds } from './work.worker.ts';

export type JobKind = keyof WorkKinds;
export type JobPayload<K extends JobKind> = Parameters<WorkKinds[K]>[0];
export type JobResult<K extends JobKind> = Awaited<ReturnType<WorkKinds[K]>>;

interface Channel {
  worker: Worker;
  book: JobBook;
}

const channels = new Map<string, Channel>();

function end(name: string, why: Error): void {
  const ch = channels.get(name);
  if (!ch) return;
  channels.delete(name);
  ch.worker.terminate();
  ch.book.failAll(why);
}

function channel(name: string): Channel {
  let ch = channels.get(name);
  if (ch) return ch;
  const worker = new Worker(new URL('./work.worker.ts', import.meta.url), { type: 'module' });
  const book = new JobBook();
  worker.onmessage = (e: MessageEvent) => book.receive(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    end(name, new Error(`the background worker stopped: ${e.message || 'could not start'}`));
  };
  worker.onmessageerror = () => end(name, new Error('the background worker sent an unreadable answer'));
  channels.set(name, (ch = { worker, book }));
  return ch;
}

export interface JobOptions {
  onProgress?: Progress;
  /** Aborting cancels the job (and any other job on its channel): it rejects with an AbortError. */
  signal?: AbortSignal;
  /** Jobs on one channel share a worker and are cancelled together (default: the kind). */
  channel?: string;
}

/**
 * Run a job in the worker.
 * @example const outcome = await runJob('table', { file, units, catalogue }, { onProgress, signal });
 */
export function runJob<K extends JobKind>(
  kind: K,
  payload: JobPayload<K>,
  o: JobOptions = {},
): Promise<JobResult<K>> {
  if (o.signal?.aborted) return Promise.reject(cancelledError());
  const name = o.channel ?? kind;
  let ch: Channel;
  try {
    ch = channel(name);
  } catch (e) {
    return Promise.reject(
      new Error(`the background worker could not start: ${e instanceof Error ? e.message : String(e)}`),
    );
  }
  const { request, promise } = ch.book.start(kind, payload, o.onProgress ? { onProgress: o.onProgress } : {});
  const abort = () => end(name, cancelledError());
  o.signal?.addEventListener('abort', abort, { once: true });
  try {
    ch.worker.postMessage(request);
  } catch (e) {
    end(
      name,
      new Error(
        `the file could not be handed to the background worker: ${e instanceof Error ? e.message : String(e)}`,
      ),
    );
  }
  return promise.finally(() => o.signal?.removeEventListener('abort', abort)) as Promise<JobResult<K>>;
}

/** Whether a rejection is a cancel (nothing to report). */
export const isCancel = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';
