/**
 * The poll loop behind `run` and `wait`: polls `/result` (it answers with the current state until the job
 * ends, so each poll is one round trip), paced by `pollSchedule` and the client-wide `PollRateLimiter`,
 * reporting progress, learning how long this kind of job takes, and turning terminal states into a
 * result or a typed error. It re-reads the learned duration before every wait and wakes up when another
 * job of its kind teaches a new one, so jobs submitted before the first of their kind ended still
 * benefit from it.
 */
import { CancelledError, GenerationFailedError, InvalidInputError, RunComfyTimeoutError } from './errors';
import type { LearnedDurations } from './learnedDurations';
import type { PollPeers } from './pollPeers';
import type { PollRateLimiter } from './pollRateLimit';
import { estimateEndMs, nextPollDelayMs, preciseServerDurationMs, type PollPolicy } from './pollSchedule';
import type { Clock } from './retry';
import type { JobResult, JobStatus, JobUpdate } from './types';

export type SucceededResult = Extract<JobResult, { state: 'succeeded' }>;

export interface PollDependencies {
  clock: Clock;
  policy: PollPolicy;
  learned: LearnedDurations;
  /** Shared by every poll loop of one client. */
  peers: PollPeers;
  /** Shared by every poll loop of one client: the cap on polls per second across jobs. */
  rateLimiter: PollRateLimiter;
  /** One `/result` read (with its own retries), plus the reply's `Retry-After` hint. */
  readResult(signal: AbortSignal): Promise<{ result: JobResult; retryAfterHintMs?: number }>;
}

export interface PollOptions {
  requestId: string;
  signal?: AbortSignal;
  onUpdate?: (update: JobUpdate) => void;
  timeoutMs?: number;
  /** How long ago the job was submitted, when known; then the learned duration applies. */
  sinceSubmitMs?: number;
  /** Groups jobs for the learned durations; undefined disables learning and prediction. */
  durationKey?: string;
}

/**
 * The longest delay a Node timer (and so `AbortSignal.timeout`) can hold: 2^31−1 ms, about 24.8 days.
 * Longer values do not wait longer: Node fires them after 1 ms (or throws), which would end the wait at once.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Throws `InvalidInputError` unless `timeoutMs` is absent or a number greater than 0 (Infinity: no timeout). */
export function checkTimeoutMs(timeoutMs: number | undefined): void {
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    throw new InvalidInputError(`The wait timeout must be a number of milliseconds greater than 0, got ${timeoutMs}.`, { field: 'timeoutMs' });
  }
}

/** Polls until the job ends. Throws `GenerationFailedError`, `CancelledError`, `RunComfyTimeoutError`, … */
export async function pollUntilDone(options: PollOptions, deps: PollDependencies): Promise<SucceededResult> {
  checkTimeoutMs(options.timeoutMs);
  // Clamped, not refused: a timeout beyond what a timer holds means "wait very long", never "stop now".
  const timeoutMs = options.timeoutMs === undefined || options.timeoutMs === Infinity ? undefined : Math.min(options.timeoutMs, MAX_TIMER_MS);
  const timeout = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
  const signals = [options.signal, timeout].filter((signal): signal is AbortSignal => signal !== undefined);
  try {
    return await pollLoop(options, deps, AbortSignal.any(signals));
  } catch (error) {
    if (timeout?.aborted && !options.signal?.aborted) {
      const minutes = Math.round((timeoutMs! / 60_000) * 10) / 10;
      throw new RunComfyTimeoutError(
        `Stopped waiting for request ${options.requestId} after ${minutes} min. The job may still finish on ` +
          'RunComfy; its result can be fetched later with this request id.',
        { requestId: options.requestId, cause: error },
      );
    }
    // The caller's abort names the request, so it can still cancel it remotely or fetch it later.
    if (error instanceof CancelledError && !error.requestId) {
      throw new CancelledError(error.message, { requestId: options.requestId, cause: error.cause });
    }
    throw error;
  }
}

/**
 * A run whose start is known only within more than this share of its length teaches little: its
 * duration is not recorded (a queued job first seen running long after it left the queue).
 */
const maxRunStartUncertainty = 0.25;

async function pollLoop(options: PollOptions, deps: PollDependencies, signal: AbortSignal): Promise<SucceededResult> {
  const { clock, policy, learned, peers } = deps;
  const knowsStart = options.sinceSubmitMs !== undefined;
  const startedAt = clock.now() - (options.sinceSubmitMs ?? 0);
  const key = knowsStart ? options.durationKey : undefined;
  const peer = key === undefined ? undefined : peers.register(key, startedAt);
  let pollsSent = 0;
  let runStartMs = 0;
  let runStartLatestMs = 0;
  let lastStatus: JobStatus | undefined;
  let lastPendingAt: number | undefined;
  let lastQueuedAt: number | undefined;
  let retryAfterHintMs: number | undefined;

  try {
    for (;;) {
      const elapsedMs = clock.now() - startedAt;
      const delay = nextPollDelayMs(
        {
          elapsedMs,
          pollsSent,
          lastStatus,
          runStartMs,
          runStartLatestMs,
          expectedRunMs: learned.get(key),
          expectedSpreadMs: learned.spread(key),
          expectedSamples: learned.samples(key),
          oldestSiblingLeadMs: key === undefined ? undefined : peers.oldestSiblingLeadMs(key, startedAt),
          queueLikely: peers.queueLikely(clock.now()),
          retryAfterHintMs,
        },
        policy,
      );
      if (!(await sleepUnlessRelearned(delay, key, deps, signal))) continue;
      const slot = deps.rateLimiter.reserve(clock.now());
      if (slot > clock.now()) await clock.sleep(slot - clock.now(), signal);
      const sentAt = clock.now() - startedAt;
      const reply = await deps.readResult(signal);
      pollsSent++;
      retryAfterHintMs = reply.retryAfterHintMs;
      const result = reply.result;
      switch (result.state) {
        case 'succeeded':
          // A job last seen queued has an unknown run start, so it teaches nothing about run time.
          if (lastStatus?.state !== 'queued') {
            const serverDurationMs = preciseServerDurationMs(result.createdAt, result.finishedAt);
            const endMs = estimateEndMs({ lastPendingMs: lastPendingAt, doneMs: sentAt, runStartMs, serverDurationMs });
            // Done at the first poll while the service queues: it may have queued for any part of it.
            const unseen = lastStatus === undefined && peers.queueLikely(clock.now());
            const uncertainty = unseen ? sentAt : runStartLatestMs - runStartMs;
            const runMs = endMs - (runStartMs + uncertainty / 2);
            if (uncertainty <= maxRunStartUncertainty * runMs) learned.record(key, runMs);
          }
          return result;
        case 'failed':
          throw new GenerationFailedError(result.reason, { requestId: options.requestId });
        case 'cancelled':
          throw new CancelledError(`Request ${options.requestId} was cancelled on RunComfy.`, {
            requestId: options.requestId,
            remote: true,
          });
        case 'pending':
          if (result.status.state === 'queued') {
            lastQueuedAt = sentAt;
            peers.noteQueued(clock.now());
          } else if (lastStatus?.state === 'queued' && lastQueuedAt !== undefined) {
            // It left the queue between the last two polls.
            [runStartMs, runStartLatestMs] = [lastQueuedAt, sentAt];
          } else if (lastStatus === undefined && peers.queueLikely(clock.now())) {
            // First seen running while the service queues: it may have queued until just now.
            runStartLatestMs = sentAt;
          }
          peer?.setRunning(result.status.state === 'running');
          lastStatus = result.status;
          lastPendingAt = sentAt;
          options.onUpdate?.({ requestId: options.requestId, status: result.status, elapsedMs: clock.now() - startedAt });
      }
    }
  } finally {
    peer?.end();
  }
}

/**
 * Sleeps `delayMs`; returns false, early, when a job of kind `key` is timed meanwhile (the schedule can
 * now do better than the wait it chose without that). The caller's abort still ends it at once.
 */
async function sleepUnlessRelearned(delayMs: number, key: string | undefined, deps: PollDependencies, signal: AbortSignal): Promise<boolean> {
  if (key === undefined || delayMs <= 0) {
    await deps.clock.sleep(delayMs, signal);
    return true;
  }
  const relearned = new AbortController();
  const unsubscribe = deps.learned.onRecorded((recorded) => {
    if (recorded === key) relearned.abort();
  });
  try {
    await deps.clock.sleep(delayMs, AbortSignal.any([signal, relearned.signal]));
    return true;
  } catch (error) {
    if (signal.aborted || !relearned.signal.aborted) throw error;
    return false;
  } finally {
    unsubscribe();
  }
}
