// One top-level handler for every command-line tool: a one-line message on stderr naming the argument
// or file (and line), exit code 2 for bad arguments and 1 for work that failed, and no stack trace
// unless --debug is given. Also the checked file readers they share: size limits before reading, and
// only regular files (a folder, /dev/zero or a FIFO would fail, read forever or hang).
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** An error for the user: message and exit code (2: the command line is wrong; 1: the work failed). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}
/** The command line is wrong (exit 2). */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}
/** The arguments were fine but the work failed: unusable data or files (exit 1). */
export class WorkError extends CliError {
  constructor(message: string) {
    super(message, 1);
  }
}

/** Inputs larger than this are refused before reading (the largest build file is a few MB). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;

/**
 * Check that `path` names a regular file no larger than `maxBytes`, without opening it.
 * `what` names the argument (e.g. "--facilities") so the message says which one is wrong.
 * @example checkInputFile('x.csv', '--facilities', 10 * 1024 * 1024)
 */
export function checkInputFile(
  path: string,
  what: string,
  maxBytes = MAX_INPUT_BYTES,
  Err: new (m: string) => CliError = UsageError,
): number {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new Err(`${what}: ${path} not found`);
    if (code === 'EACCES') throw new Err(`${what}: ${path}: permission denied`);
    throw new Err(`${what}: ${path}: cannot read (${code ?? 'error'})`);
  }
  if (st.isDirectory()) throw new Err(`${what}: ${path} is a folder, not a file`);
  if (!st.isFile())
    throw new Err(`${what}: ${path} is not a regular file (a device, FIFO or socket is never read)`);
  if (st.size > maxBytes)
    throw new Err(`${what}: ${path} is ${mb(st.size)}; at most ${mb(maxBytes)} is read`);
  return st.size;
}

/** Read a regular file's bytes after checkInputFile; never reads more than the limit. */
export function readInputBytes(
  path: string,
  what: string,
  maxBytes = MAX_INPUT_BYTES,
  Err: new (m: string) => CliError = UsageError,
): Buffer {
  const size = checkInputFile(path, what, maxBytes, Err);
  // Read at most size + 1 bytes: a file that grew since stat is still bounded.
  const buf = Buffer.alloc(Math.min(size, maxBytes) + 1);
  const fd = openSync(path, 'r');
  let n = 0;
  try {
    for (let got = 1; got > 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
  } finally {
    closeSync(fd);
  }
  if (n > maxBytes) throw new Err(`${what}: ${path} is larger than ${mb(maxBytes)}`);
  return buf.subarray(0, n);
}

/** Read a regular file as UTF-8 (BOM removed) after checkInputFile. */
export function readInputFile(
  path: string,
  what: string,
  maxBytes = MAX_INPUT_BYTES,
  Err: new (m: string) => CliError = UsageError,
): string {
  return readInputBytes(path, what, maxBytes, Err)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}

/**
 * Line and column (1-based) of a JSON.parse error, from the position V8 reports.
 * @example jsonErrorAt('{\n  x}', new SyntaxError('Unexpected token x in JSON at position 4')) // { line: 2, column: 3 }
 */
export function jsonErrorAt(text: string, err: unknown): { line: number; column: number } | null {
  const msg = err instanceof Error ? err.message : '';
  const lc = /line (\d+) column (\d+)/.exec(msg);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /at position (\d+)/.exec(msg);
  if (!pos) return null;
  const before = text.slice(0, Number(pos[1]));
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

/** Parse JSON read from `path`; a syntax error names the file, line and column. */
export function parseJsonFile<T>(
  text: string,
  path: string,
  what: string,
  Err: new (m: string) => CliError = UsageError,
): T {
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    const at = jsonErrorAt(text, err);
    const where = at ? `${path}:${at.line}:${at.column}` : path;
    const reason = (err instanceof Error ? err.message : String(err))
      .split('\n')[0]!
      .replace(/^JSON\.parse: /, '');
    throw new Err(`${what}: ${where}: not valid JSON (${reason.replace(/ in JSON at position \d+.*$/, '')})`);
  }
}

/**
 * A real calendar day written YYYY-MM-DD (2024-02-30 and 2024-13-01 are not).
 * @example isCalendarDate('2024-02-29') // true
 */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** An output file can be written: its folder exists and it is not itself a folder or a device. */
export function checkOutputFile(path: string, what: string): void {
  const dir = dirname(path);
  if (!existsSync(dir))
    throw new UsageError(`${what}: cannot write ${path}: the folder ${dir} does not exist`);
  if (!statSync(dir).isDirectory())
    throw new UsageError(`${what}: cannot write ${path}: ${dir} is not a folder`);
  if (existsSync(path) && !statSync(path).isFile())
    throw new UsageError(`${what}: cannot write ${path}: it is a folder or a device, not a file`);
}

/** A file-system error as one line: "cannot read x: is a folder" rather than a stack. */
function fsMessage(err: NodeJS.ErrnoException): string {
  const what: Record<string, string> = {
    ENOENT: 'not found',
    EISDIR: 'is a folder, not a file',
    ENOTDIR: 'a part of the path is not a folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOSPC: 'no space left on the device',
    EMFILE: 'too many open files',
  };
  const path = err.path ?? '';
  return `${err.syscall ?? 'file'} ${path}: ${what[err.code!] ?? err.code}`.trim();
}

export interface CliOptions {
  /** Errors of these classes are bad arguments (exit 2), e.g. a core module's own error type. */
  usageErrors?: (new (...args: never[]) => Error)[];
  /** Said after a bad-argument message, e.g. '--help'. */
  help?: string;
}

/**
 * Run a CLI's main function under the shared handler and exit with its code.
 * `--debug` anywhere on the command line is removed from argv and prints stacks.
 * @example runCli((argv) => { console.log(argv); return 0; });
 */
export function runCli(
  main: (argv: string[]) => number | void | Promise<number | void>,
  opts: CliOptions = {},
  argv: readonly string[] = process.argv.slice(2),
): void {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const fail = (err: unknown): never => {
    let code: 1 | 2 = 1;
    let message: string;
    if (err instanceof CliError) {
      code = err.exitCode;
      message = err.message;
    } else if (err instanceof Error && opts.usageErrors?.some((E) => err instanceof E)) {
      code = 2;
      message = err.message;
    } else if (err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string') {
      message = fsMessage(err as NodeJS.ErrnoException);
    } else {
      const first = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
      message = `unexpected failure: ${first}${debug ? '' : ' (run with --debug for details)'}`;
    }
    const hint = code === 2 && opts.help ? ` (see ${opts.help})` : '';
    process.stderr.write(message ? `error: ${message}${hint}\n` : '');
    if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    process.exit(code);
  };
  try {
    const result = main(args);
    if (result instanceof Promise) result.then((c) => process.exit(c ?? 0), fail);
    else process.exitCode = result ?? 0;
  } catch (err) {
    fail(err);
  }
}
