import type { Workbench } from './driver/workbench';

/** Steps on the Image Studio shared by its UI suites. */

/**
 * Gives the keyboard back to the workbench. In the headless browser a shortcut pressed inside the webview
 * opens the palette, but the webview then takes focus back and the palette closes.
 */
export async function focusWorkbench(wb: Workbench): Promise<void> {
  await wb.page.locator('.part.statusbar').click({ position: { x: 5, y: 5 } });
}

/** Runs "Open Image Studio" from the palette and, by default, waits until the webview has its data. */
export async function openStudio(wb: Workbench, wait = true): Promise<void> {
  await wb.runCommand('RunComfy: Open Image Studio');
  if (wait) await wb.webviewFrame().locator('body[data-ready]').waitFor({ timeout: 60_000 });
}

/** Picks a color theme through the palette, as a user does. */
export async function setColorTheme(wb: Workbench, theme: string): Promise<void> {
  await wb.runCommand('Preferences: Color Theme');
  await wb.page.keyboard.type(theme);
  await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().waitFor();
  await wb.page.keyboard.press('Enter');
  await wb.page.waitForTimeout(1000);
}

/** Polls `probe` until it holds (a failing probe counts as not yet). */
export async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
