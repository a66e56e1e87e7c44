import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedExtension } from './extensionUnderTest';

interface CommandContribution {
  command: string;
  title: string;
}

describe('contributions', () => {
  it('registers a handler for every contributed command', async () => {
    const extension = await activatedExtension();
    const contributed: CommandContribution[] = extension.packageJSON.contributes?.commands ?? [];
    assert.ok(contributed.length > 0, 'the extension contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'contributed commands without a handler');
  });

  it('shows its log when asked', async () => {
    await activatedExtension();
    await vscode.commands.executeCommand('runcomfy.showLog');
    const log = await waitFor(() =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && d.uri.path.includes('RunComfy Images')),
    );
    assert.ok(log, 'the "RunComfy Images" log channel is open');
  });
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
