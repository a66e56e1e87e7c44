import * as assert from 'node:assert/strict';
import type { Workbench } from './driver/workbench';
import { workbench } from './hooks';
import { focusWorkbench, openStudio, setColorTheme, waitUntil } from './studioPage';

const KLEIN_9B = 'blackforestlabs/flux-2-klein/9b/text-to-image';
const FLASH = 'blackforestlabs/flux-2/flash/text-to-image';
const NANO_BANANA_PRO = 'google/nano-banana-pro/text-to-image';

/** The three size styles, each with the input its form must show. */
const FORMS = [
  { id: KLEIN_9B, shot: 'klein_9b', label: /FLUX\.2 Klein 9B/, field: 'width' },
  { id: FLASH, shot: 'flux_2_flash', label: /FLUX\.2 Flash/, field: 'image_size' },
  { id: NANO_BANANA_PRO, shot: 'nano_banana_pro', label: /Nano Banana Pro/, field: 'aspect_ratio' },
] as const;

/**
 * The Studio's form built from each model's schema, as a user sees it in the real workbench against the
 * RunComfy test double's catalog: the picker switches the form, enums are selects, the seed is random,
 * presets show what they map to, values are kept per model, a value out of range is said beside its field.
 */
describe('Image Studio form from the model schema (UI)', function () {
  this.timeout(240_000);
  let wb: Workbench;

  before(async () => {
    wb = workbench();
    await openStudio(wb);
  });

  after(async () => {
    // Leave the model and theme as the other suites expect them.
    const studio = wb.webviewFrame();
    await chooseModel(wb, KLEIN_9B).catch(() => undefined);
    await studio.locator('#field-width').waitFor().catch(() => undefined);
    await focusWorkbench(wb);
    await setColorTheme(wb, 'Dark Modern');
    await wb.runCommand('View: Close All Editors');
  });

  it('lists the catalog’s image models in the picker, with their price', async () => {
    const studio = wb.webviewFrame();
    const picker = studio.locator('#model-picker');
    await waitUntil(async () => (await picker.locator(`option[value="${NANO_BANANA_PRO}"]`).count()) === 1, 60_000);
    assert.match(await picker.locator(`option[value="${NANO_BANANA_PRO}"]`).innerText(), /Nano Banana Pro — \$0\.15 per image/);
    assert.equal(await picker.locator('option[value="bytedance/seedance-1-0-pro/text-to-video"]').count(), 0, 'no video models');
    assert.equal(await studio.getByLabel('Model', { exact: true }).count(), 1, 'the picker is labelled');
  });

  for (const theme of ['dark', 'light'] as const) {
    it(`shows the form of each size style in the ${theme} theme`, async () => {
      if (theme === 'light') {
        await focusWorkbench(wb);
        await setColorTheme(wb, 'Light Modern');
      }
      for (const form of FORMS) {
        await chooseModel(wb, form.id);
        const studio = wb.webviewFrame();
        assert.match(await studio.locator('#model').innerText(), form.label);
        await studio.locator('#prompt').fill('A lighthouse on a cliff at dusk, long exposure');
        await wb.screenshot(`studio_form_${form.shot}_${theme}`);
      }
    });
  }

  it('Klein 9B: number inputs with their range, presets as pixel sizes', async () => {
    await chooseModel(wb, KLEIN_9B);
    const studio = wb.webviewFrame();
    assert.equal(await studio.locator('#field-width-range').innerText(), '512–1536');
    assert.equal(await studio.locator('#field-steps').getAttribute('max'), '100');
    assert.match(await studio.getByRole('button', { name: /^Wide/ }).innerText(), /1536×864/);
    assert.equal(await studio.getByLabel('Width').count(), 1);
  });

  it('FLUX.2 Flash: enums as selects, a random seed, presets mapped to named sizes, a kept value per model', async () => {
    await chooseModel(wb, FLASH);
    const studio = wb.webviewFrame();
    assert.equal(await studio.locator('#field-image_size').inputValue(), 'landscape_4_3', 'the default the schema publishes');
    assert.equal(await studio.locator('#field-seed-random').isChecked(), true);
    assert.equal(await studio.locator('#field-seed').isDisabled(), true);
    assert.equal(await studio.locator('#field-guidance_scale-range').innerText(), '0–20');
    assert.match(await studio.getByText('How closely the model should stick to the prompt.').innerText(), /stick to the prompt/);
    const wide = studio.getByRole('button', { name: /^Wide/ });
    assert.match(await wide.innerText(), /landscape_16_9/);
    await wide.click();
    assert.equal(await studio.locator('#field-image_size').inputValue(), 'landscape_16_9');
    assert.equal(await wide.getAttribute('aria-pressed'), 'true');

    // Klein keeps its own values; Flash's come back when it is chosen again.
    await chooseModel(wb, KLEIN_9B);
    await chooseModel(wb, FLASH);
    assert.equal(await wb.webviewFrame().locator('#field-image_size').inputValue(), 'landscape_16_9');
  });

  it('nano-banana-pro: aspect ratio and resolution selects; a value out of range is said beside its field', async () => {
    await chooseModel(wb, NANO_BANANA_PRO);
    const studio = wb.webviewFrame();
    await studio.getByRole('button', { name: /^Wide/ }).click();
    assert.equal(await studio.locator('#field-aspect_ratio').inputValue(), '16:9');
    assert.equal(await studio.locator('#field-resolution').inputValue(), '2K');
    await studio.locator('#prompt').fill('A lighthouse on a cliff at dusk, long exposure');
    await studio.locator('#field-num_images').fill('9');
    await studio.locator('#prompt').press('Control+Enter');
    const error = studio.locator('#field-num_images-error');
    await waitUntil(async () => (await error.innerText()) === 'Number of images must be a whole number from 1 to 4.');
    assert.equal(await studio.locator('#field-num_images').getAttribute('aria-invalid'), 'true');
    await waitUntil(() => studio.locator('#field-num_images').evaluate((node) => node === (node.ownerDocument as { activeElement: unknown }).activeElement));
    assert.equal(await studio.locator('#live li').count(), 0, 'nothing was sent');
    await wb.screenshot('studio_form_validation_message');
    await studio.locator('#field-num_images').fill('1');
  });
});

/** Chooses a model in the Studio's picker and waits for its form. */
async function chooseModel(wb: Workbench, model: string): Promise<void> {
  const studio = wb.webviewFrame();
  const picker = studio.locator('#model-picker');
  await waitUntil(async () => (await picker.locator(`option[value="${model}"]`).count()) === 1, 60_000);
  if ((await picker.inputValue()) !== model) await picker.selectOption(model);
  const field = FORMS.find((f) => f.id === model)?.field ?? 'prompt';
  await studio.locator(`#fields [data-name="${field}"]`).waitFor({ timeout: 30_000 });
  await waitUntil(async () => (await picker.inputValue()) === model);
}
