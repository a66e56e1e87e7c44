import * as assert from 'node:assert/strict';
import { workbench } from './hooks';

// "Discard Result" for a job RunComfy could no longer cancel, answered only after the image was saved:
// what the user sees is the keep-or-discard question, then that the saved file was removed.

describe('discarding a result that was already saved', function () {
  this.timeout(120_000);

  it('Cancel on a running job asks Keep or Discard; Discard after saving removes the file and says so', async () => {
    const wb = workbench();
    await wb.clearNotifications();
    await wb.runCommand('RunComfy: Generate Image…');
    const input = wb.page.locator('.quick-input-widget input').filter({ visible: true });
    await input.waitFor({ timeout: 30_000 });
    await input.fill('Lantern festival at night [queue:0][run:4000]');
    await input.press('Enter');
    await wb.waitForStatusBarItem(/1 generating/);
    await wb.clickNotificationButton(/Generating “Lantern festival/, 'Cancel');
    await wb.waitForNotification(/already running on RunComfy; it will finish and may be charged/);
    await wb.screenshot('keep or discard a job that is already running');
    // The user has not answered yet when the image arrives and is saved.
    await wb.waitForStatusBarItem(/Saved lantern-festival/, 60_000);
    await wb.clickNotificationButton(/already running on RunComfy/, 'Discard Result');
    const told = await wb.waitForNotification(/Result discarded/);
    assert.match(told, /lantern-festival-at-night[a-z0-9-]*\.png was already saved and has been (moved to the trash|deleted)\./);
    await wb.screenshot('result discarded after it was saved');
  });
});
