import * as assert from 'node:assert/strict';
import { workbench } from './hooks';

// The core journeys as a user does them in the browser, against the RunComfy test double: the palette
// command with status-bar progress, the editor context menu on an image link, and the CodeLens.

describe('generating images in the workbench', function () {
  this.timeout(120_000);

  after(async () => {
    // Leave the workbench as the other UI tests expect it: no editors open.
    await workbench().runCommand('View: Close All Editors');
  });

  /** Answers the input box a command opened (replacing its prefilled value) and presses Enter. */
  async function answerInputBox(text: string): Promise<void> {
    const input = workbench().page.locator('.quick-input-widget input').filter({ visible: true });
    await input.waitFor({ timeout: 30_000 });
    await input.fill(text);
    await input.press('Enter');
  }

  it('Generate Image… from the palette shows progress in the status bar, then the saved file', async () => {
    const wb = workbench();
    await wb.clearNotifications();
    await wb.runCommand('RunComfy: Generate Image…');
    await answerInputBox('Misty harbour at dawn [queue:2500][run:2500]');
    const busy = await wb.waitForStatusBarItem(/\d+ (queued|generating)/);
    assert.match(busy, /1 (queued|generating)/);
    await wb.screenshot('status bar while the job runs');
    const saved = await wb.waitForNotification(/Saved misty-harbour/, 60_000);
    assert.match(saved, /^Saved misty-harbour-at-dawn[a-z0-9-]*\.png \(\d+×\d+\)$/);
    assert.match(await wb.waitForStatusBarItem(/Saved misty-harbour/), /Saved misty-harbour-at-dawn/);
    await wb.screenshot('notification after saving');
  });

  it('a quick job: its progress notification has closed when "Saved" appears (no live Cancel beside it)', async () => {
    const wb = workbench();
    await wb.clearNotifications();
    await wb.runCommand('RunComfy: Generate Image…');
    await answerInputBox('Quick sketch of a wren');
    // Read every toast in the same frame the "Saved" one first shows up in.
    const toasts = await wb.page.waitForFunction(
      `(() => {
        const texts = [...document.querySelectorAll('.notifications-toasts .notification-toast')].map((t) => t.textContent ?? '');
        return texts.some((t) => t.includes('Saved quick-sketch-of-a-wren')) ? texts : undefined;
      })()`,
      undefined,
      { timeout: 60_000, polling: 'raf' },
    );
    const shown = (await toasts.jsonValue()) as string[];
    assert.deepEqual(shown.filter((t) => /Generating|Cancel/.test(t)), [], `toasts when "Saved" appeared: ${JSON.stringify(shown)}`);
    await wb.screenshot('saved without a progress notification');
  });

  it('right-clicking an image link runs "Generate Image for Alt Text" from the context menu', async () => {
    const wb = workbench();
    await wb.clearNotifications();
    await wb.openFile('docs/sample.md');
    // Lines move while the editor settles (CodeLenses are inserted above missing images), so the cursor is
    // placed with Go to Line (line 9 holds the fox image), and the right-click lands where the cursor is.
    await wb.page.locator('.monaco-editor .codelens-decoration').filter({ visible: true }).first().waitFor({ timeout: 60_000 });
    const entry = wb.page.locator('.monaco-menu .action-item', { hasText: 'Generate Image for Alt Text' }).first();
    const cursor = wb.page.locator('.monaco-editor.focused .cursors-layer .cursor').first();
    // A hover or a toast that appears at the wrong moment can swallow a click: retry the right-click.
    for (let attempt = 1; ; attempt++) {
      await wb.dismiss();
      await wb.runCommand('Go to Line/Column...').catch(() => undefined);
      const input = wb.page.locator('.quick-input-widget input').filter({ visible: true });
      await input.fill(':9:12');
      await input.press('Enter');
      await wb.page.waitForTimeout(300); // the cursor-on-image context key follows the selection
      const box = await cursor.boundingBox();
      if (box) await wb.page.mouse.click(box.x + 1, box.y + box.height / 2, { button: 'right' });
      if (await entry.waitFor({ timeout: 10_000 }).then(() => true, () => false)) break;
      if (attempt === 3) throw new Error('the editor context menu never offered "Generate Image for Alt Text"');
    }
    await wb.screenshot('context menu on an image link');
    await entry.click();
    await answerInputBox('A red fox in fresh snow, telephoto photograph');
    await wb.waitForStatusBarItem(/Saved fox\.png/, 60_000);
    await wb.screenshot('alt text image saved');
  });

  it('clicking the "Generate image" CodeLens fills a missing image', async () => {
    const wb = workbench();
    await wb.openFile('docs/sample.md');
    await wb.dismiss(); // nothing left open by an earlier step may cover the editor
    const lens = wb.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Generate image' }).filter({ visible: true }).first();
    await lens.waitFor({ timeout: 60_000 });
    await wb.screenshot('codelens above a missing image');
    await lens.click();
    await answerInputBox('A lighthouse on a cliff at dusk, oil painting');
    await wb.waitForStatusBarItem(/Saved lighthouse\.png/, 60_000);
    await wb.screenshot('codelens image saved');
    // Both images now exist, so no lens is left.
    await wb.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Generate image' }).first().waitFor({ state: 'detached', timeout: 30_000 });
  });
});
