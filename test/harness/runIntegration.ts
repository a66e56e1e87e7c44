import { runTestsInCodeServer } from './codeServerTestRunner';
import { findCodeServer, requireCodeServer } from './codeServerInstall';
import { downloadVSCode, electronVersion, runTestsInElectron } from './electronTestRunner';
import type { ExtensionTestOptions } from './extensionTests';
import { copyFixtureWorkspace } from './fixtureWorkspace';
import { integrationSuite, repoRoot } from './paths';
import { chooseTestHost, type HostChoice } from './testHost';

/** A host that is ready to run: electron with its downloaded executable, or code-server. */
export type ResolvedHost = (
  | { host: 'electron'; vscodeExecutablePath: string }
  | { host: 'code-server' }
) & { reason: string; description: string };

/** How long one integration run may take before it counts as hung: `RUNCOMFY_TEST_TIMEOUT` seconds. */
const timeoutMs = Number(process.env.RUNCOMFY_TEST_TIMEOUT || 300) * 1000;

/** {@link chooseTestHost}, then make it real: download desktop VS Code, or find the code-server install. */
export async function resolveTestHost(choice: HostChoice = chooseTestHost(process.env, process.platform)): Promise<ResolvedHost> {
  if (choice.host === 'electron') {
    try {
      const vscodeExecutablePath = await downloadVSCode();
      return { ...choice, host: 'electron', vscodeExecutablePath, description: `electron (VS Code ${electronVersion})` };
    } catch (error) {
      if (!choice.fallBackToCodeServer || !findCodeServer()) throw error;
      choice = { host: 'code-server', reason: `VS Code cannot be downloaded: ${(error as Error).message}`, fallBackToCodeServer: false };
    }
  }
  const install = requireCodeServer();
  return {
    host: 'code-server',
    reason: choice.reason,
    description: `code-server ${install.codeServerVersion} (VS Code ${install.vscodeVersion} in the browser)`,
  };
}

/** Runs test/integration in the extension host of the resolved host. Resolves with the exit code. */
export async function runIntegrationTests(resolved: ResolvedHost): Promise<number> {
  const workspace = copyFixtureWorkspace();
  const options: ExtensionTestOptions = {
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: integrationSuite,
    workspace: workspace.path,
    timeoutMs,
    verbose: process.env.RUNCOMFY_TEST_VERBOSE === '1',
  };
  try {
    return resolved.host === 'electron'
      ? await runTestsInElectron(resolved.vscodeExecutablePath, options)
      : await runTestsInCodeServer(requireCodeServer(), options);
  } finally {
    workspace.dispose();
  }
}

// `node out/test/harness/runIntegration.js`: the integration stage of `npm test`, usable on its own.
if (require.main === module) {
  void (async () => {
    const resolved = await resolveTestHost();
    console.log(`[integration] host: ${resolved.description}, because ${resolved.reason}`);
    process.exit(await runIntegrationTests(resolved));
  })().catch((error: Error) => {
    console.error(`[integration] ${error.message}`);
    process.exit(1);
  });
}
