import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../src/commands/services';
import { readImageSize } from '../../src/core/images/imageSize';
import { DOUBLE_ASPECT, DOUBLE_EDIT, DOUBLE_FLASH, DOUBLE_KLEIN_4B, DOUBLE_KLEIN_9B, DOUBLE_LORA, DOUBLE_UNPRICED } from '../support/doubleModels';
import type { RunComfyDouble } from '../support/runcomfyDouble';
import { jobWithPrompt, messagesSince, openDocument, removeFromWorkspace, setUserSetting, useTestDouble, waitFor, workspaceRoot } from './support';

const IMAGE_MODELS = [DOUBLE_KLEIN_9B, DOUBLE_KLEIN_4B, DOUBLE_FLASH, DOUBLE_ASPECT, DOUBLE_EDIT, DOUBLE_LORA, DOUBLE_UNPRICED];

describe('the model catalog in the editor (against the RunComfy test double)', function () {
  this.timeout(60_000);
  let double: RunComfyDouble;
  let services: Services;
  let restore: () => Promise<void>;
  const api = (since: number, method: string, prefix: string) =>
    double.requests.filter((r) => r.server === 'api' && r.time >= since && r.method === method && r.path.startsWith(prefix)).map((r) => r.path);

  before(async () => {
    ({ double, services, restore } = await useTestDouble());
  });

  after(async () => {
    await setUserSetting('model', undefined);
    await setUserSetting('extraInputs', undefined);
    await restore();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setUserSetting('extraInputs', undefined);
    await removeFromWorkspace('assets/generated', 'catalog');
  });

  it('is not fetched at activation or setup, then on first need with one request per page, and from the cache after', async () => {
    // Activation, a token and a base URL: nothing asked the catalog yet.
    assert.deepEqual(api(0, 'GET', '/v1/models'), []);
    assert.equal(services.catalog.source().source, 'snapshot');
    const models = await services.catalog.models();
    assert.deepEqual(models.map((m) => m.modelId), IMAGE_MODELS, 'image models only: no video model, no workflow');
    assert.deepEqual(api(0, 'GET', '/v1/models'), ['/v1/models?limit=100&offset=0']);
    assert.equal(services.catalog.source().source, 'fetched');
    assert.equal((await services.catalog.model(DOUBLE_FLASH))?.basePriceUsd, 0.005);
    await services.catalog.models();
    assert.equal(api(0, 'GET', '/v1/models').length, 1, 'served from the cache');
  });

  it('Choose Model… marks the model in use, and choosing writes runcomfy.model to user settings with one GET for its inputs', async () => {
    await services.catalog.models();
    const since = Date.now();
    const choosing = vscode.commands.executeCommand<string | undefined>('runcomfy.chooseModel');
    // The quick pick opens on the model in use (Klein 9B, first); two down is FLUX.2 Flash.
    await new Promise((resolve) => setTimeout(resolve, 800));
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await choosing, DOUBLE_FLASH);
    const model = vscode.workspace.getConfiguration('runcomfy').inspect<string>('model');
    assert.equal(model?.globalValue, DOUBLE_FLASH);
    assert.equal(model?.workspaceValue, undefined);
    const told = await waitFor(() => messagesSince(services, since).find((m) => m.text.startsWith('Generating with')), 'the confirmation');
    assert.equal(told.text, `Generating with FLUX.2 Flash (${DOUBLE_FLASH}) ($0.005 per image).`);
    await waitFor(() => api(since, 'GET', `/v1/models/${DOUBLE_FLASH}`).length > 0 || undefined, 'the inputs to be read');
    assert.deepEqual(api(since, 'GET', '/v1/models'), [`/v1/models/${DOUBLE_FLASH}`], 'at most one GET for the chosen model');
  });

  it('generates with the image_size model: the size becomes the enum of its shape, and the file’s own size is reported', async () => {
    await setUserSetting('model', DOUBLE_FLASH);
    const since = Date.now();
    const running = vscode.commands.executeCommand<string[]>('runcomfy.generateImage', { prompt: '1536x864 A wide harbour [queue:1500]' });
    const busy = await waitFor(() => (services.statusBar.snapshot.visible && /generating|queued/.test(services.statusBar.snapshot.text) ? services.statusBar.snapshot : undefined), 'the busy status bar');
    assert.match(busy.tooltip, new RegExp(`^Model: FLUX\\.2 Flash \\(${DOUBLE_FLASH.replace(/[/.]/g, '\\$&')}\\)`));
    const files = (await running) ?? [];
    assert.equal(files.length, 1);
    assert.deepEqual(jobWithPrompt(services, 'A wide harbour')?.input, { prompt: 'A wide harbour [queue:1500]', image_size: 'landscape_16_9' });
    assert.deepEqual(readImageSize(await fs.readFile(files[0]!)), { width: 1024, height: 576 });
    const saved = await waitFor(() => messagesSince(services, since).find((m) => m.text.startsWith('Saved')), 'the saved message');
    assert.match(saved.text, /^Saved a-wide-harbour[a-z0-9-]*\.png \(1024×576\)$/);
  });

  it('a size the enum has no shape for goes to the closest one, and the user is told', async () => {
    await setUserSetting('model', DOUBLE_FLASH);
    const since = Date.now();
    await vscode.commands.executeCommand<string[]>('runcomfy.generateImage', { prompt: '1500x300 A thin banner' });
    assert.equal(jobWithPrompt(services, 'A thin banner')?.input.image_size, 'landscape_16_9');
    const note = await waitFor(() => messagesSince(services, since).find((m) => m.kind === 'info' && m.text.includes('closest shape')), 'the note');
    assert.equal(note.text, '1500×300 (5.00:1) has no exact image_size; using the closest shape, landscape_16_9.');
  });

  it('generates with output_format jpeg: the file is .jpg and the Markdown link follows', async () => {
    await setUserSetting('model', DOUBLE_FLASH);
    await setUserSetting('extraInputs', { output_format: 'jpeg' });
    const editor = await openDocument('catalog/jpeg.md', '![A red bicycle](img/bike.png)\n', 'markdown');
    const files = await vscode.commands.executeCommand<string[]>('runcomfy.generateForAltText', editor.document.uri, 3, { prompt: 'A red bicycle' });
    assert.deepEqual(files, [path.join(workspaceRoot(), 'catalog/img/bike.jpg')]);
    assert.equal(editor.document.getText(), '![A red bicycle](img/bike.jpg)\n');
    const bytes = await fs.readFile(files![0]!);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff], 'JPEG bytes');
    assert.deepEqual(jobWithPrompt(services, 'A red bicycle')?.input, { prompt: 'A red bicycle', image_size: 'square_hd', output_format: 'jpeg' });
  });

  it('refuses before sending a body the model would reject, naming the field and what it allows', async () => {
    await setUserSetting('model', DOUBLE_FLASH);
    await setUserSetting('extraInputs', { guidance_scale: 50 });
    const since = Date.now();
    const files = await vscode.commands.executeCommand<string[] | undefined>('runcomfy.generateImage', { prompt: 'Too much guidance' });
    assert.equal(files, undefined);
    const refusal = await waitFor(() => messagesSince(services, since).find((m) => m.kind === 'error'), 'the refusal');
    assert.equal(refusal.text, 'FLUX.2 Flash needs guidance_scale to be a number from 0 to 20 (got 50). Nothing was sent.');
    assert.deepEqual(refusal.actions, ['Open Settings']);
    assert.deepEqual(api(since, 'POST', '/v1/models'), [], 'nothing was submitted');
  });

  it('an extra input the model does not know is a warning, not a silent send', async () => {
    await setUserSetting('model', DOUBLE_KLEIN_4B);
    await setUserSetting('extraInputs', { negative_prompt: 'blurry' });
    const since = Date.now();
    await vscode.commands.executeCommand('runcomfy.generateImage', { prompt: 'Unknown key' });
    const warning = await waitFor(() => messagesSince(services, since).find((m) => m.kind === 'warning'), 'the warning');
    assert.equal(warning.text, 'This model has no input "negative_prompt"; it is sent anyway and RunComfy may reject it.');
    assert.equal(api(since, 'POST', '/v1/models').length, 1, 'sent, as the user asked');
  });

  it('Refresh Model Catalog refetches, and says what is wrong when the token is rejected, offering Set API Token', async () => {
    let since = Date.now();
    assert.equal(await vscode.commands.executeCommand('runcomfy.refreshModelCatalog'), true);
    assert.deepEqual(api(since, 'GET', '/v1/models'), ['/v1/models?limit=100&offset=0']);
    await waitFor(() => messagesSince(services, since).find((m) => m.text === 'Model catalog refreshed: 7 image models.'), 'the refreshed message');
    await services.tokens.set('not-the-token');
    try {
      since = Date.now();
      assert.equal(await vscode.commands.executeCommand('runcomfy.refreshModelCatalog'), false);
      const shown = await waitFor(() => messagesSince(services, since).find((m) => m.kind === 'warning'), 'the warning');
      assert.match(shown.text, /^RunComfy rejected the API token, so the model catalog could not be refreshed\. The list from \d{4}-\d\d-\d\d is used meanwhile\.$/);
      assert.deepEqual(shown.actions, ['Set API Token']);
      assert.deepEqual((await services.catalog.models()).map((m) => m.modelId), IMAGE_MODELS, 'the cached list still serves');
    } finally {
      await services.tokens.set(double.token);
    }
  });
});
