/**
 * The CLI's exit codes, one per kind of failure, so scripts can branch without reading messages. Errors map
 * by class (`instanceof`), never by message text. `help.ts` prints the same table.
 */
import { OutsideWorkspaceError } from '../core/files/containment';
import {
  CancelledError,
  DownloadFailedError,
  DownloadTooLargeError,
  GenerationFailedError,
  IncompleteDownloadError,
  InsecureUrlError,
  InsufficientBalanceError,
  InvalidInputError,
  NetworkError,
  RateLimitedError,
  RequestExpiredError,
  RunComfyAuthError,
  ServerError,
  TimeoutError,
  UnexpectedResponseError,
  UnknownModelError,
  UnsupportedMediaError,
} from '../runcomfy';

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 3,
  balance: 4,
  invalidInput: 5,
  generationFailed: 6,
  network: 7,
  service: 8,
  timeout: 9,
  notFound: 10,
  refused: 11,
  download: 12,
  notCancellable: 13,
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The documented table: code, name, when. */
export const EXIT_TABLE: readonly [ExitCode, string, string][] = [
  [EXIT.ok, 'ok', 'everything asked for was done'],
  [EXIT.failure, 'failure', 'an unexpected error (a bug, a file system error)'],
  [EXIT.usage, 'usage', 'unknown command or option, missing or malformed argument, bad RUNCOMFY_BASE_URL'],
  [EXIT.auth, 'auth', 'RUNCOMFY_API_TOKEN missing, wrong, expired or revoked (401/403/400004)'],
  [EXIT.balance, 'balance', 'the RunComfy account has no balance left (402/400002)'],
  [EXIT.invalidInput, 'invalid input', 'size, steps or model rejected (checked before sending, or 400/422/400001)'],
  [EXIT.generationFailed, 'generation failed', 'the job ran and failed on RunComfy (e.g. content policy)'],
  [EXIT.network, 'network', 'no usable answer: connection refused or reset, DNS, proxy, request timeout'],
  [EXIT.service, 'service', 'RunComfy kept answering 5xx or 429, or answered something unreadable'],
  [EXIT.timeout, 'timeout', 'stopped waiting (--timeout); the job may still finish: fetch it with `result`'],
  [EXIT.notFound, 'not found', 'RunComfy does not know the request id (expired, deleted, never existed)'],
  [EXIT.refused, 'refused', 'a target outside the project root, or a missing image without alt text'],
  [EXIT.download, 'download', 'an output could not be downloaded or is not an image/video'],
  [EXIT.notCancellable, 'not cancellable', '`cancel`: the job is already running or finished'],
  [EXIT.cancelled, 'cancelled', 'Ctrl-C (SIGINT/SIGTERM), "no" to a confirmation, or RunComfy reports the job cancelled'],
];

/** Thrown for bad command lines; main prints the message and the command's usage line. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An error the CLI raises itself with a chosen exit code (e.g. no token, a refused link). */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

/** The exit code for any error a command or job ended with. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof CancelledError || isAbortError(error)) return EXIT.cancelled;
  if (error instanceof RunComfyAuthError) return EXIT.auth;
  if (error instanceof InsufficientBalanceError) return EXIT.balance;
  if (error instanceof InvalidInputError || error instanceof UnknownModelError) return EXIT.invalidInput;
  if (error instanceof GenerationFailedError) return EXIT.generationFailed;
  if (error instanceof NetworkError) return EXIT.network;
  if (error instanceof ServerError || error instanceof RateLimitedError || error instanceof UnexpectedResponseError) return EXIT.service;
  if (error instanceof TimeoutError) return EXIT.timeout;
  if (error instanceof RequestExpiredError) return EXIT.notFound;
  if (error instanceof OutsideWorkspaceError) return EXIT.refused;
  if (
    error instanceof DownloadFailedError ||
    error instanceof DownloadTooLargeError ||
    error instanceof UnsupportedMediaError ||
    error instanceof InsecureUrlError ||
    error instanceof IncompleteDownloadError
  ) {
    return EXIT.download;
  }
  return EXIT.failure;
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
