/**
 * Workspace-relative paths, the only way the Studio's webview names a reference image: `img/hero.png` in a
 * single-folder workspace, `site/img/hero.png` (the folder's name first) in a multi-root one, always with
 * `/`. The host turns them back into absolute paths and refuses anything that climbs out (`..`) or is
 * absolute; the real containment check (symlinks followed) still runs when the file is read.
 */
import * as path from 'node:path';
import { isInside } from '../files/containment';

/** A workspace folder: its name (for multi-root paths) and absolute path. */
export interface WorkspaceFolderPath {
  name: string;
  path: string;
}

/** The workspace-relative path of `file`, or undefined when it is in no folder. */
export function workspacePathOf(file: string, folders: readonly WorkspaceFolderPath[]): string | undefined {
  const folder = folders.find((candidate) => isInside(file, candidate.path));
  if (!folder) return undefined;
  const relative = path.relative(folder.path, file).split(path.sep).join('/');
  if (relative === '') return undefined;
  return folders.length > 1 ? `${folder.name}/${relative}` : relative;
}

/** The absolute path a workspace-relative path names, or undefined when it names none (absolute, `..`, no such folder). */
export function resolveWorkspacePath(relative: string, folders: readonly WorkspaceFolderPath[]): string | undefined {
  if (relative === '' || relative.includes('\\') || relative.includes('\0') || relative.startsWith('/') || /^[A-Za-z]:/.test(relative)) return undefined;
  const parts = relative.split('/');
  if (parts.some((part) => part === '..' || part === '.' || part === '')) return undefined;
  let folder: WorkspaceFolderPath | undefined = folders[0];
  let rest = parts;
  if (folders.length > 1) {
    folder = folders.find((candidate) => candidate.name === parts[0]);
    rest = parts.slice(1);
  }
  if (!folder || rest.length === 0) return undefined;
  const file = path.join(folder.path, ...rest);
  return isInside(file, folder.path) ? file : undefined;
}
