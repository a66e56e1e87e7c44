import * as assert from 'node:assert/strict';
import {
  GenerationFailedError,
  InsufficientBalanceError,
  InvalidInputError,
  NetworkError,
  RequestExpiredError,
  RunComfyAuthError,
  ServerError,
  UnexpectedResponseError,
  UnknownModelError,
} from '../../../src/runcomfy';
import { KLEIN_9B, requestLines, startHarness, type Harness } from './clientHarness';

describe('RunComfy client: errors', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.dispose());

  const submitRejections = [
    ['unauthorized', RunComfyAuthError, 401, /Set API Token/],
    ['auth-400004', RunComfyAuthError, 400, /Set API Token/],
    ['no-balance', InsufficientBalanceError, 400, /no remaining balance/],
    ['no-balance-402', InsufficientBalanceError, 402, /no remaining balance/],
    ['unknown-model', UnknownModelError, 400, /does not know the model/],
    ['error-code-200', InsufficientBalanceError, 400, /no remaining balance/],
  ] as const;
  for (const [scenario, type, status, message] of submitRejections) {
    it(`maps the "${scenario}" submit answer to ${type.name}`, async () => {
      const error = await h.client.run(KLEIN_9B, { prompt: `[scenario:${scenario}] x` }).catch((e: unknown) => e);
      assert.ok(error instanceof type, String(error));
      assert.equal(error.status, status);
      assert.match(error.message, message);
      assert.equal(requestLines(h.double, 'api').length, 1);
    });
  }

  it('applies a scenario set on the double to the jobs that follow', async () => {
    h.double.setScenario('no-balance');
    await assert.rejects(h.client.submit(KLEIN_9B, { prompt: 'x' }), InsufficientBalanceError);
    h.double.setScenario(undefined);
    assert.ok((await h.client.submit(KLEIN_9B, { prompt: 'x' })).requestId);
  });

  it('checks known inputs before sending anything', async () => {
    await assert.rejects(h.client.run(KLEIN_9B, { prompt: 'x', width: 4096 }), /from 512 to 1536/);
    assert.deepEqual(h.double.requests, []);
  });

  it('treats a wrong token as an auth error', async () => {
    const other = await startHarness({}, { getToken: () => 'wrong' });
    try {
      await assert.rejects(other.client.submit(KLEIN_9B, { prompt: 'x' }), RunComfyAuthError);
    } finally {
      await other.dispose();
    }
  });

  it('refuses to send anything without a token', async () => {
    const other = await startHarness({}, { getToken: () => undefined });
    try {
      await assert.rejects(other.client.submit(KLEIN_9B, { prompt: 'x' }), /Set API Token/);
      assert.equal(other.double.requests.length, 0);
    } finally {
      await other.dispose();
    }
  });

  it('answers an unknown model id with UnknownModelError', async () => {
    await assert.rejects(h.client.submit('acme/not-a-model', { prompt: 'x' }), (error: unknown) => {
      assert.ok(error instanceof UnknownModelError);
      assert.match(error.message, /acme\/not-a-model/);
      return true;
    });
  });

  it('names the field of a 422 validation error', async () => {
    const error = await h.client.submit(KLEIN_9B, { prompt: '[scenario:invalid-input] x' }).catch((e: unknown) => e);
    assert.ok(error instanceof InvalidInputError);
    assert.equal(error.status, 422);
    assert.equal(error.field, 'width');
    assert.match(error.message, /width.*less than or equal to 1536/);
  });

  it('reports the server reason of a failed generation, with error as an object or a string', async () => {
    for (const scenario of ['failed', 'failed-string']) {
      const error = await h.client.run(KLEIN_9B, { prompt: `[scenario:${scenario}] x` }).catch((e: unknown) => e);
      assert.ok(error instanceof GenerationFailedError, String(error));
      assert.equal(error.reason, 'The prompt was flagged by the content policy.');
      assert.ok(error.requestId);
    }
  });

  it('reads "failed" on /status as well as on /result', async () => {
    const submission = await h.client.submit(KLEIN_9B, { prompt: '[scenario:failed-on-status] x' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const status = await h.client.status(submission.requestId);
    assert.deepEqual(status, { state: 'failed', reason: 'RunComfy gave no reason' });
    const result = await h.client.result(submission.requestId);
    assert.equal(result.state, 'failed');
  });

  it('reports an expired request while polling as RequestExpiredError with its id', async () => {
    const error = await h.client.run(KLEIN_9B, { prompt: '[scenario:expired] x' }).catch((e: unknown) => e);
    assert.ok(error instanceof RequestExpiredError, String(error));
    assert.equal(error.code, 404001);
    assert.ok(error.requestId && h.double.jobs.has(error.requestId));
  });

  it('reports an unknown request id as RequestExpiredError', async () => {
    await assert.rejects(h.client.result('no-such-request'), RequestExpiredError);
  });

  it('sends exactly one POST when submit meets a 500, and says to check before resubmitting', async () => {
    const error = await h.client.run(KLEIN_9B, { prompt: '[scenario:submit-500] x' }).catch((e: unknown) => e);
    assert.ok(error instanceof ServerError, String(error));
    assert.equal(error.submitOutcomeUnknown, true);
    assert.match(error.message, /check your generations/);
    assert.deepEqual(requestLines(h.double, 'api'), [`POST /v1/models/${KLEIN_9B}`]);
  });

  it('sends exactly one POST when the connection resets on submit', async () => {
    const error = await h.client.submit(KLEIN_9B, { prompt: '[scenario:submit-reset] x' }).catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(error.submitOutcomeUnknown, true);
    assert.equal(requestLines(h.double, 'api').length, 1);
  });

  it('does not claim a refused connection may have submitted', async () => {
    const address = h.double.baseUrl;
    await h.double.close();
    const error = await h.client.submit(KLEIN_9B, { prompt: 'x' }).catch((e: unknown) => e);
    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(error.submitOutcomeUnknown, false);
    assert.match(error.message, new RegExp(new URL(address).host));
  });

  it('gives a clear error for malformed JSON, after retrying', async () => {
    const error = await h.client.run(KLEIN_9B, { prompt: '[scenario:malformed-json] x' }).catch((e: unknown) => e);
    assert.ok(error instanceof UnexpectedResponseError, String(error));
    assert.match(error.message, /not valid JSON/);
    assert.equal(requestLines(h.double, 'api').filter((line) => line.startsWith('GET')).length, 5);
  });

  it('names a proxy or captive portal when an HTML page comes back', async () => {
    const error = await h.client.run(KLEIN_9B, { prompt: '[scenario:html] x' }).catch((e: unknown) => e);
    assert.ok(error instanceof UnexpectedResponseError, String(error));
    assert.match(error.message, /HTML page instead of JSON.*proxy/);
  });

  it('reads at most about 1 MB of a reply: a huge body is an UnexpectedResponseError, not held in memory', async () => {
    const started = performance.now();
    const error = await h.client.run(KLEIN_9B, { prompt: '[scenario:huge-reply] x' }).catch((e: unknown) => e);
    assert.ok(error instanceof UnexpectedResponseError, String(error));
    assert.match(error.message, /larger than 1 MB/);
    assert.ok(performance.now() - started < 10_000);
  });

  it('recovers when malformed JSON was a one-off', async () => {
    const result = await h.client.run(KLEIN_9B, { prompt: '[scenario:malformed-json:1] x' });
    assert.equal(result.state, 'succeeded');
  });
});
