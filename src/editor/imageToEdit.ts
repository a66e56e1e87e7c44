import * as path from 'node:path';
import * as vscode from 'vscode';
import { imageLinkAt, isLocalImagePath } from '../core/links/imageLinks';
import { resolveLinkTarget } from '../core/links/linkTarget';

/** The image an edit starts from, and the document link it came from (for "Use in Document"). */
export interface ImageToEdit {
  file: string;
  link?: { documentUri: string; oldPath: string; pathOffset: number };
}

const IMAGE_GLOB = '**/*.{png,jpg,jpeg,webp,PNG,JPG,JPEG,WEBP}';

/**
 * Which image to edit: the one the command was invoked on (Explorer, image preview title bar), else the
 * local image link under the cursor, else one the user picks from the workspace's images. A link whose file
 * does not exist is explained, not edited. Undefined when there is nothing to edit or the user cancelled.
 */
export async function imageToEdit(invokedOn: unknown, say: (message: string) => void): Promise<ImageToEdit | undefined> {
  if (invokedOn instanceof vscode.Uri && invokedOn.scheme === 'file') return { file: invokedOn.fsPath };
  const fromLink = await imageUnderCursor(say);
  if (fromLink !== 'none') return fromLink;
  return pickWorkspaceImage(say);
}

async function imageUnderCursor(say: (message: string) => void): Promise<ImageToEdit | undefined | 'none'> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme !== 'file') return 'none';
  const document = editor.document;
  const link = imageLinkAt(document.getText(), document.offsetAt(editor.selection.active), document.languageId);
  if (!link) return 'none';
  if (link.isRemote || !isLocalImagePath(link.path)) {
    say(vscode.l10n.t('{0} is not a workspace file; only workspace images can be edited.', link.path));
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const file = resolveLinkTarget(document.uri.fsPath, link.path, folder?.uri.fsPath);
  const exists = await vscode.workspace.fs.stat(vscode.Uri.file(file)).then(
    (stat) => (stat.type & vscode.FileType.File) !== 0,
    () => false,
  );
  if (!exists) {
    say(vscode.l10n.t('{0} does not exist yet, so there is nothing to edit. Generate it first (RunComfy: Generate Image for Alt Text).', link.path));
    return undefined;
  }
  return { file, link: { documentUri: document.uri.toString(), oldPath: link.path, pathOffset: link.pathStart } };
}

async function pickWorkspaceImage(say: (message: string) => void): Promise<ImageToEdit | undefined> {
  const files = await vscode.workspace.findFiles(IMAGE_GLOB, '**/{node_modules,.git}/**', 2000);
  if (files.length === 0) {
    say(vscode.l10n.t('This workspace has no PNG, JPEG or WebP images to edit.'));
    return undefined;
  }
  const items = files
    .map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri, true), uri }))
    .sort((a, b) => a.description.localeCompare(b.description));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Edit Image'), placeHolder: vscode.l10n.t('Which image should RunComfy edit?'), matchOnDescription: true });
  return picked ? { file: picked.uri.fsPath } : undefined;
}
