import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { encodePng } from '../../src/core/images/png';
import { workbench } from './hooks';

// Editing a workspace image starts where a user looks for it: the image's context menu in the Explorer.

describe('edit an image (UI)', function () {
  this.timeout(120_000);

  after(async () => {
    await workbench().runCommand('View: Close All Editors');
  });

  it('the Explorer context menu of a PNG offers "Edit Image…"', async () => {
    const wb = workbench();
    const folder = new URL(wb.page.url()).searchParams.get('folder')!;
    const pixels = new Uint8Array(320 * 200 * 3).map((_, i) => (i % 3 === 2 ? 200 : (i * 7) % 256));
    const original = encodePng(pixels, 320, 200);
    await fs.writeFile(path.join(folder, 'hero.png'), original);
    await wb.clearNotifications();

    // The file watcher may not report a file written from outside at once; refresh as a user would.
    await wb.page.locator('.explorer-folders-view').hover();
    await wb.page.locator('.action-label[aria-label^="Refresh Explorer"]').first().click({ timeout: 30_000 });
    const row = wb.page
      .locator('.explorer-folders-view .monaco-list-row')
      .filter({ has: wb.page.locator('.label-name', { hasText: /^hero\.png$/ }) })
      .first();
    await row.waitFor({ timeout: 30_000 });
    await row.click({ button: 'right' });
    const entry = wb.page.locator('.monaco-menu .action-item', { hasText: 'Edit Image…' }).filter({ visible: true }).first();
    await entry.waitFor({ timeout: 30_000 });
    await entry.hover();
    const labels = (await wb.page.locator('.monaco-menu .action-label').filter({ visible: true }).allInnerTexts()).map((label) => label.trim());
    assert.ok(labels.includes('Edit Image…'), `menu: ${labels.join(' | ')}`);
    await wb.screenshot('edit_explorer context menu with Edit Image');
    await wb.dismiss();
    await fs.rm(path.join(folder, 'hero.png'));
  });
});
