import type * as vscode from 'vscode';

/** Command id, as contributed in package.json. */
export const showLogCommand = 'runcomfy.showLog';

/** Reveals the extension's log, where request ids, timings and error details go. */
export function showLog(log: vscode.LogOutputChannel): void {
  log.show();
}
