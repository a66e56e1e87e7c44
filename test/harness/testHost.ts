/** The two ways to get a VS Code for tests. */
export type TestHost = 'electron' | 'code-server';

/** Which host to use and why, so the run can say so. */
export interface HostChoice {
  host: TestHost;
  reason: string;
  /** True when electron was picked only by default: if VS Code cannot be downloaded, use code-server. */
  fallBackToCodeServer: boolean;
}

/** Forces a host for `npm test` and `npm start`: `RUNCOMFY_VSCODE_HOST=electron` or `=code-server`. */
export const hostOverrideVariable = 'RUNCOMFY_VSCODE_HOST';

/**
 * Desktop VS Code (via `@vscode/test-electron`) needs a display and a download from
 * update.code.visualstudio.com; a headless Linux CI has neither, so it gets code-server, the offline web
 * workbench with a real Node extension host.
 */
export function chooseTestHost(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): HostChoice {
  const forced = env[hostOverrideVariable];
  if (forced === 'electron' || forced === 'code-server') {
    return { host: forced, reason: `${hostOverrideVariable}=${forced}`, fallBackToCodeServer: false };
  }
  if (forced) throw new Error(`${hostOverrideVariable} must be "electron" or "code-server", not "${forced}"`);
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { host: 'code-server', reason: 'no display', fallBackToCodeServer: false };
  }
  return { host: 'electron', reason: 'a display is available', fallBackToCodeServer: platform === 'linux' };
}
