import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { startCodeServer } from './codeServer';
import { requireCodeServer } from './codeServerInstall';
import { artifactsDir, fixtureWorkspace, repoRoot } from './paths';
import { realRunComfy, startRunComfyDoubleIfPresent, type RunComfyTarget } from './runComfyTarget';
import { resolveTestHost } from './runIntegration';

const say = (message: string): void => console.log(`[start] ${message}`);

/**
 * `npm start`: the extension in a real VS Code, on a workspace to try it in. Desktop VS Code where it can
 * run, else code-server in the browser. Without `RUNCOMFY_API_TOKEN` it talks to the local RunComfy test
 * double, so a newcomer needs no account.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' } } });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    throw new Error(`--port must be a port number from 1 to 65535, got "${values.port}" (npm start -- --port 8080).`);
  }
  const workspace = prepareWorkspace();
  const host = await resolveTestHost();
  say(`host: ${host.description}, because ${host.reason}`);
  say(`workspace: ${workspace}`);
  const target = await runComfyTarget();
  const session = host.host === 'electron'
    ? launchElectron(host.vscodeExecutablePath, workspace, target)
    : await launchCodeServer(workspace, target, port);
  const stop = async (): Promise<void> => {
    await session.stop();
    await target.close();
    say('stopped');
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  await session.ended;
  await target.close();
}

/**
 * A copy of the fixture workspace in test-artifacts/, kept between starts so generated images stay around
 * to look at; delete the folder to start over.
 */
function prepareWorkspace(): string {
  const workspace = path.join(artifactsDir, 'workspace');
  if (!existsSync(workspace)) cpSync(fixtureWorkspace, workspace, { recursive: true });
  return workspace;
}

/** RunComfy itself when the user has a token, else the local test double when this checkout has one. */
async function runComfyTarget(): Promise<RunComfyTarget> {
  if (process.env.RUNCOMFY_API_TOKEN) {
    say('RUNCOMFY_API_TOKEN is set: the extension talks to RunComfy itself');
    return realRunComfy;
  }
  const double = await startRunComfyDoubleIfPresent();
  if (double) {
    say(`RUNCOMFY_API_TOKEN is not set: the extension talks to ${double.description}`);
    return double;
  }
  say('note: RUNCOMFY_API_TOKEN is not set and the local RunComfy test double (test/support/runcomfyDouble.ts)');
  say('      is not in this checkout yet, so generating images will fail. Set RUNCOMFY_API_TOKEN to use RunComfy.');
  return realRunComfy;
}

interface RunningHost {
  /** Resolves when the user closed VS Code (electron) or the server stopped. */
  ended: Promise<unknown>;
  stop(): Promise<void>;
}

async function launchCodeServer(workspace: string, target: RunComfyTarget, port?: number): Promise<RunningHost> {
  const server = await startCodeServer(requireCodeServer(), {
    port,
    linkExtensions: [repoRoot],
    userSettings: target.settings,
    env: target.env,
  });
  console.log(`\n  Open ${server.url}/?folder=${encodeURIComponent(workspace)}\n`);
  say('after a change: npm run build (or keep npm run watch running), then "Developer: Reload Window". Ctrl-C stops.');
  return { ended: server.exited, stop: () => server.stop() };
}

/** Desktop VS Code with the extension in development mode, in its own profile under test-artifacts/. */
function launchElectron(executable: string, workspace: string, target: RunComfyTarget): RunningHost {
  const profile = path.join(artifactsDir, 'vscode-profile');
  writeUserSettings(path.join(profile, 'user-data/User/settings.json'), target.settings);
  const child = spawn(
    executable,
    [
      workspace,
      `--extensionDevelopmentPath=${repoRoot}`,
      `--user-data-dir=${path.join(profile, 'user-data')}`,
      `--extensions-dir=${path.join(profile, 'extensions')}`,
      '--skip-welcome',
      '--skip-release-notes',
    ],
    { env: { ...process.env, ...target.env }, stdio: 'inherit' },
  );
  say('close the VS Code window or press Ctrl-C to stop.');
  const ended = new Promise((resolve) => child.once('exit', resolve));
  return {
    ended,
    stop: async () => {
      child.kill();
      await ended;
    },
  };
}

/** Sets this run's RunComfy settings in a profile the user may also have changed by hand. */
function writeUserSettings(file: string, settings: Record<string, unknown>): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const current = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  delete current['runcomfy.baseUrl']; // a double from an earlier run is gone
  writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2));
}

main().catch((error: Error) => {
  console.error(`[start] ${error.message}`);
  process.exit(1);
});
