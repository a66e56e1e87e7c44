import * as assert from 'node:assert/strict';
import type { Workbench } from './driver/workbench';
import { workbench } from './hooks';
import { focusWorkbench, openStudio, waitUntil } from './studioPage';

const KLEIN_9B = 'blackforestlabs/flux-2-klein/9b/text-to-image';
const NANO_BANANA_PRO = 'google/nano-banana-pro/text-to-image';

/**
 * The Studio's money as a user sees it, against the RunComfy test double: the Generate button carries the
 * estimate and follows the variants, the model and its count input; a batch above runcomfy.confirmCostAbove
 * asks once with its total and Cancel starts nothing; each tile says what its job cost, and the history
 * says what this workspace spent today and this month.
 */
describe('Image Studio prices and spending (UI)', function () {
  this.timeout(240_000);
  const wb = workbench;

  before(() => openStudio(wb()));
  after(() => leaveAsFound(wb()));

  it('shows the estimate on the Generate button, following the variants', async () => {
    const studio = wb().webviewFrame();
    await pickModel(wb(), KLEIN_9B, 'width');
    const label = studio.locator('#generate-label');
    await studio.locator('#variants').selectOption('1');
    await waitUntil(async () => (await label.innerText()) === 'Generate · $0.012');
    assert.match(await studio.locator('#model-hint').innerText(), /\$0\.012 per image/, 'the price line beside the picker');
    await studio.locator('#variants').selectOption('4');
    await waitUntil(async () => (await label.innerText()) === 'Generate 4 · ≈ $0.05');
    assert.match((await studio.locator('#generate').getAttribute('title')) ?? '', /^\$0\.012 per image × 4 \(4 variants\)/);
    await studio.locator('#prompt').fill('A watercolor heron at dawn');
    await studio.locator('#generate').scrollIntoViewIfNeeded();
    await wb().screenshot('cost_studio_generate_button_with_estimate');
  });

  it("follows the model and its count input; a batch above the threshold asks once with the total, and Cancel starts nothing", async () => {
    const studio = wb().webviewFrame();
    await pickModel(wb(), NANO_BANANA_PRO, 'num_images');
    const label = studio.locator('#generate-label');
    await studio.locator('#variants').selectOption('2');
    await studio.locator('#field-num_images').fill('2');
    await waitUntil(async () => (await label.innerText()) === 'Generate 2 · ≈ $0.60');
    await wb().screenshot('cost_studio_generate_button_count_input');
    const prompt = 'A lighthouse in a storm, money batch';
    await studio.locator('#prompt').fill(prompt);
    await studio.locator('#generate').click();
    const dialog = await wb().waitForDialog('Generate 2 variants with Nano Banana Pro, ≈ $0.60?');
    assert.match(await dialog.innerText(), /\$0\.15 per image × 4 outputs/);
    await wb().screenshot('cost_studio_batch_confirmation');
    await wb().clickDialogButton(dialog, 'Cancel');
    await dialog.waitFor({ state: 'hidden' });
    // Nothing was started: no live job, no staged variant of that prompt.
    await wb().page.waitForTimeout(1500);
    assert.equal(await studio.locator('#live li').count(), 0);
    assert.equal(await studio.locator('#staged .staged-prompt', { hasText: prompt }).count(), 0);
    await studio.locator('#field-num_images').fill('1');
    await studio.locator('#variants').selectOption('1');
  });

  it('says on each tile what its job cost, and what this workspace spent today and this month', async () => {
    const studio = wb().webviewFrame();
    await pickModel(wb(), KLEIN_9B, 'width');
    await studio.locator('#variants').selectOption('1');
    for (const prompt of ['A heron at dawn, money tile [scenario:no-cost]', 'A heron at dusk, money tile']) {
      await studio.locator('#prompt').fill(prompt);
      await waitUntil(async () => (await studio.locator('#generate-label').innerText()) === 'Generate · $0.012');
      await studio.locator('#generate').click();
      await waitUntil(async () => (await studio.locator('#gallery li .prompt').first().innerText()) === prompt, 60_000);
    }
    const tiles = studio.locator('#gallery li');
    await waitUntil(async () => (await tiles.nth(0).locator('.tile-cost').innerText()) === '$0.012');
    assert.equal(await tiles.nth(1).locator('.tile-cost').innerText(), 'cost not reported');
    const spending = studio.locator('#spending');
    await waitUntil(async () => /^Spent in this workspace: \$\d+\.\d{2,4} today · \$\d+\.\d{2,4} this month \(\d+ jobs? without a reported cost\)$/.test(await spending.innerText()));
    // The captions at the bottom of the view, the spent line above the tiles still in it.
    await tiles.nth(0).locator('.tile-cost').scrollIntoViewIfNeeded();
    await wb().screenshot('cost_studio_gallery_tiles_with_costs');
  });
});

/** Chooses `model` in the Studio's picker and waits for its form (one of its own inputs, `field`). */
async function pickModel(wb: Workbench, model: string, field: string): Promise<void> {
  const studio = wb.webviewFrame();
  const picker = studio.locator('#model-picker');
  await waitUntil(async () => (await picker.locator(`option[value="${model}"]`).count()) === 1, 60_000);
  if ((await picker.inputValue()) !== model) await picker.selectOption(model);
  await studio.locator(`#field-${field}`).waitFor({ timeout: 60_000 });
}

/** The model, the variants and the editors as the other suites expect them. */
async function leaveAsFound(wb: Workbench): Promise<void> {
  await pickModel(wb, KLEIN_9B, 'width').catch(() => undefined);
  await wb.webviewFrame().locator('#variants').selectOption('1').catch(() => undefined);
  await wb.dismiss().catch(() => undefined);
  await focusWorkbench(wb);
  await wb.runCommand('View: Close All Editors');
}
