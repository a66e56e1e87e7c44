import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { KLEIN_4B, type JobUpdate, type Submission } from '../../../src/runcomfy';
import { readPngSize } from '../../../src/core/images/png';
import { KLEIN_9B, requestLines, startHarness, type Harness } from './clientHarness';

describe('RunComfy client: run', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.dispose());

  it('submits, reports the submission before polling, polls /result and returns the output', async () => {
    const order: string[] = [];
    let submitted: Submission | undefined;
    const result = await h.client.run(
      KLEIN_9B,
      { prompt: 'a hummingbird', width: 768, height: 512, steps: 4 },
      {
        onSubmitted: async (submission) => {
          submitted = submission;
          order.push(`submitted, ${h.double.requests.length} requests so far`);
        },
      },
    );
    assert.equal(order[0], 'submitted, 1 requests so far');
    assert.equal(submitted?.requestId, result.requestId);
    assert.equal(result.state, 'succeeded');
    assert.deepEqual(result.outputs.map((output) => output.key), ['image']);
    const api = requestLines(h.double, 'api');
    assert.equal(api[0], `POST /v1/models/${KLEIN_9B}`);
    assert.ok(api.slice(1).every((line) => line === `GET /v1/requests/${result.requestId}/result?include_cost=true`), api.join('\n'));
    assert.ok(result.createdAt && result.finishedAt);
  });

  it('downloads the generated PNG at the requested size and names its type', async () => {
    const result = await h.client.run(KLEIN_9B, { prompt: 'a fox', width: 640, height: 576 });
    const target = path.join(h.dir, 'fox.png');
    const saved = await h.client.download(result.outputs[0]!.url, target);
    assert.deepEqual(saved.type, { kind: 'image', extension: 'png', mime: 'image/png' });
    assert.deepEqual(readPngSize(await readFile(target)), { width: 640, height: 576 });
    assert.deepEqual(await h.leftovers(), ['fox.png']);
  });

  it('reports queue position, state and elapsed time while polling', async () => {
    // Long enough for a poll to see each state, even on a loaded machine: a queued job is polled about every
    // 750 ms per queue position.
    h.double.setTimeline({ queueMs: 600, runMs: 1500 });
    const updates: JobUpdate[] = [];
    await h.client.run(KLEIN_9B, { prompt: 'queued' }, { onUpdate: (update) => updates.push(update) });
    const queued = updates.find((update) => update.status.state === 'queued');
    assert.ok(queued && queued.status.state === 'queued' && queued.status.queuePosition === 1, JSON.stringify(updates));
    assert.ok(updates.some((update) => update.status.state === 'running'));
    assert.ok(updates.every((update, i) => i === 0 || update.elapsedMs >= updates[i - 1]!.elapsedMs));
  });

  for (const [scenario, keys] of [
    ['images', ['images']],
    ['multiple', ['images', 'images', 'images']],
    ['video', ['video']],
  ] as const) {
    it(`accepts outputs of the "${scenario}" shape`, async () => {
      const prompt = scenario === 'multiple' ? '[scenario:multiple:3] birds' : `[scenario:${scenario}] birds`;
      const result = await h.client.run(KLEIN_9B, { prompt });
      assert.deepEqual(result.outputs.map((output) => output.key), keys);
      assert.equal(new Set(result.outputs.map((output) => output.url)).size, keys.length);
    });
  }

  it('drops steps for Klein 4B, whose schema (and the double) has none', async () => {
    const result = await h.client.run(KLEIN_4B, { prompt: 'small model', width: 2048, height: 64, steps: 25 });
    assert.equal(result.state, 'succeeded');
    assert.deepEqual(h.double.jobs.get(result.requestId)?.input, { prompt: 'small model', width: 2048, height: 64 });
  });

  it('resumes an existing request with wait()', async () => {
    const submission = await h.client.submit(KLEIN_9B, { prompt: 'resume me' });
    const result = await h.client.wait({ requestId: submission.requestId });
    assert.equal(result.requestId, submission.requestId);
    assert.equal(result.outputs.length, 1);
  });
});
