import * as assert from 'node:assert/strict';
import { LearnedDurations } from '../../../src/runcomfy/learnedDurations';
import { pollUntilDone, type PollDependencies } from '../../../src/runcomfy/poller';
import { PollPeers } from '../../../src/runcomfy/pollPeers';
import { PollRateLimiter } from '../../../src/runcomfy/pollRateLimit';
import { defaultPollPolicy, type PollPolicy } from '../../../src/runcomfy/pollSchedule';
import type { JobResult } from '../../../src/runcomfy/types';
import { virtualClock, type VirtualClock } from './virtualClock';

/** One simulated job: submitted at `submitAtMs`, queued for `queueMs`, then running for `runMs` (virtual time). */
interface SimJob {
  submitAtMs: number;
  runMs: number;
  queueMs?: number;
}

interface SimOutcome {
  /** Virtual times of every poll the job sent. */
  polls: number[];
  /** How long after the job ended its loop noticed it. */
  latencyMs: number;
}

/**
 * Runs the real poll loop for several jobs of one kind at once, on one client's shared state (learned
 * durations, peers, rate limiter), against jobs that answer from virtual time; no network, no real time.
 */
async function simulateClient(jobs: SimJob[], policy: Partial<PollPolicy> = {}, learned = new LearnedDurations()) {
  const clock: VirtualClock = virtualClock();
  const full = { ...defaultPollPolicy, ...policy };
  const shared = { clock, policy: full, learned, peers: new PollPeers(), rateLimiter: new PollRateLimiter(full.maxPollsPerSecond) };
  const outcomes: SimOutcome[] = jobs.map(() => ({ polls: [], latencyMs: Number.NaN }));
  let finished = 0;
  jobs.forEach((job, index) => {
    const queueMs = job.queueMs ?? 0;
    const endAt = job.submitAtMs + queueMs + job.runMs;
    const iso = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
    const deps: PollDependencies = {
      ...shared,
      async readResult() {
        const now = clock.now();
        outcomes[index]!.polls.push(now);
        const requestId = `job-${index}`;
        let result: JobResult;
        if (now < job.submitAtMs + queueMs) result = { state: 'pending', requestId, status: { state: 'queued', queuePosition: 1 } };
        else if (now < endAt) result = { state: 'pending', requestId, status: { state: 'running' } };
        else result = { state: 'succeeded', requestId, outputs: [], createdAt: iso(job.submitAtMs), finishedAt: iso(endAt) };
        return { result };
      },
    };
    void clock
      .sleep(job.submitAtMs)
      .then(() => pollUntilDone({ requestId: `job-${index}`, sinceSubmitMs: 0, durationKey: 'kind' }, deps))
      .then(() => {
        outcomes[index]!.latencyMs = clock.now() - endAt;
        finished++;
      });
  });
  await clock.run(() => finished === jobs.length);
  assert.equal(finished, jobs.length, 'every job ended');
  return outcomes;
}

/** Requests a fixed 500 ms poller sends for a job of `ms`: status polls, then the result. */
const fixedPolls = (ms: number) => Math.ceil(ms / 500) + 1;

describe('poll loop, simulated on a virtual clock', () => {
  it('jobs submitted before the first of their kind ended pick up its duration and end on time', async () => {
    // A 2-minute kind, cold: twelve jobs 3 s apart, every one submitted before the first ends.
    const jobs = Array.from({ length: 12 }, (_, i) => ({ submitAtMs: i * 3000, runMs: 120_000 + ((i * 1700) % 5000) - 2500 }));
    const outcomes = await simulateClient(jobs);
    const [first, ...later] = outcomes;
    // The first one nobody timed: never later than a fixed 500 ms poller.
    assert.ok(first!.latencyMs <= 500, `first: ${first!.latencyMs} ms`);
    for (const [i, outcome] of later.entries()) {
      assert.ok(outcome.latencyMs <= 500, `job ${i + 1}: ${Math.round(outcome.latencyMs)} ms late`);
    }
    const ours = outcomes.reduce((sum, o) => sum + o.polls.length, 0);
    const fixed = jobs.reduce((sum, j) => sum + fixedPolls(j.runMs), 0);
    // The bound for jobs of 5 s and more: jobs close behind the first poll densely until it is timed.
    assert.ok(ours <= 0.6 * fixed, `${ours} polls vs ${fixed} for a fixed 500 ms poller`);
  });

  it('a cold job behind an older one of its kind waits sparsely, then wakes when that one teaches its duration', async () => {
    const [leader, follower] = await simulateClient([
      { submitAtMs: 0, runMs: 30_000 },
      { submitAtMs: 10_000, runMs: 30_000 },
    ]);
    assert.ok(leader!.latencyMs <= 500);
    assert.ok(follower!.latencyMs <= defaultPollPolicy.burstMaxGapMs, `${follower!.latencyMs} ms`);
    // Before the leader ended it checked in at a share of its 10 s lag (2.5 s), not every 500 ms.
    const beforeLeaderEnded = follower!.polls.filter((t) => t < 30_000).length;
    const checkIns = 20_000 / (defaultPollPolicy.followerGapFraction * 10_000);
    assert.ok(beforeLeaderEnded <= checkIns + 1, `${beforeLeaderEnded} polls while the leader ran`);
    assert.ok(follower!.polls.length < fixedPolls(30_000) / 3, `${follower!.polls.length} polls`);
  });

  it('a cold job close behind an older one that ends first is still noticed within a fixed poller’s gap', async () => {
    // The bench's worst case before: 6 s behind, about 10 s shorter, so it ends while the first still runs.
    // Ends spread over a check-in gap, so no lucky alignment with the polls passes it.
    const worstLateness = async (policy: Partial<PollPolicy>) => {
      let worstMs = 0;
      for (let end = 0; end < 1500; end += 125) {
        const [first, second] = await simulateClient([
          { submitAtMs: 0, runMs: 123_000 },
          { submitAtMs: 6000, runMs: 112_000 + end },
        ], policy);
        assert.ok(first!.latencyMs <= 500, `first: ${Math.round(first!.latencyMs)} ms late`);
        assert.ok(second!.polls.length < fixedPolls(112_000 + end), `${second!.polls.length} polls`);
        worstMs = Math.max(worstMs, second!.latencyMs);
      }
      return worstMs;
    };
    const worstMs = await worstLateness({});
    assert.ok(worstMs <= 500, `the second was up to ${Math.round(worstMs)} ms late`);
    // The control: checking in at a share of the head start to the end, it is noticed far later.
    assert.ok((await worstLateness({ followerCloseFraction: 0 })) > 1000);
  });

  it('caps polls per second across jobs, however many poll at once', async () => {
    const jobs = Array.from({ length: 30 }, () => ({ submitAtMs: 0, runMs: 5000 }));
    const outcomes = await simulateClient(jobs, { maxPollsPerSecond: 10 });
    const sends = outcomes.flatMap((o) => o.polls).sort((a, b) => a - b);
    for (let i = 10; i < sends.length; i++) {
      assert.ok(sends[i]! - sends[i - 10]! >= 1000, `polls ${i - 10} and ${i} only ${sends[i]! - sends[i - 10]!} ms apart`);
    }
    // Without the cap the same jobs do send more than 10 in some second: the test would notice its loss.
    const uncapped = (await simulateClient(jobs)).flatMap((o) => o.polls).sort((a, b) => a - b);
    assert.ok(uncapped.some((t, i) => i >= 10 && t - uncapped[i - 10]! < 1000));
  });

  it('a queued job learns only when its run start is known closely enough', async () => {
    // Queued at position 1 (polled every 750 ms): the start is bracketed within 750 ms, a small share of 5 s.
    const learned = new LearnedDurations();
    await simulateClient([{ submitAtMs: 0, queueMs: 20_000, runMs: 5000 }], {}, learned);
    const sample = learned.get('kind');
    assert.ok(sample !== undefined && Math.abs(sample - 5000) <= 375, String(sample));
    // The same bracket around a 0.8 s run could put its duration anywhere from 0.4 to 1.2 s: not learned.
    const short = new LearnedDurations();
    await simulateClient([{ submitAtMs: 0, queueMs: 20_000, runMs: 800 }], {}, short);
    assert.equal(short.get('kind'), undefined);
  });
});
