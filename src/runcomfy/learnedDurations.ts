/**
 * How long jobs of one kind (model, size, steps) take, learned from past runs: an expected run time and a
 * spread (the half-width of the range recent jobs ended in). The poll schedule polls across that range,
 * right around the expected end. In memory; the editor may persist `snapshot()` and hand it back through
 * `restore()` or the client's options.
 *
 * A poll loop never sees the exact end, only that the job ended between two polls, so each run is kept as
 * an interval. Intersecting the recent intervals narrows the range quickly (each job's polls split the
 * range the previous ones left, like a bisection) down to the real job-to-job variation; when they no
 * longer overlap, the gap between them is that variation. A one-in-five outlier is trimmed, and only the
 * last few runs count, so a model that got faster is followed within a few jobs.
 */
import type { ModelInput } from './types';

/** The inputs that change how long a model runs. */
export function durationKey(model: string, input: ModelInput | undefined): string | undefined {
  if (!input) return undefined;
  const part = (name: string) => (typeof input[name] === 'number' ? String(input[name]) : '-');
  return `${model}|${part('width')}x${part('height')}|steps=${part('steps')}`;
}

/** What is known about one kind of job. */
export interface DurationEstimate {
  /** Expected run time, ms (from leaving the queue to finishing). */
  expectedMs: number;
  /** Half-width of the range in which recent jobs of this kind ended, around `expectedMs`, ms. */
  spreadMs: number;
}

/** One run: it ended somewhere between `low` and `high` ms after it started running. */
type Observation = readonly [low: number, high: number];

/** Spread given to a plain number restored from an older snapshot, as a share of it. */
const legacySpreadFraction = 0.1;

export class LearnedDurations {
  private readonly runs = new Map<string, Observation[]>();

  /**
   * @param window runs kept per kind of job
   * @param capacity kinds kept, least recently updated dropped first
   */
  constructor(
    initial: Record<string, unknown> = {},
    private readonly window = 6,
    private readonly capacity = 200,
  ) {
    this.restore(initial);
  }

  /** The expected run time for `key`, or undefined when no job of that kind has finished yet. */
  get(key: string | undefined): number | undefined {
    return this.estimate(key)?.expectedMs;
  }

  /** Expected run time and spread for `key`, or undefined when no job of that kind has finished yet. */
  estimate(key: string | undefined): DurationEstimate | undefined {
    const runs = key === undefined ? undefined : this.runs.get(key);
    if (!runs?.length) return undefined;
    // Trim the most extreme bound on each side once there are enough runs to call one an outlier.
    const trim = Math.floor(runs.length / 5);
    const latestStart = runs.map(([low]) => low).sort((a, b) => b - a)[trim]!;
    const earliestEnd = runs.map(([, high]) => high).sort((a, b) => a - b)[trim]!;
    return {
      expectedMs: (latestStart + earliestEnd) / 2,
      spreadMs: Math.max(1, Math.abs(earliestEnd - latestStart) / 2),
    };
  }

  /**
   * Records one run: the job ended somewhere between `lowMs` and `highMs` after it started running (pass
   * one value when the end is known exactly).
   */
  record(key: string | undefined, lowMs: number, highMs = lowMs): void {
    const low = Math.max(0, Math.min(lowMs, highMs));
    const high = Math.max(lowMs, highMs);
    if (key === undefined || !Number.isFinite(low) || !Number.isFinite(high) || high <= 0) return;
    const runs = [...(this.runs.get(key) ?? []), [low, high] as const].slice(-this.window);
    this.runs.delete(key); // re-insert so Map order is least recently updated first
    this.runs.set(key, runs);
    if (this.runs.size > this.capacity) this.runs.delete(this.runs.keys().next().value!);
  }

  /** Plain data to persist (e.g. in VS Code's globalState). */
  snapshot(): Record<string, DurationEstimate> {
    return Object.fromEntries([...this.runs.keys()].map((key) => [key, this.estimate(key)!]));
  }

  /** Loads persisted estimates (or plain expected times from older snapshots), ignoring anything malformed. */
  restore(entries: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(entries)) {
      const estimate = asEstimate(value);
      if (estimate) this.record(key, estimate.expectedMs - estimate.spreadMs, estimate.expectedMs + estimate.spreadMs);
    }
  }
}

function asEstimate(value: unknown): DurationEstimate | undefined {
  const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;
  if (positive(value)) return { expectedMs: value, spreadMs: value * legacySpreadFraction };
  if (typeof value !== 'object' || value === null) return undefined;
  const { expectedMs, spreadMs } = value as Partial<DurationEstimate>;
  return positive(expectedMs) && positive(spreadMs) ? { expectedMs, spreadMs } : undefined;
}
