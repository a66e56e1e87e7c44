/**
 * Whether the files a document links exist, answered from one `readdir` per directory instead of one `stat`
 * per link, and kept until the caller says a path changed (the editor's file watcher does): a CodeLens pass
 * over 2,000 links in one folder costs one listing, and the pass after an edit costs none.
 *
 * The answers are exactly what `stat` would say. A name listed as a symbolic link is followed with `stat`
 * (a dangling one is missing); a name absent from the listing but equal to an entry ignoring case or Unicode
 * normalization is asked with `stat` too, so a case-insensitive file system (macOS, Windows) still finds
 * `Fox.PNG` for `fox.png`; a directory that cannot be listed falls back to one `stat` per file.
 */
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { mapConcurrently } from '../files/mapConcurrently';

/** What is at a linked path: something (`present`), nothing at all (`absent`), or a symlink leading nowhere. */
export type FileState = 'present' | 'absent' | 'dangling';

/** A directory with fewer linked files than this is asked file by file: listing a big folder for one link costs more. */
const LIST_FROM = 4;
/** Directories listed or files asked in flight at once. */
const CHECKS_AT_ONCE = 32;
/** Cached answers (listings and single files) before the cache starts over, so a huge workspace cannot grow it forever. */
const MAX_CACHED = 4096;
/**
 * An answer older than this is read again: a backstop for changes no watcher reports (folders excluded by
 * `files.watcherExclude`, links outside the workspace), short enough that a lens catches up soon after.
 */
const TRUSTED_FOR_MS = 30_000;

/** One directory's entries by name, or why there are none. */
type Listing = { kind: 'listed'; entries: Map<string, Dirent>; loose: Set<string> } | { kind: 'absent' } | { kind: 'unreadable' };

/** An answer being read or read, and when it was asked. */
interface Cached<T> {
  at: number;
  value: Promise<T>;
}

export class LinkedFileChecks {
  private readonly listings = new Map<string, Cached<Listing>>();
  private readonly files = new Map<string, Cached<FileState>>();
  /** Every directory above a cached answer, so `changed` scans the cache only for a folder that holds some. */
  private readonly ancestors = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The state of each of `targets` (absolute paths), in order. */
  async states(targets: readonly string[]): Promise<FileState[]> {
    if (this.listings.size + this.files.size > MAX_CACHED) this.clear();
    const byDirectory = new Map<string, number>();
    for (const target of targets) {
      const directory = path.dirname(target);
      byDirectory.set(directory, (byDirectory.get(directory) ?? 0) + 1);
    }
    return mapConcurrently(targets, CHECKS_AT_ONCE, (target) => {
      const directory = path.dirname(target);
      return byDirectory.get(directory)! >= LIST_FROM || this.listings.has(directory) ? this.fromListing(target, directory) : this.single(target);
    });
  }

  /**
   * `changed` was created, deleted or renamed: forget what was known about it, the directory it is in, and
   * everything below it (a deleted folder takes its files along). True when something was forgotten, i.e.
   * an answer given before may be wrong now.
   */
  changed(changed: string): boolean {
    const parent = path.dirname(changed);
    let forgot = this.listings.delete(changed);
    forgot = this.listings.delete(parent) || forgot;
    forgot = this.files.delete(changed) || forgot;
    if (!this.ancestors.has(changed)) return forgot;
    const below = changed.endsWith(path.sep) ? changed : changed + path.sep;
    for (const cache of [this.listings, this.files]) {
      for (const key of [...cache.keys()]) {
        if (key.startsWith(below)) forgot = cache.delete(key) || forgot;
      }
    }
    return forgot;
  }

  /** Forget everything. */
  clear(): void {
    this.listings.clear();
    this.files.clear();
    this.ancestors.clear();
  }

  private async fromListing(target: string, directory: string): Promise<FileState> {
    // The promise is cached at once, so `changed` during the read drops it and the next pass reads again.
    const found = await this.cached(this.listings, directory, () => list(directory));
    if (found.kind === 'absent') return 'absent';
    if (found.kind === 'unreadable') return this.single(target);
    const name = path.basename(target);
    const entry = found.entries.get(name);
    if (entry && !entry.isSymbolicLink()) return 'present';
    // A symlink is followed; a name only a case-insensitive file system would match is left to it.
    if (entry || found.loose.has(looseName(name))) return this.single(target);
    return 'absent';
  }

  private single(target: string): Promise<FileState> {
    return this.cached(this.files, target, () => statState(target));
  }

  private cached<T>(cache: Map<string, Cached<T>>, key: string, read: () => Promise<T>): Promise<T> {
    const now = this.now();
    const entry = cache.get(key);
    if (entry && now - entry.at < TRUSTED_FOR_MS) return entry.value;
    const value = read();
    cache.set(key, { at: now, value });
    for (let dir = path.dirname(key); !this.ancestors.has(dir); dir = path.dirname(dir)) {
      this.ancestors.add(dir);
      if (path.dirname(dir) === dir) break;
    }
    return value;
  }
}

async function list(directory: string): Promise<Listing> {
  try {
    const dirents = await fs.readdir(directory, { withFileTypes: true });
    const entries = new Map(dirents.map((d) => [d.name, d]));
    return { kind: 'listed', entries, loose: new Set(dirents.map((d) => looseName(d.name))) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No such directory, or a file where it should be: nothing below it exists, as `stat` would say.
    return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'absent' } : { kind: 'unreadable' };
  }
}

/** A name as a case- and normalization-insensitive file system may match it. */
function looseName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

async function statState(target: string): Promise<FileState> {
  if (await fs.stat(target).then(() => true, () => false)) return 'present';
  return (await fs.lstat(target).then((s) => s.isSymbolicLink(), () => false)) ? 'dangling' : 'absent';
}
