import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Context, RootHookObject } from 'mocha';
import { artifactsDir, repoRoot } from '../harness/paths';
import { startRunComfyDoubleIfPresent, type RunComfyTarget } from '../harness/runComfyTarget';
import { manifest } from '../support/localizedManifest';
import { openSession, type Session } from './driver/session';
import type { Workbench } from './driver/workbench';

/**
 * Root hooks for the UI suite (mocha `--require`): one code-server and one browser for all UI test files,
 * since starting them costs seconds; a screenshot of every failed test.
 */
let session: Session | undefined;
let runComfy: RunComfyTarget | undefined;
let walkthroughOnFirstStart = false;

/** Whether the extension's walkthrough opened by itself when the session's workbench first started. */
export function walkthroughOpenedOnFirstStart(): boolean {
  return walkthroughOnFirstStart;
}

/** The workbench every UI test drives. */
export function workbench(): Workbench {
  if (!session) throw new Error('the UI session is not open: run UI tests with test/ui/.mocharc.json');
  return session.workbench;
}

export const mochaHooks: RootHookObject = {
  async beforeAll(this: Context) {
    this.timeout(180_000);
    // Tests never reach the real service, whatever token the developer has set.
    runComfy = await startRunComfyDoubleIfPresent();
    session = await openSession({
      vsix: process.env.RUNCOMFY_VSIX || packageExtension(),
      userSettings: runComfy?.settings,
      env: { RUNCOMFY_API_TOKEN: '', ...runComfy?.env },
    });
    await session.workbench.screenshot('workbench opened');
    // The first start of the installed extension opens its walkthrough (src/core/walkthrough.ts). Wait for
    // it, so it cannot open in the middle of a test, then close it: every test starts from the same workbench.
    const firstStep: string = manifest.contributes.walkthroughs[0].steps[0].title;
    walkthroughOnFirstStart = await session.workbench.waitForWalkthrough(firstStep, 60_000);
    if (walkthroughOnFirstStart) {
      await session.workbench.screenshot('walkthrough_opened_on_first_start');
      await session.workbench.runCommand('View: Close All Editors');
    }
  },
  async afterEach(this: Context) {
    const test = this.currentTest;
    if (test?.state === 'failed' && session) await session.workbench.screenshot(`failed ${test.fullTitle()}`);
  },
  async afterAll() {
    await session?.close();
    await runComfy?.close();
  },
};

/**
 * Packs the extension as users get it. An installed .vsix, unlike development mode, shows notification
 * toasts, so the UI tests see what users see.
 */
function packageExtension(): string {
  mkdirSync(artifactsDir, { recursive: true });
  const vsix = path.join(artifactsDir, 'runcomfy-images.vsix');
  const vsce = path.join(repoRoot, 'node_modules/@vscode/vsce/vsce');
  const args = [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license', '-o', vsix];
  const result = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vsce package failed:\n${result.stdout}${result.stderr}`);
  return vsix;
}
