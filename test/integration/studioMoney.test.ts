import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostMessage } from '../../src/studio/protocol';
import type { StudioPanel } from '../../src/studio/studioPanel';
import { DOUBLE_KLEIN_9B, DOUBLE_UNPRICED } from '../support/doubleModels';
import { messagesSince, onDoubleClock, setUserSetting, waitFor, withTestDouble } from './support';

/** A Generate (or estimate request) from the Klein 9B form, its values as the webview sends them. */
const kleinForm = { model: DOUBLE_KLEIN_9B, values: { width: '1024', height: '1024', steps: '25' }, offline: false };

/**
 * The Studio's money against the RunComfy test double: the Generate button's price comes from the host,
 * one cost question covers a whole batch of variants before any of it is sent (the double's request log
 * proves it), and tiles and the spent line carry what history says was paid.
 */
describe('Studio money: the priced Generate button, one question per batch, costs in the gallery', function () {
  this.timeout(60_000);
  const t = withTestDouble();
  let panel: StudioPanel;
  const posted: HostMessage[] = [];

  before(async () => {
    panel = (await vscode.commands.executeCommand('runcomfy.openStudio')) as StudioPanel;
    panel.onDidPost((message) => posted.push(message));
  });

  afterEach(async () => {
    await setUserSetting('confirmCostAbove', undefined);
    await setUserSetting('model', undefined);
  });

  after(() => t.services.studio.panel?.dispose());

  const apiSince = (since: number) => t.double.requests.filter((r) => r.server === 'api' && r.time >= since);
  const submitsSince = (since: number) => apiSince(since).filter((r) => r.method === 'POST' && r.path.startsWith('/v1/models/'));
  const questionsSince = (since: number) => messagesSince(t.services, since).filter((m) => m.answer);

  async function estimateFor(seq: number, request: { model: string; values: Record<string, string>; variants: number; offline: boolean }) {
    await panel.receive({ type: 'estimate', seq, ...request });
    return waitFor(() => posted.find((m): m is Extract<HostMessage, { type: 'estimate' }> => m.type === 'estimate' && m.seq === seq), `the estimate #${seq}`);
  }

  it('prices the Generate button in the host: the variants, an unknown price, offline', async () => {
    assert.equal((await estimateFor(1, { ...kleinForm, variants: 1 })).label, 'Generate · $0.012');
    const four = await estimateFor(2, { ...kleinForm, variants: 4 });
    assert.equal(four.label, 'Generate 4 · ≈ $0.05');
    assert.match(four.title, /^\$0\.012 per image × 4 \(4 variants\)/);
    assert.equal((await estimateFor(3, { ...kleinForm, variants: 4, offline: true })).label, 'Generate 4');
    assert.equal((await estimateFor(4, { model: DOUBLE_UNPRICED, values: {}, variants: 2, offline: false })).label, 'Generate 2 · price unknown');
  });

  it('asks once for a batch above the threshold, with its total, before any submit; Cancel sends nothing', async () => {
    await setUserSetting('confirmCostAbove', 0.02);
    const since = Date.now();
    await panel.receive({ type: 'generate', prompt: 'money studio three foxes', variants: 3, ...kleinForm });
    const questions = questionsSince(since);
    const said = posted.filter((m) => m.type === 'notice' || m.type === 'formError').map((m) => JSON.stringify(m));
    assert.deepEqual(questions.map((q) => q.text), ['Generate 3 variants with FLUX.2 Klein 9B, ≈ $0.04?'], `one question for the whole batch (the Studio said: ${said.join(' | ')})`);
    // The test host shows no dialogs: the question ends without a choice, as Cancel or Escape ends it.
    assert.deepEqual(questions[0]!.answer, { choice: undefined, byCaller: false });
    assert.deepEqual(submitsSince(since), [], 'nothing paid reached the double');
    const reread = apiSince(since).find((r) => r.method === 'GET' && r.path === `/v1/models/${DOUBLE_KLEIN_9B}`);
    assert.ok(reread && reread.time <= onDoubleClock(questions[0]!.at).until, 'the price was read again, uncached, before the question');
    assert.equal(t.services.tracker.list().filter((j) => j.prompt === 'money studio three foxes').length, 0, 'no job was recorded');
  });

  it('within the threshold sends every variant without a question; tiles and the spent line show what they cost', async () => {
    const since = Date.now();
    await panel.receive({ type: 'generate', prompt: 'money studio two herons', variants: 2, ...kleinForm });
    assert.deepEqual(questionsSince(since), [], 'nothing was asked');
    const jobs = () => t.services.tracker.list().filter((j) => j.prompt === 'money studio two herons');
    await waitFor(() => jobs().length === 2 && jobs().every((j) => j.phase === 'saved'), 'both variants saved', 30_000);
    assert.equal(submitsSince(since).length, 2);
    const gallery = await waitFor(
      () => posted.filter((m): m is Extract<HostMessage, { type: 'gallery' }> => m.type === 'gallery').find((m) => m.staged.some((g) => g.prompt === 'money studio two herons' && g.tiles.length === 2)),
      'the gallery with both variants',
      10_000,
    );
    const tiles = gallery.staged.find((g) => g.prompt === 'money studio two herons')!.tiles;
    assert.deepEqual(tiles.map((tile) => tile.cost), ['$0.012', '$0.012']);
    assert.match(gallery.spending ?? '', /^Spent in this workspace: \$\d+\.\d{2,4} today · \$\d+\.\d{2,4} this month/);
    const today = t.services.tracker.list().filter((j) => j.costUsd !== undefined && j.finishedAt! >= new Date(new Date().setHours(0, 0, 0, 0)).getTime());
    assert.ok(today.length >= 2, 'the history holds the costs the line sums');
  });
});
