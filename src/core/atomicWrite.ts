/**
 * Atomic file writes: the data goes to a temporary file beside the target (same file system, so the final
 * step is a rename or link, never a copy), is flushed with fsync, then appears under its name in one step.
 * A failed or cancelled write leaves nothing behind: no partial target, no temporary file.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Options for {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** Aborts the write; the temporary file is removed and the target is left as it was. */
  signal?: AbortSignal;
  /** Replace an existing target. Default `false`: an existing file is never clobbered (EEXIST is thrown). */
  overwrite?: boolean;
}

/**
 * Writes `data` (bytes or a stream of chunks, e.g. a download body) to `target` atomically, creating parent
 * folders. With `overwrite: false` the final step is `link()`, which fails if the name exists at that very
 * moment, so a file created by someone else between our check and our write is never replaced.
 */
export async function writeFileAtomic(
  target: string,
  data: Uint8Array | AsyncIterable<Uint8Array>,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const { signal, overwrite = false } = options;
  signal?.throwIfAborted();
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  if (!overwrite) await assertAbsent(target); // fail fast before streaming a large body for nothing

  // The leading dot and `.tmp` keep the temporary file out of globs and galleries; random so concurrent
  // jobs writing the same name never share a temporary file.
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let published = false;
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      if (data instanceof Uint8Array) {
        await handle.writeFile(data);
      } else {
        for await (const chunk of data) {
          signal?.throwIfAborted();
          await handle.write(chunk);
        }
      }
      signal?.throwIfAborted();
      await handle.sync();
    } finally {
      await handle.close();
    }
    signal?.throwIfAborted();
    if (overwrite) {
      await fs.rename(temp, target);
      published = true;
    } else {
      await publishExclusively(temp, target);
      published = true;
    }
    await syncDirectory(dir);
  } finally {
    if (!published) await fs.rm(temp, { force: true });
  }
}

/**
 * Gives `temp` the name `target` only if nothing has that name yet. `link()` is atomic and fails with
 * EEXIST; file systems without hard links (some FUSE/network mounts, exFAT) get an exclusive copy instead.
 */
async function publishExclusively(temp: string, target: string): Promise<void> {
  try {
    await fs.link(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    await copyExclusively(temp, target);
  }
  await fs.rm(temp, { force: true });
}

async function copyExclusively(temp: string, target: string): Promise<void> {
  try {
    await fs.copyFile(temp, target, fs.constants.COPYFILE_EXCL);
  } catch (error) {
    // A copy can fail half-way (disk full); remove our partial file, never someone else's.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') await fs.rm(target, { force: true });
    throw error;
  }
}

async function assertAbsent(target: string): Promise<void> {
  try {
    await fs.lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  throw Object.assign(new Error(`EEXIST: file already exists, ${target}`), { code: 'EEXIST', path: target });
}

/** Makes the new directory entry durable too; not possible (nor needed) on Windows. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: some file systems refuse fsync on directories; the data itself is already synced.
  } finally {
    await handle?.close();
  }
}
