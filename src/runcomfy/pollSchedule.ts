/**
 * When to poll next: a pure function of what the poll loop knows, so it can be tested without a clock.
 *
 * Aims (SPEC §10): notice a job's end sooner than a fixed 500 ms poller would, at the median and at the
 * tail, with far fewer requests for jobs of a few seconds and more. The shape:
 * - With a learned duration for this kind of job, a *window* where the job will most likely end: the
 *   expected end ± a few learned spreads (a prior share of the duration until a few jobs have been
 *   timed), widened by what is unknown about when the job left the queue. Before it, sparse check-ins;
 *   inside it, an even comb of polls at most `burstMaxGapMs` apart that ends on the window's far edge, so
 *   the budget saved while the job surely runs is spent where it ends; after it, gaps that grow with the
 *   overrun.
 * - Without one ("cold"): short waits that grow with the time spent, as a share of it, but never sparser
 *   than the budget's own rate: a job nobody has timed yet may end at any moment, and the first job of a
 *   kind also teaches every later one. Except when an older job of the same kind is still running: this
 *   one will most likely end after it, and learns its duration the moment it ends (the poll loop wakes
 *   up for that), so it checks in at a pace set by how far behind that job it started.
 * - While queued: slower the further back in the queue.
 * - A server `Retry-After` on a poll reply is a hint: it stretches waits, but never into the window.
 * - A request budget caps everything: poll n (from 1) is never sent before `(n - initialPolls) × interval`,
 *   which is what a fixed poller with that interval sends (status every interval, then one result fetch).
 *   Across jobs, `maxPollsPerSecond` caps the client as a whole (`pollRateLimit.ts`).
 */
import type { JobStatus } from './types';

/** Tuning of the adaptive poller; every field has a default in `defaultPollPolicy`. */
export interface PollPolicy {
  /** The per-job request budget's period: never more polls than one per this many ms, on average since submit. */
  budgetIntervalMs: number;
  /** Polls allowed before the budget starts to accrue (a fixed poller's final result fetch). */
  budgetInitialPolls: number;
  /** Polls per second across every job of one client (a sliding one-second window), so many jobs never storm. */
  maxPollsPerSecond: number;
  /** Without an estimate, wait this fraction of the time spent so far … */
  growthFraction: number;
  /** … but at least this long … */
  minIntervalMs: number;
  /** … and at most this long (no wait anywhere is longer, except a server hint). */
  maxIntervalMs: number;
  /** Without an estimate, never wait longer than this (the job may end at any moment). */
  coldMaxGapMs: number;
  /**
   * Without an estimate but with older jobs of the same kind still running: wait this share of how much
   * earlier the oldest of them was submitted (within [the cold wait, `maxIntervalMs`]).
   */
  followerGapFraction: number;
  /**
   * … until its head start is at most this share of what the older job has already run (a lower bound on
   * how long this kind takes): then it may well end first (such jobs vary by several per cent), so it polls
   * like a cold job on its own.
   */
  followerCloseFraction: number;
  /** The spread (mean absolute deviation) assumed, as a share of the expected duration, before jobs were timed. */
  spreadPriorFraction: number;
  /** How many timed deviations that prior is worth when blended with the learned spread. */
  spreadPriorWeight: number;
  /** The window reaches this many spreads either side of the expected end … */
  windowSpreads: number;
  /** … and at least this share of the expected duration … */
  windowMinFraction: number;
  /** … and at least this many ms. */
  windowMinMs: number;
  /** Longest gap between polls inside the window. */
  burstMaxGapMs: number;
  /** Past the window, the gap grows by this share of the overrun. */
  overrunGrowth: number;
  /** Before the window, still check in at least this often (or a quarter of the expected duration). */
  checkInMinMs: number;
  /**
   * Queued: this much per queue position, capped by `maxIntervalMs`. Each queued poll costs a request,
   * but the wait between the last queued poll and the first running one widens the window by as much; about
   * a second balances the two for the queues of a few seconds seen in practice.
   */
  queuedPerPositionMs: number;
  /** Longest server hint honoured. */
  maxHintMs: number;
}

export const defaultPollPolicy: PollPolicy = {
  budgetIntervalMs: 500,
  budgetInitialPolls: 1,
  maxPollsPerSecond: 25,
  growthFraction: 0.06,
  minIntervalMs: 100,
  maxIntervalMs: 5000,
  coldMaxGapMs: 500,
  followerGapFraction: 0.25,
  followerCloseFraction: 0.1,
  spreadPriorFraction: 0.04,
  spreadPriorWeight: 2,
  windowSpreads: 2.5,
  windowMinFraction: 0.01,
  windowMinMs: 20,
  burstMaxGapMs: 250,
  overrunGrowth: 0.25,
  checkInMinMs: 2000,
  queuedPerPositionMs: 750,
  maxHintMs: 30_000,
};

/** What the poll loop knows when it picks the next delay. All times are ms since submit. */
export interface PollState {
  elapsedMs: number;
  /** Polls sent so far (retries of one poll count once). */
  pollsSent: number;
  /** The last status seen, if any. */
  lastStatus?: JobStatus;
  /** The earliest the job can have left the queue (0 when it was never seen queued). */
  runStartMs: number;
  /** The latest it can have left the queue (default `runStartMs`): the first poll that saw it running. */
  runStartLatestMs?: number;
  /** Learned duration from leaving the queue to finishing, for this model and size. */
  expectedRunMs?: number;
  /** How far from `expectedRunMs` such jobs typically end (see `LearnedDurations.spread`). */
  expectedSpreadMs?: number;
  /** How many jobs of this kind were timed (see `LearnedDurations.samples`); 1 when unknown. */
  expectedSamples?: number;
  /** Without an estimate: how much earlier the oldest job of the same kind still running was submitted. */
  oldestSiblingLeadMs?: number;
  /** Jobs were seen queued lately, so a first poll that finds this one running cannot date its start. */
  queueLikely?: boolean;
  /** `Retry-After` of the last poll reply, in ms. */
  retryAfterHintMs?: number;
}

/** Where a job with a learned duration most likely ends, and how densely to poll there. */
export interface PollWindow {
  /** Earliest likely end (ms since submit): the comb's first poll comes one gap after it. */
  startMs: number;
  /** Latest likely end: the comb's last poll. */
  endMs: number;
  /** Polls across the window when the budget allows them all, and the gap between them. */
  polls: number;
  gapMs: number;
}

/** The window around the expected end (`state.expectedRunMs` must be set). */
export function pollWindow(state: PollState, policy: PollPolicy = defaultPollPolicy): PollWindow {
  const expected = state.expectedRunMs ?? 0;
  const halfMs = Math.max(policy.windowMinMs, expected * policy.windowMinFraction, policy.windowSpreads * effectiveSpreadMs(state, policy));
  const startMs = state.runStartMs + expected - halfMs;
  const endMs = (state.runStartLatestMs ?? state.runStartMs) + expected + halfMs;
  const polls = Math.max(2, Math.ceil((endMs - startMs) / policy.burstMaxGapMs));
  return { startMs, endMs, polls, gapMs: (endMs - startMs) / polls };
}

/**
 * The learned spread blended with the prior: one or two timed jobs say little about how much such jobs
 * vary (two that happen to agree would make the window far too narrow).
 */
export function effectiveSpreadMs(state: PollState, policy: PollPolicy = defaultPollPolicy): number {
  const prior = (state.expectedRunMs ?? 0) * policy.spreadPriorFraction;
  const deviations = state.expectedSpreadMs === undefined ? 0 : Math.min(4, Math.max(1, (state.expectedSamples ?? 2) - 1));
  const learned = state.expectedSpreadMs ?? 0;
  return (deviations * learned + policy.spreadPriorWeight * prior) / (deviations + policy.spreadPriorWeight);
}

/** Polls the budget allows by `atMs`, beyond those already sent. */
function affordablePolls(atMs: number, pollsSent: number, policy: PollPolicy): number {
  return policy.budgetInitialPolls + Math.floor(atMs / policy.budgetIntervalMs) - pollsSent;
}

/** Milliseconds to wait before the next poll. */
export function nextPollDelayMs(state: PollState, policy: PollPolicy = defaultPollPolicy): number {
  let delay: number;
  let hintCeiling = Number.POSITIVE_INFINITY;
  if (state.lastStatus?.state === 'queued') {
    delay = queuedDelay(state, policy);
  } else if (state.expectedRunMs !== undefined) {
    ({ delay, hintCeiling } = windowDelay(state, policy));
  } else {
    delay = coldDelay(state, policy);
  }
  if (state.retryAfterHintMs !== undefined) {
    delay = Math.max(delay, Math.min(state.retryAfterHintMs, policy.maxHintMs, hintCeiling));
  }
  const earliestMs = policy.budgetIntervalMs * (state.pollsSent + 1 - policy.budgetInitialPolls);
  return Math.max(delay, earliestMs - state.elapsedMs, 0);
}

function windowDelay(state: PollState, policy: PollPolicy): { delay: number; hintCeiling: number } {
  const { elapsedMs } = state;
  const window = pollWindow(state, policy);
  const span = window.endMs - window.startMs;
  if (elapsedMs < window.startMs) {
    // When the budget cannot pay for the whole comb (short jobs), spread what it can pay for over the
    // window, ending on its far edge: a poll near its near edge would almost surely find the job running.
    const polls = Math.min(window.polls, Math.max(1, affordablePolls(window.endMs, state.pollsSent, policy)));
    const firstMs = window.startMs + span / polls;
    const untilFirst = firstMs - elapsedMs;
    // A first poll soon after submit dates the run's start when the service has been queueing.
    if (state.queueLikely && state.pollsSent === 0) return { delay: Math.min(untilFirst, policy.budgetIntervalMs), hintCeiling: untilFirst };
    const checkIn = Math.max(policy.checkInMinMs, (state.expectedRunMs ?? 0) / 4);
    return { delay: untilFirst < 1.5 * checkIn ? untilFirst : checkIn, hintCeiling: untilFirst };
  }
  if (elapsedMs < window.endMs) {
    // The next tooth of the comb (a tiny epsilon so a poll sent exactly on a tooth moves on).
    const teeth = Math.floor((elapsedMs - window.startMs) / window.gapMs + 1e-6) + 1;
    return { delay: Math.max(1, window.startMs + teeth * window.gapMs - elapsedMs), hintCeiling: 0 };
  }
  const overrunMs = elapsedMs - window.endMs;
  return { delay: Math.min(policy.maxIntervalMs, window.gapMs + policy.overrunGrowth * overrunMs), hintCeiling: 0 };
}

function coldDelay(state: PollState, policy: PollPolicy): number {
  const running = Math.max(0, state.elapsedMs - state.runStartMs);
  const own = clamp(running * policy.growthFraction, policy.minIntervalMs, policy.coldMaxGapMs);
  const lead = state.oldestSiblingLeadMs;
  if (lead === undefined) return own;
  // The older job is still running, so this kind takes at least `elapsed + lead`. Far behind it, this job can
  // only end first by running much shorter: check in sparsely. Close behind, nothing says it will not.
  if (lead <= policy.followerCloseFraction * (state.elapsedMs + lead)) return own;
  return Math.max(own, Math.min(policy.maxIntervalMs, policy.followerGapFraction * lead));
}

function queuedDelay(state: PollState, policy: PollPolicy): number {
  const position = state.lastStatus?.state === 'queued' ? state.lastStatus.queuePosition : undefined;
  const perPosition = (position ?? 1) * policy.queuedPerPositionMs;
  if (position === undefined) return clamp(Math.max(perPosition, state.elapsedMs * policy.growthFraction), policy.minIntervalMs, policy.maxIntervalMs);
  return clamp(perPosition, policy.minIntervalMs, policy.maxIntervalMs);
}

/** What the poll loop saw around a job's end, in ms since submit. */
export interface EndObservation {
  /** The last poll that saw the job pending, if any. */
  lastPendingMs?: number;
  /** The first poll that saw it done. */
  doneMs: number;
  runStartMs: number;
  /** The server's own `finished_at − created_at`, when its timestamps are precise enough to use. */
  serverDurationMs?: number;
}

/**
 * When the job most likely ended, for learning its duration. The truth lies between the last pending poll
 * and the first done one. The server's timestamps, when precise, pin it down; otherwise the midpoint (the
 * comb's teeth are even, so the midpoint is unbiased; the poll itself when none saw it pending).
 */
export function estimateEndMs(observed: EndObservation): number {
  const { lastPendingMs, doneMs, runStartMs, serverDurationMs } = observed;
  const earliest = lastPendingMs ?? runStartMs;
  if (serverDurationMs !== undefined) return Math.min(doneMs, Math.max(earliest, serverDurationMs));
  return lastPendingMs === undefined ? doneMs : (lastPendingMs + doneMs) / 2;
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

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
