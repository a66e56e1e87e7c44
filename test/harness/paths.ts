import * as path from 'node:path';

/**
 * Where things are, for code compiled to out/test/harness/. Everything else in the harness takes its paths
 * from here so the layout is written down once.
 */
export const repoRoot = path.resolve(__dirname, '../../..');

/** The folder every test host opens: a small Markdown project. */
export const fixtureWorkspace = path.join(repoRoot, 'test/fixtures/workspace');

/** The `--extensionTestsPath` module: compiled test/integration/index.ts. */
export const integrationSuite = path.join(repoRoot, 'out/test/integration/index');

/** Git-ignored output of test runs: screenshots, packaged extension, host logs. */
export const artifactsDir = path.join(repoRoot, 'test-artifacts');
export const screenshotsDir = path.join(artifactsDir, 'screenshots');
