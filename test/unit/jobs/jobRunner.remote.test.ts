import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JobRunner } from '../../../src/core/jobs/jobRunner';
import { JobTracker } from '../../../src/core/jobs/jobTracker';
import { renderPlaceholder } from '../../../src/core/placeholder';
import { createRunComfyClient, type RunComfyHttpClient } from '../../../src/runcomfy';
import type { Logger } from '../../../src/runcomfy/types';
import { startRunComfyDouble, type RunComfyDouble } from '../../support/runcomfyDouble';
import { MemoryStore, spec } from './fixtures';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

describe('JobRunner with RunComfy', () => {
  let double: RunComfyDouble;
  let client: RunComfyHttpClient;
  let workspace: string;
  beforeEach(async () => {
    double = await startRunComfyDouble();
    client = createRunComfyClient({ baseUrl: double.baseUrl, getToken: () => double.token });
    workspace = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'runner-remote-')));
  });
  afterEach(async () => {
    await client.close();
    await double.close();
    await fs.rm(workspace, { recursive: true, force: true });
  });

  it('detachAll leaves a polled job active (not cancelled), so a later runner resumes and saves it', async () => {
    const store = new MemoryStore();
    const runner = new JobRunner({
      tracker: new JobTracker(store),
      getClient: async () => client,
      renderPlaceholder,
      settings: () => ({ maxConcurrentJobs: 2, jobTimeoutMinutes: 1, maxDownloadMegabytes: 5 }),
      log: quiet,
    });
    const prompt = '[queue:300] resumable';
    const { job, done } = await runner.start({
      ...spec(prompt),
      provider: 'runcomfy',
      model: 'blackforestlabs/flux-2-klein/9b/text-to-image',
      input: { prompt, width: 512, height: 512 },
      save: { folder: workspace, baseName: 'resumable.png', workspaceFolders: [workspace], embedMetadata: false },
    });
    while (!double.jobs.size) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    runner.detachAll();
    const detached = await done;
    assert.equal(detached.job.phase, 'queued');
    assert.equal(detached.error, undefined);

    const tracker = new JobTracker(store);
    const next = new JobRunner({ tracker, getClient: async () => client, renderPlaceholder, settings: () => ({ maxConcurrentJobs: 2, jobTimeoutMinutes: 1, maxDownloadMegabytes: 5 }), log: quiet });
    const [resumed] = next.resumeUnfinished();
    const outcome = await resumed!;
    assert.equal(outcome.job.id, job.id);
    assert.equal(outcome.job.phase, 'saved');
    assert.deepEqual(await fs.readdir(workspace), ['resumable.png']);
    assert.equal(double.jobs.size, 1, 'resumed, not submitted again');
  });
});
