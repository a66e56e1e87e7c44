import * as assert from 'node:assert/strict';
import { workbench } from './hooks';

// "RunComfy: Choose Model…" as a user sees it (the catalog from the RunComfy test double, with prices), and
// the model in use named in the status bar item's tooltip while a job runs.

describe('choosing a model in the workbench', function () {
  this.timeout(120_000);

  it('RunComfy: Choose Model… lists the image models with prices, the one in use marked, and searches by name and id', async () => {
    const wb = workbench();
    await wb.runCommand('RunComfy: Choose Model…');
    const input = wb.page.locator('.quick-input-widget input').filter({ visible: true });
    await input.waitFor({ timeout: 30_000 });
    const rows = wb.page.locator('.quick-input-list .monaco-list-row').filter({ visible: true });
    await rows.filter({ hasText: 'FLUX.2 Flash' }).first().waitFor({ timeout: 30_000 });
    const labels = await wb.quickPickItems();
    assert.ok(labels.includes('FLUX.2 Klein 9B'), labels.join(', '));
    assert.ok(labels.includes('Nano Banana Pro'), labels.join(', '));
    assert.ok(!labels.some((label) => label.includes('Seedance')), 'no video model');
    const current = rows.filter({ hasText: 'FLUX.2 Klein 9B' }).first();
    assert.match(await current.innerText(), /\$0\.012 per image · in use/);
    await wb.screenshot('model_picker with prices and the model in use');

    await input.fill('nano-banana');
    // The list filters a moment after the input changes: wait for the rows of other models to go.
    await rows.filter({ hasText: 'FLUX.2 Klein 9B' }).first().waitFor({ state: 'detached', timeout: 10_000 });
    const matched = await wb.quickPickItems();
    assert.deepEqual(matched, ['Nano Banana Pro', 'Nano Banana 2 Lite Edit'], 'matched by id');
    await wb.screenshot('model_picker searched by id');
    await wb.dismiss();
  });

  it('the status bar tooltip names the model in use while a job runs', async () => {
    const wb = workbench();
    await wb.runCommand('RunComfy: Generate Image…');
    const input = wb.page.locator('.quick-input-widget input').filter({ visible: true });
    await input.waitFor({ timeout: 30_000 });
    await input.fill('Lighthouse in fog [queue:6000][run:3000]');
    await input.press('Enter');
    await wb.waitForStatusBarItem(/\d+ (queued|generating)/);
    await wb.page.locator('.part.statusbar .statusbar-item', { hasText: /\d+ (queued|generating)/ }).first().hover();
    const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Model: FLUX.2 Klein 9B' }).first();
    await hover.waitFor({ timeout: 15_000 });
    assert.match(await hover.innerText(), /Model: FLUX\.2 Klein 9B \(blackforestlabs\/flux-2-klein\/9b\/text-to-image\)/);
    await wb.screenshot('status bar tooltip with the model in use');
    await wb.waitForNotification(/Saved lighthouse-in-fog/, 60_000);
  });
});
