import * as assert from 'node:assert/strict';
import { mkdirSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../harness/paths';
import { manifest } from '../support/localizedManifest';
import type { Workbench } from './driver/workbench';
import { walkthroughOpenedOnFirstStart, workbench } from './hooks';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image: string };
}

const walkthrough: { title: string; steps: Step[] } = manifest.contributes.walkthroughs[0];
/**
 * The getting-started walkthrough in the real workbench. Its step pictures (media/walkthrough/, packed in
 * the .vsix) are written by this suite from the features the steps describe, so they show what the
 * extension looks like now; a run that changed them leaves them modified in git, for review and commit.
 * The next packaging carries the new ones.
 */
describe('getting-started walkthrough (UI)', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let page: Page;
  let workspace: string;

  before(() => {
    wb = workbench();
    page = wb.page;
    workspace = new URL(page.url()).searchParams.get('folder')!;
    mkdirSync(path.join(repoRoot, 'media/walkthrough'), { recursive: true });
  });

  after(async () => {
    await fs.rm(path.join(workspace, 'docs/getting-started.md'), { force: true });
    await wb.dismiss();
    await focusWorkbench(wb);
    await wb.runCommand('View: Close All Editors');
  });

  /** Saves the workbench as it is now as a step's picture. */
  async function saveStepPicture(stepId: string): Promise<void> {
    const step = walkthrough.steps.find((s) => s.id === stepId)!;
    await page.waitForTimeout(300); // let animations (quick input, toasts) settle
    await page.screenshot({ path: path.join(repoRoot, step.media.image), animations: 'disabled' });
  }

  it('opens by itself on the first start of the installed extension', () => {
    // The root hook waited for it and took walkthrough_opened_on_first_start.
    assert.ok(walkthroughOpenedOnFirstStart(), 'the walkthrough opened when the installed extension first started');
  });

  it('takes each step\'s picture from the feature the step describes', async () => {
    // A smaller window for the pictures: the walkthrough shows them at about 550 px wide, where the
    // workbench's text stays readable only if the window it came from was not much larger.
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: 1100, height: 700 });
    try {
      await takeStepPictures();
    } finally {
      if (viewport) await page.setViewportSize(viewport);
    }
  });

  async function takeStepPictures(): Promise<void> {
    await focusWorkbench(wb);
    await wb.runCommand('View: Close All Editors');
    await wb.clearNotifications();

    // Set a token, or work offline: the token box (dismissed, nothing is stored).
    await wb.runCommand('RunComfy: Set API Token');
    await quickInput(page).waitFor();
    await saveStepPicture('setup');
    await wb.dismiss();

    // A first image from the palette, against the test double.
    await wb.runCommand('RunComfy: Generate Image…');
    await quickInput(page).fill('Misty harbour at dawn');
    await quickInput(page).press('Enter');
    await wb.waitForNotification(/Saved misty-harbour-at-dawn/, 60_000);
    await wb.waitForStatusBarItem(/Saved misty-harbour-at-dawn/);
    await saveStepPicture('generate');
    await wb.clearNotifications();

    // Alt text: a Markdown file whose image does not exist yet, with the CodeLens above it.
    await fs.writeFile(
      path.join(workspace, 'docs/getting-started.md'),
      '# Getting started\n\nAt the end of the coast path:\n\n![A lighthouse on a cliff at dusk, oil painting](images/lighthouse-at-dusk.png)\n',
    );
    await wb.openFile('docs/getting-started.md');
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Generate image' }).filter({ visible: true }).first().waitFor({ timeout: 60_000 });
    await saveStepPicture('altText');
    await wb.runCommand('View: Close All Editors');

    // The Studio, after generating from its form.
    await wb.runCommand('RunComfy: Open Image Studio');
    const studio = wb.webviewFrame();
    await studio.locator('body[data-ready]').waitFor({ timeout: 60_000 });
    const prompt = 'A hummingbird sipping nectar, watercolour';
    await studio.locator('#prompt').fill(prompt);
    await studio.locator('#prompt').press('Control+Enter');
    const tile = studio.locator('#gallery li', { hasText: prompt }).first();
    // The form built from the model's schema is taller than the window: the lazy thumbnail loads once in view.
    await tile.waitFor({ timeout: 60_000 });
    await tile.scrollIntoViewIfNeeded();
    await tile.locator('img').waitFor({ timeout: 60_000 });
    await waitUntil(() => tile.locator('img').evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0));
    await saveStepPicture('studio');
    await focusWorkbench(wb);
    await wb.runCommand('View: Close All Editors');

    // Choosing a model: the setting (Choose Model… arrives with the catalog branch; see the step's text).
    await wb.runCommand('Preferences: Open Settings (UI)');
    const search = page.locator('.settings-editor .suggest-input-container').first();
    await search.waitFor();
    await page.keyboard.type('runcomfy.model');
    await page.locator('.settings-editor .setting-item-contents', { hasText: 'RunComfy model id used for generation' }).first().waitFor();
    await saveStepPicture('chooseModel');
    await wb.dismiss(); // Settings may open as a modal editor, which Escape closes
    await wb.runCommand('View: Close All Editors');
  }

  it('shows every step with its picture and its button', async () => {
    await focusWorkbench(wb);
    await wb.runCommand('Welcome: Open Walkthrough...');
    await quickInput(page).fill(walkthrough.title);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: walkthrough.title }).filter({ visible: true }).first().click();
    assert.ok(await wb.waitForWalkthrough(walkthrough.steps[0]!.title), 'the walkthrough opens from the palette');
    for (const step of walkthrough.steps) {
      const entry = wb.walkthrough().locator('.getting-started-step', { hasText: step.title }).first();
      await entry.click();
      await page.waitForTimeout(500); // the step expands and its picture fades in
      const button = /\n\[([^\]]+)\]\(command:/.exec(step.description)![1]!;
      assert.ok(await entry.getByRole('button', { name: button }).isVisible(), `${step.id} shows its "${button}" button`);
      await wb.screenshot(`walkthrough_${step.id}`);
    }
  });
});

function quickInput(page: Page) {
  return page.locator('.quick-input-widget input').filter({ visible: true });
}

/** Gives the keyboard back to the workbench (a webview may hold it). */
async function focusWorkbench(wb: Workbench): Promise<void> {
  await wb.page.locator('.part.statusbar').click({ position: { x: 5, y: 5 } });
}

async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
