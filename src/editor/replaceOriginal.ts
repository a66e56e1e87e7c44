import * as path from 'node:path';
import * as vscode from 'vscode';
import type { UserMessages } from './userMessages';

/**
 * "Replace Original" after an edit, chosen explicitly: the original goes to the trash (restorable from
 * there), then the edit takes its name, keeping the extension its bytes have. When the trash is not
 * available nothing is replaced and both files stay: an original is never deleted outright.
 * Resolves to the path the edit now has, or undefined when nothing was replaced.
 */
export async function replaceOriginal(original: string, edited: string, messages: UserMessages): Promise<string | undefined> {
  const target = path.join(path.dirname(original), path.basename(original, path.extname(original)) + path.extname(edited));
  try {
    await vscode.workspace.fs.delete(vscode.Uri.file(original), { useTrash: true });
  } catch (error) {
    void messages.show('error', vscode.l10n.t('Could not move {0} to the trash, so it was not replaced; the edit stays as {1}. ({2})', path.basename(original), path.basename(edited), String(error)));
    return undefined;
  }
  await vscode.workspace.fs.rename(vscode.Uri.file(edited), vscode.Uri.file(target), { overwrite: false });
  void messages.show('info', vscode.l10n.t('Replaced {0} with the edit; the original is in the trash.', path.basename(original)));
  return target;
}
