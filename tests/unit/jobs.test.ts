// The background worker's protocol (src/core/jobs.ts): requests answered by progress then one result
// or one error line; the client's book routes answers, ignores strays, and fails all jobs on cancel.
import { describe, expect, it } from 'vitest';
import {
  cancelledError,
  isJobMessage,
  JobBook,
  oneLine,
  serveJob,
  throttledProgress,
  type JobMessage,
} from '../../src/core/jobs.ts';

describe('serveJob', () => {
  it('posts progress, then exactly one result', async () => {
    const out: JobMessage[] = [];
    let clock = 0;
    await serveJob(
      { id: 7, kind: 'count', payload: 10 },
      {
        count: (n: number, progress) => {
          for (let i = 0; i <= n; i++) {
            clock += 30;
            progress(i, n);
          }
          return n * 2;
        },
      },
      (m) => out.push(m),
      () => clock,
      100,
    );
    const last = out.at(-1)!;
    expect(last).toEqual({ id: 7, type: 'result', value: 20 });
    expect(out.filter((m) => m.type === 'result')).toHaveLength(1);
    const progress = out.filter((m) => m.type === 'progress');
    // Throttled: 11 calls 30 ms apart give one message per ≥100 ms, plus the final done = total.
    expect(progress.length).toBeLessThan(11);
    expect(progress.at(-1)).toEqual({ id: 7, type: 'progress', done: 10, total: 10 });
  });

  it('a throw, a rejected promise and an unknown kind each give one error line without a stack', async () => {
    const out: JobMessage[] = [];
    const handlers = {
      boom: () => {
        throw new Error('bad row\n    at parse (csv.ts:12:3)');
      },
      later: async () => Promise.reject(new TypeError('no file')),
    };
    await serveJob(
      { id: 1, kind: 'boom', payload: null },
      handlers,
      (m) => out.push(m),
      () => 0,
    );
    await serveJob(
      { id: 2, kind: 'later', payload: null },
      handlers,
      (m) => out.push(m),
      () => 0,
    );
    await serveJob(
      { id: 3, kind: 'toString', payload: null },
      handlers,
      (m) => out.push(m),
      () => 0,
    );
    expect(out).toEqual([
      { id: 1, type: 'error', message: 'bad row' },
      { id: 2, type: 'error', message: 'no file' },
      { id: 3, type: 'error', message: 'unknown job kind "toString"' },
    ]);
  });
});

describe('JobBook', () => {
  it('routes progress and results to the right job and ignores strays', async () => {
    const book = new JobBook();
    const seen: number[] = [];
    const a = book.start('table', { n: 1 }, { onProgress: (d) => seen.push(d) });
    const b = book.start('table', { n: 2 });
    expect(a.request.id).not.toBe(b.request.id);
    expect(book.receive({ id: a.request.id, type: 'progress', done: 3, total: 9 })).toBe(true);
    expect(book.receive({ id: 999, type: 'result', value: 1 })).toBe(false);
    expect(book.receive({ id: a.request.id, type: 'bogus' })).toBe(false);
    expect(book.receive('hello')).toBe(false);
    book.receive({ id: b.request.id, type: 'error', message: 'too many rows' });
    book.receive({ id: a.request.id, type: 'result', value: 'ok' });
    await expect(a.promise).resolves.toBe('ok');
    await expect(b.promise).rejects.toThrow('too many rows');
    expect(seen).toEqual([3]);
    expect(book.size).toBe(0);
    // A late answer for a finished job is ignored.
    expect(book.receive({ id: a.request.id, type: 'result', value: 'again' })).toBe(false);
  });

  it('cancel fails every job in flight with an AbortError', async () => {
    const book = new JobBook();
    const a = book.start('facilities', null);
    const b = book.start('table', null);
    book.failAll(cancelledError());
    await expect(a.promise).rejects.toMatchObject({ name: 'AbortError' });
    await expect(b.promise).rejects.toMatchObject({ name: 'AbortError' });
    expect(book.size).toBe(0);
  });
});

describe('helpers', () => {
  it('isJobMessage checks the shape', () => {
    expect(isJobMessage({ id: 1, type: 'progress', done: 1, total: 2 })).toBe(true);
    expect(isJobMessage({ id: 1, type: 'progress', done: '1', total: 2 })).toBe(false);
    expect(isJobMessage({ id: 1, type: 'result', value: undefined })).toBe(true);
    expect(isJobMessage({ id: 1, type: 'error' })).toBe(false);
    expect(isJobMessage(null)).toBe(false);
  });

  it('oneLine keeps the first line, at most 300 characters', () => {
    expect(oneLine(new Error('x\ny'))).toBe('x');
    expect(oneLine('a'.repeat(1000))).toHaveLength(300);
    expect(oneLine(new RangeError(''))).toBe('RangeError');
  });

  it('throttledProgress always posts the last step', () => {
    const out: JobMessage[] = [];
    const p = throttledProgress(
      1,
      (m) => out.push(m),
      1000,
      () => 5,
    );
    p(0, 3);
    p(1, 3);
    p(3, 3);
    expect(out.map((m) => (m.type === 'progress' ? m.done : -1))).toEqual([0, 3]);
  });
});
