import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../src/commands/services';
import type { UpgradeResult } from '../../src/commands/upgradePlaceholders';
import { renderPlaceholder } from '../../src/core/placeholders/placeholderImage';
import { markPlaceholder, readPlaceholderFile } from '../../src/core/placeholders/placeholderMark';
import { readPngSize } from '../../src/core/images/png';
import { DOUBLE_KLEIN_9B } from '../support/doubleModels';
import type { RunComfyDouble } from '../support/runcomfyDouble';
import { exists, messagesSince, onDoubleClock, openDocument, removeFromWorkspace, setUserSetting, useTestDouble, waitFor, workspaceRoot } from './support';

/** Writes an offline placeholder into the workspace, as Insert Placeholder Image would have. */
async function placeholderAt(relativePath: string, prompt: string, width: number, height: number): Promise<string> {
  const file = path.join(workspaceRoot(), relativePath);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, markPlaceholder(renderPlaceholder({ prompt, width, height }), { prompt, width, height }));
  return file;
}

describe('placeholders that grow up', function () {
  this.timeout(60_000);
  let services: Services;
  let double: RunComfyDouble;
  let restore: () => Promise<void>;
  const submitsSince = (since: number) => double.requests.filter((r) => r.server === 'api' && r.method === 'POST' && r.path.startsWith('/v1/models/') && r.time >= since);

  before(async () => {
    ({ services, double, restore } = await useTestDouble());
  });

  after(async () => {
    await restore();
  });

  afterEach(async () => {
    double.setScenario(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeFromWorkspace('grow', 'assets/generated');
  });

  it('Insert Placeholder Image with a token set: exactly 640×480, nothing sent, and the file is marked as a placeholder', async () => {
    const since = Date.now();
    const editor = await openDocument('grow/slot.html', '<img src="" width="640" height="480">', 'html');
    editor.selection = new vscode.Selection(editor.document.positionAt(10), editor.document.positionAt(10));
    const file = await vscode.commands.executeCommand<string>('runcomfy.insertPlaceholder', { prompt: 'hero slot' });
    assert.deepEqual(readPngSize(await fs.readFile(file)), { width: 640, height: 480 });
    assert.deepEqual(await readPlaceholderFile(file), { prompt: 'hero slot', width: 640, height: 480 });
    assert.deepEqual(double.requests.filter((r) => r.time >= since), [], 'nothing reached RunComfy');
  });

  it('upgrades a document\'s placeholders: real images replace the files in place, the links stay as they are', async () => {
    const editor = await openDocument('grow/page.md', '# Page\n\n', 'markdown');
    editor.selection = new vscode.Selection(new vscode.Position(2, 0), new vscode.Position(2, 0));
    const hero = await vscode.commands.executeCommand<string>('runcomfy.insertPlaceholder', { prompt: '800x600 hero banner' });
    await editor.edit((e) => e.insert(editor.document.positionAt(editor.document.getText().length), '\n\n'));
    editor.selection = new vscode.Selection(editor.document.positionAt(editor.document.getText().length), editor.document.positionAt(editor.document.getText().length));
    const card = await vscode.commands.executeCommand<string>('runcomfy.insertPlaceholder', { prompt: '640x480 product card' });
    const text = editor.document.getText();
    assert.match(text, /hero-banner\.png/);
    assert.match(text, /product-card\.png/);
    const since = Date.now();

    const result = await vscode.commands.executeCommand<UpgradeResult>('runcomfy.upgradePlaceholders', editor.document.uri, { pick: [hero, card] });

    assert.deepEqual([...result.saved].sort(), [card, hero].sort());
    assert.deepEqual(result.failed, []);
    assert.deepEqual(result.moved, []);
    assert.equal(submitsSince(since).length, 2, 'one paid job per placeholder, no question for two');
    for (const file of [hero, card]) assert.equal(await readPlaceholderFile(file), undefined, `${path.basename(file)} is a real image now`);
    assert.deepEqual(readPngSize(await fs.readFile(hero)), { width: 800, height: 600 }, 'the asked size when the model takes it');
    const cardSize = readPngSize(await fs.readFile(card))!;
    assert.equal(cardSize.height, 512, '640×480 is below the model\'s 512: the nearest size of the same shape');
    assert.equal(editor.document.getText(), text, 'the links are untouched');
    await waitFor(() => messagesSince(services, since).find((m) => m.text.startsWith('Generated 2 of 2 real images for placeholders')), 'the summary');
    await editor.document.save(); // the inserted links, so no unsaved copy outlives the file
  });

  it('a format change renames the file and updates every linking document (Markdown, HTML, CSS) as one undo', async () => {
    const hero = await placeholderAt('grow/img/hero.png', 'hero banner', 800, 600);
    const md = await openDocument('grow/format.md', '![Hero](img/hero.png)\n', 'markdown');
    const htmlFile = path.join(workspaceRoot(), 'grow/index.html');
    const cssFile = path.join(workspaceRoot(), 'grow/css/site.css');
    await fs.writeFile(htmlFile, '<img src="img/hero.png" alt="Hero">\n');
    await fs.mkdir(path.dirname(cssFile), { recursive: true });
    await fs.writeFile(cssFile, '.hero { background: url("../img/hero.png"); }\n');
    double.setScenario('jpeg');
    const since = Date.now();

    const result = await vscode.commands.executeCommand<UpgradeResult>('runcomfy.upgradeWorkspacePlaceholders', { pick: [hero] });

    const jpg = path.join(workspaceRoot(), 'grow/img/hero.jpg');
    assert.deepEqual(result.moved, [{ from: hero, to: jpg }]);
    assert.deepEqual([...(await fs.readFile(jpg)).subarray(0, 3)], [0xff, 0xd8, 0xff], 'JPEG bytes');
    assert.equal(await exists(hero), false, 'the placeholder is gone (to the trash)');
    const html = await vscode.workspace.openTextDocument(htmlFile);
    const css = await vscode.workspace.openTextDocument(cssFile);
    assert.equal(md.document.getText(), '![Hero](img/hero.jpg)\n');
    assert.equal(html.getText(), '<img src="img/hero.jpg" alt="Hero">\n');
    assert.equal(css.getText(), '.hero { background: url("../img/hero.jpg"); }\n');
    const told = await waitFor(() => messagesSince(services, since).find((m) => /hero\.png came back as JPG: saved as hero\.jpg and its links updated/.test(m.text)), 'the format message');
    assert.equal(told.kind, 'info');

    await vscode.window.showTextDocument(md.document);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => md.document.getText() === '![Hero](img/hero.png)\n' || undefined, 'the undo in the Markdown file');
    assert.equal(html.getText(), '<img src="img/hero.png" alt="Hero">\n', 'the same undo restored the HTML link');
    assert.equal(css.getText(), '.hero { background: url("../img/hero.png"); }\n', 'and the CSS one');
    assert.ok(await exists(hero), 'and the placeholder');
  });

  it('more than three placeholders ask first, naming the total at the double\'s price, read again first; cancelling sends nothing', async () => {
    const files = await Promise.all([1, 2, 3, 4].map((n) => placeholderAt(`grow/batch/p${n}.png`, `batch picture ${n}`, 512, 512)));
    const since = Date.now();
    const result = await vscode.commands.executeCommand<UpgradeResult | undefined>('runcomfy.upgradeWorkspacePlaceholders', { pick: files, confirm: 'cancel' });
    assert.equal(result, undefined);
    const texts = messagesSince(services, since).map((m) => m.text);
    // The double prices FLUX.2 Klein 9B at $0.012 per image: 4 × $0.012.
    const question = messagesSince(services, since).find((m) => m.text === 'Generate 4 real images for placeholders with FLUX.2 Klein 9B, ≈ $0.05?');
    assert.ok(question, `the batch question names the total: ${texts.join(' | ')}`);
    const reread = double.requests.find((r) => r.server === 'api' && r.method === 'GET' && r.path === `/v1/models/${DOUBLE_KLEIN_9B}` && r.time >= since);
    assert.ok(reread && reread.time <= onDoubleClock(question.at).until, 'the price was read again, uncached, before the question');
    assert.deepEqual(submitsSince(since), [], 'nothing reached RunComfy');
    for (const file of files) assert.ok(await readPlaceholderFile(file), 'each placeholder is still there');
  });

  it('two placeholders above runcomfy.confirmCostAbove ask with their total too; cancelling sends nothing', async () => {
    const files = await Promise.all([1, 2].map((n) => placeholderAt(`grow/pair/p${n}.png`, `pair picture ${n}`, 512, 512)));
    await setUserSetting('confirmCostAbove', 0.02);
    try {
      const since = Date.now();
      const result = await vscode.commands.executeCommand<UpgradeResult | undefined>('runcomfy.upgradeWorkspacePlaceholders', { pick: files, confirm: 'cancel' });
      assert.equal(result, undefined);
      const texts = messagesSince(services, since).map((m) => m.text);
      assert.ok(texts.includes('Generate 2 real images for placeholders with FLUX.2 Klein 9B, ≈ $0.02?'), texts.join(' | '));
      assert.deepEqual(submitsSince(since), [], 'nothing reached RunComfy');
    } finally {
      await setUserSetting('confirmCostAbove', undefined);
    }
  });

  it('the CodeLens sits above links to placeholders only, and names the command with the file', async () => {
    const hero = await placeholderAt('grow/img/lens.png', 'lens hero', 640, 480);
    await fs.writeFile(path.join(workspaceRoot(), 'grow/img/real.png'), renderPlaceholder({ prompt: 'a real picture', width: 64, height: 64 }));
    const editor = await openDocument('grow/lens.md', '![Hero](img/lens.png)\n\n![Real](img/real.png)\n', 'markdown');
    const found = ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? []).filter((l) => l.command?.title.includes('Placeholder'));
    assert.equal(found.length, 1);
    assert.equal(found[0]!.range.start.line, 0);
    assert.equal(found[0]!.command!.title, '$(sparkle) Placeholder · generate the real image');
    assert.equal(found[0]!.command!.command, 'runcomfy.upgradePlaceholders');
    assert.deepEqual(found[0]!.command!.arguments?.[1], { files: [hero] });
  });
});
