import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createRunComfyClient, type RunComfyHttpClient } from '../../../src/runcomfy';
import { readPngSize } from '../../../src/core/images/png';
import { apiRequests, KLEIN_9B, listFiles, runCli, withDoubleAndProject } from './cliHarness';

describe('cli: status, result and cancel', () => {
  const t = withDoubleAndProject();
  let client: RunComfyHttpClient;
  beforeEach(() => {
    client = createRunComfyClient({ baseUrl: t.double.baseUrl, getToken: () => t.double.token });
  });
  afterEach(() => client.close());
  const run = (...args: string[]) => runCli(args, { cwd: t.temp.project, env: t.env });
  const submit = async (prompt: string, size = 512) => (await client.submit(KLEIN_9B, { prompt, width: size, height: size })).requestId;

  it('status: queued with its position, then succeeded; --json parses', async () => {
    await submit('[queue:60000] first in line');
    const id = await submit('[queue:60000] second');
    const queued = await run('status', id);
    assert.deepEqual([queued.code, queued.stdout], [0, 'queued (#2)\n']);
    const json = JSON.parse((await run('status', '--json', id)).stdout);
    assert.deepEqual([json.requestId, json.state, json.queuePosition], [id, 'queued', 2]);
    const done = await submit('[queue:0][run:0] quick');
    await new Promise((r) => setTimeout(r, 30));
    assert.equal((await run('status', done)).stdout, 'succeeded (1 file)\n');
  });

  it('status: a failed job says why (exit 0); an unknown id exits 10', async () => {
    const failed = await submit('[queue:0][run:0][scenario:failed] x');
    await new Promise((r) => setTimeout(r, 30));
    const status = await run('status', failed);
    assert.equal(status.code, 0);
    assert.match(status.stdout, /^failed: .*content policy/);
    const unknown = await run('status', 'no-such-request');
    assert.equal(unknown.code, 10, unknown.stderr);
    assert.match(unknown.stderr, /no longer knows request no-such-request/);
  });

  it('result: waits for the job, then saves its file under the request id', async () => {
    const id = await submit('[queue:100][run:100] a fox', 640);
    const { code, stdout, stderr } = await run('result', '--out', 'fetched', id);
    assert.equal(code, 0, stderr);
    assert.equal(stdout, `fetched/${id}.png\n`);
    assert.deepEqual(readPngSize(await fs.readFile(path.join(t.temp.project, 'fetched', `${id}.png`))), { width: 640, height: 640 });
    assert.equal(apiRequests(t.double).filter((line) => line.startsWith('POST')).length, 1, 'only the test submitted');
  });

  it('result: every output of a multi-image job is saved, with -1 names', async () => {
    const id = await submit('[queue:0][run:0][scenario:multiple:2] birds');
    const { code, stdout } = await run('result', '--json', id);
    assert.equal(code, 0);
    const files = JSON.parse(stdout).jobs[0].files.map((f: string) => path.relative(t.temp.project, f));
    assert.deepEqual(files, [`assets/generated/${id}.png`, `assets/generated/${id}-1.png`]);
  });

  it('cancel: a queued job is cancelled (exit 0); a running one is not cancellable (exit 13)', async () => {
    const queued = await submit('[queue:60000] wait');
    const cancelled = await run('cancel', queued);
    assert.deepEqual([cancelled.code, cancelled.stdout], [0, 'cancelled\n']);
    assert.ok(apiRequests(t.double).includes(`POST /v1/requests/${queued}/cancel`));
    assert.equal((await run('status', queued)).stdout, 'cancelled\n');

    const running = await submit('[queue:0][run:60000] busy');
    const refused = await run('cancel', '--json', running);
    assert.equal(refused.code, 13);
    assert.deepEqual(JSON.parse(refused.stdout), { requestId: running, outcome: 'not_cancellable' });
    assert.match(refused.stderr, /already running on RunComfy; it will finish and may be charged/);
  });

  it('result of a cancelled request exits 130 and saves nothing', async () => {
    const id = await submit('[queue:60000] gone');
    await client.cancel(id);
    const { code } = await run('result', id);
    assert.equal(code, 130);
    assert.deepEqual(await listFiles(t.temp.project), []);
  });
});
