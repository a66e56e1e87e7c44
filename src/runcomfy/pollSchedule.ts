/**
 * When to poll next: a pure function of what the poll loop knows, so it can be tested without a clock.
 *
 * Aims (SPEC §10): little latency between the job finishing and the client noticing, without ever sending
 * more requests than a fixed 500 ms poller would. The shape:
 * - With a learned duration for this kind of job: sparse check-ins until just before the expected end, then
 *   a dense burst straddling it (one poll just before, one just after, …), then geometric growth if the job
 *   overruns. Polls on both sides of the end also make the next duration estimate unbiased.
 * - Without one: geometric growth (the wait is a fixed fraction of the time already spent), so the added
 *   latency stays a small share of the job time whatever its length.
 * - While queued: slower the further back in the queue.
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
  /**
   * The dense burst starts this fraction of the expected duration before the expected end, or this many
   * learned spreads when jobs vary more than that (clamped to [leadMinMs, leadMaxMs]).
   */
  leadFraction: number;
  spreadLeadFactor: number;
  leadMinMs: number;
  leadMaxMs: number;
  /** Longest gap between polls inside the burst. */
  burstMaxGapMs: number;
  /** Before the burst, still check in at least this often (or a quarter of the expected duration). */
  checkInMinMs: number;
  /** Queued: this much per queue position, capped by `maxIntervalMs`. */
  queuedPerPositionMs: number;
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
  spreadLeadFactor: 2,
  leadMinMs: 10,
  leadMaxMs: 500,
  burstMaxGapMs: 200,
  checkInMinMs: 2000,
  queuedPerPositionMs: 250,
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
  /** How far from `expectedRunMs` such jobs typically end (see `LearnedDurations.spread`). */
  expectedSpreadMs?: number;
  /** `Retry-After` of the last poll reply, in ms. */
  retryAfterHintMs?: number;
}

/**
 * The dense burst around an expected end: where it starts, how far apart its polls are, when it gives up.
 * `spreadMs` (how much such jobs vary) widens it, so that jobs ending a little late or early are still
 * caught by the burst rather than by the budget's next poll.
 */
export function denseWindow(expectedEndMs: number, expectedRunMs: number, policy: PollPolicy, spreadMs = 0) {
  const leadMs = Math.min(
    policy.leadMaxMs,
    Math.max(policy.leadMinMs, expectedRunMs * policy.leadFraction, spreadMs * policy.spreadLeadFactor),
  );
  // One poll before the expected end and one after for short jobs; long jobs can afford a finer comb.
  const gapMs = Math.min(2 * leadMs, policy.burstMaxGapMs);
  return { startMs: expectedEndMs - leadMs, leadMs, gapMs, endMs: expectedEndMs + 8 * gapMs };
}

/** Polls the budget allows by `atMs`, beyond those already sent. */
function affordablePolls(atMs: number, pollsSent: number, policy: PollPolicy): number {
  return policy.budgetInitialPolls + Math.floor(atMs / policy.budgetIntervalMs) - pollsSent;
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
    const endMs = state.runStartMs + expected;
    const window = denseWindow(endMs, expected, policy, state.expectedSpreadMs);
    // When the budget leaves a single poll for the burst (short jobs), spend it just after the expected
    // end: one just before would almost surely miss, and the next would wait for the budget.
    const burstStartMs =
      affordablePolls(endMs + window.leadMs, state.pollsSent, policy) < 2 ? endMs + window.leadMs : window.startMs;
    hintCeiling = Math.max(0, burstStartMs - elapsedMs);
    if (elapsedMs < burstStartMs) {
      delay = Math.min(burstStartMs - elapsedMs, Math.max(policy.checkInMinMs, expected / 4));
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

/** What the poll loop saw around a job's end, in ms since submit. */
export interface EndObservation {
  /** The last poll that saw the job pending, if any. */
  lastPendingMs?: number;
  /** The first poll that saw it done. */
  doneMs: number;
  runStartMs: number;
  expectedRunMs?: number;
  /** The server's own `finished_at − created_at`, when its timestamps are precise enough to use. */
  serverDurationMs?: number;
}

/**
 * When the job most likely ended, for learning its duration. The truth lies between the last pending poll
 * and the first done one. The server's timestamps, when precise, pin it down. Otherwise, without an
 * estimate: the midpoint. With one, the burst's gap is the yardstick: a miss (the budget may push the
 * next poll far out) most likely ended soon after the last pending poll; a first poll that already saw
 * the end most likely came a little late. So the average follows the truth instead of the budget's gaps.
 */
export function estimateEndMs(observed: EndObservation, policy: PollPolicy = defaultPollPolicy): number {
  const { lastPendingMs, doneMs, runStartMs, expectedRunMs, serverDurationMs } = observed;
  const earliest = lastPendingMs ?? runStartMs;
  if (serverDurationMs !== undefined) return Math.min(doneMs, Math.max(earliest, serverDurationMs));
  if (expectedRunMs === undefined) return lastPendingMs === undefined ? doneMs : (lastPendingMs + doneMs) / 2;
  const halfGap = denseWindow(runStartMs + expectedRunMs, expectedRunMs, policy).gapMs / 2;
  if (lastPendingMs === undefined) return Math.max(runStartMs, doneMs - halfGap);
  return Math.min((lastPendingMs + doneMs) / 2, lastPendingMs + halfGap);
}

/**
 * `finished_at − created_at` when both are ISO timestamps with sub-second digits; whole seconds are too
 * coarse to time a job that may take less than one.
 */
export function preciseServerDurationMs(createdAt?: string, finishedAt?: string): number | undefined {
  const precise = (text?: string) => (text && /T.*\d\.\d+/.test(text) ? Date.parse(text) : Number.NaN);
  const duration = precise(finishedAt) - precise(createdAt);
  return Number.isFinite(duration) && duration >= 0 ? duration : undefined;
}

function growthDelay(state: PollState, policy: PollPolicy): number {
  const running = Math.max(0, state.elapsedMs - state.runStartMs);
  return clamp(running * policy.growthFraction, policy.minIntervalMs, policy.maxIntervalMs);
}

function queuedDelay(state: PollState, policy: PollPolicy): number {
  const position = state.lastStatus?.state === 'queued' ? state.lastStatus.queuePosition : undefined;
  if (position === undefined) return growthDelay(state, policy);
  return clamp(position * policy.queuedPerPositionMs, policy.minIntervalMs, policy.maxIntervalMs);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
