/**
 * When to poll next: a pure function of what the poll loop knows, so it can be tested without a clock.
 *
 * Aims (SPEC §10): little latency between the job finishing and the client noticing, without ever sending
 * more requests than a fixed 500 ms poller would. The shape:
 * - With a learned duration for this kind of job: sparse check-ins until just before the expected end, then
 *   a dense burst straddling it (one poll just before, one just after, …), then geometric growth if the job
 *   overruns. The burst covers the learned spread of run times, widened by how unsure the moment the job
 *   left the queue is. Polls on both sides of the end also narrow the next duration estimate.
 * - Without one: geometric growth (the wait is a fixed fraction of the time already spent), so the added
 *   latency stays a small share of the job time whatever its length.
 * - While queued (and for the first look at a long job): slower the further back in the queue, but no slower
 *   than a fraction of the expected run time, so the moment the job starts running (and with it the expected
 *   end) is known closely enough.
 * - A server `Retry-After` on a poll reply is a hint: it stretches waits, but never past the dense burst
 *   around a completion we have measured ourselves.
 * - A request budget caps everything: poll n (from 1) is never sent before `(n - initialPolls) × interval`,
 *   which is what a fixed poller with that interval sends (status every interval, then one result fetch).
 */
import type { JobStatus } from './types';

/** Tuning of the adaptive poller; every field has a default in `defaultPollPolicy`. */
export interface PollPolicy {
  /** The request budget's period: never more polls than one per this many ms, on average since submit. */
  budgetIntervalMs: number;
  /** Polls allowed before the budget starts to accrue (a fixed poller's final result fetch). */
  budgetInitialPolls: number;
  /** Without an estimate, wait this fraction of the time spent so far … */
  growthFraction: number;
  /** … but at least this long … */
  minIntervalMs: number;
  /** … and at most this long. */
  maxIntervalMs: number;
  /** The dense burst starts this fraction of the expected duration before the expected end (clamped). */
  leadFraction: number;
  leadMinMs: number;
  leadMaxMs: number;
  /** Before the burst, still check in at least this often (or a quarter of the expected duration). */
  checkInMinMs: number;
  /** Queued without a known run time: this much per queue position, capped by `maxIntervalMs`. */
  queuedPerPositionMs: number;
  /** Queued with a known run time: this fraction of it, but at least `queuedMinWithEstimateMs`. */
  queuedRunFraction: number;
  queuedMinWithEstimateMs: number;
  /** Longest server hint honoured. */
  maxHintMs: number;
}

export const defaultPollPolicy: PollPolicy = {
  budgetIntervalMs: 500,
  budgetInitialPolls: 1,
  growthFraction: 0.06,
  minIntervalMs: 100,
  maxIntervalMs: 5000,
  leadFraction: 0.02,
  leadMinMs: 10,
  leadMaxMs: 200,
  checkInMinMs: 2000,
  queuedPerPositionMs: 250,
  queuedRunFraction: 0.1,
  queuedMinWithEstimateMs: 1000,
  maxHintMs: 30_000,
};

/** What the poll loop knows when it picks the next delay. All times are ms since submit. */
export interface PollState {
  elapsedMs: number;
  /** Polls sent so far (retries of one poll count once). */
  pollsSent: number;
  /** The last status seen, if any. */
  lastStatus?: JobStatus;
  /** When the job is estimated to have left the queue (0 when it was never seen queued). */
  runStartMs: number;
  /** Learned duration from leaving the queue to finishing, for this model and size. */
  expectedRunMs?: number;
  /** Learned spread of that duration (see `LearnedDurations`). */
  expectedSpreadMs?: number;
  /** Width of the interval in which the job left the queue (between the last queued and first running poll). */
  runStartUncertaintyMs?: number;
  /** `Retry-After` of the last poll reply, in ms. */
  retryAfterHintMs?: number;
}

/**
 * The dense burst around an expected end: where it starts and how far apart its polls are. With no spread
 * it straddles the end (one poll `lead` before, one `lead` after); with a spread it covers
 * [end − spread, end + spread] with polls one gap apart, the first half a gap in, so every end in that
 * range is seen within one gap.
 */
export function denseWindow(expectedEndMs: number, expectedRunMs: number, policy: PollPolicy, spreadMs = 0, affordablePolls = 2) {
  const lead = clamp(expectedRunMs * policy.leadFraction, policy.leadMinMs, policy.leadMaxMs);
  const half = Math.max(lead, spreadMs);
  const gapMs = Math.min(2 * policy.leadMaxMs, Math.max(2 * lead, (2 * half) / Math.max(2, affordablePolls)));
  return {
    startMs: expectedEndMs - half + Math.min(gapMs / 2, half - lead),
    gapMs,
    endMs: expectedEndMs + Math.max(expectedRunMs / 4, 4 * gapMs, half),
  };
}

/** Milliseconds to wait before the next poll. */
export function nextPollDelayMs(state: PollState, policy: PollPolicy = defaultPollPolicy): number {
  const { elapsedMs } = state;
  let delay: number;
  let hintCeiling = Number.POSITIVE_INFINITY;
  if (state.lastStatus?.state === 'queued') {
    delay = queuedDelay(state, policy);
  } else if (state.expectedRunMs !== undefined) {
    const expected = state.expectedRunMs;
    const spread = (state.expectedSpreadMs ?? 0) + (state.runStartUncertaintyMs ?? 0) / 2;
    const window = denseWindow(state.runStartMs + expected, expected, policy, spread, budgetCredit(state, policy));
    hintCeiling = Math.max(0, window.startMs - elapsedMs);
    if (elapsedMs < window.startMs) {
      let checkIn = Math.max(policy.checkInMinMs, expected / 4);
      // Nothing seen yet: look early enough to catch the job queued, so the expected end is counted from when
      // it really started; unless the job is too short for the request budget to spare a poll for that.
      const firstLook = expected * policy.queuedRunFraction;
      if (state.lastStatus === undefined && firstLook >= policy.budgetIntervalMs) checkIn = Math.min(checkIn, firstLook);
      delay = Math.min(window.startMs - elapsedMs, checkIn);
    } else if (elapsedMs < window.endMs) {
      delay = window.gapMs;
    } else {
      delay = growthDelay(state, policy);
    }
  } else {
    delay = growthDelay(state, policy);
  }
  if (state.retryAfterHintMs !== undefined) {
    delay = Math.max(delay, Math.min(state.retryAfterHintMs, policy.maxHintMs, hintCeiling));
  }
  const earliestMs = policy.budgetIntervalMs * (state.pollsSent + 1 - policy.budgetInitialPolls);
  return Math.max(delay, earliestMs - elapsedMs, 0);
}

/** Polls the request budget allows right now (it accrues while the loop waits). */
function budgetCredit(state: PollState, policy: PollPolicy): number {
  return Math.floor(state.elapsedMs / policy.budgetIntervalMs) + policy.budgetInitialPolls - state.pollsSent;
}

function growthDelay(state: PollState, policy: PollPolicy): number {
  const running = Math.max(0, state.elapsedMs - state.runStartMs);
  return clamp(running * policy.growthFraction, policy.minIntervalMs, policy.maxIntervalMs);
}

/**
 * While queued. Without an estimate: slower the further back in the queue. With one, the cadence sets how
 * precisely the run's start (and so its end) is known: a fraction of the run time, but not so fast that
 * it spends the request budget the end burst needs.
 */
function queuedDelay(state: PollState, policy: PollPolicy): number {
  if (state.expectedRunMs !== undefined) {
    return clamp(state.expectedRunMs * policy.queuedRunFraction, policy.queuedMinWithEstimateMs, policy.maxIntervalMs);
  }
  const position = state.lastStatus?.state === 'queued' ? state.lastStatus.queuePosition : undefined;
  if (position === undefined) return growthDelay(state, policy);
  return clamp(position * policy.queuedPerPositionMs, policy.minIntervalMs, policy.maxIntervalMs);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
