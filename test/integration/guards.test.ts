import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { validatePromptInput } from '../../src/commands/generateImage';
import type { Services } from '../../src/commands/services';
import { extensionServices, filesIn, messagesSince, removeFromWorkspace, setWorkspaceSetting } from './support';

describe('guards before a job starts (in the real editor)', function () {
  this.timeout(60_000);
  let services: Services;

  before(async () => {
    services = await extensionServices();
  });

  afterEach(async () => {
    await setWorkspaceSetting('runcomfy.provider', undefined);
    await removeFromWorkspace('assets/generated');
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
});
