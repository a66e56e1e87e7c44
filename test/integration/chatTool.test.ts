import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../src/commands/services';
import type { RunComfyDouble } from '../support/runcomfyDouble';
import { readPngSize } from '../../src/core/images/png';
import { exists, filesIn, jobWithPrompt, removeFromWorkspace, setUserSetting, useTestDouble, waitFor, workspaceRoot } from './support';

const TOOL = 'runcomfy_generateImage';

async function invoke(input: object, token?: vscode.CancellationToken): Promise<string> {
  const result = await vscode.lm.invokeTool(TOOL, { input, toolInvocationToken: undefined }, token);
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

describe('the language model tool', function () {
  this.timeout(60_000);
  let services: Services;
  let double: RunComfyDouble;
  let restore: () => Promise<void>;

  before(async () => {
    ({ services, double, restore } = await useTestDouble());
  });

  after(async () => {
    await restore();
  });

  afterEach(async () => {
    await setUserSetting('provider', undefined);
    await removeFromWorkspace('public', 'assets/generated');
  });

  it('is registered for chat agents', () => {
    const tool = vscode.lm.tools.find((t) => t.name === TOOL);
    assert.ok(tool, 'the tool is listed in vscode.lm.tools');
    assert.deepEqual((tool.inputSchema as { required: string[] }).required, ['prompt']);
  });

  it('generates into the configured folder and tells the model the path and the Markdown', async () => {
    const text = await invoke({ prompt: 'A paper boat on a pond', width: 768, height: 512 });
    assert.equal(text, 'Saved assets/generated/a-paper-boat-on-a-pond.png (768×512).\nMarkdown, with the path relative to the workspace root: ![A paper boat on a pond](assets/generated/a-paper-boat-on-a-pond.png)');
    assert.deepEqual(readPngSize(await fs.readFile(path.join(workspaceRoot(), 'assets/generated/a-paper-boat-on-a-pond.png'))), { width: 768, height: 512 });
  });

  it('honours a workspace-relative path and creates its folders', async () => {
    const text = await invoke({ prompt: 'Hero banner', width: 1536, height: 512, path: 'public/img/hero.png' });
    assert.match(text, /^Saved public\/img\/hero\.png \(1536×512\)\./);
    assert.ok(await exists(path.join(workspaceRoot(), 'public/img/hero.png')));
  });

  it('refuses a path outside the workspace and writes nothing', async () => {
    const text = await invoke({ prompt: 'Escape', path: '../../etc/escape.png' });
    assert.match(text, /^Error: Refusing to write .*only written inside the workspace folders\. Use a path inside the workspace/s);
    assert.equal(await exists(path.resolve(workspaceRoot(), '../../etc/escape.png')), false);
  });

  it('fits a size outside the model range into it and tells the model, with the size of the file itself', async () => {
    const text = await invoke({ prompt: 'Tiny', width: 256, height: 256 });
    assert.match(text, /^Saved assets\/generated\/tiny\.png \(512×512\)\.\n.*\nNote: 256×256 is outside 512–1536; using 512×512 \(same shape\)\.$/);
  });

  it('answers a body the model would refuse with the field and what it allows, and sends nothing', async () => {
    await setUserSetting('extraInputs', { steps: 500 });
    try {
      const since = Date.now();
      const text = await invoke({ prompt: 'Too many steps' });
      assert.equal(text, 'Error: FLUX.2 Klein 9B needs steps to be a whole number from 1 to 100 (got 500). Nothing was sent. Ask the user to change that setting (runcomfy.extraInputs or runcomfy.model).');
      assert.equal(double.requests.filter((r) => r.method === 'POST' && r.time >= since).length, 0);
    } finally {
      await setUserSetting('extraInputs', undefined);
    }
  });

  it('cancellation leaves no file', async () => {
    const source = new vscode.CancellationTokenSource();
    const pending = invoke({ prompt: 'Cancelled boat [queue:5000]', path: 'public/cancelled/' }, source.token);
    await waitFor(() => jobWithPrompt(services, 'Cancelled boat')?.phase === 'queued', 'the job to be queued');
    source.cancel();
    // VS Code answers the caller's cancellation itself; the job behind it must end without a file.
    await assert.rejects(pending, /Canceled/);
    await waitFor(() => jobWithPrompt(services, 'Cancelled boat')?.phase === 'cancelled', 'the job to be cancelled');
    assert.deepEqual(await filesIn('public/cancelled'), []);
  });

  it('works with the offline provider and no token', async () => {
    await services.tokens.clear();
    await setUserSetting('provider', 'offline');
    try {
      const text = await invoke({ prompt: 'Offline sketch', width: 300, height: 200, path: 'public/sketch.png' });
      assert.match(text, /^Saved public\/sketch\.png \(300×200\)\./);
    } finally {
      await services.tokens.set(double.token);
    }
  });
});
