import * as assert from 'node:assert/strict';
import { CancelledError, InvalidInputError, NetworkError, ServerError } from '../../../src/runcomfy';
import {
  abortableSleep,
  backoffDelayMs,
  clampRetryAfter,
  defaultRetryPolicy,
  isRetryableError,
  isTransientTransportError,
  parseRetryAfterMs,
  withRetries,
} from '../../../src/runcomfy/retry';
import { recordingClock } from './clientHarness';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('retry', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('Wed, 25 Nov 2026 18:00:00 GMT');
    assert.equal(parseRetryAfterMs('3', now), 3000);
    assert.equal(parseRetryAfterMs(' 1.5 ', now), 1500);
    assert.equal(parseRetryAfterMs('Wed, 25 Nov 2026 18:00:07 GMT', now), 7000);
    assert.equal(parseRetryAfterMs('Wed, 25 Nov 2026 17:00:00 GMT', now), 0);
    assert.equal(parseRetryAfterMs(['4'], now), 4000);
    assert.equal(parseRetryAfterMs('soon', now), undefined);
    assert.equal(parseRetryAfterMs(undefined, now), undefined);
  });

  it('clamps server waits into 0.5–30 s', () => {
    assert.equal(clampRetryAfter(0, defaultRetryPolicy), 500);
    assert.equal(clampRetryAfter(86_400_000, defaultRetryPolicy), 30_000);
    assert.equal(clampRetryAfter(2000, defaultRetryPolicy), 2000);
  });

  it('backs off exponentially with jitter, capped', () => {
    assert.equal(backoffDelayMs(1, defaultRetryPolicy, () => 0), 500);
    assert.equal(backoffDelayMs(1, defaultRetryPolicy, () => 1), 1000);
    assert.equal(backoffDelayMs(3, defaultRetryPolicy, () => 1), 4000);
    assert.equal(backoffDelayMs(20, defaultRetryPolicy, () => 1), defaultRetryPolicy.maxDelayMs);
  });

  it('finds transient transport failures anywhere in the cause chain', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    assert.ok(isTransientTransportError(new Error('fetch failed', { cause: new Error('wrapped', { cause: reset }) })));
    assert.ok(!isTransientTransportError(Object.assign(new Error('no such host'), { code: 'ENOTFOUND' })));
    assert.ok(isRetryableError(new NetworkError('x', { cause: reset })));
    assert.ok(!isRetryableError(new NetworkError('x', { code: 'ENOTFOUND' })));
    assert.ok(!isRetryableError(new InvalidInputError('x')));
    assert.ok(!isRetryableError(new CancelledError('x')));
  });

  it('rejects a sleep at once when aborted, before or during it', async () => {
    await assert.rejects(abortableSleep(10_000, AbortSignal.abort()), CancelledError);
    const controller = new AbortController();
    const started = performance.now();
    const sleep = abortableSleep(10_000, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(sleep, CancelledError);
    assert.ok(performance.now() - started < 200);
    await abortableSleep(1); // and resolves normally without a signal
  });

  it('retries only retryable errors, up to the attempt budget, waiting Retry-After when given', async () => {
    const clock = recordingClock(0);
    let calls = 0;
    const failing = withRetries(
      async () => {
        calls++;
        throw new ServerError('busy', { status: 503, retryAfterMs: 2000 });
      },
      { policy: defaultRetryPolicy, clock, logger: silent, what: 'test' },
    );
    await assert.rejects(failing, ServerError);
    assert.equal(calls, defaultRetryPolicy.maxAttempts);
    assert.deepEqual(clock.sleeps, [2000, 2000, 2000, 2000]);

    calls = 0;
    const invalid = withRetries(
      async () => {
        calls++;
        throw new InvalidInputError('bad');
      },
      { policy: defaultRetryPolicy, clock, logger: silent, what: 'test' },
    );
    await assert.rejects(invalid, InvalidInputError);
    assert.equal(calls, 1);
  });
});
