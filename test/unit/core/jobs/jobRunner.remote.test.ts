import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OutsideWorkspaceError } from '../../../../src/core/files/containment';
import { JobRunner, type JobRunnerDeps } from '../../../../src/core/jobs/jobRunner';
import { JobTracker } from '../../../../src/core/jobs/jobTracker';
import { readPngSize, readPngTextChunks } from '../../../../src/core/images/png';
import { renderPlaceholder } from '../../../../src/core/placeholders/placeholderImage';
import { createRunComfyClient, GenerationFailedError, type RunComfyClient } from '../../../../src/runcomfy';
import type { Logger } from '../../../../src/runcomfy/types';
import { startRunComfyDouble, type RunComfyDouble } from '../../../support/runcomfyDouble';
import { MemoryStore, spec } from './fixtures';

const KLEIN_9B = 'blackforestlabs/flux-2-klein/9b/text-to-image';
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

describe('JobRunner against the RunComfy test double', () => {
  let double: RunComfyDouble;
  let client: RunComfyClient;
  let workspace: string;
  let store: MemoryStore;

  beforeEach(async () => {
    double = await startRunComfyDouble();
    client = createRunComfyClient({
      baseUrl: double.baseUrl,
      getToken: () => double.token,
      userAgent: 'runner-tests',
      pollPolicy: { budgetIntervalMs: 20, minIntervalMs: 10, queuedPerPositionMs: 20 },
      retryPolicy: { baseDelayMs: 10, maxDelayMs: 40, minRetryAfterMs: 10 },
    });
    workspace = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'runner-remote-')));
    store = new MemoryStore();
  });

  afterEach(async () => {
    await double.close();
    await fs.rm(workspace, { recursive: true, force: true });
  });

  function runner(overrides: Partial<JobRunnerDeps> = {}, tracker = new JobTracker(store)): { runner: JobRunner; tracker: JobTracker } {
    const r = new JobRunner({
      tracker,
      getClient: async () => client,
      renderPlaceholder,
      settings: () => ({ maxConcurrentJobs: 4, jobTimeoutMinutes: 1, maxDownloadMegabytes: 5 }),
      log: quiet,
      ...overrides,
    });
    return { runner: r, tracker };
  }

  function remoteJob(prompt: string, extra: { exactTarget?: string } = {}) {
    const folder = path.join(workspace, 'assets');
    return {
      ...spec(prompt),
      provider: 'runcomfy' as const,
      model: KLEIN_9B,
      input: { prompt, width: 512, height: 768, steps: 4 },
      save: { folder, baseName: 'hero.png', workspaceFolders: [workspace], embedMetadata: true, ...extra },
    };
  }

  it('records the request id before polling and saves the PNG with its metadata', async () => {
    const { runner: r } = runner();
    let persistedAt: number | undefined;
    const write = store.update.bind(store);
    store.update = async (key, value) => {
      await write(key, value);
      if (persistedAt === undefined && (value as { requestId?: string }[])[0]?.requestId) persistedAt = Date.now();
    };
    const { done } = await r.start(remoteJob('a hummingbird'));
    const { job } = await done;
    assert.equal(job.phase, 'saved');
    assert.ok(job.requestId);
    const firstPoll = double.requests.find((q) => q.method === 'GET' && q.path.startsWith('/v1/requests/'));
    assert.ok(persistedAt !== undefined && firstPoll && persistedAt <= firstPoll.time, 'the request id is on disk before the first poll');
    const png = await fs.readFile(job.files[0]!);
    assert.deepEqual(readPngSize(png), { width: 512, height: 768 });
    const text = readPngTextChunks(png);
    assert.equal(text.prompt, 'a hummingbird');
    assert.equal(text.request_id, job.requestId);
    assert.equal(text.size, '512x768');
    assert.equal(text.steps, '4');
  });

  it('keeps the cost RunComfy reports with the job, and none when it reports none', async () => {
    const { runner: r, tracker } = runner();
    const { job } = await (await r.start(remoteJob('a heron'))).done;
    assert.equal(job.phase, 'saved');
    assert.equal(tracker.get(job.id)?.costUsd, 0.012);
    const { job: silent } = await (await r.start(remoteJob('a crane [scenario:no-cost]'))).done;
    assert.equal(silent.phase, 'saved');
    assert.equal(tracker.get(silent.id)?.costUsd, undefined);
  });

  it('names the file after the bytes: WebP output becomes .webp', async () => {
    const { runner: r } = runner();
    const exactTarget = path.join(workspace, 'docs', 'img', 'hero.png');
    const { job } = await (await r.start(remoteJob('a fox [scenario:webp]', { exactTarget }))).done;
    assert.equal(job.phase, 'saved');
    assert.deepEqual(job.files, [path.join(workspace, 'docs', 'img', 'hero.webp')]);
  });

  it('saves every output of a job', async () => {
    const { runner: r } = runner();
    const { job } = await (await r.start(remoteJob('three foxes [scenario:multiple:3]'))).done;
    assert.deepEqual(job.files.map((f) => path.basename(f)), ['hero.png', 'hero-1.png', 'hero-2.png']);
  });

  it('a failed generation keeps the server reason and leaves no file', async () => {
    const { runner: r } = runner();
    const outcome = await (await r.start(remoteJob('forbidden [scenario:failed]'))).done;
    assert.equal(outcome.job.phase, 'failed');
    assert.ok(outcome.error instanceof GenerationFailedError);
    assert.match(outcome.job.error?.message ?? '', /content/i);
    await assert.rejects(fs.readdir(path.join(workspace, 'assets')), /ENOENT/);
  });

  it('a failure reason that echoes the token is stored without it (workspace state, the jobs list, the Studio)', async () => {
    const { runner: r } = runner();
    const outcome = await (await r.start(remoteJob('echo [scenario:echo-token]'))).done;
    assert.equal(outcome.job.phase, 'failed');
    assert.match(outcome.job.error?.message ?? '', /Bearer «token» \(key=«token»\)/);
    assert.ok(!JSON.stringify([...store.data.values()]).includes(double.token), 'the stored job records hold no token');
  });

  it('a truncated download leaves no partial file', async () => {
    const { runner: r } = runner();
    const outcome = await (await r.start(remoteJob('cut short [scenario:truncated-download]'))).done;
    assert.equal(outcome.job.phase, 'failed');
    const left = await fs.readdir(path.join(workspace, 'assets')).catch(() => []);
    assert.deepEqual(left, []);
  });

  it('resumes a job recorded before a reload and still saves it', async () => {
    const first = runner();
    const { job, done } = await first.runner.start(remoteJob('survives reloads [queue:300][run:300]'));
    await waitUntil(() => first.tracker.get(job.id)?.requestId !== undefined);
    first.runner.detachAll(); // the window reloads: polling stops, the record stays
    const detached = await done;
    assert.equal(detached.job.phase, 'queued');
    const second = runner({}, new JobTracker(store)); // a new activation reads the same workspace storage
    const outcomes = second.runner.resumeUnfinished();
    assert.equal(outcomes.length, 1);
    const resumed = await outcomes[0]!;
    assert.equal(resumed.job.phase, 'saved');
    assert.equal(resumed.job.requestId, first.tracker.get(job.id)?.requestId);
    assert.equal(double.requests.filter((q) => q.method === 'POST' && q.path.startsWith('/v1/models/')).length, 1, 'never resubmitted');
  });

  it('cancel of a queued job cancels it remotely and saves nothing', async () => {
    const { runner: r, tracker } = runner();
    const { job, done } = await r.start(remoteJob('never mind [queue:2000]'));
    await waitUntil(() => tracker.get(job.id)?.phase === 'queued');
    assert.equal(await r.cancel(job.id), 'cancelled');
    assert.equal((await done).job.phase, 'cancelled');
    assert.ok(double.requests.some((q) => q.method === 'POST' && q.path.endsWith('/cancel')));
    await assert.rejects(fs.readdir(path.join(workspace, 'assets')), /ENOENT/);
  });

  it('a running job cannot be cancelled: discarding its result saves nothing', async () => {
    const { runner: r, tracker } = runner();
    const { job, done } = await r.start(remoteJob('too late [queue:0][run:400]'));
    await waitUntil(() => tracker.get(job.id)?.phase === 'running');
    assert.equal(await r.cancel(job.id), 'not_cancellable');
    await r.setDiscardResult(job.id, true);
    const outcome = await done;
    assert.equal(outcome.job.phase, 'cancelled');
    await assert.rejects(fs.readdir(path.join(workspace, 'assets')), /ENOENT/);
  });

  it("logs one line for every job's end: saved (with paths), failed, cancelled, discarded", async () => {
    const lines: string[] = [];
    const record = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
    const { runner: r, tracker } = runner({ log: { debug() {}, info: record('info'), warn: record('warn'), error: record('error') } });
    const endLines = (jobId: string) => lines.filter((l) => l.includes(`Job ${jobId}`) && / (saved|failed|cancelled|discarded|stopped waiting)\b/.test(l));

    const saved = await (await r.start(remoteJob('two foxes [scenario:multiple:2]'))).done;
    assert.deepEqual(endLines(saved.job.id), [`info Job ${saved.job.id} saved ${saved.job.files.join(', ')}`]);

    const failed = await (await r.start(remoteJob('forbidden [scenario:failed]'))).done;
    const [failedLine, ...moreFailed] = endLines(failed.job.id);
    assert.match(failedLine ?? '', new RegExp(`^error Job ${failed.job.id} failed: .*content`, 'i'));
    assert.deepEqual(moreFailed, []);

    const queued = await r.start(remoteJob('never mind [queue:2000]'));
    await waitUntil(() => tracker.get(queued.job.id)?.phase === 'queued');
    await r.cancel(queued.job.id);
    await queued.done;
    assert.deepEqual(endLines(queued.job.id), [`info Job ${queued.job.id} cancelled`]);

    const running = await r.start(remoteJob('too late [queue:0][run:400]'));
    await waitUntil(() => tracker.get(running.job.id)?.phase === 'running');
    await r.cancel(running.job.id);
    await r.setDiscardResult(running.job.id, true);
    await running.done;
    assert.deepEqual(endLines(running.job.id), [`info Job ${running.job.id} discarded: the result arrived after cancel; nothing saved`]);
  });

  it('cancelling a job that already ended changes nothing', async () => {
    const { runner: r, tracker } = runner();
    const { job, done } = await r.start(remoteJob('already here'));
    await done;
    assert.equal(await r.cancel(job.id), 'already_finished');
    assert.equal(tracker.get(job.id)?.phase, 'saved');
  });

  it('stops waiting at the timeout, keeps the request id, and Retry Download saves it later', async () => {
    const { runner: r } = runner({ settings: () => ({ maxConcurrentJobs: 4, jobTimeoutMinutes: 0.2 / 60, maxDownloadMegabytes: 5 }) });
    const { done, job } = await r.start(remoteJob('slow one [queue:0][run:700]'));
    const detached = await done;
    assert.equal(detached.job.phase, 'detached');
    assert.ok(detached.job.requestId);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const retried = await r.retryDownload(job.id);
    assert.equal(retried.job.phase, 'saved');
    assert.equal(retried.job.files.length, 1);
  });

  it('the token never reaches the file host', async () => {
    const { runner: r } = runner();
    await (await r.start(remoteJob('private'))).done;
    const downloads = double.requests.filter((q) => q.server === 'files');
    assert.ok(downloads.length > 0);
    assert.ok(downloads.every((q) => !q.authorization));
  });

  describe('no paid job without a place to save it or a user who asked', () => {
    const submits = () => double.requests.filter((q) => q.method === 'POST' && q.path.startsWith('/v1/models/'));

    it('refuses a destination outside the workspace before submitting, with the same message saving would give', async () => {
      const outside = path.join(path.dirname(workspace), 'elsewhere');
      const { runner: r } = runner();
      const outcome = await (await r.start(remoteJob('a paid job with nowhere to go', { exactTarget: path.join(outside, 'x.png') }))).done;
      assert.equal(outcome.job.phase, 'failed');
      assert.ok(outcome.error instanceof OutsideWorkspaceError);
      assert.equal(outcome.job.error?.message, new OutsideWorkspaceError(outside).message);
      assert.deepEqual(submits(), [], 'nothing was sent to RunComfy');
    });

    it('after a reload, holds jobs that never reached RunComfy instead of submitting them silently', async () => {
      const first = runner({ settings: () => ({ maxConcurrentJobs: 1, jobTimeoutMinutes: 1, maxDownloadMegabytes: 5 }) });
      const started = [await first.runner.start(remoteJob('first [queue:400]')), await first.runner.start(remoteJob('second')), await first.runner.start(remoteJob('third'))];
      await waitUntil(() => first.tracker.get(started[0]!.job.id)?.requestId !== undefined);
      first.runner.detachAll();
      await Promise.all(started.map((s) => s.done));
      assert.equal(submits().length, 1);

      const second = runner({}, new JobTracker(store));
      const resumed = second.runner.resumeUnfinished();
      assert.equal(resumed.length, 1, 'only the paid job resumes');
      assert.deepEqual(second.runner.unsentJobs().map((j) => j.prompt).sort(), ['second', 'third']);
      assert.equal((await resumed[0]!).job.phase, 'saved');
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(submits().length, 1, 'the unsent jobs were not submitted');

      const [generated, discarded] = second.runner.unsentJobs();
      assert.equal((await second.runner.resume(generated!.id)).job.phase, 'saved');
      await second.runner.cancel(discarded!.id);
      assert.equal(second.tracker.get(discarded!.id)?.phase, 'cancelled');
      assert.equal(submits().length, 2, 'only the job the user chose to generate was sent');
      assert.deepEqual(second.runner.unsentJobs(), []);
    });
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
