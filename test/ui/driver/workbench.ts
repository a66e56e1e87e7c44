import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { Screenshots } from '../../harness/screenshots';

/** How long the workbench may take to react to one user action. */
const actionTimeoutMs = 30_000;

/**
 * Drives the VS Code workbench in the browser the way a user does: keyboard, palette, clicks. Tests talk
 * to this class, not to CSS selectors, so a workbench change is fixed here once.
 */
export class Workbench {
  /**
   * @param showsToasts false when the extension runs in development mode (code-server's smoke-test driver),
   * where VS Code sends notifications to the notification centre only.
   */
  constructor(
    readonly page: Page,
    readonly screenshots: Screenshots,
    private readonly showsToasts = true,
  ) {}

  /** Resolves once the workbench and its status bar are on screen. */
  async waitUntilReady(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page.locator('.part.statusbar').waitFor({ timeout: 60_000 });
  }

  /**
   * Runs a command from the command palette by its label, e.g. "RunComfy: Show Log". The palette takes its
   * command list when it opens, and an extension host that is still starting adds its commands later, so
   * the palette is reopened until the command is listed.
   */
  async runCommand(label: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.pickInQuickInput('Control+Shift+P', `>${label}`, label, `palette ${label}`)) return;
      if (Date.now() > deadline) throw new Error(`"${label}" never appeared in the command palette`);
      await this.page.waitForTimeout(1000);
    }
  }

  /** Opens a workspace file by its relative path through Quick Open (Ctrl+P), then waits for its tab. */
  async openFile(relativePath: string): Promise<void> {
    const name = path.posix.basename(relativePath);
    if (!(await this.pickInQuickInput('Control+P', relativePath, name))) throw new Error(`Quick Open did not find ${relativePath}`);
    await this.tab(name).waitFor({ timeout: actionTimeoutMs });
  }

  /** The labels of the rows in the open quick pick (the palette, "Show Output Channels…" and the like). */
  async quickPickItems(): Promise<string[]> {
    const rows = this.quickInputRows();
    await rows.first().waitFor({ timeout: actionTimeoutMs });
    // Each row's first label: a row with a detail line has a second one.
    return Promise.all((await rows.all()).map(async (row) => (await row.locator('.label-name').first().innerText()).trim()));
  }

  /** Closes the quick pick, dialog or menu on top, as Escape does. */
  async dismiss(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /** The editor tab with this title. */
  tab(title: string): Locator {
    return this.page.locator('.tabs-container .tab', { hasText: title });
  }

  /**
   * Waits for a notification containing `text` and returns its message: a toast, as users see it, or, where
   * toasts are not shown, the entry in the notification centre.
   */
  async waitForNotification(text: string | RegExp, timeoutMs = actionTimeoutMs): Promise<string> {
    if (this.showsToasts) {
      const toast = this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
      await toast.waitFor({ timeout: timeoutMs });
      await this.page.waitForTimeout(500); // the fade-in, so a screenshot shows it
      return messageOf(toast);
    }
    const item = this.page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // The centre shows what has arrived when it opens; reopen it until the notification is there.
      await this.runCommand('Notifications: Show Notifications');
      if (await item.waitFor({ timeout: 2000 }).then(() => true, () => false)) return messageOf(item);
      if (Date.now() > deadline) throw new Error(`no notification matching ${text} within ${timeoutMs} ms`);
    }
  }

  /** Clicks `button` on the notification whose message matches `text` (its toast, else in the centre). */
  async clickNotificationButton(text: string | RegExp, button: string): Promise<void> {
    await this.waitForNotification(text);
    const scope = this.showsToasts ? '.notifications-toasts .notification-toast' : '.notifications-center .notification-list-item';
    await this.page.locator(scope, { hasText: text }).first().locator('.monaco-button', { hasText: button }).first().click();
  }

  /** The messages of the notifications on screen now: toasts, and the centre when it is open. */
  async readNotifications(): Promise<string[]> {
    const items = this.page.locator('.notifications-toasts .notification-toast, .notifications-center .notification-list-item');
    return Promise.all((await items.all()).map(messageOf));
  }

  /** Closes the notification toasts and the notification centre, so later steps start clean. */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
  }

  /** The text of every status bar entry, left to right, e.g. ["Ln 3, Col 1", "Markdown", …]. */
  async statusBarText(): Promise<string[]> {
    const labels = await this.page.locator('.part.statusbar .statusbar-item').allInnerTexts();
    // An entry can be icon + text over several lines ("0 \n 0" for the problems count): one line each.
    return labels.map((label) => label.replace(/\s+/g, ' ').trim()).filter((label) => label.length > 0);
  }

  /** Waits until a status bar entry matches and returns its text. */
  async waitForStatusBarItem(text: string | RegExp, timeoutMs = actionTimeoutMs): Promise<string> {
    const item = this.page.locator('.part.statusbar .statusbar-item', { hasText: text }).first();
    await item.waitFor({ timeout: timeoutMs });
    return (await item.innerText()).trim();
  }

  /** The channel the Output panel shows, e.g. "RunComfy Images". */
  async outputChannel(): Promise<string> {
    const picker = this.page.locator('.part.panel select[aria-label="Switch Output"]').filter({ visible: true }).first();
    await picker.waitFor({ timeout: actionTimeoutMs });
    return (await picker.locator('option:checked').innerText()).trim();
  }

  /**
   * The document inside the visible webview (a panel such as the Markdown preview or the Image Studio).
   * Webviews are two nested iframes: VS Code's host frame, then `#active-frame` with the extension's HTML.
   */
  webviewFrame(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready:visible').first().frameLocator('iframe#active-frame');
  }

  /**
   * Waits until the Welcome editor shows the walkthrough whose first step is titled `firstStepTitle`, and
   * resolves false if it does not within `timeoutMs`. The Welcome editor keeps all its slides in the page
   * side by side and slides them in, so "shown" means on screen, not merely visible to the DOM.
   */
  async waitForWalkthrough(firstStepTitle: string, timeoutMs = actionTimeoutMs): Promise<boolean> {
    const step = this.page.locator('.gettingStartedSlideDetails .getting-started-step', { hasText: firstStepTitle }).first();
    const viewport = this.page.viewportSize();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const box = await step.boundingBox().catch(() => null);
      if (box && box.width > 0 && box.x >= 0 && (!viewport || box.x + box.width <= viewport.width)) {
        await this.page.waitForTimeout(500); // the slide's transition, so a screenshot shows it in place
        return true;
      }
      if (Date.now() > deadline) return false;
      await this.page.waitForTimeout(250);
    }
  }

  /** The walkthrough's open slide: its steps, their buttons and pictures. */
  walkthrough(): Locator {
    return this.page.locator('.gettingStartedSlideDetails');
  }

  /** Waits for a modal dialog whose message contains `text` (e.g. a confirmation) and returns it. */
  async waitForDialog(text: string | RegExp, timeoutMs = actionTimeoutMs): Promise<Locator> {
    const dialog = this.page.locator('.monaco-dialog-box', { hasText: text }).filter({ visible: true }).first();
    await dialog.waitFor({ timeout: timeoutMs });
    return dialog;
  }

  /** The button labels of a dialog, left to right, e.g. ["Generate 5 Images", "Review List…", "Cancel"]. */
  async dialogButtons(dialog: Locator): Promise<string[]> {
    return (await dialog.locator('.dialog-buttons .monaco-button').allInnerTexts()).map((label) => label.trim());
  }

  /** Clicks the dialog button with exactly this label. */
  async clickDialogButton(dialog: Locator, label: string): Promise<void> {
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).click();
  }

  /** The rows of the open quick pick with whether each is checked (multi-select pickers). */
  async quickPickChecks(): Promise<{ label: string; checked: boolean }[]> {
    const rows = this.quickInputRows();
    await rows.first().waitFor({ timeout: actionTimeoutMs });
    return Promise.all(
      (await rows.all()).map(async (row) => ({
        label: (await row.locator('.label-name').first().innerText()).trim(), // a row with a detail line has a second one
        checked: (await row.locator('.quick-input-list-checkbox, input[type=checkbox], .monaco-custom-toggle').first().getAttribute('aria-checked')) === 'true' ||
          (await row.locator('input[type=checkbox]').first().isChecked().catch(() => false)),
      })),
    );
  }

  /** Saves a screenshot of the workbench under test-artifacts/screenshots/. */
  screenshot(name: string): Promise<string> {
    return this.screenshots.take(name);
  }

  /**
   * Opens a quick input with `shortcut`, enters `query` and accepts the row labelled `label`. Resolves false,
   * with the input closed, when no such row shows up. The query is set on the input element itself and
   * accepted there, because a view that takes focus a moment late (the Output panel does) would otherwise
   * receive the keystrokes.
   */
  private async pickInQuickInput(shortcut: string, query: string, label: string, screenshot?: string): Promise<boolean> {
    const input = await this.openQuickInput(shortcut);
    await input.fill(query);
    const exactLabel = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const row = this.quickInputRows().filter({ has: this.page.locator('.label-name', { hasText: exactLabel }) }).first();
    const listed = await row.waitFor({ timeout: 3000 }).then(() => true, () => false);
    if (listed && (await input.isVisible())) {
      if (screenshot) await this.screenshots.take(screenshot);
      await row.click();
      return true;
    }
    await this.dismiss();
    return false;
  }

  private async openQuickInput(shortcut: string): Promise<Locator> {
    const input = this.page.locator('.quick-input-widget input').filter({ visible: true });
    await this.page.keyboard.press(shortcut);
    if (await input.waitFor({ timeout: 2000 }).then(() => true, () => false)) return input;
    // The shortcut went nowhere: the page lost keyboard focus (e.g. to a webview). Focus the workbench
    // through the status bar's empty space, which runs no command, and try once more.
    await this.page.locator('.part.statusbar').click({ position: { x: 5, y: 5 } });
    await this.page.keyboard.press(shortcut);
    await input.waitFor({ timeout: actionTimeoutMs });
    return input;
  }

  /** Rows of the open quick input; those of one closed a moment ago stay in the page, hidden. */
  private quickInputRows(): Locator {
    return this.page.locator('.quick-input-list .monaco-list-row').filter({ visible: true });
  }
}

async function messageOf(notification: Locator): Promise<string> {
  return (await notification.locator('.notification-list-item-message').innerText()).trim();
}
