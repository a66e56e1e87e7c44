import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../src/commands/services';
import type { HostMessage } from '../../src/studio/protocol';
import type { StudioPanel } from '../../src/studio/studioPanel';
import { DOUBLE_EDIT } from '../support/doubleModels';
import { patternPng } from '../support/sampleMedia';
import type { RunComfyDouble } from '../support/runcomfyDouble';
import { removeFromWorkspace, setUserSetting, useTestDouble, waitFor, workspaceRoot } from './support';

const samplePng = patternPng;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The Studio's references area against the RunComfy test double's edit model: messages go through the
 * panel's own entry point (`receive`), exactly as the webview's would, and the double decodes what arrived.
 */
describe('Image Studio references (edit models)', function () {
  this.timeout(90_000);
  let services: Services;
  let double: RunComfyDouble;
  let restore: () => Promise<void>;
  let panel: StudioPanel;
  const posted: HostMessage[] = [];
  let listener: vscode.Disposable | undefined;
  const folder = () => path.join(workspaceRoot(), 'refs');

  before(async () => {
    ({ services, double, restore } = await useTestDouble());
    await vscode.workspace.getConfiguration('runcomfy').update('provider', 'runcomfy', vscode.ConfigurationTarget.Workspace);
    await setUserSetting('model', DOUBLE_EDIT);
    panel = (await vscode.commands.executeCommand('runcomfy.openStudio')) as StudioPanel;
    listener = panel.onDidPost((message) => posted.push(message));
    await fs.mkdir(folder(), { recursive: true });
  });

  after(async () => {
    listener?.dispose();
    panel.dispose();
    await setUserSetting('model', undefined);
    await setUserSetting('editModel', undefined);
    await vscode.workspace.getConfiguration('runcomfy').update('provider', undefined, vscode.ConfigurationTarget.Workspace);
    await removeFromWorkspace('refs', 'assets/generated');
    await restore();
  });

  const submits = () => double.requests.filter((r) => r.server === 'api' && r.method === 'POST').length;
  const since = () => posted.length;
  const postedAfter = <T extends HostMessage['type']>(start: number, type: T) =>
    posted.slice(start).find((m): m is Extract<HostMessage, { type: T }> => m.type === type);
  const generate = (prompt: string, references: string[]) => ({ type: 'generate', model: DOUBLE_EDIT, prompt, values: { output_format: 'png' }, variants: 1, offline: false, references });

  it('checks dropped files on the host: a workspace image comes back with its thumbnail, one outside is left out', async () => {
    const hero = path.join(folder(), 'drop-hero.png');
    await fs.writeFile(hero, samplePng(80, 60, 5));
    const start = since();
    await panel.receive({ type: 'dropReferences', model: DOUBLE_EDIT, uris: [vscode.Uri.file(hero).toString(), vscode.Uri.file(path.resolve('/etc/hosts')).toString()] });
    const added = await waitFor(() => postedAfter(start, 'referencesAdded'), 'the checked images');
    assert.equal(added.model, DOUBLE_EDIT);
    assert.equal(added.items.length, 1);
    const [item] = added.items;
    assert.deepEqual({ ...item, src: undefined }, { path: 'refs/drop-hero.png', name: 'drop-hero.png', src: undefined, width: 80, height: 60, bytes: (await fs.stat(hero)).size });
    assert.ok(item!.src?.startsWith('http') || item!.src?.startsWith('vscode'), `a webview URI: ${item!.src}`);
    const notice = await waitFor(() => postedAfter(start, 'notice'), 'the refusal');
    assert.equal(notice.message, 'Only workspace images can be references; hosts left out.');
  });

  it('Generate sends each reference as a data URI the double decodes to the same bytes; the tile offers Compare', async () => {
    const first = samplePng(96, 64, 7);
    const second = samplePng(40, 40, 11);
    await fs.writeFile(path.join(folder(), 'a.png'), first);
    await fs.writeFile(path.join(folder(), 'b.png'), second);
    const start = since();
    await panel.receive(generate('put both on a beach', ['refs/a.png', 'refs/b.png']));
    const job = await waitFor(() => services.tracker.list().find((j) => j.prompt === 'put both on a beach' && (j.phase === 'saved' || j.phase === 'failed')), 'the edit', 30_000);
    assert.equal(job.phase, 'saved', job.error?.message ?? JSON.stringify(posted.slice(start)));
    const sent = [...double.jobs.values()].find((j) => j.input.prompt === 'put both on a beach')!;
    assert.equal(sent.model, DOUBLE_EDIT);
    assert.deepEqual(sent.references, [
      { field: 'image_urls', mime: 'image/png', width: 96, height: 64, byteLength: first.length, sha256: sha256(first) },
      { field: 'image_urls', mime: 'image/png', width: 40, height: 40, byteLength: second.length, sha256: sha256(second) },
    ]);
    assert.ok(!JSON.stringify(sent.input).includes(workspaceRoot()), 'no local path in the body');
    assert.deepEqual(job.input, { prompt: 'put both on a beach', output_format: 'png' }, 'the history keeps no base64');
    const gallery = await waitFor(() => posted.slice(start).filter((m) => m.type === 'gallery').flatMap((m) => m.history).find((t) => t.jobId === job.id && t.reference), 'a tile with Compare');
    assert.equal(gallery.reference?.name, 'a.png');

    // "Use as reference" on the result: the host finds the file by job and index, never by a path it is sent.
    const useStart = since();
    await panel.receive({ type: 'useAsReference', model: DOUBLE_EDIT, jobId: job.id, file: 0 });
    const reused = await waitFor(() => postedAfter(useStart, 'referencesAdded'), 'the result as a reference');
    assert.deepEqual(reused.items.map((item) => item.path), [path.relative(workspaceRoot(), job.files[0]!).split(path.sep).join('/')]);
  });

  it('variants with references: each staged variant sends the workspace images (its staging folder is not their root)', async () => {
    const image = samplePng(48, 32, 13);
    await fs.writeFile(path.join(folder(), 'c.png'), image);
    await panel.receive({ ...generate('two takes on c', ['refs/c.png']), variants: 2 });
    const jobs = await waitFor(() => {
      const ended = services.tracker.list().filter((j) => j.prompt === 'two takes on c' && !['waiting', 'submitting', 'queued', 'running', 'saving'].includes(j.phase));
      return ended.length === 2 ? ended : undefined;
    }, 'both variants', 30_000);
    assert.deepEqual(jobs.map((j) => [j.phase, j.error?.message]), [['saved', undefined], ['saved', undefined]]);
    const sent = [...double.jobs.values()].filter((j) => j.input.prompt === 'two takes on c');
    assert.deepEqual(sent.map((j) => j.references?.map((r) => r.sha256)), [[sha256(image)], [sha256(image)]]);
  });

  it('refuses a too-large reference beside the references area, before any request', async () => {
    const big = path.join(folder(), 'big.png');
    await fs.writeFile(big, samplePng(16, 16, 1));
    await fs.truncate(big, 7 * 1024 * 1024);
    await fs.writeFile(path.join(folder(), 'small.png'), samplePng(16, 16, 2));
    const requests = double.requests.length;
    const jobs = services.tracker.list().length;
    const start = since();
    await panel.receive(generate('too big to send', ['refs/small.png', 'refs/big.png']));
    const error = await waitFor(() => postedAfter(start, 'formError'), 'the refusal');
    assert.equal(error.field, 'image_urls');
    assert.equal(error.message, 'refs/big.png is 7 MiB; RunComfy takes at most 6 MiB per image (1 MiB too large).');
    assert.equal(double.requests.length, requests, 'no request at all');
    assert.equal(services.tracker.list().length, jobs, 'no job');
  });

  it('refuses a path the webview names outside the workspace, and an edit without any reference', async () => {
    const requests = submits();
    let start = since();
    await panel.receive(generate('climb out', ['../outside.png']));
    assert.equal((await waitFor(() => postedAfter(start, 'formError'), 'the refusal')).message, '../outside.png is not a workspace file; remove it from the references.');
    start = since();
    await panel.receive({ ...generate('no reference', []), references: undefined });
    const missing = await waitFor(() => postedAfter(start, 'formError'), 'the refusal');
    assert.equal(missing.field, 'image_urls');
    assert.match(missing.message, /needs a reference image/);
    assert.equal(submits(), requests, 'nothing sent');
  });

  it('Choose Edit Model… offers only models that take an image, and writes runcomfy.editModel', async () => {
    let offered: string[] = [];
    const chosen = await vscode.commands.executeCommand<string | undefined>('runcomfy.chooseEditModel', {
      choose: (ids: string[]) => ((offered = ids), DOUBLE_EDIT),
    });
    assert.deepEqual(offered, [DOUBLE_EDIT], 'no text-to-image model, no workflow, no video');
    assert.equal(chosen, DOUBLE_EDIT);
    assert.equal(vscode.workspace.getConfiguration('runcomfy').inspect('editModel')?.globalValue, DOUBLE_EDIT);
    const refused = await vscode.commands.executeCommand<string | undefined>('runcomfy.chooseEditModel', { choose: () => 'blackforestlabs/flux-2-klein/9b/text-to-image' });
    assert.equal(refused, undefined, 'a model it did not offer is not taken');
  });
});
