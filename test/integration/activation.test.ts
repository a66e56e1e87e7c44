import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedExtension } from './extensionUnderTest';

describe('activation', () => {
  it('activates in the fixture workspace', async () => {
    const extension = await activatedExtension();
    assert.equal(extension.isActive, true);
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    const sample = await vscode.workspace.findFiles('docs/sample.md');
    assert.equal(sample.length, 1, 'the fixture workspace is open');
  });

  it('runs in a Node extension host, where the workspace lives', async () => {
    const extension = await activatedExtension();
    assert.equal(extension.extensionKind, vscode.ExtensionKind.Workspace);
    assert.equal(typeof process.versions.node, 'string');
  });
});
