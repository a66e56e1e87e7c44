import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

/** Where the extension sends its requests: user settings plus the extension host's environment. */
export interface RunComfyTarget {
  /** User settings to write, e.g. `runcomfy.baseUrl`. */
  settings: Record<string, unknown>;
  /** Environment for the extension host, e.g. `RUNCOMFY_API_TOKEN`. */
  env: NodeJS.ProcessEnv;
  /** What a person should be told about it. */
  description: string;
  close(): Promise<void>;
}

/** The contract of test/support/runcomfyDouble.ts, which may not be in every checkout yet. */
interface RunComfyDoubleModule {
  startRunComfyDouble(options?: object): Promise<{ baseUrl: string; token: string; close(): Promise<void> }>;
}

/** The real service, reached with whatever the user configured. */
export const realRunComfy: RunComfyTarget = {
  settings: {},
  env: {},
  description: 'RunComfy itself',
  close: async () => undefined,
};

/**
 * Starts the local RunComfy test double (real HTTP on 127.0.0.1) and points the extension at it: its URL as
 * the `runcomfy.baseUrl` user setting, its token as `RUNCOMFY_API_TOKEN`. Undefined when this checkout has
 * no double yet.
 */
export async function startRunComfyDoubleIfPresent(): Promise<RunComfyTarget | undefined> {
  if (!existsSync(path.join(repoRoot, 'test/support/runcomfyDouble.ts'))) return undefined;
  const { startRunComfyDouble } = require(path.join(repoRoot, 'out/test/support/runcomfyDouble.js')) as RunComfyDoubleModule;
  const double = await startRunComfyDouble();
  return {
    settings: { 'runcomfy.baseUrl': double.baseUrl },
    env: { RUNCOMFY_API_TOKEN: double.token },
    description: `the local RunComfy test double at ${double.baseUrl}`,
    close: () => double.close(),
  };
}
