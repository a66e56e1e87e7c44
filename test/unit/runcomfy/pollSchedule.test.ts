import * as assert from 'node:assert/strict';
import {
  defaultPollPolicy,
  effectiveSpreadMs,
  estimateEndMs,
  nextPollDelayMs,
  pollWindow,
  preciseServerDurationMs,
  type PollState,
} from '../../../src/runcomfy/pollSchedule';

const running = { state: 'running' } as const;

/**
 * Polls a simulated job of `jobMs` (no network time) with the pure schedule and reports how many polls it
 * took, how late the last one was, and the longest gap between polls.
 */
function simulate(jobMs: number, known: Partial<PollState> = {}) {
  let elapsedMs = 0;
  let pollsSent = 0;
  let longestGapMs = 0;
  for (;;) {
    const state: PollState = { elapsedMs, pollsSent, lastStatus: pollsSent ? running : undefined, runStartMs: 0, ...known };
    const delay = nextPollDelayMs(state);
    longestGapMs = Math.max(longestGapMs, delay);
    elapsedMs += delay;
    pollsSent++;
    if (elapsedMs >= jobMs) return { polls: pollsSent, latencyMs: elapsedMs - jobMs, longestGapMs };
  }
}

/** What a fixed 500 ms poller sends: a status poll every 500 ms until it sees the end, then one result fetch. */
const fixedPollerRequests = (jobMs: number) => Math.ceil(jobMs / 500) + 1;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mean = (values: number[]) => values.reduce((sum, x) => sum + x, 0) / values.length;

/** Jobs spread evenly over ± `share` of `nominalMs`, as the bench's ± 5 % run-time jitter does. */
const around = (nominalMs: number, share = 0.05) => Array.from({ length: 21 }, (_, i) => nominalMs * (1 - share + (i * share) / 10));

/** What the poller knows once many jobs of a kind ran ± 5 %: the mean, and a mean absolute deviation of 2.5 %. */
const learned = (nominalMs: number): Partial<PollState> => ({ expectedRunMs: nominalMs, expectedSpreadMs: nominalMs * 0.025, expectedSamples: 10 });

const durations = [50, 90, 300, 499, 500, 501, 800, 1234, 2500, 5000, 8000, 15_000, 30_000, 61_000, 120_000, 300_000];

describe('pollSchedule', () => {
  it('never sends more polls than a fixed 500 ms poller, with or without an estimate', () => {
    for (const jobMs of durations) {
      for (const expected of [undefined, jobMs, jobMs * 0.5, jobMs * 0.9, jobMs * 1.1, jobMs * 3]) {
        for (const spread of [undefined, 0, jobMs * 0.05]) {
          const { polls } = simulate(jobMs, { expectedRunMs: expected, expectedSpreadMs: spread, expectedSamples: 5 });
          assert.ok(polls <= fixedPollerRequests(jobMs), `job ${jobMs} ms, expected ${expected}, spread ${spread}: ${polls} polls`);
        }
      }
    }
  });

  it('warm 0.8 s jobs: noticed within 60 ms, in the polls a fixed 500 ms poller would send', () => {
    const runs = around(800).map((jobMs) => simulate(jobMs, learned(800)));
    assert.ok(Math.max(...runs.map((r) => r.latencyMs)) <= 60, runs.map((r) => Math.round(r.latencyMs)).join(', '));
    assert.ok(median(runs.map((r) => r.latencyMs)) <= 35);
    assert.ok(Math.max(...runs.map((r) => r.polls)) <= fixedPollerRequests(800));
  });

  it('warm jobs of 5 s, 30 s and 2 min: each is noticed within one comb gap, for at most 60 % of the fixed poller’s requests', () => {
    for (const nominalMs of [5000, 30_000, 120_000]) {
      const jobs = around(nominalMs);
      const runs = jobs.map((jobMs) => simulate(jobMs, learned(nominalMs)));
      const latencies = runs.map((r) => r.latencyMs);
      assert.ok(Math.max(...latencies) <= defaultPollPolicy.burstMaxGapMs, `${nominalMs}: ${latencies.map(Math.round).join(', ')}`);
      // Requests per job as the bench counts them: submit + polls (the last one is the result) + download.
      const ours = mean(runs.map((r) => r.polls + 2));
      const fixed = mean(jobs.map((jobMs) => fixedPollerRequests(jobMs) + 2));
      assert.ok(ours <= 0.6 * fixed, `${nominalMs}: ${ours.toFixed(1)} requests vs ${fixed.toFixed(1)}`);
    }
  });

  it('a long job with one timed run still lands in a window wide enough for the ± 5 % its kind varies', () => {
    // Only the prior says how much such jobs vary: the window must not be as narrow as one run suggests.
    const runs = around(120_000).map((jobMs) => simulate(jobMs, { expectedRunMs: 120_000, expectedSamples: 1 }));
    assert.ok(Math.max(...runs.map((r) => r.latencyMs)) <= defaultPollPolicy.burstMaxGapMs);
    assert.ok(mean(runs.map((r) => r.polls)) < 0.5 * fixedPollerRequests(120_000));
  });

  it('cold jobs (nothing learned) are never noticed later than a fixed 500 ms poller would, at any length', () => {
    for (const jobMs of [800, 5000, 30_000, 120_000, 300_000]) {
      for (const jitter of [0, 137, 333]) {
        const { latencyMs, polls, longestGapMs } = simulate(jobMs + jitter);
        assert.ok(latencyMs <= defaultPollPolicy.coldMaxGapMs && longestGapMs <= 500, `${jobMs + jitter}: ${latencyMs} ms late`);
        assert.ok(polls <= fixedPollerRequests(jobMs + jitter));
      }
    }
  });

  it('a cold job with an older one of its kind running checks in at a pace set by how far behind it started, until it is close behind', () => {
    const alone = simulate(120_000);
    const behind = (leadMs: number) => simulate(120_000, { oldestSiblingLeadMs: leadMs });
    const gap = 3000 * defaultPollPolicy.followerGapFraction;
    // 3 s behind: sparse while that head start is more than a tenth of what the older job has run (27 s),
    // then as dense as a job on its own, since it may end first.
    const closeAtMs = 3000 / defaultPollPolicy.followerCloseFraction - 3000;
    const sparse = Math.ceil(closeAtMs / gap) + 1;
    const dense = simulate(120_000).polls - simulate(closeAtMs).polls;
    assert.ok(behind(3000).longestGapMs <= gap, `${behind(3000).longestGapMs} ms`);
    assert.ok(behind(3000).polls <= sparse + dense + 2 && behind(3000).polls < alone.polls, `${behind(3000).polls} vs ${alone.polls}`);
    assert.ok(behind(3000).latencyMs <= defaultPollPolicy.coldMaxGapMs, `${behind(3000).latencyMs} ms late`);
    // A minute behind, never close within two minutes: check-ins only.
    assert.ok(behind(60_000).longestGapMs <= defaultPollPolicy.maxIntervalMs && behind(60_000).polls < alone.polls / 5);
    // Submitted right after it: as dense as a job on its own.
    assert.equal(behind(100).polls, alone.polls);
  });

  it('blends the learned spread with a prior until a few runs were timed', () => {
    const base = { elapsedMs: 0, pollsSent: 0, runStartMs: 0, expectedRunMs: 10_000 };
    assert.equal(effectiveSpreadMs(base), 400);
    assert.equal(effectiveSpreadMs({ ...base, expectedSpreadMs: 100, expectedSamples: 2 }), (100 + 2 * 400) / 3);
    assert.equal(effectiveSpreadMs({ ...base, expectedSpreadMs: 100, expectedSamples: 50 }), (4 * 100 + 2 * 400) / 6);
  });

  it('widens the window by what is unknown about when the job left the queue', () => {
    const base = { elapsedMs: 5000, pollsSent: 4, lastStatus: running, expectedRunMs: 10_000, expectedSpreadMs: 200, expectedSamples: 10 };
    const known = pollWindow({ ...base, runStartMs: 3000 });
    const bracketed = pollWindow({ ...base, runStartMs: 3000, runStartLatestMs: 4000 });
    assert.equal(bracketed.startMs, known.startMs);
    assert.equal(bracketed.endMs, known.endMs + 1000);
    assert.ok(bracketed.gapMs <= defaultPollPolicy.burstMaxGapMs);
  });

  it('still checks in during a long expected wait, so an early failure is noticed', () => {
    assert.equal(nextPollDelayMs({ elapsedMs: 0, pollsSent: 0, runStartMs: 0, expectedRunMs: 60_000 }), 15_000);
  });

  it('polls soon after submit while the service queues, to date the run start', () => {
    const state = { elapsedMs: 0, pollsSent: 0, runStartMs: 0, expectedRunMs: 30_000 };
    assert.equal(nextPollDelayMs({ ...state, queueLikely: true }), defaultPollPolicy.budgetIntervalMs);
    assert.ok(nextPollDelayMs(state) >= defaultPollPolicy.checkInMinMs);
  });

  it('grows the gaps when a job overruns its window', () => {
    const late = { pollsSent: 2, lastStatus: running, runStartMs: 0, expectedRunMs: 1000, expectedSamples: 5, expectedSpreadMs: 20 };
    const end = pollWindow({ ...late, elapsedMs: 0 }).endMs;
    const soon = nextPollDelayMs({ ...late, elapsedMs: end + 100 });
    const atTen = nextPollDelayMs({ ...late, elapsedMs: 10_000 });
    const atThirty = nextPollDelayMs({ ...late, elapsedMs: 30_000 });
    assert.ok(soon <= 500 && atTen > soon && atThirty >= atTen, `${soon}, ${atTen}, ${atThirty}`);
    assert.equal(atThirty, defaultPollPolicy.maxIntervalMs);
  });

  it('measures the estimate from when the job left the queue', () => {
    const state = { elapsedMs: 5000, pollsSent: 3, lastStatus: running, runStartMs: 5000, expectedRunMs: 1000, expectedSamples: 1 };
    const window = pollWindow(state);
    assert.equal(window.startMs, 5000 + 1000 - 100);
    assert.equal(nextPollDelayMs(state), window.startMs + window.gapMs - 5000);
  });

  it('polls less often the further back in the queue', () => {
    const at = (queuePosition: number) =>
      nextPollDelayMs({ elapsedMs: 60_000, pollsSent: 1, lastStatus: { state: 'queued', queuePosition }, runStartMs: 0 });
    assert.ok(at(1) < at(4) && at(4) < at(20), `${at(1)}, ${at(4)}, ${at(20)}`);
    assert.equal(at(1000), defaultPollPolicy.maxIntervalMs);
  });

  it('takes a Retry-After hint to stretch waits, but not into the window around a known end', () => {
    const base = { pollsSent: 3, lastStatus: running, runStartMs: 0 };
    assert.equal(nextPollDelayMs({ ...base, elapsedMs: 2000, retryAfterHintMs: 3000 }), 3000);
    assert.equal(nextPollDelayMs({ ...base, elapsedMs: 2000, retryAfterHintMs: 3_600_000 }), defaultPollPolicy.maxHintMs);
    const state = { ...base, elapsedMs: 25_000, expectedRunMs: 30_000, expectedSamples: 1, retryAfterHintMs: 10_000 };
    const window = pollWindow(state);
    assert.equal(25_000 + nextPollDelayMs(state), window.startMs + window.gapMs);
  });

  it('holds back when the request budget is spent', () => {
    const delay = nextPollDelayMs({ elapsedMs: 1000, pollsSent: 10, lastStatus: running, runStartMs: 0, expectedRunMs: 1000 });
    assert.equal(delay, 500 * 10 - 1000);
  });

  it('estimates when a job ended so learning neither drifts nor sticks', () => {
    assert.equal(estimateEndMs({ lastPendingMs: 784, doneMs: 816, runStartMs: 0 }), 800);
    assert.equal(estimateEndMs({ doneMs: 100, runStartMs: 0 }), 100);
    // Precise server timestamps win, kept inside what the polls saw.
    assert.equal(estimateEndMs({ lastPendingMs: 500, doneMs: 1000, runStartMs: 0, serverDurationMs: 812 }), 812);
    assert.equal(estimateEndMs({ lastPendingMs: 500, doneMs: 1000, runStartMs: 0, serverDurationMs: 5000 }), 1000);
    assert.equal(estimateEndMs({ lastPendingMs: 500, doneMs: 1000, runStartMs: 0, serverDurationMs: 100 }), 500);
  });

  it('uses server timestamps only when they have sub-second digits', () => {
    assert.equal(preciseServerDurationMs('2026-05-01T12:00:00.100Z', '2026-05-01T12:00:00.900Z'), 800);
    assert.equal(preciseServerDurationMs('2026-05-01T12:00:00Z', '2026-05-01T12:00:01Z'), undefined);
    assert.equal(preciseServerDurationMs(undefined, '2026-05-01T12:00:01.5Z'), undefined);
    assert.equal(preciseServerDurationMs('2026-05-01T12:00:02.000Z', '2026-05-01T12:00:01.000Z'), undefined);
  });
});
