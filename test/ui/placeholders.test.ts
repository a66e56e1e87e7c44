import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { renderPlaceholder } from '../../src/core/placeholders/placeholderImage';
import { markPlaceholder } from '../../src/core/placeholders/placeholderMark';
import { workbench } from './hooks';

// A page with two placeholders a developer inserted while coding: the CodeLens marks their links, the hover
// says what each stands in for, and "Generate Real Images for Placeholders" lists them (prompt, asked size,
// path, linking documents, thumbnail) before turning them into real images at the same paths.

describe('placeholders that grow up (UI)', function () {
  this.timeout(180_000);

  after(async () => {
    await workbench().dismiss();
    await workbench().runCommand('View: Close All Editors');
  });

  it('CodeLens and hover on placeholder links, then the upgrade list generates real images in place', async () => {
    const wb = workbench();
    const folder = new URL(wb.page.url()).searchParams.get('folder')!;
    for (const [name, prompt, width, height] of [['hero.png', 'sunrise over a quiet harbour', 800, 600], ['card.png', 'cozy cafe interior', 640, 480]] as const) {
      const file = path.join(folder, 'grow/img', name);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, markPlaceholder(renderPlaceholder({ prompt, width, height }), { prompt, width, height }));
    }
    await fs.writeFile(path.join(folder, 'grow/landing.md'), '# Landing\n\n![Harbour at sunrise](img/hero.png)\n\nText.\n\n![Cafe](img/card.png)\n');
    await wb.clearNotifications();
    for (let attempt = 1; ; attempt++) {
      if (await wb.openFile('grow/landing.md').then(() => true, () => false)) break;
      if (attempt === 3) throw new Error('Quick Open never found grow/landing.md');
      await wb.page.waitForTimeout(2000);
    }
    await wb.dismiss();

    const lenses = wb.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Placeholder · generate the real image' }).filter({ visible: true });
    await lenses.first().waitFor({ timeout: 60_000 });
    await wb.page.waitForTimeout(300);
    assert.equal(await lenses.count(), 2, 'one lens per placeholder link');
    await wb.screenshot('placeholder_codelens above each placeholder link');

    const link = wb.page.locator('.monaco-editor .view-line span[class^="mtk"]', { hasText: 'img/hero.png' }).first();
    const hover = wb.page.locator('.monaco-hover', { hasText: 'Offline placeholder' }).filter({ visible: true }).first();
    for (let attempt = 1; ; attempt++) {
      await link.hover({ position: { x: 12, y: 5 } });
      if (await hover.waitFor({ timeout: 8000 }).then(() => true, () => false)) break;
      if (attempt === 3) throw new Error('no hover with the placeholder facts appeared over the link');
      await wb.page.mouse.move(5, 5);
    }
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /Offline placeholder \(asked 800 × 600\), made by RunComfy Images/);
    assert.match(text, /Prompt: sunrise over a quiet harbour/);
    assert.match(text, /Generate the real image/);
    await wb.page.waitForTimeout(500);
    await wb.screenshot('placeholder_hover with prompt and asked size');
    await wb.page.mouse.move(5, 5);

    await wb.runCommand('RunComfy: Generate Real Images for Placeholders in This File');
    // The list opens once the placeholders and the documents linking them are found.
    const picker = wb.page.locator('.quick-input-widget', { hasText: 'Generate real images for placeholders' }).filter({ visible: true });
    await picker.waitFor({ timeout: 30_000 });
    // The palette's rows may still be fading out: wait for the list's own two.
    const pickerRows = picker.locator('.quick-input-list .monaco-list-row').filter({ visible: true });
    for (let waited = 0; (await pickerRows.count()) !== 2 && waited < 10_000; waited += 250) await wb.page.waitForTimeout(250);
    const rows = await wb.quickPickChecks();
    assert.deepEqual(rows.map((r) => r.label).sort(), ['cozy cafe interior', 'sunrise over a quiet harbour']);
    assert.ok(rows.every((r) => r.checked), 'every placeholder starts checked');
    const list = await picker.innerText();
    assert.match(list, /800 × 600 · grow\/img\/hero\.png/);
    assert.match(list, /Linked from grow\/landing\.md/);
    // The title names the double's price for the model, per image and for both.
    assert.match(list, /FLUX\.2 Klein 9B · \$0\.012 per image, ≈ \$0\.02 for all 2/);
    await wb.screenshot('placeholder_upgrade picker with prompts sizes paths and documents');
    await wb.page.keyboard.press('Enter');

    const told = await wb.waitForNotification(/Generated 2 of 2 real images for placeholders/, 60_000);
    assert.match(told, /each at its placeholder's path/);
    // The lenses refresh when the file watcher reports the replaced files, which can take a few seconds on a busy machine.
    for (let waited = 0; (await lenses.count()) > 0 && waited < 15_000; waited += 250) await wb.page.waitForTimeout(250);
    assert.equal(await lenses.count(), 0, 'real images carry no placeholder lens');
    await wb.screenshot('placeholder_upgraded real images in place');
  });
});
