/**
 * Atomic file writes: the data goes to a temporary file beside the target (same file system, so the final
 * step is a rename or link, never a copy), is flushed with fsync, then appears under its name in one step.
 * A failed or cancelled write leaves nothing behind: no partial target, no temporary file, no folders it
 * created.
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
  /**
   * When the name is taken (now, or by a job that finished while this one streamed), publish under the
   * next free `name-1.ext`, `name-2.ext`, … instead of failing. The returned path says which name won.
   */
  pickFreeName?: boolean;
  /**
   * Checks the complete, synced temporary file before it gets its name (magic number, size, decoding);
   * throwing rejects the write and removes the file.
   */
  verify?: (temporaryPath: string) => Promise<void> | void;
}

/** Gives up finding a free name after this many tries; something else is wrong by then. */
const MAX_NAME_TRIES = 10_000;

/**
 * Writes `data` (bytes or a stream of chunks, e.g. a download body) to `target` atomically, creating parent
 * folders, and resolves to the path written. Without `overwrite` the final step is `link()`, which fails
 * if the name exists at that very moment, so a file created by someone else between any check and our
 * write is never replaced.
 */
export async function writeFileAtomic(
  target: string,
  data: Uint8Array | AsyncIterable<Uint8Array>,
  options: AtomicWriteOptions = {},
): Promise<string> {
  const { signal, overwrite = false, pickFreeName = false, verify } = options;
  signal?.throwIfAborted();
  const dir = path.dirname(target);
  const createdFolder = await fs.mkdir(dir, { recursive: true });
  // The leading dot and `.tmp` keep the temporary file out of globs and galleries; random so concurrent
  // jobs never share one; the name is shortened so it cannot pass the file system's 255-byte limit.
  const temp = path.join(dir, `.${path.basename(target).slice(0, 100)}.${randomBytes(6).toString('hex')}.tmp`);
  let writtenTo: string | undefined;
  try {
    if (!overwrite && !pickFreeName) await assertAbsent(target); // fail before streaming a body for nothing
    await writeAndSync(temp, data, signal);
    if (verify) await verify(temp);
    signal?.throwIfAborted();
    if (overwrite) {
      await fs.rename(temp, target);
      writtenTo = target;
    } else {
      writtenTo = await publishExclusively(temp, target, pickFreeName);
    }
    await syncDirectory(dir);
    return writtenTo;
  } finally {
    if (!writtenTo) {
      await fs.rm(temp, { force: true });
      if (createdFolder) await removeEmptyFolders(dir, createdFolder);
    }
  }
}

async function writeAndSync(file: string, data: Uint8Array | AsyncIterable<Uint8Array>, signal: AbortSignal | undefined): Promise<void> {
  const handle = await fs.open(file, 'wx');
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
}

/**
 * Gives `temp` the name `target` (or the next free numbered name) only if nothing has that name yet.
 * `link()` is atomic and fails with EEXIST; file systems without hard links (some FUSE and network mounts,
 * exFAT) get an exclusive copy instead.
 */
export async function publishExclusively(temp: string, target: string, pickFreeName: boolean): Promise<string> {
  const ext = path.extname(target);
  const stem = target.slice(0, target.length - ext.length);
  let taken: Set<string> | undefined;
  for (let i = 0; i < MAX_NAME_TRIES; i++) {
    const candidate = i === 0 ? target : `${stem}-${i}${ext}`;
    if (taken?.has(path.basename(candidate))) continue;
    try {
      await linkOrCopyExclusively(temp, candidate);
      await fs.rm(temp, { force: true });
      return candidate;
    } catch (error) {
      // Taken since the listing (another job), or differing only in case on a case-insensitive disk.
      if (!pickFreeName || (error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Once the name is taken, one listing tells which numbered names are too, so they cost no system
      // call: trying name-1, name-2, … one link() at a time made every file slower than the last.
      taken ??= new Set(await fs.readdir(path.dirname(target)).catch(() => [] as string[]));
    }
  }
  throw new Error(`No free file name found beside ${target}`);
}

async function linkOrCopyExclusively(temp: string, target: string): Promise<void> {
  try {
    await fs.link(temp, target);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
  }
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

/** Removes `dir` and its parents up to `createdRoot` while they are empty (another job may be using them). */
async function removeEmptyFolders(dir: string, createdRoot: string): Promise<void> {
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      await fs.rmdir(current);
    } catch {
      return; // not empty, or gone: stop climbing
    }
    if (current === createdRoot || path.dirname(current) === current) return;
  }
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
