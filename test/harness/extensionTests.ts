/**
 * What both launchers take: the `@vscode/test-electron` contract (`--extensionDevelopmentPath`,
 * `--extensionTestsPath`), plus the folder to open and how long a run may take.
 */
export interface ExtensionTestOptions {
  extensionDevelopmentPath: string;
  /** Module exporting `run(): Promise<void>`; it rejects when a test failed. */
  extensionTestsPath: string;
  /** Folder to open. */
  workspace: string;
  /** Environment for the extension host. */
  extensionTestsEnv?: NodeJS.ProcessEnv;
  timeoutMs: number;
  verbose?: boolean;
}

/** Exit codes besides the extension host's own: the conventions of `timeout(1)` and of a crash. */
export const exitCode = { passed: 0, failed: 1, timedOut: 124 } as const;
