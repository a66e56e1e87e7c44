/**
 * The image links of one version of a document, parsed once and looked up by offset in O(log n). Cursor
 * moves, hovers and CodeLens passes on the same version share one parse instead of re-reading a 3 MB
 * document each time; an edit makes a new version and so a new index.
 */
import { findImageLinks, type ImageLink } from './imageLinks';

export class ImageLinkIndex {
  /** Reference links by where their definition's path stands, for a cursor on the definition line. */
  private readonly byDefinition: ImageLink[];

  /** `links` in document order (as {@link findImageLinks} returns them). */
  constructor(readonly links: readonly ImageLink[]) {
    this.byDefinition = links.filter((link) => link.kind === 'reference').sort((a, b) => a.pathStart - b.pathStart);
  }

  static of(text: string, languageId: string): ImageLinkIndex {
    return new ImageLinkIndex(findImageLinks(text, languageId));
  }

  /**
   * The link under `offset`, as {@link imageLinkAt} finds it: the one whose text contains it (ends
   * inclusive), else a reference link whose definition's path contains it.
   */
  at(offset: number): ImageLink | undefined {
    const containing = this.containing(offset);
    if (containing) return containing;
    const r = lastStartingAtOrBefore(this.byDefinition, offset, (link) => link.pathStart);
    return r >= 0 && offset <= this.byDefinition[r]!.pathEnd ? this.byDefinition[r] : undefined;
  }

  /** The link whose text contains `offset` (ends inclusive). */
  containing(offset: number): ImageLink | undefined {
    const i = lastStartingAtOrBefore(this.links, offset, (link) => link.start);
    // Links never overlap, but one may end exactly where the next starts: the earlier one wins, as in a scan.
    if (i > 0 && offset <= this.links[i - 1]!.end) return this.links[i - 1];
    if (i >= 0 && offset <= this.links[i]!.end) return this.links[i];
    return undefined;
  }
}

/** The index of the last of `sorted` whose start is at or before `offset`, or -1. */
function lastStartingAtOrBefore(sorted: readonly ImageLink[], offset: number, startOf: (link: ImageLink) => number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (startOf(sorted[mid]!) <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/**
 * A value per document, kept for its current version only, for the few documents last asked about (an
 * editor's visible documents), so a closed or long-unused document's parse does not stay in memory.
 */
export class PerVersionCache<T> {
  private readonly entries = new Map<string, { version: number; value: T }>();

  constructor(private readonly capacity = 8) {}

  get(key: string, version: number, compute: () => T): T {
    const entry = this.entries.get(key);
    if (entry && entry.version === version) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.value;
    }
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
