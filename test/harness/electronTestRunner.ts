import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { exitCode, type ExtensionTestOptions } from './extensionTests';

/** Desktop VS Code release to test against; `RUNCOMFY_VSCODE_VERSION` overrides it. */
export const electronVersion = process.env.RUNCOMFY_VSCODE_VERSION || 'stable';

/** Downloads (or finds in .vscode-test/) desktop VS Code; rejects when it cannot be downloaded. */
export function downloadVSCode(): Promise<string> {
  return downloadAndUnzipVSCode({ version: electronVersion });
}

/**
 * Runs the suite in desktop VS Code through `@vscode/test-electron`. Resolves with the exit code; a hung
 * run resolves with 124 and the caller ends the process group, since test-electron does not expose its child.
 */
export async function runTestsInElectron(vscodeExecutablePath: string, options: ExtensionTestOptions): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      console.error(`[electron] timed out after ${options.timeoutMs / 1000} s`);
      resolve(exitCode.timedOut);
    }, options.timeoutMs);
  });
  const run = runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: options.extensionDevelopmentPath,
    extensionTestsPath: options.extensionTestsPath,
    extensionTestsEnv: options.extensionTestsEnv,
    launchArgs: [options.workspace],
  }).catch((error: { code?: number }) => (typeof error.code === 'number' && error.code !== 0 ? error.code : exitCode.failed));
  try {
    return await Promise.race([run, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
