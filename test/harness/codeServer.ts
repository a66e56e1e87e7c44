import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeServerInstall } from './codeServerInstall';

/** How to start one throw-away code-server. */
export interface CodeServerOptions {
  /** Port on 127.0.0.1; a free one is picked when omitted (`npm start` may want a stable one). */
  port?: number;
  /**
   * Lets the page's `payload` load an extension in development mode and run `extensionTestsPath`.
   * A built VS Code ignores those payload entries without it. Side effect: notification toasts are not
   * shown (they still reach the notification centre).
   */
  smokeTestDriver?: boolean;
  /** .vsix files to install first, exactly as a user would with `code-server --install-extension`. */
  installVsix?: string[];
  /**
   * Extension folders to link into the extensions folder. They load as installed extensions, so notification
   * toasts show (unlike development mode), yet run the working tree's code: rebuild, then reload the window.
   */
  linkExtensions?: string[];
  /** Merged over quiet automation defaults into the user settings.json. */
  userSettings?: Record<string, unknown>;
  /** Extra environment for the server, which passes it on to the extension host. */
  env?: NodeJS.ProcessEnv;
  /** Echo the server's output as it comes. */
  verbose?: boolean;
}

/** A running code-server; {@link stop} ends it with its extension hosts and removes its folders. */
export interface CodeServer {
  readonly url: string;
  /** `host:port` as in {@link url}: payload URIs must use the page's own authority. */
  readonly authority: string;
  readonly userDataDir: string;
  /** Everything the server printed so far: the extension-host exit lines are checked by the test runner. */
  log(): string;
  /** Resolves when the server process exits, for whatever reason. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Settings that keep the workbench quiet and deterministic under automation. */
const automationSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  // The fixture lives inside this repository; without this, Git asks whether to open the parent repository.
  'git.openRepositoryInParentFolders': 'never',
  // Other programs listening on this machine would otherwise show up as forwarded ports, with toasts.
  'remote.autoForwardPorts': false,
};

const startupTimeoutMs = 60_000;

/**
 * Starts code-server on 127.0.0.1 with its own user-data, extensions and XDG folders under a fresh
 * temporary folder, so nothing leaks into $HOME or between runs. Resolves once it listens.
 */
export async function startCodeServer(install: CodeServerInstall, options: CodeServerOptions = {}): Promise<CodeServer> {
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'runcomfy-code-server-'));
  const userDataDir = path.join(runDir, 'user-data');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    path.join(userDataDir, 'User/settings.json'),
    JSON.stringify({ ...automationSettings, ...options.userSettings }, null, 2),
  );
  const socketDir = path.join(runDir, 'tmp');
  mkdirSync(socketDir, { mode: 0o700 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // code-server and VS Code put IPC sockets, logs, a default config with a password and a device id in
    // these places; point them all into the run folder.
    TMPDIR: socketDir,
    XDG_RUNTIME_DIR: socketDir,
    XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg-cache'),
    ...options.env,
  };
  const extensionsDir = path.join(runDir, 'extensions');
  mkdirSync(extensionsDir);
  const dirArgs = [
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', path.join(runDir, 'config.yaml'),
  ];
  for (const folder of options.linkExtensions ?? []) {
    const { publisher, name, version } = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
    symlinkSync(path.resolve(folder), path.join(extensionsDir, `${publisher}.${name}-${version}`));
  }
  for (const vsix of options.installVsix ?? []) {
    const result = spawnSync(install.node, [install.entry, ...dirArgs, '--install-extension', vsix], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed:\n${result.stdout}${result.stderr}`);
  }

  const port = options.port ?? (await freePort());
  const authority = `127.0.0.1:${port}`;
  const args = [
    install.entry,
    '--auth', 'none',
    '--bind-addr', authority,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...dirArgs,
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  // Its own process group, so stop() ends the server together with the extension hosts it spawned.
  const child = spawn(install.node, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onOutput = (chunk: Buffer): void => {
    output += chunk.toString();
    if (options.verbose) process.stderr.write(`[code-server] ${chunk.toString()}`);
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async (): Promise<void> => {
    await killGroup(child, exited);
    rmSync(runDir, { recursive: true, force: true });
  };
  try {
    await waitFor(() => /HTTP server listening on/.test(output), exited, startupTimeoutMs);
  } catch (error) {
    await stop();
    throw new Error(`code-server did not start: ${(error as Error).message}\n${output}`);
  }
  return { url: `http://${authority}`, authority, userDataDir, log: () => output, exited, stop };
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The `vscode-remote://` URI the web workbench needs for a path on the server's machine. */
export function remoteUri(authority: string, absolutePath: string): string {
  const encoded = path.resolve(absolutePath).split(path.sep).map(encodeURIComponent).join('/');
  return `vscode-remote://${authority}${encoded}`;
}

function waitFor(ready: () => boolean, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    const poll = setInterval(() => ready() && finish(), 50);
    void exited.then((code) => finish(new Error(`exited early with code ${code}`)));
    function finish(error?: Error): void {
      clearTimeout(timer);
      clearInterval(poll);
      if (error) reject(error);
      else resolve();
    }
  });
}

async function killGroup(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is already gone.
    }
  };
  signalGroup('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
  // Extension hosts can outlive a server that exited on SIGTERM; the group kill reaches them too.
  signalGroup('SIGKILL');
}
