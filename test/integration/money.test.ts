import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DOUBLE_KLEIN_9B, DOUBLE_UNPRICED } from '../support/doubleModels';
import { filesIn, jobWithPrompt, messagesSince, onDoubleClock, openDocument, removeFromWorkspace, setUserSetting, withTestDouble, workspaceRoot } from './support';

/** Money made visible: the threshold asks before anything paid is sent, and the real cost is kept in history. */
describe('money: estimates, the cost threshold and the real cost', function () {
  this.timeout(60_000);
  const t = withTestDouble();

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setUserSetting('confirmCostAbove', undefined);
    await removeFromWorkspace('money', 'assets/generated');
  });

  const apiSince = (since: number) => t.double.requests.filter((r) => r.server === 'api' && r.time >= since);
  const submitsSince = (since: number) => apiSince(since).filter((r) => r.method === 'POST' && r.path.startsWith('/v1/models/'));
  const batchDocument = (count: number) =>
    openDocument(`money/batch-${count}-${Date.now()}.md`, Array.from({ length: count }, (_, i) => `![Money batch image ${i + 1}](img/m-${i + 1}.png)`).join('\n\n') + '\n', 'markdown');
  const generateMissing = (uri: vscode.Uri, options: object) =>
    vscode.commands.executeCommand<{ saved: string[]; failed: string[] } | undefined>('runcomfy.generateMissingImages', uri, options);

  it('a small batch above the threshold asks with its total before any submit; Cancel sends nothing', async () => {
    await setUserSetting('confirmCostAbove', 0.02);
    const editor = await batchDocument(2);
    const since = Date.now();
    const result = await generateMissing(editor.document.uri, { confirm: 'cancel' });
    assert.equal(result, undefined);
    const question = messagesSince(t.services, since).find((m) => m.text === 'Generate 2 missing images with FLUX.2 Klein 9B, ≈ $0.02?');
    assert.ok(question, `the batch question names the total: ${messagesSince(t.services, since).map((m) => m.text).join(' | ')}`);
    assert.deepEqual(submitsSince(since), [], 'nothing paid reached the double');
    const reread = apiSince(since).find((r) => r.method === 'GET' && r.path === `/v1/models/${DOUBLE_KLEIN_9B}`);
    assert.ok(reread && reread.time <= onDoubleClock(question.at).until, 'the price was read again, uncached, before the question');
    assert.deepEqual(await filesIn('money/img'), []);
  });

  it('a yes starts the batch only after the question', async () => {
    await setUserSetting('confirmCostAbove', 0.02);
    const editor = await batchDocument(2);
    const since = Date.now();
    const result = await generateMissing(editor.document.uri, { confirm: 'generate' });
    assert.equal(result?.saved.length, 2);
    const question = messagesSince(t.services, since).find((m) => m.text.startsWith('Generate 2 missing images with FLUX.2 Klein 9B'));
    assert.ok(question?.answer?.choice === 'Generate 2 Images');
    const submits = submitsSince(since);
    assert.equal(submits.length, 2);
    assert.ok(submits.every((s) => s.time >= onDoubleClock(question.at).from), 'no submit before the question');
  });

  it('within the threshold a small batch starts without a question', async () => {
    const editor = await batchDocument(2);
    const since = Date.now();
    const result = await generateMissing(editor.document.uri, {});
    assert.equal(result?.saved.length, 2);
    assert.equal(messagesSince(t.services, since).filter((m) => m.answer).length, 0, 'nothing was asked');
  });

  it('a single image above the threshold asks first, whatever confirmPrompt says; Cancel sends nothing', async () => {
    await setUserSetting('confirmCostAbove', 0);
    const since = Date.now();
    const root = workspaceRoot();
    const save = { folder: path.join(root, 'money'), baseName: 'single.png', workspaceFolders: [root], embedMetadata: false };
    const outcome = await t.services.generation.generate({ prompt: 'money single image', source: 'palette', save, costAnswer: 'cancel' });
    assert.equal(outcome, undefined);
    const question = messagesSince(t.services, since).find((m) => m.text === 'Generate an image with FLUX.2 Klein 9B, ≈ $0.01?');
    assert.ok(question, messagesSince(t.services, since).map((m) => m.text).join(' | '));
    assert.equal(question.answer?.choice, undefined);
    assert.deepEqual(submitsSince(since), []);
    assert.equal(jobWithPrompt(t.services, 'money single image'), undefined, 'no job was recorded');
  });

  it('an unknown price is never free: it asks even under a huge threshold', async () => {
    await setUserSetting('confirmCostAbove', 1000);
    const since = Date.now();
    const approved = await t.services.generation.costs.approve({ model: DOUBLE_UNPRICED, input: { prompt: 'a sketch' }, jobs: 1, what: 'an image' }, 'cancel');
    assert.equal(approved, false);
    const question = messagesSince(t.services, since).find((m) => m.text === 'Generate an image with Sketchbook? The price is unknown.');
    assert.ok(question, messagesSince(t.services, since).map((m) => m.text).join(' | '));
    assert.deepEqual(submitsSince(since), []);
  });

  it('keeps the cost RunComfy reported with the finished job, and says when it reported none', async () => {
    const saved = await vscode.commands.executeCommand<string[] | undefined>('runcomfy.generateImage', { prompt: 'money cost of a heron' });
    assert.equal(saved?.length, 1);
    assert.equal(jobWithPrompt(t.services, 'money cost of a heron')?.costUsd, 0.012);
    assert.match(t.services.statusBar.snapshot.tooltip, /\n\nCost: \$0\.012$/, 'the status bar hover says what it cost');
    await vscode.commands.executeCommand('runcomfy.generateImage', { prompt: 'money silent crane [scenario:no-cost]' });
    const silent = jobWithPrompt(t.services, 'money silent crane');
    assert.equal(silent?.phase, 'saved');
    assert.equal(silent?.costUsd, undefined);
    assert.match(t.services.statusBar.snapshot.tooltip, /Cost: cost not reported$/);
  });
});
