/**
 * Retrying idempotent requests: capped exponential backoff with jitter, `Retry-After` (seconds or HTTP date)
 * honoured within sane bounds, and sleeps that end the moment the caller aborts. Never used for submit.
 */
import { CancelledError, NetworkError, RateLimitedError, RunComfyError, ServerError, UnexpectedResponseError } from './errors';
import type { Logger } from './types';

/** Time as the client sees it; tests replace it to record or shorten waits. */
export interface Clock {
  /** Milliseconds on a monotonic scale (only differences matter). */
  now(): number;
  /** Resolves after `ms`, or rejects with a `CancelledError` as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** How GET requests (status, result, download) and cancel are retried. */
export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Backoff before the second attempt; doubles each time. */
  baseDelayMs: number;
  /** Backoff never exceeds this. */
  maxDelayMs: number;
  /** A server's `Retry-After` is clamped into [min, max] so neither a 0 nor a day-long value hurts. */
  minRetryAfterMs: number;
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  minRetryAfterMs: 500,
  maxRetryAfterMs: 30_000,
};

/** A sleep that rejects at once on abort and leaves no timer behind. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(cancelledBy(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledBy(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const systemClock: Clock = { now: () => performance.now(), sleep: abortableSleep };

/** The error an aborted operation ends with; keeps the abort reason as the cause. */
export function cancelledBy(signal: AbortSignal, requestId?: string): CancelledError {
  if (signal.reason instanceof CancelledError) return signal.reason;
  return new CancelledError('Cancelled.', { cause: signal.reason, requestId });
}

/**
 * Milliseconds from a `Retry-After` header: delay-seconds (`"3"`, `"1.5"`) or an HTTP date. Undefined when
 * absent or unreadable. Not clamped; see `clampRetryAfter`.
 */
export function parseRetryAfterMs(value: string | string[] | undefined, nowEpochMs = Date.now()): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowEpochMs);
}

export function clampRetryAfter(ms: number, policy: RetryPolicy): number {
  return Math.min(policy.maxRetryAfterMs, Math.max(policy.minRetryAfterMs, ms));
}

/** Backoff before attempt `attempt + 1` (attempt counts from 1): capped exponential, "equal jitter". */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // Half fixed, half random: spreads clients apart without ever retrying back to back.
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** Error codes of transport failures worth another try (Node's and undici's). */
const transientCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Every string `code` in the error's `cause` chain, outermost first (undici wraps Node's socket errors). */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 8; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** True when `error` or anything in its `cause` chain is a transient transport failure. */
export function isTransientTransportError(error: unknown): boolean {
  return errorCodes(error).some((code) => transientCodes.has(code));
}

/** Whether one of the client's own errors deserves another attempt of an idempotent request. */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof CancelledError) return false;
  return (
    error instanceof RateLimitedError ||
    error instanceof ServerError ||
    (error instanceof NetworkError && isTransientTransportError(error)) ||
    // A garbled body on a GET is usually a proxy hiccup; a fresh read costs nothing.
    error instanceof UnexpectedResponseError
  );
}

export interface RetryContext {
  policy: RetryPolicy;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
  /** Names the operation in log lines. */
  what: string;
  /** Defaults to `isRetryableError`. */
  shouldRetry?: (error: unknown) => boolean;
  random?: () => number;
}

/** Runs `attempt` until it succeeds, fails for good, runs out of attempts, or the caller aborts. */
export async function withRetries<T>(attempt: (attemptNumber: number) => Promise<T>, context: RetryContext): Promise<T> {
  const shouldRetry = context.shouldRetry ?? isRetryableError;
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (context.signal?.aborted) throw cancelledBy(context.signal);
      if (attemptNumber >= context.policy.maxAttempts || !shouldRetry(error)) throw error;
      const retryAfterMs = error instanceof RunComfyError ? error.retryAfterMs : undefined;
      const delayMs =
        retryAfterMs === undefined
          ? backoffDelayMs(attemptNumber, context.policy, context.random)
          : clampRetryAfter(retryAfterMs, context.policy);
      context.logger.warn(
        `${context.what} failed (${error instanceof Error ? error.message : String(error)}); ` +
          `attempt ${attemptNumber + 1} of ${context.policy.maxAttempts} in ${Math.round(delayMs)} ms`,
      );
      await context.clock.sleep(delayMs, context.signal);
    }
  }
}
