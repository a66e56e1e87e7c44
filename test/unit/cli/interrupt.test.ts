import * as assert from 'node:assert/strict';
import { apiRequests, listFiles, runCli, waitFor, withDoubleAndProject } from './cliHarness';

describe('cli: Ctrl-C', () => {
  const t = withDoubleAndProject();

  it('during a queued job cancels it on RunComfy, leaves no file and exits 130', async () => {
    const run = await runCli(['generate', '[queue:30000] a slow lighthouse'], {
      cwd: t.temp.project,
      env: t.env,
      onSpawn: (child, output) => {
        void waitFor(output.stderr, /request (\S+):/).then(() => child.kill('SIGINT'));
      },
    });
    assert.equal(run.code, 130, run.stderr);
    const [id] = t.double.jobs.keys();
    assert.ok(apiRequests(t.double).includes(`POST /v1/requests/${id}/cancel`), apiRequests(t.double).join('\n'));
    assert.ok(t.double.jobs.get(id!)!.cancelledAt !== undefined);
    assert.match(run.stderr, new RegExp(`Cancelled request ${id} on RunComfy`));
    assert.equal(run.stdout, '');
    assert.deepEqual(await listFiles(t.temp.project), []);
  });

  it('during a running job stops waiting, says the job will finish, and names how to fetch it', async () => {
    const run = await runCli(['generate', '--json', '[queue:0][run:30000] a slow lighthouse'], {
      cwd: t.temp.project,
      env: t.env,
      onSpawn: (child, output) => {
        void waitFor(output.stderr, /Generating/).then(() => child.kill('SIGINT'));
      },
    });
    assert.equal(run.code, 130, run.stderr);
    const [id] = t.double.jobs.keys();
    assert.match(run.stderr, new RegExp(`already running on RunComfy; it will finish and may be charged. Fetch it later with: runcomfy-images result ${id}`));
    const report = JSON.parse(run.stdout);
    assert.deepEqual([report.exitCode, report.jobs[0].requestId, report.jobs[0].state], [130, id, 'detached']);
    assert.deepEqual(await listFiles(t.temp.project), []);
  });

  it('while several jobs wait for a slot cancels them all', async () => {
    const run = await runCli(['generate', '-n', '3', '--concurrency', '1', '[queue:30000] queue'], {
      cwd: t.temp.project,
      env: t.env,
      onSpawn: (child, output) => {
        void waitFor(output.stderr, /request (\S+):/).then(() => child.kill('SIGINT'));
      },
    });
    assert.equal(run.code, 130, run.stderr);
    assert.equal(t.double.jobs.size, 1, 'the waiting jobs were never submitted');
    assert.deepEqual(await listFiles(t.temp.project), []);
  });
});
