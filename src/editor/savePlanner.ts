import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveDestination } from '../core/files/destination';
import { slugFromPrompt } from '../core/files/fileNames';
import type { SavePlan } from '../core/jobs/jobRecord';
import type { SettingsReader } from './settingsReader';

/**
 * Decides where a new image goes for a document (or for no document): the `runcomfy.destination`
 * template, and for Markdown VS Code's own `markdown.copyFiles.destination` rules. With no folder open it
 * asks the user for one. Returns `undefined` when the user declined to choose.
 */
export async function planSave(settings: SettingsReader, prompt: string, document: vscode.TextDocument | undefined): Promise<SavePlan | undefined> {
  const documentUri = document && document.uri.scheme === 'file' ? document.uri : undefined;
  const folder = (documentUri && vscode.workspace.getWorkspaceFolder(documentUri)) ?? vscode.workspace.workspaceFolders?.[0];
  const current = settings.forResource(documentUri);
  const fileName = `${slugFromPrompt(prompt)}.png`;
  if (!folder) {
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      openLabel: vscode.l10n.t('Save Images Here'),
      title: vscode.l10n.t('No folder is open: choose where to save generated images'),
    });
    const chosen = picked?.[0]?.fsPath;
    if (!chosen) return undefined;
    return { folder: chosen, baseName: fileName, workspaceFolders: [chosen], embedMetadata: current.embedMetadata, documentPath: documentUri?.fsPath };
  }
  const markdownRules =
    document?.languageId === 'markdown' && current.useMarkdownCopyFilesDestination
      ? vscode.workspace.getConfiguration('markdown', documentUri).get<Record<string, string>>('copyFiles.destination')
      : undefined;
  const target = resolveDestination({
    documentPath: documentUri?.fsPath,
    workspaceFolder: folder.uri.fsPath,
    fileName,
    template: current.destination,
    markdownCopyFilesDestination: markdownRules && Object.keys(markdownRules).length > 0 ? markdownRules : undefined,
    now: new Date(),
    warn: (message) => settings.warn(message),
  });
  return {
    folder: path.dirname(target),
    baseName: path.basename(target),
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
    documentPath: documentUri?.fsPath,
    embedMetadata: current.embedMetadata,
  };
}
