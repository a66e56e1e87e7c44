import * as assert from 'node:assert/strict';
import { CancelledError } from '../../../src/runcomfy';
import { KLEIN_9B, requestLines, startHarness, type Harness } from './clientHarness';

describe('RunComfy client: cancel', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.dispose());

  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('cancels a queued job; the wait then ends with a remote CancelledError', async () => {
    const submission = await h.client.submit(KLEIN_9B, { prompt: '[queue:5000] x' });
    assert.equal(await h.client.cancel(submission.requestId), 'cancelled');
    const error = await h.client.wait(submission).catch((e: unknown) => e);
    assert.ok(error instanceof CancelledError && error.remote, String(error));
    assert.ok(requestLines(h.double, 'api').includes(`POST /v1/requests/${submission.requestId}/cancel`));
  });

  it('reports a running job as not_cancellable, and it still finishes', async () => {
    const submission = await h.client.submit(KLEIN_9B, { prompt: '[queue:0] [run:300] x' });
    await until(() => (h.double.jobs.get(submission.requestId)?.createdAt ?? 0) + 20 < performance.timeOrigin + performance.now());
    assert.equal(await h.client.cancel(submission.requestId), 'not_cancellable');
    const result = await h.client.wait(submission);
    assert.equal(result.state, 'succeeded');
  });

  it('reports a finished job as already_finished', async () => {
    const result = await h.client.run(KLEIN_9B, { prompt: 'x' });
    assert.equal(await h.client.cancel(result.requestId), 'already_finished');
  });
});
