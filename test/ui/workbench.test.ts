import * as assert from 'node:assert/strict';
import { workbench } from './hooks';

// The driver against VS Code's own commands and webviews, so the UI path is proven before the extension
// has a UI of its own. Feature tests use the same helpers (see runcomfyCommands.test.ts).
describe('workbench', () => {
  it('opens the fixture workspace', async () => {
    const page = workbench().page;
    assert.match(await page.title(), /^workspace\b/);
    await page.locator('.explorer-folders-view', { hasText: 'README.md' }).waitFor();
  });

  it('shows a notification from an extension command run in the palette', async () => {
    const wb = workbench();
    await wb.openFile('docs/sample.md');
    await wb.runCommand('Merge Conflict: Next Conflict');
    const message = await wb.waitForNotification('merge conflict');
    assert.equal(message, 'No merge conflicts found in this file');
    await wb.screenshot('notification');
    assert.ok((await wb.readNotifications()).includes(message));
    await wb.clearNotifications();
  });

  it('reads the language and cursor position from the status bar', async () => {
    const wb = workbench();
    await wb.openFile('docs/sample.md');
    await wb.waitForStatusBarItem(/^Ln \d+, Col \d+$/);
    const items = await wb.statusBarText();
    assert.ok(items.includes('Markdown'), `status bar: ${items.join(' | ')}`);
    await wb.screenshot('status bar');
  });

  it('renders a webview and follows a link clicked in it', async () => {
    const wb = workbench();
    await wb.openFile('docs/sample.md');
    await wb.runCommand('Markdown: Open Preview');
    const preview = wb.webviewFrame();
    assert.equal(await preview.locator('h1').innerText(), 'Sample document');
    const images = await preview.locator('img').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('alt')));
    // The fixture's two images, in order (other UI tests may have added images after them).
    assert.deepEqual(images.slice(0, 2), ['A lighthouse on a cliff at dusk, oil painting', 'A red fox in fresh snow, telephoto photograph']);
    await wb.screenshot('markdown preview');

    // The preview posts the click to the Markdown extension, which renders the target: a webview round trip.
    await preview.getByText('the workspace README').click();
    await wb.tab('Preview README.md').waitFor();
    await preview.locator('h1', { hasText: 'Fixture workspace' }).waitFor();
    await wb.screenshot('link followed in the webview');
  });
});
