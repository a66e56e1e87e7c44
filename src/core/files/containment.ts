/**
 * `core/files/`: the file system rules: workspace containment, destinations from `markdown.copyFiles`,
 * collision-free names, atomic writes, and the bounded regex/glob evaluation of workspace patterns. This file
 * is the rule every write passes first.
 *
 * Refuses targets outside the workspace. Symlinks are followed for the deepest part of the target that
 * already exists (the rest cannot be a link yet) and for the workspace folders themselves, so
 * `assets -> /etc` or `../../.bashrc` is caught while a workspace opened through a symlink still works.
 */
import * as l10n from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Thrown when a target resolves outside every workspace folder. */
export class OutsideWorkspaceError extends Error {
  override readonly name = 'OutsideWorkspaceError';

  constructor(
    /** The path as requested. */
    readonly target: string,
    /** Where it really points after following symlinks. */
    readonly resolvedTarget: string = target,
    /** Set when the path cannot be resolved at all because its symlinks loop. */
    readonly loops = false,
  ) {
    super(
      loops
        ? l10n.t('Refusing to write {0} (it goes through symbolic links that loop): files are only written inside the workspace folders.', target)
        : resolvedTarget !== target
          ? l10n.t('Refusing to write {0} (it resolves to {1}): files are only written inside the workspace folders.', target, resolvedTarget)
          : l10n.t('Refusing to write {0}: files are only written inside the workspace folders.', target),
    );
  }
}

/**
 * Returns the real path `target` would be written to, if it lies inside (or is) one of the workspace
 * folders after following symlinks; else throws {@link OutsideWorkspaceError}.
 */
export async function resolveInsideWorkspace(target: string, workspaceFolders: string[]): Promise<string> {
  const absolute = path.resolve(target);
  // A loop leads nowhere, so like any escape it is refused, not an exception that ends a batch.
  const realTarget = await realpathOfDeepestExisting(absolute).catch((error: unknown) => {
    throw isLoop(error) ? new OutsideWorkspaceError(target, absolute, true) : error;
  });
  const realFolders = await Promise.all(workspaceFolders.map((f) => realpathOfDeepestExisting(path.resolve(f))));
  if (realFolders.some((folder) => isInside(realTarget, folder))) return realTarget;
  throw new OutsideWorkspaceError(target, realTarget);
}

/** True when `child` equals `parent` or lies below it (pure path logic, no file system). */
export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  if (relative === '') return true;
  // `..foo` is a legitimate child name; only a whole `..` segment climbs out.
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** Symlink hops before giving up, like the kernel's ELOOP limit. */
const MAX_LINK_HOPS = 40;

/**
 * Real path of the longest existing prefix of `absolute`, with the not-yet-existing tail re-appended.
 * A dangling symlink on the way is followed by hand: writing through it would create its target.
 */
async function realpathOfDeepestExisting(absolute: string): Promise<string> {
  const missing: string[] = [];
  let current = absolute;
  for (let hops = 0; ; ) {
    try {
      const real = await fs.realpath(current);
      return missing.length ? path.join(real, ...[...missing].reverse()) : real;
    } catch (error) {
      if (!isNotFound(error)) throw error;
      const link = await readLinkIfSymlink(current);
      if (link !== undefined) {
        if (++hops > MAX_LINK_HOPS) throw Object.assign(new Error(`ELOOP: too many symbolic links, ${absolute}`), { code: 'ELOOP' });
        current = path.resolve(path.dirname(current), link);
        continue;
      }
      const parent = path.dirname(current);
      if (parent === current) return absolute; // nothing exists, not even the root: nothing to follow
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

async function readLinkIfSymlink(p: string): Promise<string | undefined> {
  try {
    return (await fs.lstat(p)).isSymbolicLink() ? await fs.readlink(p) : undefined;
  } catch {
    return undefined;
  }
}

function isLoop(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ELOOP';
}

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // ENOTDIR: a path component is a file, so the rest cannot exist either; treat like a missing tail.
  return code === 'ENOENT' || code === 'ENOTDIR';
}
