import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import {
  CancelledError,
  DownloadFailedError,
  DownloadTooLargeError,
  IncompleteDownloadError,
  UnsupportedMediaError,
} from '../../../src/runcomfy';
import { sampleWebp } from '../../support/sampleMedia';
import { KLEIN_9B, startHarness, type Harness } from './clientHarness';

describe('RunComfy client: downloads', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.dispose());

  /** The URL of the first output of a finished job generated with `prompt`. */
  const outputUrl = async (prompt: string) => (await h.client.run(KLEIN_9B, { prompt })).outputs[0]!.url;
  const filesRequests = () => h.double.requests.filter((request) => request.server === 'files').length;

  for (const [format, extension] of [
    ['jpeg', 'jpg'],
    ['webp', 'webp'],
    ['gif', 'gif'],
  ] as const) {
    it(`recognises ${format} bytes by their magic number`, async () => {
      const saved = await h.client.download(await outputUrl(`[scenario:${format}] x`), path.join(h.dir, 'out.png'));
      assert.equal(saved.type.extension, extension);
    });
  }

  it('follows a redirect to a signed URL, still without the token', async () => {
    const saved = await h.client.download(await outputUrl('[scenario:redirect-download] x'), path.join(h.dir, 'x.png'));
    assert.equal(saved.type.extension, 'png');
    const files = h.double.requests.filter((request) => request.server === 'files');
    assert.deepEqual(files.map((request) => request.path.endsWith('?signed=1')), [false, true]);
    assert.ok(files.every((request) => !request.authorization));
  });

  it('lets the caller pick the final name from the detected type', async () => {
    const url = await outputUrl('[scenario:webp] x');
    const saved = await h.client.download(url, path.join(h.dir, 'hero.png'), {
      resolveTargetPath: (type, target) => target.replace(/\.png$/, `.${type.extension}`),
    });
    assert.equal(saved.path, path.join(h.dir, 'hero.webp'));
    assert.deepEqual(await readFile(saved.path), sampleWebp);
    assert.deepEqual(await h.leftovers(), ['hero.webp']);
  });

  it('replaces nothing and leaves nothing when the connection is cut every time', async () => {
    const url = await outputUrl('[scenario:truncated-download] x');
    await assert.rejects(h.client.download(url, path.join(h.dir, 'x.png')), IncompleteDownloadError);
    assert.deepEqual(await h.leftovers(), []);
    assert.equal(filesRequests(), 5, 'retried from scratch up to the retry budget');
  });

  it('restarts a cut download from scratch and saves the whole file', async () => {
    const url = await outputUrl('[scenario:truncated-download:1] x');
    const saved = await h.client.download(url, path.join(h.dir, 'x.png'));
    assert.equal((await readFile(saved.path)).length, saved.bytes);
    assert.equal(filesRequests(), 2);
    assert.deepEqual(await h.leftovers(), ['x.png']);
  });

  it('stops a file that grows past the cap while streaming, without retrying', async () => {
    const url = await outputUrl('[scenario:oversized-download] x');
    const error = await h.client.download(url, path.join(h.dir, 'x.png'), { maxBytes: 1024 * 1024 }).catch((e: unknown) => e);
    assert.ok(error instanceof DownloadTooLargeError, String(error));
    assert.match(error.message, /over the 1\.0 MB limit/);
    assert.deepEqual(await h.leftovers(), []);
    assert.equal(filesRequests(), 1);
  });

  it('refuses a declared Content-Length over the cap before writing anything', async () => {
    const url = await outputUrl('[scenario:oversized-declared] x');
    await assert.rejects(h.client.download(url, path.join(h.dir, 'x.png'), { maxBytes: 1024 * 1024 }), DownloadTooLargeError);
    assert.deepEqual(await h.leftovers(), []);
  });

  it('refuses an HTML page where an image was expected', async () => {
    const url = await outputUrl('[scenario:html-download] x');
    await assert.rejects(h.client.download(url, path.join(h.dir, 'x.png')), UnsupportedMediaError);
    assert.deepEqual(await h.leftovers(), []);
  });

  it('removes the temporary file when aborted mid-download', async () => {
    const url = await outputUrl('[scenario:slow-download] x');
    const controller = new AbortController();
    const download = h.client.download(url, path.join(h.dir, 'x.png'), { signal: controller.signal });
    // Wait for the first bytes to land in the temporary file.
    while (!(await h.leftovers()).some((name) => name.endsWith('.part'))) await new Promise((r) => setTimeout(r, 5));
    const abortedAt = performance.now();
    controller.abort();
    await assert.rejects(download, CancelledError);
    assert.ok(performance.now() - abortedAt < 200);
    assert.deepEqual(await h.leftovers(), []);
  });

  it('says where it could not write, without a stray connection or file', async () => {
    const url = await outputUrl('x');
    await assert.rejects(h.client.download(url, path.join(h.dir, 'missing-folder', 'x.png')), /Could not save the downloaded file/);
    assert.deepEqual(await h.leftovers(), []);
  });

  it('reports an expired output link as DownloadFailedError and keeps an existing file', async () => {
    const url = await outputUrl('x');
    const existing = path.join(h.dir, 'x.png');
    await writeFile(existing, 'keep me');
    await assert.rejects(h.client.download(url.replace(/0\.png$/, '9.png'), existing), DownloadFailedError);
    assert.equal(await readFile(existing, 'utf8'), 'keep me');
    assert.deepEqual(await h.leftovers(), ['x.png']);
  });
});
