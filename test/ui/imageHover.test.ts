import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { workbench } from './hooks';

// A placeholder while coding, as a user makes one in an HTML page: Insert Placeholder Image from the palette
// (always offline, exact size), the offer of a real image, then the hover that says what the file is.

describe('placeholders and the image hover (UI)', function () {
  this.timeout(120_000);

  after(async () => {
    await workbench().runCommand('View: Close All Editors');
  });

  it('inserts an exact-size placeholder, then the hover on its link shows size, prompt and Regenerate', async () => {
    const wb = workbench();
    const folder = new URL(wb.page.url()).searchParams.get('folder')!;
    await fs.mkdir(path.join(folder, 'web'), { recursive: true });
    await fs.writeFile(path.join(folder, 'web/landing.html'), '<main>\n  \n</main>\n');
    await wb.clearNotifications();
    await wb.openFile('web/landing.html');
    await wb.runCommand('Go to Line/Column...');
    const input = wb.page.locator('.quick-input-widget input').filter({ visible: true });
    await input.fill(':2:3');
    await input.press('Enter');

    await wb.runCommand('RunComfy: Insert Placeholder Image…');
    await input.waitFor({ timeout: 30_000 });
    await input.fill('800x600 cozy cafe interior');
    await input.press('Enter');
    const told = await wb.waitForNotification(/placeholder \(rendered locally, free\)/);
    assert.equal(told, 'Inserted a 800×600 placeholder (rendered locally, free).');
    await wb.screenshot('placeholder inserted with the offer of a real image');
    await wb.clearNotifications();

    // The token of the path, not the line's outer span (whose left edge is the indent, outside the link).
    const link = wb.page.locator('.monaco-editor .view-line span[class^="mtk"]', { hasText: 'cozy-cafe-interior.png' }).first();
    const hover = wb.page.locator('.monaco-hover', { hasText: 'Offline placeholder' }).filter({ visible: true }).first();
    for (let attempt = 1; ; attempt++) {
      await link.hover({ position: { x: 12, y: 5 } });
      if (await hover.waitFor({ timeout: 8000 }).then(() => true, () => false)) break;
      if (attempt === 3) throw new Error('no hover with the placeholder facts appeared over the link');
      await wb.page.mouse.move(5, 5); // away, so the next hover is a new one
    }
    const text = (await hover.innerText()).replace(/\u00a0/g, ' '); // the hover's plain text keeps its spaces as non-breaking
    assert.match(text, /cozy-cafe-interior\.png · 800 × 600 · PNG/);
    assert.match(text, /Offline placeholder \(asked 800 × 600\), made by RunComfy Images/);
    assert.match(text, /Prompt: cozy cafe interior/);
    assert.match(text, /Regenerate/);
    await wb.page.waitForTimeout(500); // the thumbnail loads
    await wb.screenshot('hover on a placeholder link with its metadata');
  });
});
