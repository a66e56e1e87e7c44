import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../src/commands/services';
import { activatedExtension } from './extensionUnderTest';
import { exists, jobWithPrompt, messagesSince, setUserSetting, useTestDouble, waitFor, workspaceRoot } from './support';

/**
 * A window reload in miniature: VS Code deactivates the extension (calls `deactivate()` and disposes its
 * subscriptions), then activates it again with the same workspace storage. The job recorded before must
 * still end as a saved file, without a second submit.
 */
describe('jobs survive a reload', function () {
  this.timeout(60_000);

  it('a job recorded before deactivation is resumed on activation and still saves its file', async () => {
    const { double, services, restore } = await useTestDouble();
    const extension = await activatedExtension();
    const bundle = require(path.join(extension.extensionPath, 'dist/extension.js')) as {
      activate(context: vscode.ExtensionContext): Services;
      deactivate(): void;
    };
    try {
      void vscode.commands.executeCommand('runcomfy.generateImage', { prompt: 'Harbour after reload [queue:800][run:400]' });
      const job = await waitFor(() => {
        const recorded = jobWithPrompt(services, 'Harbour after reload');
        return recorded?.requestId ? recorded : undefined;
      }, 'the job to be submitted');

      bundle.deactivate();
      for (const disposable of services.context.subscriptions.splice(0)) disposable.dispose();
      const again = bundle.activate(services.context);

      const resumed = await waitFor(() => (again.tracker.get(job.id)?.phase === 'saved' ? again.tracker.get(job.id) : undefined), 'the resumed job to save', 20_000);
      assert.equal(resumed.requestId, job.requestId);
      assert.ok(await exists(resumed.files[0]!));
      assert.equal(path.dirname(resumed.files[0]!), path.join(workspaceRoot(), 'assets/generated'));
      const submits = double.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/models/') && r.time >= (job.createdAt ?? 0));
      assert.equal(submits.length, 1, 'the job was not submitted twice');
      Object.assign(services, again); // later suites use the live services
    } finally {
      await restore();
    }
  });
  it('jobs that never reached RunComfy are not sent after a reload until the user says Generate Now', async () => {
    const { double, services, restore } = await useTestDouble();
    const extension = await activatedExtension();
    const bundle = require(path.join(extension.extensionPath, 'dist/extension.js')) as {
      activate(context: vscode.ExtensionContext): Services;
      deactivate(): void;
    };
    await setUserSetting('maxConcurrentJobs', 1);
    const submits = (since: number) => double.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/models/') && r.time >= since);
    try {
      const since = Date.now();
      for (const name of ['first', 'second', 'third']) void vscode.commands.executeCommand('runcomfy.generateImage', { prompt: `Unsent ${name} [queue:800]` });
      await waitFor(() => jobWithPrompt(services, 'Unsent first')?.requestId, 'the first job to be submitted');
      await waitFor(() => jobWithPrompt(services, 'Unsent third'), 'the third job to be recorded');
      assert.equal(submits(since).length, 1, 'one slot: the others wait client-side');

      bundle.deactivate();
      for (const disposable of services.context.subscriptions.splice(0)) disposable.dispose();
      const again = bundle.activate(services.context);
      Object.assign(services, again); // later suites use the live services

      const question = await waitFor(() => messagesSince(again, since).find((m) => /still waiting when VS Code closed/.test(m.text)), 'the question');
      assert.equal(question.text, '2 images were still waiting when VS Code closed and never sent to RunComfy. Generate them now (paid), or discard?');
      assert.deepEqual(question.actions, ['Generate Now', 'Discard']);
      await waitFor(() => jobWithPrompt(again, 'Unsent first')?.phase === 'saved', 'the paid job to resume and save', 20_000);
      assert.equal(submits(since).length, 1, 'the unsent jobs were not submitted while the question was open');

      const outcomes = await again.unsentJobs.decide('generate');
      assert.deepEqual(outcomes.map((o) => o.job.phase), ['saved', 'saved']);
      assert.equal(submits(since).length, 3);
    } finally {
      await setUserSetting('maxConcurrentJobs', undefined);
      await restore();
    }
  });
});
