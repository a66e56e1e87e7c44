import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { isInside } from '../core/files/containment';
import { mapConcurrently } from '../core/files/mapConcurrently';
import { imageReferences, languageOfPath, LINKING_DOCUMENT_GLOB } from '../core/placeholders/imageReferences';
import { readPlaceholderFile, type PlaceholderMark } from '../core/placeholders/placeholderMark';
import type { LinkingDocument } from '../core/placeholders/relinkEdits';

/** Bounds of a workspace scan: a huge monorepo is read in part rather than for minutes. */
export const MAX_SCANNED_IMAGES = 5000;
export const MAX_SCANNED_DOCUMENTS = 5000;
/** Documents larger than this are not read for links (generated bundles, data dumps). */
const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
/** Files read at once. */
const FILE_CHECKS_AT_ONCE = 16;

/** A placeholder file found by its mark. */
export interface FoundPlaceholder {
  file: string;
  mark: PlaceholderMark;
}

/**
 * Folders never scanned: `node_modules` and `.git`, plus what the user hides from the Explorer and from
 * search (`files.exclude`, `search.exclude`), where ignored and generated folders are usually listed.
 */
export function scanExcludeGlob(): string {
  const patterns = new Set(['**/node_modules/**', '**/.git/**']);
  for (const section of ['files.exclude', 'search.exclude']) {
    const configured = vscode.workspace.getConfiguration().get<Record<string, unknown>>(section) ?? {};
    for (const [pattern, on] of Object.entries(configured)) if (on === true && !/[{}]/.test(pattern)) patterns.add(pattern);
  }
  return `{${[...patterns].join(',')}}`;
}

/** Every placeholder PNG in the workspace, found by its metadata (bounded by {@link MAX_SCANNED_IMAGES}). */
export async function workspacePlaceholders(token?: vscode.CancellationToken): Promise<FoundPlaceholder[]> {
  const uris = await vscode.workspace.findFiles('**/*.png', scanExcludeGlob(), MAX_SCANNED_IMAGES, token);
  return placeholdersAmong(uris.map((uri) => uri.fsPath).sort());
}

/** The placeholders `document` links to (each once), inside the workspace. */
export async function documentPlaceholders(document: vscode.TextDocument): Promise<FoundPlaceholder[]> {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const targets = new Set(
    imageReferences(document.getText(), document.languageId, document.uri.fsPath, folder)
      .map((reference) => reference.target)
      .filter((target) => roots.some((root) => isInside(target, root))),
  );
  return placeholdersAmong([...targets]);
}

/** Those of `files` that are placeholders, checked side by side. */
export async function placeholdersAmong(files: readonly string[]): Promise<FoundPlaceholder[]> {
  const marks = await mapConcurrently(files, FILE_CHECKS_AT_ONCE, (file) => readPlaceholderFile(file));
  return files.flatMap((file, i) => (marks[i] ? [{ file, mark: marks[i] }] : []));
}

/**
 * The workspace's Markdown, HTML, JSX and CSS documents, as they are now: open documents from the editor
 * (unsaved changes included), the rest from disk.
 */
export async function linkingDocuments(token?: vscode.CancellationToken): Promise<LinkingDocument[]> {
  const uris = await vscode.workspace.findFiles(LINKING_DOCUMENT_GLOB, scanExcludeGlob(), MAX_SCANNED_DOCUMENTS, token);
  const open = new Map(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => [d.uri.fsPath, d]));
  const read = await mapConcurrently(uris, FILE_CHECKS_AT_ONCE, async (uri): Promise<LinkingDocument | undefined> => {
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    const document = open.get(uri.fsPath);
    if (document) return { path: uri.fsPath, languageId: document.languageId, text: document.getText(), workspaceFolder };
    const languageId = languageOfPath(uri.fsPath);
    if (!languageId) return undefined;
    const stat = await fs.stat(uri.fsPath).catch(() => undefined);
    if (!stat || stat.size > MAX_DOCUMENT_BYTES) return undefined;
    const text = await fs.readFile(uri.fsPath, 'utf8').catch(() => undefined);
    return text === undefined ? undefined : { path: uri.fsPath, languageId, text, workspaceFolder };
  });
  // Open documents findFiles does not see (an untitled-then-saved file not yet indexed, a differently named one).
  for (const [file, document] of open) {
    if (!uris.some((uri) => uri.fsPath === file) && languageOfPath(file) !== undefined) {
      read.push({ path: file, languageId: document.languageId, text: document.getText(), workspaceFolder: vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath });
    }
  }
  return read.filter((d): d is LinkingDocument => d !== undefined);
}
