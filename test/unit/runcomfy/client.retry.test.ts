import * as assert from 'node:assert/strict';
import { CancelledError, RunComfyTimeoutError, ServerError } from '../../../src/runcomfy';
import { KLEIN_9B, recordingClock, requestLines, startHarness, type Harness } from './clientHarness';

describe('RunComfy client: retries and waits', () => {
  let h: Harness;
  let clock: ReturnType<typeof recordingClock>;
  beforeEach(async () => {
    clock = recordingClock();
    h = await startHarness({}, { clock });
  });
  afterEach(() => h.dispose());

  const polls = () => requestLines(h.double, 'api').filter((line) => line.startsWith('GET'));

  it('honours Retry-After in seconds on a 429', async () => {
    const result = await h.client.run(KLEIN_9B, { prompt: '[scenario:rate-limited] x' });
    assert.equal(result.state, 'succeeded');
    assert.ok(clock.sleeps.includes(1000), `sleeps: ${clock.sleeps.join(', ')}`);
  });

  it('honours Retry-After as an HTTP date on a 429', async () => {
    await h.client.run(KLEIN_9B, { prompt: '[scenario:rate-limited-date] x' });
    // The date is 2 s ahead at whole-second precision, so the wait is between 1 and 2 s.
    assert.ok(
      clock.sleeps.some((ms) => ms > 900 && ms <= 2000),
      `sleeps: ${clock.sleeps.join(', ')}`,
    );
  });

  it('retries a burst of 5xx with growing backoff, then succeeds', async () => {
    const result = await h.client.run(KLEIN_9B, { prompt: '[scenario:server-errors:3] x' });
    assert.equal(result.state, 'succeeded');
    const backoffs = clock.sleeps.filter((ms) => ms >= 5 && ms <= 40);
    assert.ok(backoffs.length >= 3, `sleeps: ${clock.sleeps.join(', ')}`);
  });

  it('gives up after the retry budget with a ServerError that keeps the request id', async () => {
    const error = await h.client.run(KLEIN_9B, { prompt: '[scenario:server-errors:50] x' }).catch((e: unknown) => e);
    assert.ok(error instanceof ServerError, String(error));
    assert.equal(error.status, 503);
    assert.ok(error.requestId);
    assert.equal(polls().length, 5);
  });

  it('retries after connection resets on polls', async () => {
    const result = await h.client.run(KLEIN_9B, { prompt: '[scenario:reset:2] x' });
    assert.equal(result.state, 'succeeded');
    assert.ok(polls().length >= 3);
  });

  it('treats Retry-After on a poll reply as a hint for the next poll', async () => {
    await h.client.run(KLEIN_9B, { prompt: '[scenario:retry-after-hint] [queue:0] [run:100] x' });
    assert.ok(clock.sleeps.slice(1).every((ms) => ms >= 1000), `sleeps: ${clock.sleeps.join(', ')}`);
  });

  it('throws RunComfyTimeoutError with the request id when timeoutMs passes', async () => {
    const started = performance.now();
    const error = await h.client
      .run(KLEIN_9B, { prompt: '[run:5000] slow' }, { timeoutMs: 150 })
      .catch((e: unknown) => e);
    assert.ok(error instanceof RunComfyTimeoutError, String(error));
    assert.ok(error.requestId && h.double.jobs.has(error.requestId));
    assert.ok(performance.now() - started < 1000);
  });
});

describe('RunComfy client: aborts', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({}, { retryPolicy: { minRetryAfterMs: 10 } });
  });
  afterEach(() => h.dispose());

  it('stops a backoff sleep at once when aborted', async () => {
    const controller = new AbortController();
    const run = h.client.run(KLEIN_9B, { prompt: '[scenario:rate-limited] x' }, { signal: controller.signal });
    // Wait until the 429 arrived and the client is sleeping its 1 s Retry-After.
    while (!h.double.requests.some((request) => request.method === 'GET')) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 30));
    const abortedAt = performance.now();
    controller.abort();
    await assert.rejects(run, CancelledError);
    assert.ok(performance.now() - abortedAt < 200, `took ${performance.now() - abortedAt} ms`);
    const requestsAtAbort = h.double.requests.length;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(h.double.requests.length, requestsAtAbort, 'no request after the abort');
  });

  it('stops polling at once when aborted between polls, and never retries an abort', async () => {
    const controller = new AbortController();
    const run = h.client.run(KLEIN_9B, { prompt: '[run:5000] x' }, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    const error = await run.catch((e: unknown) => e);
    assert.ok(error instanceof CancelledError && !error.remote, String(error));
    assert.ok(error.requestId && h.double.jobs.has(error.requestId), 'names the request, for a remote cancel');
    const count = h.double.requests.length;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(h.double.requests.length, count);
  });
});
