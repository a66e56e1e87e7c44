/**
 * What the concurrent poll loops of one client know about each other: which jobs of each kind are running
 * (a job started after another of its kind most likely ends after it, and learns its duration when that
 * one ends), and whether the service has been queueing jobs lately (then a job first seen running may
 * have waited in the queue before that poll). Pure: times come in as arguments.
 */

/** One job's entry; `end()` when its poll loop ends, however it ends. */
export interface PeerHandle {
  /** Whether the job is running (not queued, not finished), as its last poll saw it. */
  setRunning(running: boolean): void;
  end(): void;
}

export class PollPeers {
  private readonly jobs = new Set<{ key: string; submittedAtMs: number; running: boolean }>();
  private lastQueuedAtMs = Number.NEGATIVE_INFINITY;

  /** @param queueMemoryMs how long a queued job keeps `queueLikely` true */
  constructor(private readonly queueMemoryMs = 10 * 60_000) {}

  /** Registers a job of kind `key` submitted at `submittedAtMs` (the poll loop's clock). */
  register(key: string, submittedAtMs: number): PeerHandle {
    const entry = { key, submittedAtMs, running: false };
    this.jobs.add(entry);
    return {
      setRunning: (running) => {
        entry.running = running;
      },
      end: () => {
        this.jobs.delete(entry);
      },
    };
  }

  /**
   * How much earlier than `submittedAtMs` the oldest running job of kind `key` was submitted: that one most
   * likely ends first and teaches every later one its duration, so a later job only risks ending before
   * it by more than its kind varies.
   */
  oldestSiblingLeadMs(key: string, submittedAtMs: number): number | undefined {
    let lead: number | undefined;
    for (const job of this.jobs) {
      if (job.key !== key || !job.running || job.submittedAtMs >= submittedAtMs) continue;
      lead = Math.max(lead ?? 0, submittedAtMs - job.submittedAtMs);
    }
    return lead;
  }

  noteQueued(atMs: number): void {
    this.lastQueuedAtMs = Math.max(this.lastQueuedAtMs, atMs);
  }

  queueLikely(atMs: number): boolean {
    return atMs - this.lastQueuedAtMs <= this.queueMemoryMs;
  }
}
