/**
 * The cap on polls per second across every job of one client: each job's own budget keeps it at or
 * below a fixed 500 ms poller, but fifty jobs at once would still send a hundred requests a second. Pure
 * (times come in as arguments).
 */
export class PollRateLimiter {
  /** Reserved send times, never decreasing, from the last second on. */
  private readonly slots: number[] = [];
  private readonly limit: number;

  /** @param maxPerSecond polls allowed in any one-second window */
  constructor(maxPerSecond: number) {
    this.limit = Math.max(1, Math.floor(maxPerSecond));
  }

  /**
   * Reserves the earliest send time at or after `nowMs` that keeps every one-second window within the
   * cap, and returns it; callers that come later queue up behind earlier reservations. Each slot is at
   * least a second after the one `limit` places before it, which is exactly the cap.
   */
  reserve(nowMs: number): number {
    while (this.slots.length && this.slots[0]! <= nowMs - 1000) this.slots.shift();
    const blocking = this.slots.length >= this.limit ? this.slots[this.slots.length - this.limit]! + 1000 : nowMs;
    const at = Math.max(nowMs, blocking);
    this.slots.push(at);
    return at;
  }
}
