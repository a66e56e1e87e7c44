import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../src/commands/services';
import { readPngSize, readPngTextChunks } from '../../src/core/images/png';
import { patternPng } from '../support/sampleMedia';
import { DOUBLE_EDIT } from '../support/doubleModels';
import type { RunComfyDouble } from '../support/runcomfyDouble';
import { messagesSince, openDocument, removeFromWorkspace, setUserSetting, useTestDouble, waitFor, workspaceRoot } from './support';

const samplePng = patternPng;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('edit an image (RunComfy: Edit Image…)', function () {
  this.timeout(60_000);
  let services: Services;
  let double: RunComfyDouble;
  let restore: () => Promise<void>;
  const folder = () => path.join(workspaceRoot(), 'edits');

  before(async () => {
    ({ services, double, restore } = await useTestDouble());
  });
  after(() => restore());
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeFromWorkspace('edits');
  });

  const submits = () => double.requests.filter((r) => r.server === 'api' && r.method === 'POST');

  it('from the Explorer: the double receives the image intact, the original is unchanged, the edit is saved beside it', async () => {
    await fs.mkdir(folder(), { recursive: true });
    const hero = path.join(folder(), 'hero.png');
    const original = samplePng(96, 64, 7);
    await fs.writeFile(hero, original);
    const uri = vscode.Uri.file(hero);
    const files = await vscode.commands.executeCommand<string[]>('runcomfy.editImage', uri, [uri], { instruction: 'make the sky stormy', then: 'none' });
    assert.deepEqual(files, [path.join(folder(), 'hero-edit.png')]);
    const job = [...double.jobs.values()].find((candidate) => candidate.input.prompt === 'make the sky stormy');
    assert.equal(job?.model, DOUBLE_EDIT);
    assert.deepEqual(job?.references, [{ field: 'image_urls', mime: 'image/png', width: 96, height: 64, byteLength: original.length, sha256: sha256(original) }]);
    assert.ok(!JSON.stringify(job?.input).includes(workspaceRoot()), 'no local path in the body');
    assert.deepEqual(await fs.readFile(hero), original, 'the original is unchanged');
    const edited = await fs.readFile(files![0]!);
    assert.deepEqual(readPngSize(edited), { width: 96, height: 64 });
    assert.match(readPngTextChunks(edited)['RunComfy-Double-References'] ?? '', new RegExp(sha256(original)));

    // A second edit never overwrites the first.
    const again = await vscode.commands.executeCommand<string[]>('runcomfy.editImage', uri, [uri], { instruction: 'now at night', then: 'none' });
    assert.deepEqual(again, [path.join(folder(), 'hero-edit-1.png')]);
  });

  it('"Use in Document" rewrites the Markdown link as one edit that one undo takes back', async () => {
    await fs.mkdir(path.join(folder(), 'img'), { recursive: true });
    await fs.writeFile(path.join(folder(), 'img', 'product.png'), samplePng(64, 64, 3));
    const text = '# Shop\n\n![The product](img/product.png)\n';
    const editor = await openDocument('edits/shop.md', text, 'markdown');
    editor.selection = new vscode.Selection(editor.document.positionAt(text.indexOf('product.png')), editor.document.positionAt(text.indexOf('product.png')));
    const files = await vscode.commands.executeCommand<string[]>('runcomfy.editImage', undefined, undefined, { instruction: 'on a beach', then: 'Use in Document' });
    assert.deepEqual(files, [path.join(folder(), 'img', 'product-edit.png')]);
    await waitFor(() => editor.document.getText().includes('product-edit.png') || undefined, 'the link rewrite');
    assert.equal(editor.document.getText(), '# Shop\n\n![The product](img/product-edit.png)\n');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), text, 'one undo restores the link');
    assert.ok(await fs.stat(path.join(folder(), 'img', 'product.png')), 'the original is still there');
  });

  it('refuses a reference over 6 MiB before any request, saying by how much', async () => {
    await fs.mkdir(folder(), { recursive: true });
    const big = path.join(folder(), 'big.png');
    await fs.writeFile(big, samplePng(16, 16, 1));
    await fs.truncate(big, 7 * 1024 * 1024);
    const since = Date.now();
    const requestsBefore = double.requests.length;
    const submitsBefore = submits().length;
    const uri = vscode.Uri.file(big);
    const files = await vscode.commands.executeCommand<string[] | undefined>('runcomfy.editImage', uri, [uri], { instruction: 'brighter', then: 'none' });
    assert.equal(files, undefined);
    const message = await waitFor(() => messagesSince(services, since).find((m) => m.kind === 'error'), 'the refusal');
    assert.equal(message.text, 'edits/big.png is 7 MiB; RunComfy takes at most 6 MiB per image (1 MiB too large).');
    assert.equal(double.requests.length, requestsBefore, 'no request at all');
    assert.equal(submits().length, submitsBefore);
    assert.deepEqual(await fs.readdir(folder()), ['big.png'], 'nothing written');
  });

  it('an edit above runcomfy.confirmCostAbove asks first, and Cancel sends nothing', async () => {
    await fs.mkdir(folder(), { recursive: true });
    const hero = path.join(folder(), 'pricey.png');
    await fs.writeFile(hero, samplePng(64, 48, 3));
    await setUserSetting('confirmCostAbove', 0.01);
    try {
      const since = Date.now();
      const uri = vscode.Uri.file(hero);
      await vscode.commands.executeCommand('runcomfy.editImage', uri, [uri], { instruction: 'in gold', then: 'none', costAnswer: 'cancel' });
      const question = messagesSince(services, since).find((m) => /^Generate an edit with .*, ≈ \$0\.04\?$/.test(m.text));
      assert.ok(question, messagesSince(services, since).map((m) => m.text).join(' | '));
      assert.deepEqual(submits().filter((r) => r.time >= since), [], 'nothing was sent');
    } finally {
      await setUserSetting('confirmCostAbove', undefined);
    }
  });

  it('refuses a file that is not an image, whatever its name', async () => {
    await fs.mkdir(folder(), { recursive: true });
    const fake = path.join(folder(), 'fake.png');
    await fs.writeFile(fake, '<html>404</html>');
    const since = Date.now();
    const uri = vscode.Uri.file(fake);
    await vscode.commands.executeCommand('runcomfy.editImage', uri, [uri], { instruction: 'x', then: 'none' });
    const message = await waitFor(() => messagesSince(services, since).find((m) => m.kind === 'error'), 'the refusal');
    assert.equal(message.text, 'edits/fake.png is not a readable PNG, JPEG or WebP image.');
  });

  it('the chat tool edits referenceImages, answers with the path and Markdown, and shows the model a small preview', async () => {
    await fs.mkdir(folder(), { recursive: true });
    const original = samplePng(80, 60, 5);
    await fs.writeFile(path.join(folder(), 'logo.png'), original);
    const result = await vscode.lm.invokeTool('runcomfy_generateImage', { input: { prompt: 'in gold', referenceImages: ['edits/logo.png'] }, toolInvocationToken: undefined });
    const text = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
    assert.equal(text, 'Saved edits/logo-edit.png (80×60).\nMarkdown, with the path relative to the workspace root: ![in gold](edits/logo-edit.png)');
    const job = [...double.jobs.values()].find((candidate) => candidate.input.prompt === 'in gold');
    assert.equal(job?.references?.[0]?.sha256, sha256(original));
    const image = result.content.find((part): part is { mimeType: string; data: Uint8Array } => typeof (part as { mimeType?: unknown }).mimeType === 'string');
    assert.ok(image, 'an image part');
    assert.equal(image.mimeType, 'image/png');
    assert.ok(image.data.byteLength < 512 * 1024);
    assert.deepEqual(readPngSize(image.data), { width: 80, height: 60 });
    assert.ok(!text.includes('base64'));
  });

  it('the chat tool refuses a reference outside the workspace before any request', async () => {
    const before = double.requests.length;
    const result = await vscode.lm.invokeTool('runcomfy_generateImage', { input: { prompt: 'x', referenceImages: ['../../etc/passwd.png'] }, toolInvocationToken: undefined });
    const text = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
    assert.match(text, /^Error: .*is outside the workspace; only workspace images are sent as references\.$/);
    assert.equal(double.requests.filter((r) => r.method === 'POST').length, double.requests.slice(0, before).filter((r) => r.method === 'POST').length);
  });
});
