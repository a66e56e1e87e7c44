import * as path from 'node:path';

/**
 * The file a local image link points at, as VS Code's Markdown preview reads it: a leading `/` is the
 * workspace folder's root, anything else is relative to the document. Query and fragment are dropped.
 */
export function resolveLinkTarget(documentPath: string, linkPath: string, workspaceFolder: string | undefined): string {
  const clean = linkPath.replace(/[?#].*$/, '');
  if (clean.startsWith('/') && workspaceFolder) return path.join(workspaceFolder, clean);
  return path.resolve(path.dirname(documentPath), clean);
}
