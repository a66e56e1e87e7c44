/**
 * Typed errors of the RunComfy client. Callers branch with `instanceof` and on the fields below, never on
 * message text; the message is written for the user and says what to do next.
 */

/** Fields a caller may branch on; each error class fills the ones that apply. */
export interface RunComfyErrorDetails {
  /** HTTP status of the response that caused the error, when there was one. */
  status?: number;
  /** RunComfy's numeric `error_code` (e.g. 400004) or a textual code, when the body carried one. */
  code?: number | string;
  /** The request this error belongs to; kept so a result can still be fetched later. */
  requestId?: string;
  /** How long the server asked us to wait before trying again. */
  retryAfterMs?: number;
  /** The input field at fault (validation errors). */
  field?: string;
  /**
   * Set on submit failures where the POST may have reached RunComfy (5xx, reset, unreadable reply): the
   * job may exist and be charged, so the user should check their RunComfy generations before resubmitting.
   */
  submitOutcomeUnknown?: boolean;
  cause?: unknown;
}

/** Base class of every error the client throws. */
export class RunComfyError extends Error {
  override name = 'RunComfyError';
  readonly status?: number;
  readonly code?: number | string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  readonly field?: string;
  readonly submitOutcomeUnknown: boolean;

  constructor(message: string, details: RunComfyErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
    this.field = details.field;
    this.submitOutcomeUnknown = details.submitOutcomeUnknown ?? false;
  }
}

/** Missing, wrong, expired or revoked token (401, 403, or 400 with code 400004). */
export class RunComfyAuthError extends RunComfyError {
  override name = 'RunComfyAuthError';
}

/** The account has no remaining balance (402, or 400 with code 400002). */
export class InsufficientBalanceError extends RunComfyError {
  override name = 'InsufficientBalanceError';
}

/** RunComfy does not know the model id (code 400001, or 404 on submit). */
export class UnknownModelError extends RunComfyError {
  override name = 'UnknownModelError';
}

/** The input does not match the model's schema; `field` names the culprit when known. */
export class InvalidInputError extends RunComfyError {
  override name = 'InvalidInputError';
}

/** The request id is unknown to RunComfy: expired, deleted or never existed (404001 while polling). */
export class RequestExpiredError extends RunComfyError {
  override name = 'RequestExpiredError';
}

/** The job ran and failed on RunComfy's side; `reason` is the server's own explanation. */
export class GenerationFailedError extends RunComfyError {
  override name = 'GenerationFailedError';
  constructor(
    readonly reason: string,
    details: RunComfyErrorDetails = {},
  ) {
    super(`RunComfy could not generate the image: ${reason}`, details);
  }
}

/** HTTP 429 after the client's own retries; `retryAfterMs` says when to try again when the server said. */
export class RateLimitedError extends RunComfyError {
  override name = 'RateLimitedError';
}

/** HTTP 5xx (or 408) after the client's own retries, or on a submit, which is never retried. */
export class ServerError extends RunComfyError {
  override name = 'ServerError';
}

/** No usable HTTP answer: connection refused or reset, DNS failure, proxy failure, request timeout. */
export class NetworkError extends RunComfyError {
  override name = 'NetworkError';
}

/** A response the client cannot read: HTML from a proxy, malformed JSON, a body of the wrong shape. */
export class UnexpectedResponseError extends RunComfyError {
  override name = 'UnexpectedResponseError';
}

/**
 * RunComfy reports success but the result names no output file the client can fetch (no http(s) URL
 * under `output`). `requestId` is kept so the user can look the generation up.
 */
export class NoOutputError extends UnexpectedResponseError {
  override name = 'NoOutputError';
}

/** `timeoutMs` passed while waiting. The job keeps running remotely; `requestId` lets a caller fetch it later. */
export class RunComfyTimeoutError extends RunComfyError {
  override name = 'RunComfyTimeoutError';
}

/**
 * The caller aborted (its `AbortSignal` fired), or RunComfy reports the job as cancelled
 * (`remote` is then true).
 */
export class CancelledError extends RunComfyError {
  override name = 'CancelledError';
  constructor(
    message: string,
    details: RunComfyErrorDetails & { remote?: boolean } = {},
  ) {
    super(message, details);
    this.remote = details.remote ?? false;
  }
  readonly remote: boolean;
}

/** The file is larger than the download cap (declared by Content-Length or seen while streaming). */
export class DownloadTooLargeError extends RunComfyError {
  override name = 'DownloadTooLargeError';
}

/** The downloaded bytes are not a supported image or video (e.g. an HTML error page). */
export class UnsupportedMediaError extends RunComfyError {
  override name = 'UnsupportedMediaError';
}

/** An output URL the client refuses to fetch: not `https` (plain `http` only against a loopback API). */
export class InsecureUrlError extends RunComfyError {
  override name = 'InsecureUrlError';
}

/** The connection ended before the whole file arrived (shorter than its Content-Length). */
export class IncompleteDownloadError extends RunComfyError {
  override name = 'IncompleteDownloadError';
}

/** The file host answered with an error status (e.g. 403/404 for an expired output URL). */
export class DownloadFailedError extends RunComfyError {
  override name = 'DownloadFailedError';
}

/**
 * The file host sent too slowly (below the minimum rate) or for too long (past the overall deadline).
 * Not retried: a trickling host would hold the job and its slot again.
 */
export class DownloadTooSlowError extends DownloadFailedError {
  override name = 'DownloadTooSlowError';
}

/** Alias under the name the brief uses; same class, so `instanceof` works with either. */
export { RunComfyTimeoutError as TimeoutError };
