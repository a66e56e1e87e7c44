/**
 * The image link under the cursor in a Markdown document, found by parsing only the paragraph around it: no
 * link crosses a blank line, so the links that can hold the cursor all start in that paragraph. What the
 * paragraph cannot tell by itself is kept per document version and found cheaply: where code blocks are (a
 * line scan, resumed after an edit from the last saved state above it), which `<!--` open comments (they may
 * span paragraphs), and the reference definitions (looked for only when a reference needs one). The result is
 * exactly the whole-document parse's (`ImageLinkIndex.at`); lenses and hovers keep using that parse.
 */
import type { ImageLink } from './imageLink';
import { ImageLinkIndex } from './imageLinkIndex';
import { findHtmlImageTags } from './htmlImageTags';
import { CodeBlockScan, isBlankLineAt, isInRanges, scanInline, type TextRange } from './markdownCode';
import { addDefinition, DEFINITION, findMarkdownImageLinks, type Destination } from './markdownImageLinks';

/** Tries {@link DEFINITION} at one position only. */
const DEFINITION_AT = new RegExp(DEFINITION.source, 'dmy');

export class MarkdownCursorLinks {
  private readonly blocks: CodeBlockScan;
  /** Every `<!--` in the text; those that really open a comment are decided in order, as far as needed. */
  private readonly commentCandidates: number[] = [];
  private decidedCandidates = 0;
  private readonly comments: TextRange[] = [];
  private definitions: Map<string, Destination> | undefined;

  /** `previous`: the same document's last version, whose code-block scan is reused above the first change. */
  constructor(
    readonly text: string,
    previous?: MarkdownCursorLinks,
  ) {
    this.blocks = new CodeBlockScan(text, previous && { scan: previous.blocks, unchangedBefore: commonPrefixLength(previous.text, text) });
    for (let at = text.indexOf('<!--'); at >= 0; at = text.indexOf('<!--', at + 1)) this.commentCandidates.push(at);
  }

  /**
   * The link under `offset`, as {@link ImageLinkIndex.at} finds it. A cursor on a reference definition's
   * path (rare, and no image line) asks `wholeDocument` for the links that use it.
   */
  at(offset: number, wholeDocument: () => ImageLinkIndex): ImageLink | undefined {
    const { text } = this;
    const from = this.paragraphStart(offset);
    const to = this.paragraphEnd(offset);
    const skip: TextRange[] = [];
    scanInline(text, from, to, this.jumpsBetween(from, to), skip);
    const definitions = { get: (label: string) => this.definitionMap().get(label) };
    const links = [...findMarkdownImageLinks(text, skip, { from, to }, definitions), ...findHtmlImageTags(text, skip, { from, to })];
    const found = new ImageLinkIndex(links.sort((a, b) => a.start - b.start)).containing(offset);
    if (found) return found;
    return mayBeOnDefinition(text, offset) ? wholeDocument().at(offset) : undefined;
  }

  /** Just after the last blank line before `offset` that lies outside code blocks and comments, or 0. */
  private paragraphStart(offset: number): number {
    this.decideThrough(offset);
    for (let nl = newlineBefore(this.text, offset); nl >= 0; nl = newlineBefore(this.text, nl)) {
      if (isBlankLineAt(this.text, nl + 1) && !this.inJump(nl)) return nl + 1;
    }
    return 0;
  }

  /** The first line end at or after `offset` followed by a blank line, outside code blocks and comments, or the end. */
  private paragraphEnd(offset: number): number {
    for (let nl = this.text.indexOf('\n', offset); nl >= 0; nl = this.text.indexOf('\n', nl + 1)) {
      if (!isBlankLineAt(this.text, nl + 1)) continue;
      this.decideThrough(nl);
      if (!this.inJump(nl)) return nl;
    }
    this.decideThrough(this.text.length);
    return this.text.length;
  }

  /** Scans code blocks and decides the comment candidates up to `offset`. */
  private decideThrough(offset: number): void {
    this.blocks.scanTo(offset);
    const { text, comments, commentCandidates } = this;
    while (this.decidedCandidates < commentCandidates.length && commentCandidates[this.decidedCandidates]! <= offset) {
      const at = commentCandidates[this.decidedCandidates++]!;
      const last = comments[comments.length - 1];
      if ((last && at < last.end) || isInRanges(this.blocks.ranges, at)) continue;
      // A `<!--` opens a comment unless a code span or an escape around it says otherwise: scan its paragraph.
      const from = this.freshStartBefore(at);
      const found: TextRange[] = [];
      this.scanBlocksForSpansEndingAfter(at);
      scanInline(text, from, at + 1, this.jumpsBetween(from, at + 1), found);
      const comment = found.find((range) => range.start === at);
      if (comment) comments.push(comment);
    }
  }

  /** Where the whole-document inline scan is fresh at last before `at`: after a blank line, a block or a comment. */
  private freshStartBefore(at: number): number {
    let start = 0;
    for (let nl = newlineBefore(this.text, at); nl >= 0; nl = newlineBefore(this.text, nl)) {
      if (isBlankLineAt(this.text, nl + 1) && !this.inJump(nl)) {
        start = nl + 1;
        break;
      }
    }
    return Math.max(start, lastEndAtOrBefore(this.blocks.ranges, at), lastEndAtOrBefore(this.comments, at));
  }

  private inJump(offset: number): boolean {
    return isInRanges(this.blocks.ranges, offset) || isInRanges(this.comments, offset);
  }

  /** The blocks and comments that reach into `[from, to]`, and the next of each after it (where a code span must stop). */
  private jumpsBetween(from: number, to: number): TextRange[] {
    const pick = (ranges: readonly TextRange[]) => {
      const picked: TextRange[] = [];
      for (let i = firstEndingAfter(ranges, from); i < ranges.length; i++) {
        picked.push(ranges[i]!);
        if (ranges[i]!.start > to) break;
      }
      return picked;
    };
    return [...pick(this.blocks.ranges), ...pick(this.comments)].sort((a, b) => a.start - b.start);
  }

  /** The document's definitions, as the whole-document parse finds them, read once per version when first needed. */
  private definitionMap(): Map<string, Destination> {
    if (this.definitions) return this.definitions;
    const { text } = this;
    const definitions = new Map<string, Destination>();
    // Every match of DEFINITION starts at a line start holding its `]:`: try only those, in order, as matchAll would.
    let consumedTo = 0;
    for (const start of definitionStarts(text)) {
      if (start < consumedTo) continue;
      DEFINITION_AT.lastIndex = start;
      const match = DEFINITION_AT.exec(text);
      if (!match) continue;
      consumedTo = match.index + match[0].length;
      addDefinition(definitions, match, (at) => this.inCode(at));
    }
    this.definitions = definitions;
    return definitions;
  }

  /** True when `at` lies in a code block, a comment or a code span, as the whole-document parse's skip ranges say. */
  private inCode(at: number): boolean {
    this.decideThrough(at);
    if (this.inJump(at)) return true;
    const from = this.freshStartBefore(at);
    const found: TextRange[] = [];
    this.scanBlocksForSpansEndingAfter(at);
    scanInline(this.text, from, at + 1, this.jumpsBetween(from, at + 1), found);
    return isInRanges(found, at);
  }

  /**
   * A code span open at `at` ends by the next blank line or where the next block starts, whichever is first:
   * every block before that blank line must be known for the span to stop where the whole-document scan stops it.
   */
  private scanBlocksForSpansEndingAfter(at: number): void {
    for (let nl = this.text.indexOf('\n', at); nl >= 0; nl = this.text.indexOf('\n', nl + 1)) {
      if (isBlankLineAt(this.text, nl + 1)) return this.blocks.scanTo(nl);
    }
    this.blocks.scanTo(this.text.length);
  }
}

/** Where a definition may start: each line start (after any line terminator `^` knows) before a `]:` on its line. */
function definitionStarts(text: string): number[] {
  const starts = new Set<number>();
  for (let colon = text.indexOf(']:'); colon >= 0; colon = text.indexOf(']:', colon + 1)) {
    const lineStart = text.lastIndexOf('\n', colon) + 1;
    starts.add(lineStart);
    for (let i = lineStart; i < colon; i++) {
      const char = text[i];
      if (char === '\r' || char === '\u2028' || char === '\u2029') starts.add(i + 1);
    }
  }
  return [...starts].sort((a, b) => a - b);
}

/** A definition's path lies on its `]:` line or the next: only then can the cursor be on one. */
function mayBeOnDefinition(text: string, offset: number): boolean {
  const lineStart = newlineBefore(text, offset) + 1;
  const previousLineStart = lineStart > 0 ? newlineBefore(text, lineStart - 1) + 1 : 0;
  const lineEnd = text.indexOf('\n', offset);
  return text.slice(previousLineStart, lineEnd < 0 ? text.length : lineEnd).includes(']:');
}

/** The last `\n` before `at`, or -1 (`lastIndexOf` would look at index 0 again for any `at` ≤ 0). */
function newlineBefore(text: string, at: number): number {
  return at > 0 ? text.lastIndexOf('\n', at - 1) : -1;
}

/** The end of the last of the sorted `ranges` that ends at or before `at`, or 0. */
function lastEndAtOrBefore(ranges: readonly TextRange[], at: number): number {
  let end = 0;
  for (let i = firstEndingAfter(ranges, at) - 1; i >= 0; i--) {
    if (ranges[i]!.end <= at) {
      end = ranges[i]!.end;
      break;
    }
  }
  return end;
}

/** The index of the first of the sorted, non-overlapping `ranges` that ends after `at`. */
function firstEndingAfter(ranges: readonly TextRange[], at: number): number {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (ranges[mid]!.end <= at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** How long `a` and `b` agree from the start, by halving (each comparison is native), not character by character. */
export function commonPrefixLength(a: string, b: string): number {
  let low = 0;
  let high = Math.min(a.length, b.length);
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (a.slice(low, mid) === b.slice(low, mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}
