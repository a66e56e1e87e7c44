import * as path from 'node:path';
import { launchChromium } from './chromium';
import { remoteUri, startCodeServer } from './codeServer';
import type { CodeServerInstall } from './codeServerInstall';
import { exitCode, type ExtensionTestOptions } from './extensionTests';
import { screenshotsDir } from './paths';
import { Screenshots } from './screenshots';

/**
 * Workbench chatter forwarded with the extension host's output but not produced by the tests. The extension
 * gallery is unreachable offline, which is all the open-vsx errors mean; "Canceled" is the workbench
 * abandoning work when the run ends.
 */
const noise =
  /ENOTFOUND open-vsx\.org|vsda_bg\.wasm|same-origin iframe|^Canceled\b|^(Resolving connection token|Resolved connection token|Creating a socket|\[reconnection-grace-time\]|Updating additional builtin extensions cache|\[Service Worker\]|\[AgentHost:|\[AccountPolicyGate\])/;

/**
 * Runs the suite the way VS Code's own browser integration tests do: the page URL carries a `payload` with
 * `extensionDevelopmentPath` and `extensionTestsPath`; the workbench forwards the extension host's console to
 * `window.codeAutomationLog` and its result to `window.codeAutomationExit`. Resolves with the exit code.
 */
export async function runTestsInCodeServer(install: CodeServerInstall, options: ExtensionTestOptions): Promise<number> {
  const server = await startCodeServer(install, {
    smokeTestDriver: true,
    env: options.extensionTestsEnv,
    verbose: options.verbose,
  });
  const browser = await launchChromium().catch(async (error) => {
    await server.stop();
    throw error;
  });
  const { page } = browser;

  let lostExtensionHost = false;
  let settle!: (code: number) => void;
  const result = new Promise<number>((resolve) => (settle = resolve));
  const timer = setTimeout(() => {
    console.error(`[code-server] timed out after ${options.timeoutMs / 1000} s`);
    settle(exitCode.timedOut);
  }, options.timeoutMs);
  void server.exited.then((code) => settle(code === 0 ? exitCode.failed : code ?? exitCode.failed));
  page.on('crash', () => settle(exitCode.failed));

  // Both must exist before the workbench loads: it looks them up on `window` once.
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
    const list = Array.isArray(args) ? args : [args];
    const first = String(list[0]);
    if (/\[remote-connection\]\[ExtensionHost\].*(permanent error|socket close event)/.test(first)) lostExtensionHost = true;
    if (!options.verbose && noise.test(first)) return;
    (type === 'error' || type === 'warn' ? console.error : console.log)(...list);
  });
  await page.exposeFunction('codeAutomationExit', (code: unknown) => settle(typeof code === 'number' ? code : exitCode.failed));

  const payload = [
    ['extensionDevelopmentPath', remoteUri(server.authority, options.extensionDevelopmentPath)],
    ['extensionTestsPath', remoteUri(server.authority, options.extensionTestsPath)],
    ['skipWelcome', 'true'],
  ];
  await page.goto(`${server.url}/?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

  let code = await result;
  clearTimeout(timer);
  if (code === exitCode.passed) {
    // When the remote extension host dies mid-run the renderer only sees a lost connection and reports 0.
    // The server log tells the truth; give it a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const death = extensionHostDeath(server.log());
    if (death || lostExtensionHost) {
      console.error(`[code-server] the extension host died during the run (${death ?? 'connection lost'})`);
      code = exitCode.failed;
    }
  }
  if (code !== exitCode.passed) {
    const file = await new Screenshots(page, path.join(screenshotsDir, 'integration')).take('failure');
    console.error(`[code-server] screenshot of the workbench: ${file}`);
  }
  await browser.close();
  await server.stop();
  return code;
}

/** The server's line for an extension host that ended other than by a clean exit, if any. */
export function extensionHostDeath(serverLog: string): string | undefined {
  for (const match of serverLog.matchAll(/Extension Host Process exited with code: (\S+), signal: (\S+?)\.?$/gm)) {
    if (match[1] !== '0' || match[2] !== 'null') return match[0];
  }
  return undefined;
}
