import * as path from 'node:path';
import { launchChromium } from '../../harness/chromium';
import { startCodeServer, type CodeServerOptions } from '../../harness/codeServer';
import { requireCodeServer } from '../../harness/codeServerInstall';
import { copyFixtureWorkspace } from '../../harness/fixtureWorkspace';
import { screenshotsDir } from '../../harness/paths';
import { Screenshots } from '../../harness/screenshots';
import { Workbench } from './workbench';

/** What the workbench opens and with which extension installed. */
export interface SessionOptions extends Pick<CodeServerOptions, 'userSettings' | 'env' | 'verbose'> {
  /** The packaged extension, installed as a user would install it (so notification toasts are shown). */
  vsix: string;
  /** Folder to open; by default a fresh copy of the fixture workspace, deleted on close. */
  workspace?: string;
}

/** A browser on a code-server workbench; {@link close} ends both. */
export interface Session {
  readonly workbench: Workbench;
  close(): Promise<void>;
}

/** Starts code-server with the extension installed, opens the workspace in Chromium, waits for the workbench. */
export async function openSession(options: SessionOptions): Promise<Session> {
  const server = await startCodeServer(requireCodeServer(), {
    installVsix: [path.resolve(options.vsix)],
    userSettings: options.userSettings,
    env: options.env,
    verbose: options.verbose,
  });
  const browser = await launchChromium().catch(async (error) => {
    await server.stop();
    throw error;
  });
  const fixture = options.workspace ? undefined : copyFixtureWorkspace();
  const close = async (): Promise<void> => {
    await browser.close();
    await server.stop();
    fixture?.dispose();
  };
  try {
    const workbench = new Workbench(browser.page, new Screenshots(browser.page, path.join(screenshotsDir, 'ui')));
    await browser.page.goto(`${server.url}/?folder=${encodeURIComponent(options.workspace ?? fixture!.path)}`);
    await workbench.waitUntilReady();
    return { workbench, close };
  } catch (error) {
    await close();
    throw error;
  }
}
