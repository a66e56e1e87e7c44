import * as assert from 'node:assert/strict';
import { LearnedDurations } from '../../../src/runcomfy/learnedDurations';
import { defaultPollPolicy, denseWindow, nextPollDelayMs } from '../../../src/runcomfy/pollSchedule';
import { fixedPollerPolls, seeded, simulateJob, type SimulatedRun } from './pollSimulation';

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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('Poll schedule', () => {
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
