import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../src/commands/services';
import { readPngSize } from '../../src/core/images/png';
import type { RunComfyDouble } from '../support/runcomfyDouble';
import {
  exists,
  filesIn,
  jobWithPrompt,
  messagesSince,
  openDocument,
  removeFromWorkspace,
  setWorkspaceSetting,
  useTestDouble,
  waitFor,
  workspaceRoot,
} from './support';

describe('generating from the editor (against the RunComfy test double)', function () {
  this.timeout(60_000);
  let double: RunComfyDouble;
  let services: Services;
  let restore: () => Promise<void>;

  before(async () => {
    ({ double, services, restore } = await useTestDouble());
  });

  after(async () => {
    await restore();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setWorkspaceSetting('runcomfy.destination', undefined);
    await setWorkspaceSetting('markdown.copyFiles.destination', undefined);
    await removeFromWorkspace('assets/generated', 'media', 'notes');
  });

  it('Generate Image… saves the file where the settings say and offers what to do next', async () => {
    const since = Date.now();
    const files = (await vscode.commands.executeCommand<string[]>('runcomfy.generateImage', { prompt: 'A hummingbird sipping nectar' })) ?? [];
    assert.deepEqual(files, [path.join(workspaceRoot(), 'assets/generated/a-hummingbird-sipping-nectar.png')]);
    assert.deepEqual(readPngSize(await fs.readFile(files[0]!)), { width: 1024, height: 1024 });
    const saved = await waitFor(() => messagesSince(services, since).find((m) => m.text.startsWith('Saved')), 'the saved message');
    assert.equal(saved.text, 'Saved a-hummingbird-sipping-nectar.png (1024×1024)');
    assert.deepEqual(saved.actions.filter((a) => a !== 'Insert Link'), ['Open', 'Reveal', 'Copy Path']);
  });

  it('follows a workspace destination template and its variables', async () => {
    await setWorkspaceSetting('runcomfy.destination', '/media/${isoDate}/');
    const files = (await vscode.commands.executeCommand<string[]>('runcomfy.generateImage', { prompt: 'Sunrise over dunes' })) ?? [];
    const isoDate = new Date().toISOString().slice(0, 10);
    assert.equal(path.relative(workspaceRoot(), files[0]!), path.join('media', isoDate, 'sunrise-over-dunes.png'));
  });

  it('never overwrites: the same prompt twice gives name and name-1', async () => {
    await vscode.commands.executeCommand('runcomfy.generateImage', { prompt: 'Twin peaks' });
    await vscode.commands.executeCommand('runcomfy.generateImage', { prompt: 'Twin peaks' });
    assert.deepEqual(await filesIn('assets/generated'), ['twin-peaks-1.png', 'twin-peaks.png']);
  });

  it('names the file after the bytes: WebP output is saved as .webp', async () => {
    const files = (await vscode.commands.executeCommand<string[]>('runcomfy.generateImage', { prompt: 'Glass city [scenario:webp]' })) ?? [];
    assert.equal(path.extname(files[0]!), '.webp');
    assert.equal((await fs.readFile(files[0]!)).subarray(8, 12).toString('latin1'), 'WEBP');
  });

  it('from a Markdown selection inserts the link after it in one undoable edit, never replacing the text', async () => {
    const text = '# Notes\n\nA lighthouse on a cliff at dusk\n\nMore text.\n';
    const editor = await openDocument('notes/lighthouse.md', text, 'markdown');
    editor.selection = new vscode.Selection(2, 0, 2, 'A lighthouse on a cliff at dusk'.length);
    await vscode.commands.executeCommand('runcomfy.generateFromSelection', { prompt: 'A lighthouse on a cliff at dusk' });
    const expected = '# Notes\n\nA lighthouse on a cliff at dusk\n![A lighthouse on a cliff at dusk](../assets/generated/a-lighthouse-on-a-cliff-at-dusk.png)\n\nMore text.\n';
    assert.equal(editor.document.getText(), expected);
    assert.ok(await exists(path.join(workspaceRoot(), 'assets/generated/a-lighthouse-on-a-cliff-at-dusk.png')));
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), text, 'one undo restores the document');
  });

  it("honours VS Code's markdown.copyFiles.destination for Markdown documents", async () => {
    await setWorkspaceSetting('markdown.copyFiles.destination', { '**/*.md': '/media/${documentBaseName}/' });
    const editor = await openDocument('notes/trip.md', 'Mountain lake at noon\n', 'markdown');
    editor.selection = new vscode.Selection(0, 0, 0, 21);
    await vscode.commands.executeCommand('runcomfy.generateFromSelection', { prompt: 'Mountain lake at noon' });
    assert.ok(await exists(path.join(workspaceRoot(), 'media/trip/mountain-lake-at-noon.png')));
    assert.match(editor.document.getText(), /!\[Mountain lake at noon\]\(\.\.\/media\/trip\/mountain-lake-at-noon\.png\)/);
  });

  it("a failed job shows the server's reason and leaves no file", async () => {
    const since = Date.now();
    const files = await vscode.commands.executeCommand<string[]>('runcomfy.generateImage', { prompt: 'Forbidden thing [scenario:failed]' });
    assert.deepEqual(files, []);
    const error = await waitFor(() => messagesSince(services, since).find((m) => m.kind === 'error'), 'an error message');
    assert.match(error.text, /could not generate the image: .*content/i);
    assert.deepEqual(await filesIn('assets/generated'), []);
  });

  it('a rejected token offers "Set API Token"', async () => {
    const since = Date.now();
    await services.tokens.set('not-the-right-token');
    try {
      await vscode.commands.executeCommand('runcomfy.generateImage', { prompt: 'Anything at all' });
      const error = await waitFor(() => messagesSince(services, since).find((m) => m.kind === 'error'), 'an error message');
      assert.match(error.text, /rejected the API token/);
      assert.ok(error.actions.includes('Set API Token'));
    } finally {
      await services.tokens.set(double.token);
    }
    assert.deepEqual(await filesIn('assets/generated'), []);
  });

  it('cancel while queued sends the remote cancel and saves nothing', async () => {
    const running = vscode.commands.executeCommand<string[]>('runcomfy.generateImage', { prompt: 'Patient harbour [queue:5000]' });
    const job = await waitFor(() => (jobWithPrompt(services, 'Patient harbour')?.phase === 'queued' ? jobWithPrompt(services, 'Patient harbour') : undefined), 'the job to be queued');
    await services.generation.cancelWithChoice(job.id);
    assert.deepEqual(await running, []);
    assert.equal(services.tracker.get(job.id)?.phase, 'cancelled');
    assert.ok(double.requests.some((r) => r.method === 'POST' && r.path === `/v1/requests/${job.requestId}/cancel`));
    assert.deepEqual(await filesIn('assets/generated'), []);
  });

  it('cancel while running explains it will finish and may be charged; discarding saves nothing', async () => {
    const since = Date.now();
    const running = vscode.commands.executeCommand<string[]>('runcomfy.generateImage', { prompt: 'Busy workshop [queue:0][run:1500]' });
    const job = await waitFor(() => (jobWithPrompt(services, 'Busy workshop')?.phase === 'running' ? jobWithPrompt(services, 'Busy workshop') : undefined), 'the job to run');
    void services.generation.cancelWithChoice(job.id);
    const warning = await waitFor(() => messagesSince(services, since).find((m) => m.kind === 'warning'), 'the not-cancellable warning');
    assert.equal(warning.text, 'This image is already running on RunComfy; it will finish and may be charged.');
    assert.deepEqual(warning.actions, ['Keep Result', 'Discard Result']);
    await services.runner.setDiscardResult(job.id, true);
    await running;
    assert.equal(services.tracker.get(job.id)?.phase, 'cancelled');
    assert.deepEqual(await filesIn('assets/generated'), []);
  });

  it('Discard Result answered after the file was saved removes the file and the link, and says so', async () => {
    const since = Date.now();
    const text = '# Notes\n\nA quiet harbour at dawn\n';
    const editor = await openDocument('notes/discard.md', text, 'markdown');
    editor.selection = new vscode.Selection(2, 0, 2, 'A quiet harbour at dawn'.length);
    const running = vscode.commands.executeCommand<string[]>('runcomfy.generateFromSelection', { prompt: 'A quiet harbour at dawn [queue:0][run:800]' });
    const job = await waitFor(() => (jobWithPrompt(services, 'quiet harbour')?.phase === 'running' ? jobWithPrompt(services, 'quiet harbour') : undefined), 'the job to run');
    void services.generation.cancelWithChoice(job.id);
    await waitFor(() => messagesSince(services, since).find((m) => m.actions.includes('Discard Result')), 'the keep-or-discard question');
    const [file] = (await running) ?? [];
    assert.ok(file && (await exists(file)), 'saved before the user answered');
    await waitFor(() => editor.document.getText() !== text || undefined, 'the inserted link');
    await services.generation.resolveResultChoice(job.id, 'discard');
    assert.equal(await exists(file), false, 'the saved file is gone');
    assert.equal(editor.document.getText(), text, 'the inserted link is taken back');
    assert.equal(services.tracker.get(job.id)?.phase, 'cancelled');
    const told = await waitFor(() => messagesSince(services, since).find((m) => m.text.startsWith('Result discarded')), 'the discard message');
    assert.match(told.text, /a-quiet-harbour-at-dawn[^ ]*\.png was already saved and has been (moved to the trash|deleted)/);
  });

  it('the status bar shows progress, then the saved file, and a failure until seen', async () => {
    const running = vscode.commands.executeCommand('runcomfy.generateImage', { prompt: 'Status check [queue:600][run:2000]' });
    await waitFor(() => services.statusBar.snapshot.text.includes('queued'), 'the queued state');
    assert.match(services.statusBar.snapshot.text, /^\$\(sync~spin\) 1 queued/);
    await waitFor(() => jobWithPrompt(services, 'Status check')?.phase === 'running', 'the generating state');
    assert.equal(services.statusBar.snapshot.text, '$(sync~spin) 1 generating');
    assert.match(services.statusBar.snapshot.tooltip, /Generating \d+s: Status check/);
    await running;
    assert.match(services.statusBar.snapshot.text, /^\$\(check\) Saved status-check[a-z0-9-]*\.png$/);
    await vscode.commands.executeCommand('runcomfy.generateImage', { prompt: 'Broken [scenario:failed]' });
    assert.equal(services.statusBar.snapshot.text, '$(error) Image generation failed');
    services.statusBar.acknowledgeFailure();
    assert.equal(services.statusBar.snapshot.visible, false);
  });

  it('an old failure does not come back after a later job is cancelled or saved', async () => {
    await vscode.commands.executeCommand('runcomfy.generateImage', { prompt: 'Broken again [scenario:failed]' });
    assert.equal(services.statusBar.snapshot.text, '$(error) Image generation failed');
    const running = vscode.commands.executeCommand('runcomfy.generateImage', { prompt: 'Changed my mind [queue:5000]' });
    const job = await waitFor(() => (jobWithPrompt(services, 'Changed my mind')?.phase === 'queued' ? jobWithPrompt(services, 'Changed my mind') : undefined), 'the job to be queued');
    await services.generation.cancelWithChoice(job.id);
    await running;
    assert.equal(services.statusBar.snapshot.visible, false, 'after a cancel the old failure is not shown again');

    await vscode.commands.executeCommand('runcomfy.generateImage', { prompt: 'Broken once more [scenario:failed]' });
    await vscode.commands.executeCommand('runcomfy.generateImage', { prompt: 'Fine this time' });
    assert.match(services.statusBar.snapshot.text, /^\$\(check\) Saved fine-this-time/);
    await new Promise((resolve) => setTimeout(resolve, 5200)); // the "Saved" flash ends
    assert.equal(services.statusBar.snapshot.visible, false, 'after a success the old failure is not shown again');
  });

  it('from a Markdown selection keeps the selection as it was and says where the link went', async () => {
    const since = Date.now();
    const text = 'Intro\nA red kite over the moor\nOutro\n';
    const editor = await openDocument('notes/kite.md', text, 'markdown');
    const selection = new vscode.Selection(1, 0, 1, 'A red kite over the moor'.length);
    editor.selection = selection;
    await vscode.commands.executeCommand('runcomfy.generateFromSelection', { prompt: 'A red kite over the moor' });
    assert.match(editor.document.getText(), /^Intro\nA red kite over the moor\n!\[A red kite over the moor\]\(\.\.\/assets\/generated\/a-red-kite-over-the-moor\.png\)\nOutro\n$/);
    assert.ok(editor.selection.isEqual(selection), `the selection is still the prompt text, got ${JSON.stringify(editor.selection)}`);
    const saved = await waitFor(() => messagesSince(services, since).find((m) => m.text.startsWith('Saved')), 'the saved message');
    assert.equal(saved.text, 'Saved a-red-kite-over-the-moor.png and linked it below the selection.');
    assert.deepEqual(saved.actions, ['Open', 'Reveal']);
  });
});
