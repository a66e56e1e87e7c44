/**
 * What a command learns from its surroundings: the project root (containment and settings), the API
 * token and base URL from the environment, and a client built from them.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Settings } from '../core/settings';
import { createRunComfyClient, DEFAULT_BASE_URL, type RunComfyHttpClient } from '../runcomfy';
import { baseUrlProblem } from '../runcomfy/origin';
import { CliError, EXIT, UsageError } from './exitCodes';
import { readProjectSettings } from './projectSettings';

export const TOKEN_VARIABLE = 'RUNCOMFY_API_TOKEN';
export const BASE_URL_VARIABLE = 'RUNCOMFY_BASE_URL';

/** The project the command works in. */
export interface Project {
  /** Files are only ever written inside this folder (after following symlinks). */
  root: string;
  settings: Settings;
  /** The settings `.vscode/settings.json` set (the rest are defaults). */
  fromFile: ReadonlySet<keyof Settings>;
}

/**
 * The project root: `--root` when given, else the nearest folder that holds `.git` (a folder, or a file in
 * worktrees and submodules) above the paths the command was given (`fill docs/`), or above the current folder
 * when it was given none; else the current folder. That is the folder people open in VS Code, so `/`-links and
 * `runcomfy.destination` resolve the same in both. Paths in different projects are refused: one root per run.
 */
export function findProjectRoot(cwd: string, rootOption?: string, startPaths: readonly string[] = []): string {
  if (rootOption !== undefined) {
    const root = path.resolve(cwd, rootOption);
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`--root ${rootOption}: no such folder.`);
    return root;
  }
  const starts = startPaths.length > 0 ? startPaths : ['.'];
  const roots = starts.map((start) => {
    const absolute = path.resolve(cwd, start);
    const folder = existsSync(absolute) && statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
    return { start, root: nearestGitFolder(folder) ?? path.resolve(cwd) };
  });
  const other = roots.find((r) => r.root !== roots[0]!.root);
  if (other) {
    throw new UsageError(
      `${roots[0]!.start} and ${other.start} are in different projects (${roots[0]!.root} and ${other.root}). Run once per project, or pass --root to choose one root.`,
    );
  }
  return roots[0]!.root;
}

function nearestGitFolder(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** `startPaths`: the files and folders the command works on; the root is looked for above them. */
export async function loadProject(cwd: string, rootOption: string | undefined, warn: (message: string) => void, startPaths: readonly string[] = []): Promise<Project> {
  const root = findProjectRoot(cwd, rootOption, startPaths);
  return { root, ...(await readProjectSettings(root, warn)) };
}

/** Token and base URL, from the environment only: a token on the command line would land in shell history. */
export interface ApiConfig {
  token: string | undefined;
  baseUrl: string;
}

export function readApiConfig(env: NodeJS.ProcessEnv): ApiConfig {
  const baseUrl = env[BASE_URL_VARIABLE]?.trim() || DEFAULT_BASE_URL;
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    throw new UsageError(`${BASE_URL_VARIABLE} must be an http(s) URL, got "${baseUrl}".`);
  }
  if (baseUrlProblem(baseUrl)) {
    // The token would travel in clear text to a remote host.
    throw new UsageError(`${BASE_URL_VARIABLE} must use https (plain http only for localhost, 127.0.0.1 or ::1), got "${baseUrl}".`);
  }
  return { token: env[TOKEN_VARIABLE]?.trim() || undefined, baseUrl };
}

/** Refuses early, with the CLI's own advice, when no token is set. */
export function requireToken(api: ApiConfig, offlineHint: boolean): string {
  if (api.token) return api.token;
  const offline = offlineHint ? ', or pass --offline for local placeholder images' : '';
  throw new CliError(`${TOKEN_VARIABLE} is not set. Export a token from runcomfy.com → Profile → API Token${offline}.`, EXIT.auth);
}

/** The shared client for this run; the token is read from `api`, never logged. */
export function createCliClient(api: ApiConfig, settings: Settings, version: string): RunComfyHttpClient {
  return createRunComfyClient({
    baseUrl: api.baseUrl,
    getToken: () => api.token,
    userAgent: `runcomfy-images-cli/${version} node/${process.versions.node}`,
    maxDownloadBytes: settings.maxDownloadMegabytes * 1024 * 1024,
  });
}
