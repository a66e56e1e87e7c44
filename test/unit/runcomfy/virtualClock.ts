/**
 * A clock for simulating the real poll loop without real time: `sleep` parks the caller until `run`
 * advances virtual time to its deadline. Deterministic: timers fire in deadline order, and every
 * promise chain settles before the next one fires.
 */
import { cancelledBy, type Clock } from '../../../src/runcomfy/retry';

interface Timer {
  at: number;
  order: number;
  fire: () => void;
}

export interface VirtualClock extends Clock {
  /** Advances time timer by timer until `done()` or nothing is left to wait for. */
  run(done: () => boolean): Promise<void>;
}

export function virtualClock(): VirtualClock {
  let now = 0;
  let order = 0;
  const timers = new Set<Timer>();
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    now: () => now,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(cancelledBy(signal));
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          timers.delete(timer);
          reject(cancelledBy(signal!));
        };
        const timer: Timer = {
          at: now + Math.max(0, ms),
          order: order++,
          fire: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        timers.add(timer);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    async run(done) {
      await settle();
      while (!done() && timers.size) {
        const next = [...timers].reduce((a, b) => (a.at < b.at || (a.at === b.at && a.order < b.order) ? a : b));
        timers.delete(next);
        now = Math.max(now, next.at);
        next.fire();
        await settle();
      }
    },
  };
}
