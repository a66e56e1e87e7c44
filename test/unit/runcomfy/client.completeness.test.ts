import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DownloadTooSlowError, IncompleteDownloadError, NoOutputError, type RunComfyClientOptions } from '../../../src/runcomfy';
import { KLEIN_9B, startHarness, type Harness } from './clientHarness';

describe('RunComfy client: results and downloads that only look fine', () => {
  let h: Harness | undefined;
  afterEach(() => h?.dispose());

  const start = async (clientOptions: Partial<RunComfyClientOptions> = {}) => (h = await startHarness({}, clientOptions));
  const outputUrl = async (harness: Harness, prompt: string) => (await harness.client.run(KLEIN_9B, { prompt })).outputs[0]!.url;

  it('a succeeded result without any readable output fails with a message that keeps the request id', async () => {
    const harness = await start();
    const error = await harness.client.run(KLEIN_9B, { prompt: '[scenario:no-output] x' }).catch((e: unknown) => e);
    assert.ok(error instanceof NoOutputError, String(error));
    const requestId = [...harness.double.jobs.keys()][0]!;
    assert.equal(error.requestId, requestId);
    assert.match(error.message, new RegExp(`request ${requestId}`));
    assert.match(error.message, /no image or video/);
  });

  it('refuses a file that stops early even when its Content-Length agrees, and leaves nothing', async () => {
    const harness = await start();
    const url = await outputUrl(harness, '[scenario:short-download] x');
    const error = await harness.client.download(url, path.join(harness.dir, 'x.png')).catch((e: unknown) => e);
    assert.ok(error instanceof IncompleteDownloadError, String(error));
    assert.match(error.message, /PNG file is incomplete/);
    assert.deepEqual(await harness.leftovers(), []);
  });

  it('gives up on a host that trickles bytes below the minimum rate, and leaves nothing', async () => {
    const harness = await start({ minDownloadRate: { bytesPerSecond: 1000, windowMs: 300 } });
    const url = await outputUrl(harness, '[scenario:trickle-download] x');
    const started = performance.now();
    const error = await harness.client.download(url, path.join(harness.dir, 'x.png')).catch((e: unknown) => e);
    assert.ok(error instanceof DownloadTooSlowError, String(error));
    assert.match(error.message, /too slowly/);
    assert.ok(performance.now() - started < 2000, 'stopped after about one window');
    assert.deepEqual(await harness.leftovers(), []);
    assert.equal(harness.double.requests.filter((r) => r.server === 'files').length, 1, 'a slow host is not retried');
  });

  it('gives up on a download that passes its overall deadline', async () => {
    const harness = await start({ downloadDeadlineMs: 400 });
    const url = await outputUrl(harness, '[scenario:trickle-download] x');
    const error = await harness.client.download(url, path.join(harness.dir, 'x.png')).catch((e: unknown) => e);
    assert.ok(error instanceof DownloadTooSlowError, String(error));
    assert.deepEqual(await harness.leftovers(), []);
  });
});
