import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { createRunComfyClient, InsecureUrlError } from '../../../src/runcomfy';
import { KLEIN_9B, startHarness, type Harness } from './clientHarness';

describe('RunComfy client: where the token goes', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.dispose());

  it('sends the token and JSON headers to the API, and nothing of it to the file host', async () => {
    const result = await h.client.run(KLEIN_9B, { prompt: 'x' });
    await h.client.download(result.outputs[0]!.url, path.join(h.dir, 'x.png'));
    const api = h.double.requests.filter((request) => request.server === 'api');
    const files = h.double.requests.filter((request) => request.server === 'files');
    assert.ok(api.length >= 2 && files.length === 1);
    for (const request of api) {
      assert.equal(request.headers.authorization, `Bearer ${h.double.token}`);
      assert.equal(request.headers.accept, 'application/json');
      assert.equal(request.headers['user-agent'], 'runcomfy-images-tests');
    }
    assert.equal(files[0]!.authorization, false);
    assert.ok(!JSON.stringify(files[0]!.headers).includes(h.double.token));
  });

  it('ignores status/result/cancel URLs on a foreign origin and builds them from the request id', async () => {
    const submission = await h.client.submit(KLEIN_9B, { prompt: '[scenario:foreign-urls] [queue:2000] x' });
    assert.equal(submission.statusUrl, undefined);
    assert.equal(submission.resultUrl, undefined);
    assert.equal(submission.cancelUrl, undefined);
    assert.equal(await h.client.status(submission.requestId).then((s) => s.state), 'queued');
    assert.equal(await h.client.cancel(submission.requestId), 'cancelled');
    // Even a submission carrying foreign URLs (e.g. from an old record) is not followed.
    const foreign = `${h.double.filesBaseUrl}/v1/requests/${submission.requestId}`;
    await h.client.wait({ requestId: submission.requestId, resultUrl: `${foreign}/result`, statusUrl: `${foreign}/status` }).catch(() => undefined);
    assert.deepEqual(h.double.requests.filter((request) => request.server === 'files'), []);
  });

  it('refuses plain http downloads unless the API itself is on loopback', async () => {
    const result = await h.client.run(KLEIN_9B, { prompt: 'x' });
    const remote = createRunComfyClient({ baseUrl: 'https://model-api.runcomfy.net', getToken: () => 'unused' });
    try {
      await assert.rejects(remote.download(result.outputs[0]!.url, path.join(h.dir, 'x.png')), InsecureUrlError);
      await assert.rejects(remote.download('file:///etc/passwd', path.join(h.dir, 'y.png')), InsecureUrlError);
    } finally {
      await remote.close();
    }
    assert.deepEqual(h.double.requests.filter((request) => request.server === 'files'), []);
    assert.deepEqual(await h.leftovers(), []);
  });
});
