/**
 * The protocol of the background worker (src/data/work.worker.ts), kept pure so it is tested in Node:
 * requests carry an id, a kind and a payload; the worker answers with any number of progress messages
 * and then exactly one result or error. Cancelling is the client's job (it ends the worker), so a
 * cancelled job simply never answers. Errors travel as one line of text, never as a stack.
 */

export interface JobRequest {
  id: number;
  kind: string;
  payload: unknown;
}

export type JobMessage =
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'result'; value: unknown }
  | { id: number; type: 'error'; message: string };

/** Called by a handler as it goes: `done` of `total` units of work (rows, facilities). */
export type Progress = (done: number, total: number) => void;

export type JobHandlers = Record<string, (payload: never, progress: Progress) => unknown>;

/**
 * Whether a value is a well-formed job message (the client ignores anything else).
 * @example isJobMessage({ id: 1, type: 'progress', done: 5, total: 10 }) // → true
 * @example isJobMessage({ id: 1, type: 'result' }) // → false
 */
export function isJobMessage(x: unknown): x is JobMessage {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  if (typeof m.id !== 'number') return false;
  if (m.type === 'progress') return typeof m.done === 'number' && typeof m.total === 'number';
  if (m.type === 'result') return 'value' in m;
  return m.type === 'error' && typeof m.message === 'string';
}

/**
 * The first line of an error's message, at most 300 characters (what the user sees; no stack).
 * @example oneLine(new Error('bad\n    at x.ts:1')) // → 'bad'
 */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const line = text.split('\n', 1)[0]!.trim() || (e instanceof Error ? e.name : 'error');
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/**
 * A progress callback that posts at most one message per `minMs` (and always the last one, done =
 * total), so a 100 k-row loop calling it every row does not flood the channel.
 * @example const p = throttledProgress(1, post, 100, () => performance.now()); p(1, 10);
 */
export function throttledProgress(
  id: number,
  post: (m: JobMessage) => void,
  minMs: number,
  now: () => number,
): Progress {
  let last = -Infinity;
  return (done, total) => {
    const t = now();
    if (done < total && t - last < minMs) return;
    last = t;
    post({ id, type: 'progress', done, total });
  };
}

/**
 * Run one request with its handler and post the outcome: one result, or one error line (unknown kind,
 * a throw, a rejected promise).
 * @example await serveJob({ id: 1, kind: 'sum', payload: [1, 2] }, { sum: (xs: number[]) => xs[0] + xs[1] }, post, now)
 * // post received { id: 1, type: 'result', value: 3 }
 */
export async function serveJob(
  req: JobRequest,
  handlers: JobHandlers,
  post: (m: JobMessage) => void,
  now: () => number,
  minMs = 100,
): Promise<void> {
  const handler = Object.hasOwn(handlers, req.kind) ? handlers[req.kind] : undefined;
  if (!handler) {
    post({ id: req.id, type: 'error', message: `unknown job kind "${String(req.kind)}"` });
    return;
  }
  try {
    const value = await handler(req.payload as never, throttledProgress(req.id, post, minMs, now));
    post({ id: req.id, type: 'result', value });
  } catch (e) {
    post({ id: req.id, type: 'error', message: oneLine(e) });
  }
}

export interface PendingJob {
  resolve: (value: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: Progress;
}

/** The error a cancelled job rejects with (`name` 'AbortError', like fetch's). */
export function cancelledError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}

/**
 * The client side's book of jobs in flight: numbers requests, routes the worker's messages to the
 * right promise, and fails every job at once when the worker is ended (cancel) or dies.
 * @example
 * const book = new JobBook();
 * const { request, promise } = book.start('table', payload, { onProgress });
 * worker.postMessage(request); worker.onmessage = (e) => book.receive(e.data);
 */
export class JobBook {
  private next = 1;
  private pending = new Map<number, PendingJob>();

  get size(): number {
    return this.pending.size;
  }

  start(
    kind: string,
    payload: unknown,
    o: { onProgress?: Progress } = {},
  ): { request: JobRequest; promise: Promise<unknown> } {
    const id = this.next++;
    const promise = new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(o.onProgress ? { onProgress: o.onProgress } : {}) });
    });
    return { request: { id, kind, payload }, promise };
  }

  /** A message from the worker; returns false when it was not for a job in flight (ignored). */
  receive(m: unknown): boolean {
    if (!isJobMessage(m)) return false;
    const job = this.pending.get(m.id);
    if (!job) return false;
    if (m.type === 'progress') job.onProgress?.(m.done, m.total);
    else {
      this.pending.delete(m.id);
      if (m.type === 'result') job.resolve(m.value);
      else job.reject(new Error(m.message));
    }
    return true;
  }

  /** Fail every job in flight (the worker was ended or crashed). */
  failAll(e: Error): void {
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const j of jobs) j.reject(e);
  }
}
