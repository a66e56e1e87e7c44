/**
 * Runs regular expressions from user settings (the destination template's `${var/regex/…/}`, globs of
 * `markdown.copyFiles.destination`) with a time limit. JavaScript regexes backtrack, so a pattern like
 * `(a+)+$` takes exponential time on a long name; in the extension host that would freeze every extension.
 * A `node:vm` script with `timeout` is interrupted by V8 even inside a regex match, which no check of the
 * pattern's shape can promise for every pattern.
 */
import * as vm from 'node:vm';

/**
 * How long one user regex may run. Real patterns over file names take microseconds; the margin is for a
 * loaded machine, where starting the timeout's watchdog thread alone can take several milliseconds.
 */
export const REGEX_TIME_LIMIT_MS = 100;

/** The pattern did not finish within the limit. */
export class RegexTimeoutError extends Error {
  override name = 'RegexTimeoutError';
}

type Operation = { kind: 'replace'; replacement: string } | { kind: 'test' };

/** One context, made on first use (about 1 ms): nothing in it but the values of the current call. */
let context: vm.Context | undefined;
let replaceScript: vm.Script | undefined;
let testScript: vm.Script | undefined;

/**
 * `value.replace(new RegExp(source, flags), replacement)` within the time limit. Throws `SyntaxError` for
 * an invalid pattern and `RegexTimeoutError` when it runs too long.
 */
export function boundedReplace(value: string, source: string, replacement: string, flags = ''): string {
  return run(value, source, flags, { kind: 'replace', replacement }) as string;
}

/** `new RegExp(source, flags).test(value)` within the time limit; throws like {@link boundedReplace}. */
export function boundedTest(value: string, source: string, flags = ''): boolean {
  return run(value, source, flags, { kind: 'test' }) as boolean;
}

function run(value: string, source: string, flags: string, operation: Operation): string | boolean {
  // Compiled here first so an invalid pattern throws this realm's SyntaxError (instanceof works for callers).
  new RegExp(source, flags);
  context ??= vm.createContext(Object.create(null) as object);
  Object.assign(context, { value, source, flags, replacement: operation.kind === 'replace' ? operation.replacement : '' });
  const script =
    operation.kind === 'replace'
      ? (replaceScript ??= new vm.Script('value.replace(new RegExp(source, flags), replacement)'))
      : (testScript ??= new vm.Script('new RegExp(source, flags).test(value)'));
  try {
    return script.runInContext(context, { timeout: REGEX_TIME_LIMIT_MS }) as string | boolean;
  } catch (error) {
    if ((error as { code?: unknown })?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new RegexTimeoutError(`it took longer than ${REGEX_TIME_LIMIT_MS} ms to match (the pattern backtracks too much); simplify it`);
    }
    throw error;
  } finally {
    Object.assign(context, { value: '', replacement: '' });
  }
}
