import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../src/commands/services';
import type { StudioPanel } from '../../src/studio/studioPanel';
import type { RunComfyDouble } from '../support/runcomfyDouble';
import { exists, filesIn, messagesSince, onDoubleClock, openDocument, removeFromWorkspace, setWorkspaceSetting, useTestDouble, workspaceRoot } from './support';

const KLEIN_9B = 'blackforestlabs/flux-2-klein/9b/text-to-image';
const KLEIN_4B = 'blackforestlabs/flux-2-klein/4b/text-to-image';

/** No money spent without consent: big batches ask, workspace settings that change the cost ask, bad destinations never reach RunComfy. */
describe('consent before paid jobs', function () {
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
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setWorkspaceSetting('runcomfy.model', undefined);
    await setWorkspaceSetting('runcomfy.extraInputs', undefined);
    await setWorkspaceSetting('runcomfy.destination', undefined);
    await removeFromWorkspace('consent');
  });

  const submitsSince = (since: number) => double.requests.filter((r) => r.server === 'api' && r.method === 'POST' && r.path.startsWith('/v1/models/') && r.time >= since);
  // A fresh file per test: a just-closed document can linger with its old text.
  const batchDocument = (count: number) =>
    openDocument(`consent/batch-${count}-${Date.now()}.md`, Array.from({ length: count }, (_, i) => `![Consent batch image ${i + 1}](img/batch-${i + 1}.png)`).join('\n\n') + '\n', 'markdown');
  const generateMissing = (uri: vscode.Uri, options: object) =>
    vscode.commands.executeCommand<{ saved: string[]; failed: string[] } | undefined>('runcomfy.generateMissingImages', uri, options);

  describe('Generate Missing Images', () => {
    it('asks before five paid jobs, naming the count, the model and the alt texts; Cancel sends nothing', async () => {
      const editor = await batchDocument(5);
      const since = Date.now();
      const result = await generateMissing(editor.document.uri, { confirm: 'cancel' });
      assert.equal(result, undefined);
      const question = messagesSince(services, since).find((m) => m.text === 'Generate 5 missing images with FLUX.2 Klein 9B, ≈ $0.06?');
      assert.ok(question, 'the batch question was asked');
      assert.deepEqual(question.actions, ['Generate 5 Images', 'Review List…']);
      assert.deepEqual(submitsSince(since), [], 'nothing reached RunComfy');
      assert.deepEqual(await filesIn('consent/img'), []);
    });

    it('the question comes before the first submit, and a yes starts every job', async () => {
      const editor = await batchDocument(5);
      const since = Date.now();
      const result = await generateMissing(editor.document.uri, { confirm: 'generate' });
      assert.deepEqual(result?.failed, []);
      assert.equal(result?.saved.length, 5);
      const question = messagesSince(services, since).find((m) => m.text === 'Generate 5 missing images with FLUX.2 Klein 9B, ≈ $0.06?');
      assert.ok(question?.answer?.choice === 'Generate 5 Images');
      const submits = submitsSince(since);
      assert.equal(submits.length, 5);
      assert.ok(submits.every((s) => s.time >= onDoubleClock(question.at).from), 'no submit before the question');
      assert.ok(submits.every((s) => s.path === `/v1/models/${KLEIN_9B}`));
    });

    it('Review List… generates only the images left checked', async () => {
      const editor = await batchDocument(6);
      const since = Date.now();
      const result = await generateMissing(editor.document.uri, { pick: ['img/batch-2.png', 'img/batch-5.png'] });
      assert.deepEqual(result?.saved.map((f) => path.basename(f)).sort(), ['batch-2.png', 'batch-5.png']);
      assert.equal(submitsSince(since).length, 2);
      assert.deepEqual(await filesIn('consent/img'), ['batch-2.png', 'batch-5.png']);
    });

    it('three images start without a question', async () => {
      const editor = await batchDocument(3);
      const since = Date.now();
      const result = await generateMissing(editor.document.uri, {});
      assert.equal(result?.saved.length, 3);
      assert.equal(messagesSince(services, since).filter((m) => m.answer).length, 0);
    });

    it('a CodeLens above the first missing image offers the whole batch', async () => {
      const editor = await batchDocument(4);
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? [];
      const batch = lenses.filter((l) => l.command?.command === 'runcomfy.generateMissingImages');
      assert.equal(batch.length, 1);
      assert.equal(batch[0]!.command!.title, '$(sparkle) Generate all 4 missing images');
      assert.equal(batch[0]!.range.start.line, 0);
    });
  });

  describe('workspace settings that change the cost', () => {
    // A new document each time: an open one rewritten on disk can still show its old text (its image now saved).
    let singles = 0;
    const single = () => {
      const n = ++singles;
      return openDocument(`consent/single-${n}.md`, `![Consent single ${n}](img/single-${Date.now()}-${n}.png)\n`, 'markdown');
    };
    const question = (since: number) => messagesSince(services, since).find((m) => m.text.startsWith('This workspace sets'));

    it('asks once before the first paid generation, and remembers the answer until the values change', async () => {
      await setWorkspaceSetting('runcomfy.model', KLEIN_4B);
      let since = Date.now();
      assert.equal(await generateMissing((await single()).document.uri, { workspaceSettings: 'cancel' }).then((r) => r?.saved.length ?? 0), 0);
      assert.equal(question(since)?.text, `This workspace sets runcomfy.model to ${KLEIN_4B} (your setting: ${KLEIN_9B}). Use it?`);
      assert.deepEqual(question(since)?.actions, ['Use Workspace Settings', 'Use My Settings']);
      assert.deepEqual(submitsSince(since), [], 'Cancel sends nothing');

      since = Date.now();
      await generateMissing((await single()).document.uri, { workspaceSettings: 'Use My Settings' });
      assert.deepEqual(submitsSince(since).map((s) => s.path), [`/v1/models/${KLEIN_9B}`], 'the user’s own model ran');

      since = Date.now();
      await generateMissing((await single()).document.uri, {}); // no answer given: asking now would hang the test
      assert.equal(question(since), undefined, 'remembered for this workspace');
      assert.deepEqual(submitsSince(since).map((s) => s.path), [`/v1/models/${KLEIN_9B}`]);

      await setWorkspaceSetting('runcomfy.extraInputs', { seed: 7 });
      since = Date.now();
      const withWorkspace = await generateMissing((await single()).document.uri, { workspaceSettings: 'Use Workspace Settings' });
      assert.match(question(since)?.text ?? '', /runcomfy\.model to .*4b.* and runcomfy\.extraInputs to \{"seed":7\} \(your setting: \{\}\)\. Use them\?/);
      const [submit] = submitsSince(since);
      assert.equal(submit?.path, `/v1/models/${KLEIN_4B}`);
      // Klein 4B has no seed input, so RunComfy (here the double, which checks every body against the model's
      // schema) refuses it: proof that the workspace's extra inputs were sent.
      assert.match(withWorkspace?.failed[0] ?? '', /"seed"/);
    });
  });

  describe('destination outside the workspace', () => {
    it('is refused before anything is sent, with the same message as a refused save', async () => {
      await setWorkspaceSetting('runcomfy.destination', '/../consent-outside/');
      const since = Date.now();
      const files = await vscode.commands.executeCommand<string[] | undefined>('runcomfy.generateImage', { prompt: 'Nowhere to go' });
      assert.ok(!files || files.length === 0);
      const outside = path.resolve(workspaceRoot(), '..', 'consent-outside');
      const error = messagesSince(services, since).find((m) => m.kind === 'error');
      assert.equal(error?.text, `Refusing to write ${outside}: files are only written inside the workspace folders.`);
      assert.deepEqual(submitsSince(since), [], 'nothing reached RunComfy');
      assert.equal(await exists(outside), false);
    });

    it('is refused in the Studio before its variants are paid for, though variants are staged elsewhere', async () => {
      await setWorkspaceSetting('runcomfy.destination', '/../consent-outside/');
      const panel = (await vscode.commands.executeCommand('runcomfy.openStudio')) as StudioPanel;
      try {
        const since = Date.now();
        const notice = new Promise<string>((resolve) => {
          const listener = panel.onDidPost((m) => m.type === 'notice' && m.level === 'error' && (listener.dispose(), resolve(m.message)));
        });
        // The Studio's form for the model in use (Klein 9B's width, height and steps), as the webview sends it.
        const model = vscode.workspace.getConfiguration('runcomfy').get<string>('model');
        const values = { width: '512', height: '512', steps: '4' };
        await panel.receive({ type: 'generate', model, prompt: 'Two stray variants', values, variants: 2, offline: false });
        assert.match(await notice, /^Refusing to write .*consent-outside: files are only written inside the workspace folders\.$/);
        assert.deepEqual(submitsSince(since), []);
      } finally {
        panel.dispose();
      }
    });
  });
});
