/**
 * Command-line parsing with Node's `util.parseArgs`: strict (unknown options are usage errors), with the
 * options every command shares and checked conversions for numbers.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './exitCodes';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts. */
export const commonOptions = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
} as const satisfies Options;

/** Options of the commands that run jobs. */
export const jobOptions = {
  root: { type: 'string' },
  timeout: { type: 'string' },
} as const satisfies Options;

/** Options of the commands that generate images. */
export const generationOptions = {
  width: { type: 'string' },
  height: { type: 'string' },
  steps: { type: 'string' },
  model: { type: 'string' },
  offline: { type: 'boolean' },
  concurrency: { type: 'string' },
} as const satisfies Options;

/** `parseArgs` with positionals allowed, its errors turned into usage errors. */
export function parseCommandLine<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '.') : String(error));
  }
}

/** An optional whole-number option within `min`–`max`. */
export function integerOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}".`);
  }
  return number;
}

/** The longest `--timeout`: 7 days, like `runcomfy.jobTimeoutMinutes`' maximum, well within what a timer holds. */
export const MAX_TIMEOUT_SECONDS = 7 * 24 * 60 * 60;

/** `--timeout SECONDS` (fractions allowed) in milliseconds; refused before anything is submitted. */
export function timeoutOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(`--timeout must be a number of seconds from more than 0 to ${MAX_TIMEOUT_SECONDS} (7 days), got "${value}".`);
  }
  return seconds * 1000;
}

/** Exactly one positional (a request id). */
export function singlePositional(positionals: string[], what: string): string {
  if (positionals.length !== 1 || !positionals[0]!.trim()) throw new UsageError(`Give exactly one ${what}.`);
  return positionals[0]!.trim();
}
