import * as assert from 'node:assert/strict';
import {
  defaultPollPolicy,
  denseWindow,
  estimateEndMs,
  nextPollDelayMs,
  preciseServerDurationMs,
  type PollState,
} from '../../../src/runcomfy/pollSchedule';

/** Polls a simulated job of `jobMs` (no network time) and reports how many polls and how late the last one was. */
function simulate(jobMs: number, expectedRunMs?: number, hint?: number) {
  let elapsedMs = 0;
  let pollsSent = 0;
  for (;;) {
    const state: PollState = { elapsedMs, pollsSent, lastStatus: pollsSent ? { state: 'running' } : undefined, runStartMs: 0, expectedRunMs, retryAfterHintMs: hint };
    elapsedMs += nextPollDelayMs(state);
    pollsSent++;
    if (elapsedMs >= jobMs) return { polls: pollsSent, latencyMs: elapsedMs - jobMs };
  }
}

/** What a fixed 500 ms poller sends: a status poll every 500 ms until it sees the end, then one result fetch. */
const fixedPollerRequests = (jobMs: number) => Math.ceil(jobMs / 500) + 1;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const durations = [50, 90, 300, 499, 500, 501, 800, 1234, 2500, 5000, 8000, 15_000, 30_000, 61_000, 300_000];

describe('pollSchedule', () => {
  it('never sends more polls than a fixed 500 ms poller, with or without an estimate', () => {
    for (const jobMs of durations) {
      for (const expected of [undefined, jobMs, jobMs * 0.5, jobMs * 0.9, jobMs * 1.1, jobMs * 3]) {
        const { polls } = simulate(jobMs, expected);
        assert.ok(polls <= fixedPollerRequests(jobMs), `job ${jobMs} ms, expected ${expected}: ${polls} polls`);
      }
    }
  });

  it('adds little latency once the duration is known: 0.8 s and 30 s jobs', () => {
    for (const [jobMs, limit] of [
      [800, 100],
      [30_000, 1500],
    ] as const) {
      const latencies = [0.97, 0.99, 1, 1.01, 1.03].map((error) => simulate(jobMs, jobMs * error).latencyMs);
      assert.ok(median(latencies) <= limit, `job ${jobMs}: ${latencies.join(', ')}`);
    }
  });

  it('keeps latency near 5 % of the job time without an estimate for long jobs', () => {
    const latencies = [28_000, 29_000, 30_000, 31_000, 32_000].map((jobMs) => simulate(jobMs).latencyMs / jobMs);
    assert.ok(median(latencies) <= 0.05, latencies.join(', '));
  });

  it('polls once just before and once just after the expected end of a short job', () => {
    const first = nextPollDelayMs({ elapsedMs: 0, pollsSent: 0, runStartMs: 0, expectedRunMs: 800 });
    assert.equal(first, 784);
    const second = nextPollDelayMs({ elapsedMs: 784, pollsSent: 1, lastStatus: { state: 'running' }, runStartMs: 0, expectedRunMs: 800 });
    assert.equal(784 + second, 816);
  });

  it('spends the single poll the budget allows a short job just after its expected end', () => {
    assert.equal(nextPollDelayMs({ elapsedMs: 0, pollsSent: 0, runStartMs: 0, expectedRunMs: 300 }), 310);
    assert.equal(nextPollDelayMs({ elapsedMs: 0, pollsSent: 0, runStartMs: 0, expectedRunMs: 90 }), 100);
  });

  it('widens the burst to the learned spread, so jobs that end a little late are still caught by it', () => {
    const start = { pollsSent: 0, runStartMs: 0, expectedRunMs: 800, expectedSpreadMs: 20 };
    const first = nextPollDelayMs({ ...start, elapsedMs: 0 });
    assert.equal(first, 760);
    const second = nextPollDelayMs({ ...start, elapsedMs: 760, pollsSent: 1, lastStatus: { state: 'running' } });
    assert.equal(760 + second, 840);
    const long = denseWindow(30_000, 30_000, defaultPollPolicy, 10_000);
    assert.equal(long.leadMs, defaultPollPolicy.leadMaxMs);
  });

  it('still checks in during a long expected wait, so an early failure is noticed', () => {
    const delay = nextPollDelayMs({ elapsedMs: 0, pollsSent: 0, runStartMs: 0, expectedRunMs: 60_000 });
    assert.equal(delay, 15_000);
  });

  it('falls back to growing waits when a job overruns its estimate', () => {
    const late = { pollsSent: 5, lastStatus: { state: 'running' } as const, runStartMs: 0, expectedRunMs: 1000 };
    const atTen = nextPollDelayMs({ ...late, elapsedMs: 10_000 });
    const atTwenty = nextPollDelayMs({ ...late, elapsedMs: 20_000 });
    assert.ok(atTen >= 500 && atTwenty > atTen, `${atTen}, ${atTwenty}`);
  });

  it('measures the estimate from when the job left the queue', () => {
    const delay = nextPollDelayMs({ elapsedMs: 5000, pollsSent: 3, lastStatus: { state: 'running' }, runStartMs: 5000, expectedRunMs: 1000 });
    assert.equal(delay, 1000 - 20);
  });

  it('polls less often the further back in the queue', () => {
    const at = (queuePosition: number) =>
      nextPollDelayMs({ elapsedMs: 60_000, pollsSent: 1, lastStatus: { state: 'queued', queuePosition }, runStartMs: 0 });
    assert.ok(at(1) < at(4) && at(4) < at(20), `${at(1)}, ${at(4)}, ${at(20)}`);
    assert.equal(at(1000), defaultPollPolicy.maxIntervalMs);
  });

  it('takes a Retry-After hint to stretch waits, but not past the burst around a known end', () => {
    const base = { pollsSent: 3, lastStatus: { state: 'running' } as const, runStartMs: 0 };
    assert.equal(nextPollDelayMs({ ...base, elapsedMs: 2000, retryAfterHintMs: 3000 }), 3000);
    assert.equal(nextPollDelayMs({ ...base, elapsedMs: 2000, retryAfterHintMs: 3_600_000 }), defaultPollPolicy.maxHintMs);
    const nearEnd = nextPollDelayMs({ ...base, elapsedMs: 29_500, expectedRunMs: 30_000, retryAfterHintMs: 5000 });
    assert.ok(nearEnd <= 1000, String(nearEnd));
  });

  it('holds back when the request budget is spent', () => {
    const delay = nextPollDelayMs({ elapsedMs: 1000, pollsSent: 10, lastStatus: { state: 'running' }, runStartMs: 0, expectedRunMs: 1000 });
    assert.equal(delay, 500 * 10 - 1000);
  });

  it('estimates when a job ended so learning neither drifts nor sticks', () => {
    // Bracketed inside the burst: the midpoint.
    assert.equal(estimateEndMs({ lastPendingMs: 784, doneMs: 816, runStartMs: 0, expectedRunMs: 800 }), 800);
    // Missed the burst and the budget pushed the next poll out: soon after the last pending poll.
    assert.equal(estimateEndMs({ lastPendingMs: 310, doneMs: 500, runStartMs: 0, expectedRunMs: 300 }), 320);
    // The first poll already saw the end: a little before it.
    assert.equal(estimateEndMs({ doneMs: 310, runStartMs: 0, expectedRunMs: 300 }), 300);
    // No estimate yet: the midpoint, or the poll itself.
    assert.equal(estimateEndMs({ lastPendingMs: 500, doneMs: 1000, runStartMs: 0 }), 750);
    assert.equal(estimateEndMs({ doneMs: 100, runStartMs: 0 }), 100);
    // Precise server timestamps win, kept inside what the polls saw.
    assert.equal(estimateEndMs({ lastPendingMs: 500, doneMs: 1000, runStartMs: 0, serverDurationMs: 812 }), 812);
    assert.equal(estimateEndMs({ lastPendingMs: 500, doneMs: 1000, runStartMs: 0, serverDurationMs: 5000 }), 1000);
  });

  it('uses server timestamps only when they have sub-second digits', () => {
    assert.equal(preciseServerDurationMs('2026-05-01T12:00:00.100Z', '2026-05-01T12:00:00.900Z'), 800);
    assert.equal(preciseServerDurationMs('2026-05-01T12:00:00Z', '2026-05-01T12:00:01Z'), undefined);
    assert.equal(preciseServerDurationMs(undefined, '2026-05-01T12:00:01.5Z'), undefined);
    assert.equal(preciseServerDurationMs('2026-05-01T12:00:02.000Z', '2026-05-01T12:00:01.000Z'), undefined);
  });
});
