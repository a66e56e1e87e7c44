import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../src/commands/services';
import { readPngSize } from '../../src/core/images/png';
import type { RunComfyDouble } from '../support/runcomfyDouble';
import { exists, filesIn, messagesSince, openDocument, removeFromWorkspace, setUserSetting, useTestDouble, waitFor, workspaceRoot } from './support';

describe('alt text, missing images and placeholders', function () {
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
    await setUserSetting('provider', undefined);
    await removeFromWorkspace('guide', 'assets/generated', 'web');
  });

  it('Generate Image for Alt Text writes exactly the linked path, creating folders', async () => {
    const editor = await openDocument('guide/intro.md', '# Intro\n\n![A red fox in fresh snow](img/deep/fox.png "Fox")\n', 'markdown');
    const offset = editor.document.getText().indexOf('red fox');
    const files = await vscode.commands.executeCommand<string[]>('runcomfy.generateForAltText', editor.document.uri, offset, { prompt: 'A red fox in fresh snow' });
    assert.deepEqual(files, [path.join(workspaceRoot(), 'guide/img/deep/fox.png')]);
    assert.equal(editor.document.getText(), '# Intro\n\n![A red fox in fresh snow](img/deep/fox.png "Fox")\n', 'the link already pointed there');
  });

  it('follows the bytes: a .png link that gets WebP becomes .webp and the link is updated', async () => {
    const since = Date.now();
    const editor = await openDocument('guide/webp.md', '![Glass city](img/city.png)\n', 'markdown');
    const files = await vscode.commands.executeCommand<string[]>('runcomfy.generateForAltText', editor.document.uri, 3, { prompt: 'Glass city [scenario:webp]' });
    assert.deepEqual(files, [path.join(workspaceRoot(), 'guide/img/city.webp')]);
    assert.equal(editor.document.getText(), '![Glass city](img/city.webp)\n');
    await waitFor(() => messagesSince(services, since).find((m) => /saved as city\.webp and the link updated/.test(m.text)), 'the format message');
  });

  it('rewrites the link it generated for, not the same path quoted in a code span earlier', async () => {
    const text = 'Write `![alt](img/tower.png)` for images.\n\n![A glass tower](img/tower.png)\n';
    const editor = await openDocument('guide/quoted.md', text, 'markdown');
    const offset = text.indexOf('A glass tower');
    await vscode.commands.executeCommand('runcomfy.generateForAltText', editor.document.uri, offset, { prompt: 'A glass tower [scenario:webp]' });
    assert.equal(editor.document.getText(), 'Write `![alt](img/tower.png)` for images.\n\n![A glass tower](img/tower.webp)\n');
  });

  it('"Replace" with a format change replaces nothing unnamed: photo.jpg stays, the JPEG gets a free name and the link follows', async () => {
    const img = path.join(workspaceRoot(), 'guide/img');
    await fs.mkdir(img, { recursive: true });
    await fs.writeFile(path.join(img, 'photo.png'), 'the file the user was asked about');
    await fs.writeFile(path.join(img, 'photo.jpg'), 'an unrelated photo, never mentioned');
    const since = Date.now();
    const editor = await openDocument('guide/photo.md', '![A photo](img/photo.png)\n', 'markdown');
    const files = await vscode.commands.executeCommand<string[]>('runcomfy.generateForAltText', editor.document.uri, 3, { prompt: 'A photo [scenario:jpeg]', ifExists: 'replace' });
    assert.deepEqual(files, [path.join(img, 'photo-1.jpg')]);
    assert.equal(await fs.readFile(path.join(img, 'photo.jpg'), 'utf8'), 'an unrelated photo, never mentioned');
    assert.equal(await fs.readFile(path.join(img, 'photo.png'), 'utf8'), 'the file the user was asked about');
    assert.deepEqual([...(await fs.readFile(files![0]!)).subarray(0, 3)], [0xff, 0xd8, 0xff]);
    assert.equal(editor.document.getText(), '![A photo](img/photo-1.jpg)\n');
    await waitFor(() => messagesSince(services, since).find((m) => /saved as photo-1\.jpg and the link updated; photo\.png was not replaced/.test(m.text)), 'the format message');
  });

  it('an existing target can be kept: the new image is saved beside it and the link points there', async () => {
    await fs.mkdir(path.join(workspaceRoot(), 'guide/img'), { recursive: true });
    await fs.writeFile(path.join(workspaceRoot(), 'guide/img/owl.png'), 'keep me');
    const editor = await openDocument('guide/owl.md', '![An owl](img/owl.png)\n', 'markdown');
    await vscode.commands.executeCommand('runcomfy.generateForAltText', editor.document.uri, 3, { prompt: 'An owl', ifExists: 'saveAsNew' });
    assert.equal(await fs.readFile(path.join(workspaceRoot(), 'guide/img/owl.png'), 'utf8'), 'keep me');
    assert.equal(editor.document.getText(), '![An owl](img/owl-1.png)\n');
  });

  it('refuses a link that escapes the workspace, and writes nothing', async () => {
    const since = Date.now();
    const editor = await openDocument('guide/escape.md', '![Sneaky](../../../outside-the-workspace.png)\n', 'markdown');
    const files = await vscode.commands.executeCommand('runcomfy.generateForAltText', editor.document.uri, 3, { prompt: 'Sneaky' });
    assert.equal(files, undefined);
    const error = await waitFor(() => messagesSince(services, since).find((m) => m.kind === 'error'), 'the refusal');
    assert.match(error.text, /points outside the workspace/);
    assert.equal(await exists(path.resolve(workspaceRoot(), '..', 'outside-the-workspace.png')), false);
  });

  it('Generate Missing Images fills only the missing local images and leaves the rest alone', async () => {
    await fs.mkdir(path.join(workspaceRoot(), 'guide/img'), { recursive: true });
    await fs.writeFile(path.join(workspaceRoot(), 'guide/img/present.png'), 'untouched');
    const text = [
      '![Already here](img/present.png)',
      '![A blue whale](img/whale.png)',
      '![Remote](https://example.com/remote.png)',
      '```',
      '![In code](img/code.png)',
      '```',
      '![A green valley][valley]',
      '',
      '[valley]: img/valley.png',
      '',
    ].join('\n');
    const editor = await openDocument('guide/missing.md', text, 'markdown');
    const result = await vscode.commands.executeCommand<{ saved: string[]; failed: string[] }>('runcomfy.generateMissingImages', editor.document.uri);
    assert.deepEqual(result?.failed, []);
    assert.deepEqual(result?.saved.map((f) => path.basename(f)).sort(), ['valley.png', 'whale.png']);
    assert.deepEqual(await filesIn('guide/img'), ['present.png', 'valley.png', 'whale.png']);
    assert.equal(await fs.readFile(path.join(workspaceRoot(), 'guide/img/present.png'), 'utf8'), 'untouched');
    assert.equal(editor.document.getText(), text, 'links already named the files');
  });

  it('the CodeLens appears above missing images only', async () => {
    await fs.mkdir(path.join(workspaceRoot(), 'guide/img'), { recursive: true });
    await fs.writeFile(path.join(workspaceRoot(), 'guide/img/here.png'), 'x');
    const editor = await openDocument('guide/lens.md', '![Here](img/here.png)\n\n![Not yet](img/not-yet.png)\n', 'markdown');
    const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const ours = (found ?? []).filter((l) => l.command?.command === 'runcomfy.generateForAltText');
    assert.equal(ours.length, 1);
    assert.equal(ours[0]!.range.start.line, 2);
  });

  it('the CodeLens goes once the missing file appears, and comes back when it is deleted (the file checks are kept between passes)', async function () {
    this.timeout(60_000);
    const name = `later-${Date.now()}.png`;
    const file = path.join(workspaceRoot(), 'guide/img', name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const editor = await openDocument(`guide/lens-later-${Date.now()}.md`, `![Later](img/${name})\n`, 'markdown');
    const lensLines = async () =>
      ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? [])
        .filter((l) => l.command?.command === 'runcomfy.generateForAltText')
        .map((l) => l.range.start.line);
    const lensesBecome = async (count: number, what: string, withinMs = 10_000) => {
      for (const deadline = Date.now() + withinMs; (await lensLines()).length !== count; ) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    assert.deepEqual(await lensLines(), [0], 'missing at first');
    await fs.writeFile(file, 'x');
    await lensesBecome(0, 'the lens to go once the file exists');
    await fs.rm(file);
    // The watcher brings it back within a moment; when it misses the change (code-server's did once on a loaded
    // machine), the kept answer expires after 30 s (TRUSTED_FOR_MS): the lens is never wrong for longer.
    await lensesBecome(1, 'the lens to come back once the file is deleted', 35_000);
  });

  it('Insert Placeholder Image renders offline at exactly the asked size even with a token set, sending nothing', async () => {
    const since = Date.now();
    const sent = double.requests.length;
    const editor = await openDocument('web/slot.html', '<img src="" width="640" height="480">', 'html');
    editor.selection = new vscode.Selection(editor.document.positionAt(10), editor.document.positionAt(10));
    const file = await vscode.commands.executeCommand<string>('runcomfy.insertPlaceholder', { prompt: 'hero slot' });
    assert.ok(file, 'a file was saved');
    assert.deepEqual(readPngSize(await fs.readFile(file)), { width: 640, height: 480 });
    assert.equal(editor.document.getText(), '<img src="../assets/generated/hero-slot.png" width="640" height="480">');
    assert.deepEqual(double.requests.slice(sent), [], 'nothing reached RunComfy');
    const told = await waitFor(() => messagesSince(services, since).find((m) => m.text.includes('placeholder')), 'the placeholder message');
    assert.equal(told.text, 'Inserted a 640×480 placeholder (rendered locally, free).');
    assert.deepEqual(told.actions, ['Generate with RunComfy Instead']);
  });

  it('the hover on an image link says what the file is and what made it, with Regenerate', async () => {
    const editor = await openDocument('web/hover.html', '<main></main>', 'html');
    editor.selection = new vscode.Selection(editor.document.positionAt(6), editor.document.positionAt(6));
    await vscode.commands.executeCommand<string>('runcomfy.insertPlaceholder', { prompt: '800x600 cozy cafe' });
    const at = editor.document.positionAt(editor.document.getText().indexOf('cozy-cafe.png'));
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at)) ?? [];
    const text = hovers
      .flatMap((hover) => hover.contents)
      .map((content) => (typeof content === 'string' ? content : content.value))
      .join('\n')
      // Plain text in a hover is escaped Markdown: punctuation gets a backslash, spaces become &nbsp;.
      .replace(/\\(?=[^\w\s])/g, '')
      .replace(/&nbsp;/g, ' ');
    assert.match(text, /cozy-cafe\.png · 800 × 600 · PNG · \d+ KB/);
    assert.match(text, /Offline placeholder \(asked 800 × 600\), made by RunComfy Images/);
    assert.match(text, /Prompt: cozy cafe/);
    assert.match(text, /\|width=160\)/, 'a thumbnail outside Markdown');
    assert.match(text, /\[\$\(sparkle\) Regenerate\]\(command:runcomfy\.generateForAltText\?/);
  });

  it('offers no CodeLens on a link that points outside the workspace', async () => {
    const editor = await openDocument('guide/lens-outside.md', '![Sneaky](../../../outside-the-workspace.png)\n\n![Not yet](img/not-yet.png)\n', 'markdown');
    const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
    const ours = (found ?? []).filter((l) => l.command?.command === 'runcomfy.generateForAltText');
    assert.deepEqual(ours.map((l) => l.range.start.line), [2], 'only the link inside the workspace has a lens');
  });

  it('refuses a link outside the workspace before asking for the prompt', async () => {
    const since = Date.now();
    const editor = await openDocument('guide/escape-early.md', '![Sneaky](../../../outside-the-workspace.png)\n', 'markdown');
    const running = vscode.commands.executeCommand('runcomfy.generateForAltText', editor.document.uri, 3);
    try {
      const error = await waitFor(() => messagesSince(services, since).find((m) => m.kind === 'error'), 'the refusal', 5000);
      assert.equal(error.text, 'Not generating: ../../../outside-the-workspace.png points outside the workspace; images are only written inside it.');
      assert.equal(await running, undefined);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen'); // a prompt box opened by mistake
    }
  });

  describe('Insert Placeholder Image (offline provider)', () => {
    beforeEach(() => setUserSetting('provider', 'offline'));

    const cases: { file: string; language: string; before: string; after: string; expected: RegExp; size: [number, number] }[] = [
      { file: 'web/page.md', language: 'markdown', before: 'Intro\n', after: '', expected: /^Intro\n!\[cozy cafe\]\(\.\.\/assets\/generated\/cozy-cafe\.png\)$/, size: [800, 600] },
      { file: 'web/index.html', language: 'html', before: '<main>', after: '</main>', expected: /^<main><img src="\.\.\/assets\/generated\/cozy-cafe\.png" alt="cozy cafe" width="800" height="600"><\/main>$/, size: [800, 600] },
      { file: 'web/Hero.tsx', language: 'typescriptreact', before: 'export const Hero = () => (', after: ');', expected: /<img src="\.\.\/assets\/generated\/cozy-cafe\.png" alt="cozy cafe" width=\{?"?800"?\}? height=\{?"?600"?\}? \/>/, size: [800, 600] },
      { file: 'web/site.css', language: 'css', before: '.hero { background: ', after: '; }', expected: /^\.hero \{ background: url\("\.\.\/assets\/generated\/cozy-cafe\.png"\); \}$/, size: [800, 600] },
    ];
    for (const c of cases) {
      it(`inserts the ${c.language} snippet and a PNG of the asked size`, async () => {
        const editor = await openDocument(c.file, c.before + c.after, c.language);
        const end = editor.document.positionAt(c.before.length);
        editor.selection = new vscode.Selection(end, end);
        const file = await vscode.commands.executeCommand<string>('runcomfy.insertPlaceholder', { prompt: '800x600 cozy cafe' });
        assert.ok(file, 'a file was saved');
        assert.deepEqual(readPngSize(await fs.readFile(file)), { width: c.size[0], height: c.size[1] });
        assert.match(editor.document.getText(), c.expected);
      });
    }

    it('takes the size from the enclosing <img> when none is given', async () => {
      const editor = await openDocument('web/sized.html', '<img src="" width="640" height="360">', 'html');
      const inside = editor.document.positionAt('<img src="'.length);
      editor.selection = new vscode.Selection(inside, inside);
      const file = await vscode.commands.executeCommand<string>('runcomfy.insertPlaceholder', { prompt: 'mountain road' });
      assert.deepEqual(readPngSize(await fs.readFile(file!)), { width: 640, height: 360 });
      assert.equal(editor.document.getText(), '<img src="../assets/generated/mountain-road.png" width="640" height="360">');
    });
  });
});
