import * as assert from 'node:assert/strict';
import { workbench } from './hooks';

// A file with five missing images: the batch CodeLens asks before spending, names the model and the alt
// texts, and offers the list for review. Nothing is generated here: the test backs out at the list.

describe('confirming a batch of paid images', function () {
  this.timeout(120_000);

  after(async () => {
    await workbench().dismiss();
    await workbench().runCommand('View: Close All Editors');
  });

  it('"Generate all 5 missing images" asks first, with the model, the alt texts and a list to review', async () => {
    const wb = workbench();
    await wb.clearNotifications();
    // The first test after the workbench opens: Quick Open may not have indexed the files yet.
    for (let attempt = 1; ; attempt++) {
      if (await wb.openFile('docs/gallery.md').then(() => true, () => false)) break;
      if (attempt === 3) throw new Error('Quick Open never found docs/gallery.md');
      await wb.page.waitForTimeout(2000);
    }
    await wb.dismiss();
    const lens = wb.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Generate all 5 missing images' }).filter({ visible: true }).first();
    await lens.waitFor({ timeout: 60_000 });
    await wb.screenshot('batch codelens above the first missing image');
    await lens.click();

    const dialog = await wb.waitForDialog('Generate 5 missing images with FLUX.2 Klein 9B, ≈ $0.06?');
    const text = await dialog.innerText();
    assert.match(text, /Model: blackforestlabs\/flux-2-klein\/9b\/text-to-image/);
    assert.match(text, /paid generation .*: 5 × \$0\.012 per image, ≈ \$0\.06 in all/);
    assert.match(text, /“A hummingbird sipping nectar, watercolor” → gallery\/hummingbird\.png/);
    // The platform orders the buttons (on Linux the primary one is rightmost).
    assert.deepEqual((await wb.dialogButtons(dialog)).sort(), ['Cancel', 'Generate 5 Images', 'Review List…']);
    await wb.screenshot('batch confirmation');
    await wb.screenshot('cost_batch confirmation with the total');

    await wb.clickDialogButton(dialog, 'Review List…');
    const rows = await wb.quickPickChecks();
    assert.deepEqual(rows.map((r) => r.label), [
      'A hummingbird sipping nectar, watercolor',
      'Misty harbour at dawn, soft light',
      'Cozy cafe interior with plants',
      'Isometric city at night, neon',
      'A paper boat on a quiet pond',
    ]);
    assert.ok(rows.every((r) => r.checked), 'every image starts checked');
    await wb.screenshot('batch review list, all checked');
    await wb.dismiss();

    // Backing out of the list starts nothing: no progress, no saved image.
    await wb.page.waitForTimeout(1500);
    const notifications = await wb.readNotifications();
    assert.deepEqual(notifications.filter((n) => /Generating|Saved|Generated/.test(n)), []);
    assert.ok(!(await wb.statusBarText()).some((t) => /generating|queued/.test(t)));
  });
});
