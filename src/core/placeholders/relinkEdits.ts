/**
 * The document edits that follow an image to its new name when a real image replaced a placeholder in
 * another format (`hero.png` came back as JPEG and is now `hero.jpg`, in the same folder). Every reference
 * to the old file, in every given document, gets the new name and keeps its own style: relative or
 * workspace-rooted, `./` or not, `<…>` or `%20`, any `?query`.
 */
import * as path from 'node:path';
import type { LinkPathEdit } from '../links/linkRewrite';
import { relativeLink } from '../links/links';
import { imageReferences, type ImageReference } from './imageReferences';

/** A document as the planner reads it. */
export interface LinkingDocument {
  /** Absolute path. */
  path: string;
  languageId: string;
  text: string;
  /** The workspace folder a leading `/` starts from. */
  workspaceFolder?: string;
}

/** The edits of one document, last first (so applying them in order keeps offsets valid). */
export interface DocumentRelink {
  documentPath: string;
  edits: LinkPathEdit[];
}

/** The references in `documents` to `file`, with the document each stands in. */
export function referencesTo(file: string, documents: readonly LinkingDocument[]): { document: LinkingDocument; reference: ImageReference }[] {
  return documents.flatMap((document) =>
    imageReferences(document.text, document.languageId, document.path, document.workspaceFolder)
      .filter((reference) => samePath(reference.target, file))
      .map((reference) => ({ document, reference })),
  );
}

/** The edits pointing every reference to `oldFile` at `newFile`; documents without one are left out. */
export function relinkEdits(oldFile: string, newFile: string, documents: readonly LinkingDocument[]): DocumentRelink[] {
  const byDocument = new Map<string, DocumentRelink>();
  for (const { document, reference } of referencesTo(oldFile, documents)) {
    let relink = byDocument.get(document.path);
    if (!relink) byDocument.set(document.path, (relink = { documentPath: document.path, edits: [] }));
    // Reference-style links share one definition: its path once.
    if (relink.edits.some((e) => e.start === reference.pathStart)) continue;
    relink.edits.push({ start: reference.pathStart, end: reference.pathEnd, replacement: renamedPath(reference, document.path, oldFile, newFile) });
  }
  for (const relink of byDocument.values()) relink.edits.sort((a, b) => b.start - a.start);
  return [...byDocument.values()];
}

/** `text` with `edits` (last first) applied. */
export function applyEdits(text: string, edits: readonly LinkPathEdit[]): string {
  return edits.reduce((current, edit) => current.slice(0, edit.start) + edit.replacement + current.slice(edit.end), text);
}

/**
 * The raw path with the old file name swapped for the new one, written the way the old one was. When the
 * old name cannot be found at the end of the raw path (an unusual encoding), a fresh relative link.
 */
function renamedPath(reference: ImageReference, documentPath: string, oldFile: string, newFile: string): string {
  const oldName = path.basename(oldFile);
  const newName = path.basename(newFile);
  const raw = reference.rawPath;
  const suffix = /[?#].*$/.exec(raw.replace(/>$/, ''))?.[0] ?? '';
  const closing = raw.endsWith('>') ? '>' : '';
  const body = raw.slice(0, raw.length - closing.length - suffix.length);
  for (const [written, replacement] of [
    [oldName, newName],
    [encodeURI(oldName), encodeURI(newName)],
  ] as const) {
    if (body.endsWith(written) && (body.length === written.length || /[/\\<"']$/.test(body.slice(0, -written.length)))) {
      return `${body.slice(0, -written.length)}${replacement}${suffix}${closing}`;
    }
  }
  return relativeLink(documentPath, newFile, { encoding: reference.kind === 'markdown' || reference.kind === 'reference' ? 'angle' : 'percent' });
}

function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}
