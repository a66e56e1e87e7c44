/**
 * How long jobs of one kind (model, size, steps) take, learned from past runs as an exponentially weighted
 * moving average, and how much they vary (the same average of each sample's distance from the expected
 * time). The poll schedule polls densely right around the expected end, as wide as the jobs vary. In memory;
 * the editor may persist `snapshot()` (the expected times; the spread is relearned within a few jobs) and
 * hand it back through `restore()` or the client's options.
 */
import type { ModelInput } from './types';

/** The key jobs are grouped by: the inputs that change how long a model runs. */
export function durationKey(model: string, input: ModelInput | undefined): string | undefined {
  if (!input) return undefined;
  const part = (name: string) => (typeof input[name] === 'number' ? String(input[name]) : '-');
  return `${model}|${part('width')}x${part('height')}|steps=${part('steps')}`;
}

export class LearnedDurations {
  private readonly averages = new Map<string, number>();
  private readonly spreads = new Map<string, number>();
  private readonly counts = new Map<string, number>();
  private readonly listeners = new Set<(key: string) => void>();

  /**
   * @param weight share of a new sample in the average: high enough to follow a model that got faster
   * @param capacity keys kept, least recently updated dropped first
   */
  constructor(
    initial: Record<string, number> = {},
    private readonly weight = 0.4,
    private readonly capacity = 200,
  ) {
    this.restore(initial);
  }

  /** The expected run time for `key`, or undefined when no job of that kind has finished yet. */
  get(key: string | undefined): number | undefined {
    return key === undefined ? undefined : this.averages.get(key);
  }

  /**
   * How far from `get(key)` jobs of this kind typically end (mean absolute deviation), once two have
   * finished; undefined before.
   */
  spread(key: string | undefined): number | undefined {
    return key === undefined ? undefined : this.spreads.get(key);
  }

  /** How many runs of this kind were timed (this session; a restored average counts as one). */
  samples(key: string | undefined): number {
    if (key === undefined || !this.averages.has(key)) return 0;
    return this.counts.get(key) ?? 1;
  }

  /**
   * Calls `listener` after every `record`, with its key: a poll loop still waiting on a job of that kind
   * re-plans at once instead of sleeping through the end it can now expect. Returns the unsubscribe.
   */
  onRecorded(listener: (key: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Folds one observed run time into the average and the spread. */
  record(key: string | undefined, sampleMs: number): void {
    if (key === undefined || !Number.isFinite(sampleMs) || sampleMs <= 0) return;
    this.counts.set(key, this.samples(key) + 1);
    const previous = this.averages.get(key);
    const next = previous === undefined ? sampleMs : previous + this.weight * (sampleMs - previous);
    if (previous !== undefined) {
      const deviation = Math.abs(sampleMs - previous);
      const spread = this.spreads.get(key);
      this.spreads.set(key, spread === undefined ? deviation : spread + this.weight * (deviation - spread));
    }
    this.averages.delete(key); // re-insert so Map order is least recently updated first
    this.averages.set(key, next);
    if (this.averages.size > this.capacity) {
      const oldest = this.averages.keys().next().value!;
      this.averages.delete(oldest);
      this.spreads.delete(oldest);
      this.counts.delete(oldest);
    }
    for (const listener of this.listeners) listener(key);
  }

  /** Plain data to persist (e.g. in VS Code's globalState). */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.averages);
  }

  /** Loads persisted averages, ignoring anything that is not a positive number. */
  restore(entries: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(entries)) {
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) this.averages.set(key, value);
    }
  }
}
