/**
 * Runs the real poll loop (`pollUntilDone`) against simulated jobs on a virtual clock: sleeps advance
 * time instantly, each poll answers from the job's timeline. Hundreds of jobs take milliseconds, so tests
 * can state the schedule's latency and request figures directly.
 */
import { LearnedDurations } from '../../../src/runcomfy/learnedDurations';
import { defaultPollPolicy, type PollPolicy } from '../../../src/runcomfy/pollSchedule';
import { pollUntilDone } from '../../../src/runcomfy/poller';
import type { Clock } from '../../../src/runcomfy/retry';
import type { JobResult } from '../../../src/runcomfy/types';

export { seededRandom as seeded } from '../../support/seededRandom';

export interface SimulatedJob {
  queueMs: number;
  runMs: number;
  /** A `Retry-After` the service sends on every pending reply, ms. */
  retryAfterMs?: number;
}

export interface SimulatedRun {
  /** When the loop saw the end minus when the job ended, ms. */
  addedMs: number;
  /** Polls sent (each a `/result` read). */
  polls: number;
}

/** Polls one job to its end on a virtual clock; `learned` carries over between calls like a real client's. */
export async function simulateJob(
  job: SimulatedJob,
  learned: LearnedDurations,
  policy: PollPolicy = defaultPollPolicy,
  key = 'kind',
): Promise<SimulatedRun> {
  let now = 0;
  let polls = 0;
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => {
      now += Math.max(0, ms);
    },
  };
  const endMs = job.queueMs + job.runMs;
  const readResult = async (): Promise<{ result: JobResult; retryAfterHintMs?: number }> => {
    polls++;
    if (now >= endMs) return { result: { state: 'succeeded', requestId: 'r', outputs: [] } };
    const status = now < job.queueMs ? ({ state: 'queued', queuePosition: 1 } as const) : ({ state: 'running' } as const);
    return { result: { state: 'pending', requestId: 'r', status }, retryAfterHintMs: job.retryAfterMs };
  };
  await pollUntilDone({ requestId: 'r', sinceSubmitMs: 0, durationKey: key }, { clock, policy, learned, readResult });
  return { addedMs: now - endMs, polls };
}

/** Polls a fixed 500 ms poller would send for a job ending at `endMs`: status every 500 ms, then one result. */
export function fixedPollerPolls(endMs: number, intervalMs = 500): number {
  return Math.ceil(endMs / intervalMs) + 1;
}
