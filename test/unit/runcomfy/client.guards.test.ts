import * as assert from 'node:assert/strict';
import { createRunComfyClient, InsecureUrlError, InvalidInputError } from '../../../src/runcomfy';
import { KLEIN_9B, requestLines, startHarness, type Harness } from './clientHarness';

describe('RunComfy client: guards before anything is sent or paid for', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.dispose());

  it('waits normally with a timeout longer than a timer can hold (40000 and 100000 minutes)', async () => {
    for (const minutes of [40_000, 100_000]) {
      const result = await h.client.run(KLEIN_9B, { prompt: '[queue:50][run:50] x' }, { timeoutMs: minutes * 60_000 });
      assert.equal(result.state, 'succeeded');
    }
  });

  it('refuses a timeout that is not a positive number before submitting', async () => {
    for (const timeoutMs of [0, -5, Number.NaN]) {
      await assert.rejects(h.client.run(KLEIN_9B, { prompt: 'x' }, { timeoutMs }), InvalidInputError);
    }
    assert.deepEqual(requestLines(h.double, 'api'), []);
  });

  it('refuses a model id with . or .. segments or odd characters before sending anything', async () => {
    for (const model of ['x/../../../v1/requests/ID/cancel', 'owner/./name', 'owner/na me', 'owner//name', 'single', 'owner/name?x=1', 'owner/%2e%2e/x']) {
      await assert.rejects(h.client.submit(model, { prompt: 'x' }), (error: unknown) => {
        assert.ok(error instanceof InvalidInputError, String(error));
        assert.match(error.message, /model id/);
        return true;
      });
    }
    assert.deepEqual(requestLines(h.double, 'api'), []);
  });

  it('sends the token only under the base URL path, not elsewhere on its origin', async () => {
    const tenant = createRunComfyClient({ baseUrl: `${h.double.baseUrl}/tenant-a`, getToken: () => h.double.token, retryPolicy: { maxAttempts: 1 } });
    try {
      const elsewhere = `${h.double.baseUrl}/tenant-b/v1/requests/abc/result`;
      await tenant.wait({ requestId: 'abc', resultUrl: elsewhere }).catch(() => undefined);
    } finally {
      await tenant.close();
    }
    const paths = requestLines(h.double, 'api');
    assert.ok(paths.length > 0);
    assert.ok(paths.every((line) => line.includes('/tenant-a/')), paths.join('\n'));
  });

  it('refuses a plain http base URL unless it is loopback, with a clear message', () => {
    assert.throws(
      () => createRunComfyClient({ baseUrl: 'http://model-api.runcomfy.net', getToken: () => 't' }),
      (error: unknown) => error instanceof InsecureUrlError && /https/.test(error.message) && /localhost/.test(error.message),
    );
    for (const baseUrl of ['http://127.0.0.1:9', 'http://localhost:9', 'https://model-api.runcomfy.net']) {
      void createRunComfyClient({ baseUrl, getToken: () => 't' }).close();
    }
  });
});
