import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { imageFactsOf } from '../../../../src/core/images/imageFacts';
import { JobRunner } from '../../../../src/core/jobs/jobRunner';
import { JobTracker } from '../../../../src/core/jobs/jobTracker';
import { renderPlaceholder } from '../../../../src/core/placeholders/placeholderImage';
import { markPlaceholder, PLACEHOLDER_KEYWORD, readPlaceholderFile, readPlaceholderMark } from '../../../../src/core/placeholders/placeholderMark';
import { addPngTextChunks, encodePng, readPngSize } from '../../../../src/core/images/png';
import { createRunComfyClient } from '../../../../src/runcomfy';
import type { Logger, RunComfyClient } from '../../../../src/runcomfy/types';
import { startRunComfyDouble } from '../../../support/runcomfyDouble';
import { picturePng, sampleJpeg } from '../../../support/sampleMedia';
import { MemoryStore, spec } from '../jobs/fixtures';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

describe('placeholder mark (what tells a stand-in from a real image)', () => {
  let folder: string;
  beforeEach(async () => (folder = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'mark-')))));
  afterEach(() => fs.rm(folder, { recursive: true, force: true }));

  function runner(getClient: () => Promise<RunComfyClient> = () => Promise.reject(new Error("offline"))) {
    return new JobRunner({ tracker: new JobTracker(new MemoryStore()), getClient, renderPlaceholder, settings: () => ({ maxConcurrentJobs: 2, jobTimeoutMinutes: 1, maxDownloadMegabytes: 5 }), log: quiet });
  }

  it('round-trips prompt and asked size, and replaces an older mark instead of adding a second', () => {
    const png = renderPlaceholder({ prompt: 'hero banner', width: 640, height: 480 });
    const once = markPlaceholder(png, { prompt: 'hero banner', width: 640, height: 480 });
    assert.deepEqual(readPlaceholderMark(once), { prompt: 'hero banner', width: 640, height: 480 });
    const twice = markPlaceholder(once, { prompt: 'night sky', width: 800, height: 600 });
    assert.deepEqual(readPlaceholderMark(twice), { prompt: 'night sky', width: 800, height: 600 });
    assert.equal(twice.toString('latin1').split(PLACEHOLDER_KEYWORD).length - 1, 1, 'one mark chunk');
    assert.deepEqual(readPngSize(twice), { width: 640, height: 480 }, 'the picture is untouched');
  });

  it('the drawing function alone marks nothing: the pictures the test double serves as real results are not placeholders', () => {
    assert.equal(readPlaceholderMark(renderPlaceholder({ prompt: 'a fox', width: 64, height: 64 })), undefined);
    assert.equal(readPlaceholderMark(picturePng('#abc123 a fox', 512, 512)), undefined);
    assert.equal(readPlaceholderMark(sampleJpeg), undefined);
    assert.equal(readPlaceholderMark(Buffer.from('not an image')), undefined);
  });

  it('ignores a mark that does not parse, and unrelated PNG text', () => {
    const png = encodePng(new Uint8Array(3 * 16 * 16), 16, 16);
    for (const value of ['{', '{"version":2,"prompt":"x","width":1,"height":1}', '{"version":1,"prompt":"  ","width":10,"height":10}', '{"version":1,"prompt":"x","width":-4,"height":10}']) {
      assert.equal(readPlaceholderMark(addPngTextChunks(png, { [PLACEHOLDER_KEYWORD]: value })), undefined, value);
    }
    assert.equal(readPlaceholderMark(addPngTextChunks(png, { prompt: 'a fox', size: '16x16', Software: 'Another App' })), undefined);
  });

  it('recognises placeholders saved before the mark existed by the metadata only this product writes', () => {
    const png = encodePng(new Uint8Array(3 * 16 * 16), 16, 16);
    const legacy = addPngTextChunks(png, { prompt: 'cozy cafe', model: 'offline placeholder', Software: 'RunComfy Images', size: '800x600' });
    assert.deepEqual(readPlaceholderMark(legacy), { prompt: 'cozy cafe', width: 800, height: 600 });
  });

  it('the offline provider marks what it saves, even with embedMetadata off', async () => {
    const { done } = await runner().start({ ...spec('cozy cafe'), input: { prompt: 'cozy cafe', width: 320, height: 200 }, save: { folder, baseName: 'cafe.png', workspaceFolders: [folder], embedMetadata: false } });
    const [file] = (await done).job.files;
    assert.deepEqual(await readPlaceholderFile(file!), { prompt: 'cozy cafe', width: 320, height: 200 });
    const facts = imageFactsOf(await fs.readFile(file!), 1);
    assert.equal(facts.generated?.placeholder, true);
    assert.equal(facts.generated?.askedSize, '320x200');
  });

  it('a real result saved from the test double is not a placeholder', async function () {
    this.timeout(10_000);
    const double = await startRunComfyDouble();
    const client = createRunComfyClient({ baseUrl: double.baseUrl, getToken: () => double.token, userAgent: 'mark-tests', pollPolicy: { budgetIntervalMs: 20, minIntervalMs: 10, queuedPerPositionMs: 20 } });
    try {
      const { done } = await runner(async () => client).start({
        ...spec('a red fox'),
        provider: 'runcomfy',
        model: 'blackforestlabs/flux-2-klein/9b/text-to-image',
        input: { prompt: 'a red fox', width: 512, height: 512, steps: 4 },
        save: { folder, baseName: 'fox.png', workspaceFolders: [folder], embedMetadata: true },
      });
      const { job } = await done;
      assert.equal(job.phase, 'saved');
      assert.equal(await readPlaceholderFile(job.files[0]!), undefined);
      assert.equal(imageFactsOf(await fs.readFile(job.files[0]!), 1).generated?.placeholder, false);
    } finally {
      await client.close();
      await double.close();
    }
  });
});
