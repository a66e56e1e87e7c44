import * as vscode from 'vscode';
import { relinkEdits } from '../core/placeholders/relinkEdits';
import type { Logger } from '../runcomfy/types';
import { linkingDocuments } from './placeholderFinder';

/** A placeholder whose real image came in another format: `from` (the placeholder) is now `to`. */
export interface MovedImage {
  from: string;
  to: string;
}

/**
 * Points every link to each moved placeholder, in every Markdown/HTML/JSX/CSS document of the workspace,
 * at its real image, and moves the placeholder itself to the trash, all in one workspace edit: one Undo
 * brings back the links and the placeholder. Documents are read as they are now (open ones with their
 * unsaved changes), so edits made while the images were generating are respected.
 */
export async function relinkMovedImages(moved: readonly MovedImage[], log: Logger): Promise<{ documents: number; links: number }> {
  const documents = await linkingDocuments();
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { label: vscode.l10n.t('Generate Real Images for Placeholders'), needsConfirmation: false };
  const touched = new Set<string>();
  let links = 0;
  for (const { from, to } of moved) {
    for (const relink of relinkEdits(from, to, documents)) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(relink.documentPath));
      for (const e of relink.edits) {
        edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.replacement, metadata);
        links++;
      }
      touched.add(relink.documentPath);
    }
    edit.deleteFile(vscode.Uri.file(from), { ignoreIfNotExists: true }, metadata);
  }
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied) log.warn(`Could not update the links to ${moved.map((m) => m.from).join(', ')}: the edit was refused.`);
  log.info(`Placeholders replaced in another format: ${moved.map((m) => `${m.from} → ${m.to}`).join('; ')}; ${links} link(s) in ${touched.size} document(s) updated.`);
  return { documents: touched.size, links };
}
