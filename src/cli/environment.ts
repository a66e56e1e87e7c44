/**
 * What a command learns from its surroundings: the project root (containment and settings), the API
 * token and base URL from the environment, and a client built from them.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Settings } from '../core/settings';
import { createRunComfyClient, DEFAULT_BASE_URL, type RunComfyHttpClient } from '../runcomfy';
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
 * The project root: `--root` when given, else the nearest folder from the current one upwards that holds
 * `.git` (a folder, or a file in worktrees and submodules), else the current folder. That is the folder
 * people open in VS Code, so `/`-links and `runcomfy.destination` resolve the same in both.
 */
export function findProjectRoot(cwd: string, rootOption?: string): string {
  if (rootOption !== undefined) {
    const root = path.resolve(cwd, rootOption);
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`--root ${rootOption}: no such folder.`);
    return root;
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}

export async function loadProject(cwd: string, rootOption: string | undefined, warn: (message: string) => void): Promise<Project> {
  const root = findProjectRoot(cwd, rootOption);
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
