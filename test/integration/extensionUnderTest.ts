import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The manifest as shipped (compiled tests live in out/test/integration/). */
const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));

export const extensionId = `${manifest.publisher}.${manifest.name}`;

/** The extension under test, activated. */
export async function activatedExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(extensionId);
  if (!extension) throw new Error(`${extensionId} is not loaded in this extension host`);
  await extension.activate();
  return extension;
}
