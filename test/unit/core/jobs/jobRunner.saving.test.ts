import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JobRunner } from '../../../../src/core/jobs/jobRunner';
import { JobTracker } from '../../../../src/core/jobs/jobTracker';
import { MAX_OUTPUTS_PER_JOB } from '../../../../src/core/jobs/saveOutputs';
import { renderPlaceholder } from '../../../../src/core/placeholders/placeholderImage';
import { createRunComfyClient, NoOutputError, type RunComfyClient } from '../../../../src/runcomfy';
import type { Logger } from '../../../../src/runcomfy/types';
import { startRunComfyDouble, type RunComfyDouble } from '../../../support/runcomfyDouble';
import { MemoryStore, spec } from './fixtures';

const KLEIN_9B = 'blackforestlabs/flux-2-klein/9b/text-to-image';

/** What the runner saves, and what it leaves, when outputs are many, partly broken or absent. */
describe('JobRunner: no saved file is orphaned, no temporary file stays', () => {
  let double: RunComfyDouble;
  let client: RunComfyClient;
  let workspace: string;
  let assets: string;
  let warnings: string[];
  let tracker: JobTracker;
  let runner: JobRunner;

  beforeEach(async () => {
    double = await startRunComfyDouble();
    client = createRunComfyClient({
      baseUrl: double.baseUrl,
      getToken: () => double.token,
      pollPolicy: { budgetIntervalMs: 20, minIntervalMs: 10, queuedPerPositionMs: 20 },
      retryPolicy: { baseDelayMs: 10, maxDelayMs: 40, minRetryAfterMs: 10 },
    });
    workspace = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'runner-saving-')));
    assets = path.join(workspace, 'assets');
    warnings = [];
    const log: Logger = { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} };
    tracker = new JobTracker(new MemoryStore());
    runner = new JobRunner({
      tracker,
      getClient: async () => client,
      renderPlaceholder,
      settings: () => ({ maxConcurrentJobs: 4, jobTimeoutMinutes: 1, maxDownloadMegabytes: 5 }),
      log,
    });
  });

  afterEach(async () => {
    await double.close();
    await fs.rm(workspace, { recursive: true, force: true });
  });

  const remoteJob = (prompt: string) => ({
    ...spec(prompt),
    provider: 'runcomfy' as const,
    model: KLEIN_9B,
    input: { prompt, width: 512, height: 512 },
    save: { folder: assets, baseName: 'hero.png', workspaceFolders: [workspace], embedMetadata: false },
  });

  it('when the 2nd download fails, the 1st file is recorded with the job and Retry Download saves the rest', async () => {
    const { job, done } = await runner.start(remoteJob('three [scenario:partial-download]'));
    const failed = await done;
    assert.equal(failed.job.phase, 'failed');
    assert.deepEqual(failed.job.files, [path.join(assets, 'hero.png')], 'the saved file belongs to the job');
    assert.deepEqual(await fs.readdir(assets), ['hero.png']);
    const retried = await runner.retryDownload(job.id);
    assert.equal(retried.job.phase, 'saved');
    assert.deepEqual(retried.job.files.map((f) => path.basename(f)), ['hero.png', 'hero-1.png', 'hero-2.png']);
    assert.deepEqual((await fs.readdir(assets)).sort(), ['hero-1.png', 'hero-2.png', 'hero.png'], 'the 1st output is not saved twice');
  });

  it(`saves at most ${MAX_OUTPUTS_PER_JOB} outputs of a job and logs how many it skipped`, async function () {
    this.timeout(30_000);
    const { done } = await runner.start(remoteJob('a flood [scenario:multiple:40]'));
    const { job } = await done;
    assert.equal(job.phase, 'saved');
    assert.equal(job.files.length, MAX_OUTPUTS_PER_JOB);
    assert.equal((await fs.readdir(assets)).length, MAX_OUTPUTS_PER_JOB);
    assert.ok(warnings.some((w) => w.includes(`returned 40 outputs; saving the first ${MAX_OUTPUTS_PER_JOB}`)), warnings.join('\n'));
  });

  it('a succeeded result with no output fails with the request id instead of "saved" with no file', async () => {
    const outcome = await (await runner.start(remoteJob('nothing [scenario:no-output]'))).done;
    assert.equal(outcome.job.phase, 'failed');
    assert.ok(outcome.error instanceof NoOutputError);
    assert.ok(outcome.job.requestId);
    assert.match(outcome.job.error?.message ?? '', new RegExp(outcome.job.requestId));
  });

  it('sweeps temporary files of known jobs on activation, and only those', async () => {
    const { job, done } = await runner.start(remoteJob('finished'));
    await done;
    const ours = [`.runcomfy-${job.id}-0.tmp`, `..runcomfy-${job.id}-1.tmp.0123456789ab.part`];
    const others = ['.runcomfy-someone-else-0.tmp', '.notes.md.0123456789ab.tmp', 'hero-draft.tmp'];
    for (const name of [...ours, ...others]) await fs.writeFile(path.join(assets, name), 'left by a crash');
    const activation = new JobRunner({ tracker, getClient: async () => client, renderPlaceholder, settings: () => ({ maxConcurrentJobs: 4, jobTimeoutMinutes: 1, maxDownloadMegabytes: 5 }), log: { debug() {}, info() {}, warn() {}, error() {} } });
    assert.equal(await activation.sweepTemporaries(), 2);
    assert.deepEqual((await fs.readdir(assets)).sort(), [...others, 'hero.png'].sort());
  });

  it("sweeps a job's own leftovers from an interrupted attempt before it saves", async () => {
    const { job, done } = await runner.start(remoteJob('resumed [queue:300]'));
    await fs.mkdir(assets, { recursive: true });
    const leftover = path.join(assets, `..runcomfy-${job.id}-0.tmp.0123456789ab.part`);
    await fs.writeFile(leftover, 'half a file from before the crash');
    assert.equal((await done).job.phase, 'saved');
    assert.deepEqual(await fs.readdir(assets), ['hero.png']);
  });
});
