import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JobRunner } from '../../../../src/core/jobs/jobRunner';
import { JobTracker } from '../../../../src/core/jobs/jobTracker';
import { readPngSize, readPngTextChunks } from '../../../../src/core/images/png';
import { renderPlaceholder } from '../../../../src/core/placeholders/placeholderImage';
import type { Logger } from '../../../../src/runcomfy/types';
import { MemoryStore, spec } from './fixtures';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

describe('JobRunner with the offline provider', () => {
  let workspace: string;
  let runner: JobRunner;
  let tracker: JobTracker;

  beforeEach(async () => {
    workspace = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'runner-')));
    tracker = new JobTracker(new MemoryStore());
    runner = new JobRunner({
      tracker,
      getClient: () => Promise.reject(new Error('the offline provider must not need a client')),
      renderPlaceholder,
      settings: () => ({ maxConcurrentJobs: 2, jobTimeoutMinutes: 1, maxDownloadMegabytes: 5 }),
      log: quiet,
    });
  });

  afterEach(() => fs.rm(workspace, { recursive: true, force: true }));

  function offlineJob(prompt: string, folder: string, embedMetadata = true) {
    return {
      ...spec(prompt),
      input: { prompt, width: 320, height: 200 },
      save: { folder, baseName: 'cozy-cafe.png', workspaceFolders: [workspace], embedMetadata },
    };
  }

  it('saves a PNG of the requested size with metadata, and records it', async () => {
    const folder = path.join(workspace, 'assets', 'generated');
    const { done } = await runner.start(offlineJob('cozy cafe', folder));
    const { job } = await done;
    assert.equal(job.phase, 'saved');
    assert.deepEqual(job.files, [path.join(folder, 'cozy-cafe.png')]);
    const png = await fs.readFile(job.files[0]!);
    assert.deepEqual(readPngSize(png), { width: 320, height: 200 });
    assert.equal(readPngTextChunks(png).prompt, 'cozy cafe');
    assert.deepEqual(await fs.readdir(folder), ['cozy-cafe.png'], 'no temporary file is left');
  });

  it('never overwrites: a second job with the same name gets -1', async () => {
    const folder = path.join(workspace, 'img');
    const first = await (await runner.start(offlineJob('cozy cafe', folder))).done;
    const second = await (await runner.start(offlineJob('cozy cafe', folder))).done;
    assert.equal(path.basename(first.job.files[0]!), 'cozy-cafe.png');
    assert.equal(path.basename(second.job.files[0]!), 'cozy-cafe-1.png');
  });

  it('refuses a folder outside the workspace and writes nothing', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'outside-'));
    try {
      const { done } = await runner.start(offlineJob('escape', outside));
      const outcome = await done;
      assert.equal(outcome.job.phase, 'failed');
      assert.match(outcome.job.error?.message ?? '', /outside/i);
      assert.deepEqual(await fs.readdir(outside), []);
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('holds jobs over the limit as waiting, and cancelling one saves nothing', async () => {
    let limit = 0;
    const held = new JobRunner({
      tracker,
      getClient: () => Promise.reject(new Error('unused')),
      renderPlaceholder,
      settings: () => ({ maxConcurrentJobs: limit, jobTimeoutMinutes: 1, maxDownloadMegabytes: 5 }),
      log: quiet,
    });
    const folder = path.join(workspace, 'q');
    const a = await held.start(offlineJob('first', folder));
    const b = await held.start(offlineJob('second', folder));
    assert.equal(tracker.get(a.job.id)?.phase, 'waiting');
    assert.equal(tracker.get(b.job.id)?.phase, 'waiting');
    assert.equal(await held.cancel(b.job.id), 'cancelled');
    assert.equal((await b.done).job.phase, 'cancelled');
    limit = 1;
    await held.cancel(a.job.id);
    assert.equal((await a.done).job.phase, 'cancelled');
    await assert.rejects(fs.readdir(folder), /ENOENT/);
  });
});
