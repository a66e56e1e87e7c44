import * as vscode from 'vscode';
import { showLog, showLogCommand } from './commands/showLog';

/**
 * Composition root: builds the services and registers them. Nothing else happens here, and nothing here
 * touches the network or scans the disk.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('RunComfy Images', { log: true });
  context.subscriptions.push(log, vscode.commands.registerCommand(showLogCommand, () => showLog(log)));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
