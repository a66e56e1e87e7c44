import * as assert from 'node:assert/strict';
import { LearnedDurations } from '../../../src/runcomfy/learnedDurations';
import { defaultPollPolicy, denseWindow, nextPollDelayMs, type PollState } from '../../../src/runcomfy/pollSchedule';
import { fixedPollerPolls, seeded, simulateJob, type SimulatedRun } from './pollSimulation';

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

  it('still checks in during a long expected wait, so an early failure is noticed', () => {
    const delay = nextPollDelayMs({ elapsedMs: 1000, pollsSent: 1, lastStatus: { state: 'running' }, runStartMs: 0, expectedRunMs: 60_000 });
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
});

/** Runs `count` jobs of one kind through one learner; run time nominal ± jitter, queue 0..queueMaxMs. */
async function simulateKind(nominalMs: number, count: number, options: { jitter?: number; queueMaxMs?: number; seed?: number } = {}) {
  const random = seeded(options.seed ?? 1);
  const learned = new LearnedDurations();
  const runs: (SimulatedRun & { endMs: number })[] = [];
  for (let i = 0; i < count; i++) {
    const runMs = nominalMs * (1 + (random() * 2 - 1) * (options.jitter ?? 0.05));
    const queueMs = random() * (options.queueMaxMs ?? 0);
    runs.push({ ...(await simulateJob({ queueMs, runMs }, learned)), endMs: queueMs + runMs });
  }
  return runs;
}

describe('pollSchedule with learned durations (the real poll loop on a virtual clock)', () => {
  it('never sends more polls than a fixed 500 ms poller would (status polls plus the result fetch)', async () => {
    for (const [nominal, queueMaxMs] of [[300, 0], [800, 0], [5000, 0], [30_000, 0], [800, 8000], [30_000, 8000], [120_000, 0]] as const) {
      for (const run of await simulateKind(nominal, 12, { queueMaxMs, jitter: 0.2 })) {
        assert.ok(run.polls <= fixedPollerPolls(run.endMs), `${nominal} ms job (queue ≤ ${queueMaxMs}): ${run.polls} polls`);
      }
    }
  });

  it('catches 0.8 s jobs within a few tens of ms once it has seen a few', async () => {
    const runs = (await simulateKind(800, 40)).slice(5);
    assert.ok(median(runs.map((r) => r.addedMs)) <= 50, `median ${median(runs.map((r) => r.addedMs))} ms`);
  });

  it('catches 30 s jobs within 2 % of their run time and polls a fifth as often as a 500 ms poller', async () => {
    const runs = (await simulateKind(30_000, 20)).slice(3);
    assert.ok(median(runs.map((r) => r.addedMs)) <= 600, `median ${median(runs.map((r) => r.addedMs))} ms`);
    const polls = runs.reduce((sum, r) => sum + r.polls, 0);
    const fixed = runs.reduce((sum, r) => sum + fixedPollerPolls(r.endMs), 0);
    assert.ok(polls * 5 <= fixed, `${polls} polls against ${fixed}`);
  });

  it('keeps queued jobs within a few hundred ms of their end when it knows their run time', async () => {
    const runs = (await simulateKind(5000, 30, { queueMaxMs: 8000 })).slice(5);
    assert.ok(median(runs.map((r) => r.addedMs)) <= 300, `median ${median(runs.map((r) => r.addedMs))} ms`);
  });

  it('without an estimate, waits a fixed fraction of the time spent, so long jobs are still caught within 10 %', async () => {
    const [first] = await simulateKind(60_000, 1);
    assert.ok(first!.addedMs <= 6000, `${first!.addedMs} ms`);
  });

  it('straddles the expected end with no spread, and covers the spread with one gap per poll', () => {
    const policy = defaultPollPolicy;
    assert.deepEqual(denseWindow(800, 800, policy), { startMs: 784, gapMs: 32, endMs: 1000 });
    const wide = denseWindow(800, 800, policy, 200);
    assert.equal(wide.startMs, 700);
    assert.equal(wide.gapMs, 200);
    const affordable = denseWindow(800, 800, policy, 200, 8);
    assert.equal(affordable.gapMs, 50);
  });

  it('honours Retry-After before the dense polls, but not into them', () => {
    const state = { elapsedMs: 1000, pollsSent: 1, runStartMs: 0, lastStatus: { state: 'running' } as const, expectedRunMs: 5000, expectedSpreadMs: 10 };
    const plain = nextPollDelayMs(state);
    assert.equal(nextPollDelayMs({ ...state, retryAfterHintMs: 2500 }), Math.max(plain, 2500));
    const window = denseWindow(5000, 5000, defaultPollPolicy, 10);
    assert.equal(nextPollDelayMs({ ...state, retryAfterHintMs: 30_000 }), window.startMs - state.elapsedMs);
    assert.equal(nextPollDelayMs({ elapsedMs: 1000, pollsSent: 1, runStartMs: 0, retryAfterHintMs: 3000 }), 3000);
  });

  it('polls queued jobs at a tenth of their known run time, at least every second', () => {
    const queued = { elapsedMs: 2000, pollsSent: 1, runStartMs: 0, lastStatus: { state: 'queued', queuePosition: 1 } as const };
    assert.equal(nextPollDelayMs({ ...queued, expectedRunMs: 30_000 }), 3000);
    assert.equal(nextPollDelayMs({ ...queued, expectedRunMs: 800 }), 1000);
    assert.equal(nextPollDelayMs(queued), 250);
  });

  it('looks early at a long job to catch it queued, but not at a short one', () => {
    const fresh = { elapsedMs: 0, pollsSent: 0, runStartMs: 0 };
    assert.equal(nextPollDelayMs({ ...fresh, expectedRunMs: 30_000, expectedSpreadMs: 100 }), 3000);
    assert.equal(nextPollDelayMs({ ...fresh, expectedRunMs: 800, expectedSpreadMs: 10 }), 784);
  });
});
