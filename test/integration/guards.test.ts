import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { validatePromptInput } from '../../src/commands/generateImage';
import type { Services } from '../../src/commands/services';
import { extensionServices, filesIn, messagesSince, openDocument, removeFromWorkspace, setWorkspaceSetting, workspaceRoot } from './support';

describe('guards before a job starts (in the real editor)', function () {
  this.timeout(60_000);
  let services: Services;

  before(async () => {
    services = await extensionServices();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setWorkspaceSetting('runcomfy.provider', undefined);
    await setWorkspaceSetting('markdown.copyFiles.destination', undefined);
    await removeFromWorkspace('assets/generated', 'guard-notes', 'good-images');
  });

  it('with the offline provider the prompt box refuses a size the renderer cannot draw, saying the range', async () => {
    await setWorkspaceSetting('runcomfy.provider', 'offline');
    assert.equal(services.settings.settings.provider, 'offline');
    assert.equal(validatePromptInput(services, '5000x5000 a cat'), 'width 5000 is outside 16–4096 for offline placeholders.');
    assert.equal(validatePromptInput(services, '512x8 a cat'), 'height 8 is outside 16–4096 for offline placeholders.');
    assert.equal(validatePromptInput(services, '4096x16 a cat'), undefined);

    const since = Date.now();
    const files = await vscode.commands.executeCommand<string[] | undefined>('runcomfy.generateImage', { prompt: '5000x5000 a cat' });
    assert.equal(files, undefined);
    assert.deepEqual(await filesIn('assets/generated'), []);
    const shown = messagesSince(services, since).map((m) => `${m.kind}: ${m.text}`);
    assert.ok(shown.includes('error: width 5000 is outside 16–4096 for offline placeholders.'), shown.join('\n'));
  });

  it('a markdown.copyFiles.destination glob that cannot compile is skipped with a warning in the log; the image still saves', async () => {
    await setWorkspaceSetting('runcomfy.provider', 'offline');
    await setWorkspaceSetting('markdown.copyFiles.destination', { '[z-a]/*.md': '/bad-images/', 'guard-notes/*.md': '/good-images/' });
    await openDocument('guard-notes/page.md', '# Page\n', 'markdown');
    const files = (await vscode.commands.executeCommand<string[]>('runcomfy.generateImage', { prompt: '64x64 a lighthouse' })) ?? [];
    assert.deepEqual(files, [path.join(workspaceRoot(), 'good-images', 'a-lighthouse.png')]);
    const logFile = path.join(services.context.logUri.fsPath, 'RunComfy Images.log');
    const line = await waitForLog(logFile, /markdown\.copyFiles\.destination: skipping the rule "\[z-a\]\/\*\.md": not a valid regular expression/);
    assert.match(line, /warning/i);
  });
});

/** The first line of the extension's log file (VS Code writes the LogOutputChannel there) matching `pattern`. */
async function waitForLog(file: string, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    const line = text.split('\n').find((l) => pattern.test(l));
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`no log line matching ${pattern} in ${file}:\n${text.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
