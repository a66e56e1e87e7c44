/**
 * Where variants wait until the user keeps or discards them: one folder per batch under the extension's
 * global storage, outside every workspace, so unwanted variants never litter the repository. Keep copies a
 * file into its real destination under the usual collision-free name; Discard deletes it; batches older
 * than a week are swept when the Studio opens.
 */
import { randomUUID } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { publishExclusively } from '../core/files/atomicWrite';
import { isInside, resolveInsideWorkspace } from '../core/files/containment';
import { replaceExtension } from '../core/files/fileNames';

export const STAGING_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** Where a kept file goes: a folder and file name, and the folders it must stay inside. */
export interface KeepTarget {
  folder: string;
  baseName: string;
  workspaceFolders: string[];
}

export class VariantStaging {
  constructor(readonly root: string) {}

  /** A fresh, empty batch folder path (created when the first variant is saved). */
  newBatchFolder(now = Date.now()): string {
    return path.join(this.root, `${now.toString(36)}-${randomUUID().slice(0, 8)}`);
  }

  contains(file: string): boolean {
    return isInside(file, this.root) && path.resolve(file) !== path.resolve(this.root);
  }

  /**
   * Puts a staged file at `target` (its extension follows the staged file's bytes) under the usual
   * collision-free name, never replacing an existing file, then removes the staged copy. Returns the new path.
   * The bytes are first copied beside the target: staging may be on another file system than the workspace.
   */
  async keep(stagedFile: string, target: KeepTarget): Promise<string> {
    this.assertStaged(stagedFile);
    const folder = await resolveInsideWorkspace(target.folder, target.workspaceFolders);
    await fs.mkdir(folder, { recursive: true });
    const wanted = replaceExtension(path.join(folder, target.baseName), path.extname(stagedFile));
    const temp = path.join(folder, `.runcomfy-keep-${randomUUID()}.tmp`);
    try {
      await fs.copyFile(stagedFile, temp, constants.COPYFILE_EXCL);
      const kept = await publishExclusively(temp, wanted, true);
      await this.discard(stagedFile);
      return kept;
    } finally {
      await fs.rm(temp, { force: true });
    }
  }

  /** Deletes a staged file, and its batch folder once it is empty. */
  async discard(stagedFile: string): Promise<void> {
    this.assertStaged(stagedFile);
    await fs.rm(stagedFile, { force: true });
    const batch = path.dirname(stagedFile);
    if (batch !== this.root && (await fs.readdir(batch).catch(() => ['?'])).length === 0) await fs.rmdir(batch).catch(() => undefined);
  }

  /** Removes batch folders last modified more than `maxAgeMs` ago; returns the removed folders. */
  async sweep(now = Date.now(), maxAgeMs = STAGING_MAX_AGE_MS): Promise<string[]> {
    const entries = await fs.readdir(this.root, { withFileTypes: true }).catch(() => []);
    const removed: string[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const folder = path.join(this.root, entry.name);
      const stat = await fs.stat(folder).catch(() => undefined);
      if (!stat || now - stat.mtimeMs <= maxAgeMs) continue;
      await fs.rm(folder, { recursive: true, force: true });
      removed.push(folder);
    }
    return removed;
  }

  private assertStaged(file: string): void {
    if (!this.contains(file)) throw new Error(l10n.t('{0} is not a staged variant.', file));
  }
}
