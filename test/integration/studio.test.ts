import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { JobRecord } from '../../src/core/jobs/jobRecord';
import type { RunComfyImagesApi } from '../../src/extension';
import type { HostMessage } from '../../src/studio/protocol';
import type { StudioPanel } from '../../src/studio/studioPanel';
import { activatedExtension } from './extensionUnderTest';
import { setUserSetting, useTestDouble } from './support';

const KLEIN_9B = 'blackforestlabs/flux-2-klein/9b/text-to-image';
const FLUX_2_FLASH = 'blackforestlabs/flux-2/flash/text-to-image';

/** A Generate from the Klein 9B form (the default model): its values as the webview sends them, as text. */
function kleinGenerate(prompt: string, size: { width: number; height: number }, variants = 1, offline = true) {
  return { type: 'generate', model: KLEIN_9B, prompt, values: { width: String(size.width), height: String(size.height), steps: '25' }, variants, offline };
}

/**
 * The Image Studio in a real VS Code: the real panel and webview, real files. Messages are sent through
 * the panel's own entry point (`receive`), which is what the webview's `postMessage` reaches, so they are
 * validated and dispatched exactly as a click in the webview would be. Offline provider: no network.
 */
describe('Image Studio', function () {
  this.timeout(60_000);
  let api: RunComfyImagesApi;
  let root: string;

  before(async () => {
    api = (await activatedExtension()).exports as RunComfyImagesApi;
    root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    await vscode.workspace.getConfiguration('runcomfy').update('provider', 'offline', vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('runcomfy').update('destination', '/assets/studio/', vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    api.studio.panel?.dispose();
    await vscode.workspace.getConfiguration('runcomfy').update('provider', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('runcomfy').update('destination', undefined, vscode.ConfigurationTarget.Workspace);
  });

  async function openStudio(): Promise<StudioPanel> {
    const panel = (await vscode.commands.executeCommand('runcomfy.openStudio')) as StudioPanel;
    assert.ok(panel, 'the command returns the panel');
    return panel;
  }

  it('opens one panel, whose webview loads its script under the CSP and asks for its data', async () => {
    api.studio.panel?.dispose();
    const messages: HostMessage[] = [];
    const panel = await openStudio();
    const listener = panel.onDidPost((m) => messages.push(m));
    try {
      // `init` is the answer to the webview's `ready`: proof that the script ran.
      const init = await waitFor(() => messages.find((m) => m.type === 'init'), 30_000);
      assert.ok(init, 'the webview script ran and sent ready');
      assert.equal(panel.panel.viewType, 'runcomfy.studio');
      assert.equal(panel.panel.title, 'Image Studio');
      assert.equal(await openStudio(), panel, 'a second open reveals the same panel');
      if (init.type === 'init') {
        assert.equal(init.config.provider, 'offline');
        const width = init.config.form.controls.find((c) => c.name === 'width');
        assert.equal(width?.kind === 'integer' && width.min, 512);
      }
      const roots = (panel.panel.webview.options.localResourceRoots ?? []).map((u) => u.fsPath).sort();
      assert.deepEqual(roots, [path.join(api.context.extensionUri.fsPath, 'media'), root, api.studio.stagingRoot].sort());
      assert.match(panel.panel.webview.html, /script-src &#39;nonce-[^&]+&#39;/);
    } finally {
      listener.dispose();
    }
  });

  it('generates from the form into the workspace and shows it in the gallery', async () => {
    const panel = await openStudio();
    const gallery = nextMessage(panel, 'gallery', (m) => m.history.some((t) => t.prompt === 'a red fox in the snow'));
    await panel.receive(kleinGenerate('a red fox in the snow', { width: 320, height: 200 }));
    const job = await savedJob('a red fox in the snow');
    assert.equal(job.source, 'studio');
    assert.equal(job.files.length, 1);
    assert.equal(job.files[0], path.join(await fs.realpath(root), 'assets', 'studio', 'a-red-fox-in-the-snow.png'));
    await fs.access(job.files[0]!);
    const message = await gallery;
    const tile = message.history.find((t) => t.jobId === job.id)!;
    assert.equal(tile.missing, false);
    assert.equal(tile.relativePath, 'assets/studio/a-red-fox-in-the-snow.png');
    assert.ok(tile.src?.startsWith('http') || tile.src?.startsWith('vscode'), `a webview URI: ${tile.src}`);
  });

  it('ignores malformed messages and never acts on a path the webview names', async () => {
    const panel = await openStudio();
    const victim = path.join(root, 'docs', 'sample.md');
    const before = await fs.readFile(victim, 'utf8');
    const count = api.tracker.list().length;
    for (const raw of [
      { type: 'delete', path: victim },
      { type: 'delete', jobId: 'nope', file: 0, path: victim },
      { type: 'generate', prompt: 'x', width: 99999, height: 10, steps: 1, variants: 1, offline: true },
      kleinGenerate('x', { width: 99999, height: 10 }),
      { ...kleinGenerate('x', { width: 64, height: 64 }), model: FLUX_2_FLASH },
      { ...kleinGenerate('x', { width: 64, height: 64 }), values: { width: 64 } },
      { type: 'runCommand', command: 'workbench.action.quit' },
      'not an object',
    ]) {
      await panel.receive(raw);
    }
    assert.equal(await fs.readFile(victim, 'utf8'), before);
    assert.equal(api.tracker.list().length, count, 'nothing was generated');
  });

  it('refuses a size outside the model range with a message naming the range', async () => {
    const panel = await openStudio();
    await vscode.workspace.getConfiguration('runcomfy').update('provider', 'runcomfy', vscode.ConfigurationTarget.Workspace);
    try {
      const error = nextMessage(panel, 'formError');
      await panel.receive(kleinGenerate('too wide', { width: 3000, height: 1024 }, 1, false));
      const message = await error;
      assert.equal(message.field, 'width');
      assert.match(message.message, /512 to 1536/);
    } finally {
      await vscode.workspace.getConfiguration('runcomfy').update('provider', 'offline', vscode.ConfigurationTarget.Workspace);
    }
  });

  it('stages variants outside the workspace; Keep copies one in, Discard removes the other', async () => {
    const panel = await openStudio();
    const prompt = 'two lighthouses at dusk';
    const staged = nextMessage(panel, 'gallery', (m) => m.staged.some((g) => g.prompt === prompt && g.tiles.length === 2));
    await panel.receive(kleinGenerate(prompt, { width: 256, height: 160 }, 2));
    const group = (await staged).staged.find((g) => g.prompt === prompt)!;
    const jobs = group.tiles.map((t) => api.tracker.get(t.jobId)!);
    for (const job of jobs) {
      assert.ok(job.files[0]!.startsWith(api.studio.stagingRoot + path.sep), `staged: ${job.files[0]}`);
      await fs.access(job.files[0]!);
    }
    assert.deepEqual(await workspaceFilesMatching('two-lighthouses'), [], 'nothing in the workspace yet');

    const [keep, discard] = group.tiles;
    await panel.receive({ type: 'keep', jobId: keep!.jobId, file: 0 });
    const kept = api.tracker.get(keep!.jobId)!.files[0]!;
    assert.equal(kept, path.join(await fs.realpath(root), 'assets', 'studio', 'two-lighthouses-at-dusk.png'));
    await fs.access(kept);
    await assert.rejects(fs.access(jobs[0]!.files[0]!), 'the staged copy is gone');

    await panel.receive({ type: 'discard', jobId: discard!.jobId, file: 0 });
    assert.equal(api.tracker.get(discard!.jobId), undefined, 'a discarded variant leaves the history');
    await assert.rejects(fs.access(jobs[1]!.files[0]!));
    assert.deepEqual(await workspaceFilesMatching('two-lighthouses'), ['two-lighthouses-at-dusk.png'], 'only the kept file landed');
  });

  it('inserts into the last active text editor, in its language, though the panel has focus', async () => {
    const job = await savedJob('a red fox in the snow');
    const document = await vscode.workspace.openTextDocument(path.join(root, 'docs', 'sample.md'));
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const end = document.lineAt(document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    const panel = await openStudio();
    panel.panel.reveal(vscode.ViewColumn.Two, false);
    await waitFor(() => (panel.panel.active ? true : undefined));
    const before = document.getText();
    await panel.receive({ type: 'insert', jobId: job.id, file: 0 });
    const after = document.getText();
    assert.equal(after, before + '![a red fox in the snow](../assets/studio/a-red-fox-in-the-snow.png)');
    await vscode.commands.executeCommand('undo');
  });

  it('copies a Markdown link relative to that document, and the prompt', async () => {
    const job = await savedJob('a red fox in the snow');
    const panel = await openStudio();
    await panel.receive({ type: 'copyLink', jobId: job.id, file: 0 });
    assert.equal(await vscode.env.clipboard.readText(), '![a red fox in the snow](../assets/studio/a-red-fox-in-the-snow.png)');
    await panel.receive({ type: 'copyPrompt', jobId: job.id });
    assert.equal(await vscode.env.clipboard.readText(), 'a red fox in the snow');
  });

  it('shows a file deleted behind its back as missing', async () => {
    const panel = await openStudio();
    await panel.receive(kleinGenerate('a vanishing cat', { width: 64, height: 64 }, 1, true));
    const job = await savedJob('a vanishing cat');
    await fs.rm(job.files[0]!);
    const gallery = nextMessage(panel, 'gallery', (m) => m.history.some((t) => t.jobId === job.id && t.missing));
    await panel.receive({ type: 'open', jobId: job.id, file: 0 }); // notices the file is gone
    const tile = (await gallery).history.find((t) => t.jobId === job.id)!;
    assert.equal(tile.src, undefined);
  });

  it('deletes to the trash, or asks before deleting for good where there is no trash', async () => {
    const panel = await openStudio();
    await panel.receive(kleinGenerate('a short lived owl', { width: 64, height: 64 }, 1, true));
    const job = await savedJob('a short lived owl');
    await panel.receive({ type: 'delete', jobId: job.id, file: 0 });
    if (await exists(job.files[0]!)) {
      // No trash on this host (code-server's remote file system has none): VS Code asked with a modal
      // dialog, which the test host answers with Cancel. Declining must keep the file and its entry.
      assert.ok(api.tracker.get(job.id), 'the entry stays when the user declines');
    } else {
      assert.equal(api.tracker.get(job.id), undefined, 'a deleted file leaves the history');
    }
  });

  it('says when a queued job was cancelled', async () => {
    const { services, restore } = await useTestDouble();
    await vscode.workspace.getConfiguration('runcomfy').update('provider', 'runcomfy', vscode.ConfigurationTarget.Workspace);
    try {
      const panel = await openStudio();
      const notice = nextMessage(panel, 'notice', (m) => /patient heron/.test(m.message));
      await panel.receive(kleinGenerate('a patient heron [queue:5000]', { width: 1024, height: 1024 }, 1, false));
      const queued = () => services.tracker.list().find((j) => j.prompt.includes('a patient heron') && j.phase === 'queued');
      const job = await waitFor(queued, 15_000);
      assert.ok(job, 'the job was queued');
      await panel.receive({ type: 'cancel', jobId: job.id });
      assert.equal((await notice).message, 'Cancelled “a patient heron [queue:5000]”; nothing was saved.');
    } finally {
      await vscode.workspace.getConfiguration('runcomfy').update('provider', 'offline', vscode.ConfigurationTarget.Workspace);
      await restore();
    }
  });

  it('switches the form to another model from the picker, and generates with its own inputs (the double accepts the body)', async () => {
    const { double, services, restore } = await useTestDouble();
    await vscode.workspace.getConfiguration('runcomfy').update('provider', 'runcomfy', vscode.ConfigurationTarget.Workspace);
    try {
      const panel = await openStudio();
      const flashForm = nextMessage(panel, 'config', (m) => m.config.form.model === FLUX_2_FLASH);
      await panel.receive({ type: 'chooseModel', model: FLUX_2_FLASH });
      assert.equal(vscode.workspace.getConfiguration('runcomfy').inspect('model')?.globalValue, FLUX_2_FLASH, 'the picker writes runcomfy.model to user settings');
      const { config } = await flashForm;
      assert.equal(config.modelLabel, 'FLUX.2 Flash');
      assert.deepEqual(config.form.controls.map((c) => c.name), ['prompt', 'guidance_scale', 'seed', 'image_size', 'output_format']);
      assert.equal(config.form.presets.find((p) => p.label === 'Wide')?.result, 'landscape_16_9');

      // A value the model refuses is named in the form, and nothing is sent.
      const submitsBefore = double.jobs.size;
      const error = nextMessage(panel, 'formError');
      const values = { guidance_scale: '3.5', seed: 'random', image_size: 'landscape_16_9', output_format: 'png' };
      await panel.receive({ type: 'generate', model: FLUX_2_FLASH, prompt: 'a lantern festival', values: { ...values, guidance_scale: '25' }, variants: 1, offline: false });
      const refused = await error;
      assert.equal(refused.field, 'guidance_scale');
      assert.match(refused.message, /from 0 to 20/);
      assert.equal(double.jobs.size, submitsBefore, 'nothing reached RunComfy');

      await panel.receive({ type: 'generate', model: FLUX_2_FLASH, prompt: 'a lantern festival', values, variants: 1, offline: false });
      const job = await waitFor(() => services.tracker.list().find((j) => j.prompt === 'a lantern festival' && (j.phase === 'saved' || j.phase === 'failed')), 30_000);
      assert.equal(job?.phase, 'saved', job?.error?.message);
      const sent = [...double.jobs.values()].find((j) => j.input.prompt === 'a lantern festival')!;
      assert.equal(sent.model, FLUX_2_FLASH);
      const { seed, ...rest } = sent.input;
      assert.deepEqual(rest, { prompt: 'a lantern festival', guidance_scale: 3.5, image_size: 'landscape_16_9', output_format: 'png' });
      assert.ok(Number.isInteger(seed), `a random seed was drawn and recorded: ${String(seed)}`);
    } finally {
      await setUserSetting('model', undefined);
      await vscode.workspace.getConfiguration('runcomfy').update('provider', 'offline', vscode.ConfigurationTarget.Workspace);
      await restore();
    }
  });

  it('removes an entry whose file is already gone', async () => {
    const panel = await openStudio();
    await panel.receive(kleinGenerate('a long gone heron', { width: 64, height: 64 }, 1, true));
    const job = await savedJob('a long gone heron');
    await fs.rm(job.files[0]!);
    const notice = nextMessage(panel, 'notice', (m) => /a-long-gone-heron\.png/.test(m.message));
    await panel.receive({ type: 'delete', jobId: job.id, file: 0 });
    assert.equal(api.tracker.get(job.id), undefined);
    assert.match((await notice).message, /already missing/);
  });

  it('sweeps staged batches older than a week when the panel opens', async () => {
    api.studio.panel?.dispose();
    const old = path.join(api.studio.stagingRoot, 'old-batch');
    await fs.mkdir(old, { recursive: true });
    await fs.writeFile(path.join(old, 'forgotten.png'), 'x');
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600_000);
    await fs.utimes(old, eightDaysAgo, eightDaysAgo);
    await openStudio();
    await waitFor(async () => ((await exists(old)) ? undefined : true), 10_000);
    assert.equal(await exists(old), false);
  });

  it('closes cleanly and opens again', async () => {
    const panel = await openStudio();
    panel.dispose();
    assert.equal(api.studio.panel, undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = await openStudio();
    assert.notEqual(again, panel);
    // The webview needs a moment to load and ask: the listener is in place long before.
    const init = await nextMessage(again, 'init');
    // A new panel starts from the form of the last Generate in this workspace.
    assert.equal(init.lastForm?.prompt, 'a long gone heron');
  });

  // ---- helpers ----

  async function savedJob(prompt: string): Promise<JobRecord> {
    const job = await waitFor(() => api.tracker.list().find((j) => j.prompt === prompt && (j.phase === 'saved' || j.phase === 'failed')), 30_000);
    assert.ok(job, `a job for "${prompt}"`);
    assert.equal(job.phase, 'saved', job.error?.message);
    return job;
  }

  async function workspaceFilesMatching(stem: string): Promise<string[]> {
    const files = await vscode.workspace.findFiles(`**/${stem}*`);
    return files.map((f) => path.basename(f.fsPath)).sort();
  }
});

/** The next message of `type` the panel posts (matching `accept`), within 30 s. */
function nextMessage<T extends HostMessage['type']>(
  panel: StudioPanel,
  type: T,
  accept: (message: Extract<HostMessage, { type: T }>) => boolean = () => true,
): Promise<Extract<HostMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no "${type}" message from the Studio within 30 s`));
    }, 30_000);
    const listener = panel.onDidPost((message) => {
      if (message.type !== type || !accept(message as Extract<HostMessage, { type: T }>)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(message as Extract<HostMessage, { type: T }>);
    });
  });
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
