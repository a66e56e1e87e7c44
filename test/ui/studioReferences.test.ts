import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { encodePng } from '../../src/core/images/png';
import type { Workbench } from './driver/workbench';
import { workbench } from './hooks';
import { focusWorkbench, openStudio, waitUntil } from './studioPage';

const KLEIN_9B = 'blackforestlabs/flux-2-klein/9b/text-to-image';
const EDIT = 'google/nano-banana-2-lite/edit';

/** The DOM image type, without pulling the DOM library into the test build. */
interface PageImage {
  complete: boolean;
  naturalWidth: number;
}

/**
 * Starting from an image in the Studio, in the real workbench against the RunComfy test double: the edit
 * model's image input is a references area; two workspace images are added through its quick pick, shown
 * as thumbnails with the limits; after Generate the result's tile compares before and after.
 */
describe('Image Studio references (UI)', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let workspace: string;
  const names = ['studio-ref-harbour.png', 'studio-ref-meadow.png'];

  before(async () => {
    wb = workbench();
    workspace = new URL(wb.page.url()).searchParams.get('folder')!;
    await fs.mkdir(path.join(workspace, 'refs-ui'), { recursive: true });
    const harbour = new Uint8Array(240 * 160 * 3).map((_, i) => (i % 3 === 2 ? 180 : (i * 5) % 200));
    const meadow = new Uint8Array(160 * 160 * 3).map((_, i) => (i % 3 === 1 ? 170 : (i * 3) % 90));
    await fs.writeFile(path.join(workspace, 'refs-ui', names[0]!), encodePng(harbour, 240, 160));
    await fs.writeFile(path.join(workspace, 'refs-ui', names[1]!), encodePng(meadow, 160, 160));
    await openStudio(wb);
  });

  after(async () => {
    const studio = wb.webviewFrame();
    await studio.locator('#model-picker').selectOption(KLEIN_9B).catch(() => undefined);
    await studio.locator('#field-width').waitFor().catch(() => undefined);
    await focusWorkbench(wb);
    await wb.runCommand('View: Close All Editors');
    await fs.rm(path.join(workspace, 'refs-ui'), { recursive: true, force: true });
  });

  it('edit_studio_with_two_references: an edit model chosen, two workspace images added, their thumbnails and the limits shown', async () => {
    const studio = wb.webviewFrame();
    const picker = studio.locator('#model-picker');
    await waitUntil(async () => (await picker.locator(`option[value="${EDIT}"]`).count()) === 1, 60_000);
    await picker.selectOption(EDIT);
    const area = studio.locator('#fields [data-name="image_urls"]');
    await area.waitFor({ timeout: 30_000 });
    const add = area.getByRole('button', { name: 'Add from Workspace…' });
    assert.equal(await area.locator('.references-limits').innerText(), '0 of 10 · PNG, JPEG or WebP · up to 6 MiB each');
    for (const [index, name] of names.entries()) {
      await add.click();
      await wb.page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: 30_000 });
      await wb.page.keyboard.type(name);
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
      await wb.page.keyboard.press('Enter');
      await waitUntil(async () => (await area.locator('.reference').count()) === index + 1, 30_000);
    }
    assert.deepEqual(await area.locator('.reference-name').allInnerTexts(), names);
    assert.equal(await area.locator('.references-limits').innerText(), '2 of 10 · PNG, JPEG or WebP · up to 6 MiB each');
    const thumbs = area.locator('.reference-thumb img');
    await waitUntil(async () => (await thumbs.evaluateAll((imgs) => imgs.every((img) => (img as unknown as PageImage).complete && (img as unknown as PageImage).naturalWidth > 0))) === true);
    const captions = await area.locator('.reference .hint').allInnerTexts();
    assert.match(captions[0]!, /^240×160 · \d+ KiB$/);
    assert.match(captions[1]!, /^160×160 · \d+ KiB$/);
    assert.equal(await area.getByRole('button', { name: `Remove ${names[0]} from the references` }).count(), 1, 'each has a Remove button');
    await area.scrollIntoViewIfNeeded();
    await wb.screenshot('edit_studio_with_two_references');
  });

  it('edit_studio_before_after: after generating from the edit model, the result tile compares the first reference with it', async () => {
    const studio = wb.webviewFrame();
    const prompt = 'Turn the harbour into a watercolour painting';
    await studio.locator('#prompt').fill(prompt);
    await studio.locator('#generate').click();
    const tile = studio.locator('#gallery li').filter({ has: studio.locator('.prompt', { hasText: prompt }) }).first();
    await tile.locator('img').waitFor({ timeout: 60_000 });
    const compare = tile.getByRole('button', { name: new RegExp(`^Compare .* with ${names[0]!.replace(/[.]/g, '\\.')}$`) });
    await compare.waitFor({ timeout: 30_000 });
    await compare.click();
    const dialog = studio.locator('dialog#compare');
    await dialog.waitFor({ state: 'visible' });
    assert.deepEqual(await dialog.locator('figcaption strong').allInnerTexts(), ['Before', 'After']);
    assert.match(await dialog.locator('figcaption').first().innerText(), new RegExp(names[0]!.replace(/[.]/g, '\\.')));
    const images = dialog.locator('img');
    await waitUntil(async () => (await images.evaluateAll((imgs) => imgs.every((img) => (img as unknown as PageImage).complete && (img as unknown as PageImage).naturalWidth > 0))) === true);
    // The double draws its result at the first reference's size.
    assert.deepEqual(await images.evaluateAll((imgs) => imgs.map((img) => (img as unknown as PageImage).naturalWidth)), [240, 240]);
    await wb.screenshot('edit_studio_before_after');
    await wb.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
