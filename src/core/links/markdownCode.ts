/**
 * Finds the parts of a Markdown document where `![alt](path)` is not a link: fenced code (``` and ~~~),
 * indented code blocks, inline code spans of any backtick count, and HTML comments. Line-based and
 * forgiving, in the spirit of CommonMark, without building a syntax tree.
 */

/** A half-open `[start, end)` range of text offsets. */
export interface TextRange {
  start: number;
  end: number;
}

/** Sorted, non-overlapping ranges of code and comments in `text`. */
export function markdownCodeRanges(text: string): TextRange[] {
  return inlineCodeAndCommentRanges(text, codeBlockRanges(text));
}

/** True when `offset` lies in one of the sorted `ranges`. */
export function isInRanges(ranges: readonly TextRange[], offset: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const range = ranges[mid]!;
    if (offset < range.start) high = mid - 1;
    else if (offset >= range.end) low = mid + 1;
    else return true;
  }
  return false;
}

/** Columns of leading whitespace from `from`, tabs advancing to the next multiple of 4 as CommonMark says. */
function indentWidthAt(text: string, from: number, to: number): number {
  let width = 0;
  for (let i = from; i < to; i++) {
    const char = text.charCodeAt(i);
    if (char === SPACE) width++;
    else if (char === TAB) width += 4 - (width % 4);
    else break;
  }
  return width;
}

const SPACE = 0x20;
const TAB = 0x09;

/** What `String.prototype.trim` and `\s` take for whitespace. */
function isWhitespace(char: number): boolean {
  return (
    char === SPACE || (char >= 0x09 && char <= 0x0d) || char === 0xa0 || char === 0x1680 || (char >= 0x2000 && char <= 0x200a) ||
    char === 0x2028 || char === 0x2029 || char === 0x202f || char === 0x205f || char === 0x3000 || char === 0xfeff
  );
}

/** Where the content after `^(?: {0,3}> ?)*` (blockquote markers) starts in the line `[from, to)`. */
function afterBlockquotes(text: string, from: number, to: number): number {
  let at = from;
  for (;;) {
    let i = at;
    while (i < to && i - at < 3 && text.charCodeAt(i) === SPACE) i++;
    if (i >= to || text[i] !== '>') return at;
    i++;
    if (i < to && text.charCodeAt(i) === SPACE) i++;
    at = i;
  }
}

const FENCE_OPEN = /^\s*(`{3,}|~{3,})(.*)$/;
const LIST_MARKER = /^(\s*)([-+*]|\d{1,9}[.)])( {1,4}|\t|$)/;
const HEADING_OR_RULE = /^\s{0,3}(#{1,6}(\s|$)|([-*_])(\s*\3){2,}\s*$)/;
const BACKTICK = 0x60;
const TILDE = 0x7e;

/** A first character with which a line may be a list item, a heading or a rule (`- + * # _` or a digit); any other line is prose. */
function mayMark(char: number): boolean {
  return char === 0x2d || char === 0x2b || char === 0x2a || char === 0x23 || char === 0x5f || (char >= 0x30 && char <= 0x39);
}

/** Fenced and indented code blocks, whole lines (fence lines included), sorted. */
export function codeBlockRanges(text: string): TextRange[] {
  const scan = new CodeBlockScan(text);
  scan.scanTo(Infinity);
  return scan.ranges;
}

interface Fence {
  closing: RegExp;
  char: number;
  start: number;
}

/** Where the scan stands at the start of a line: everything the lines above decided. */
interface ScanState {
  lineStart: number;
  fence: Fence | undefined;
  listContentIndent: number | undefined;
  previousBlank: boolean;
  inParagraph: boolean;
  /** How many of `ranges` were complete then. */
  rangeCount: number;
}

/** Lines between saved states: an edit rescans from the last one above it. */
const CHECKPOINT_EVERY = 256;

/**
 * The code-block scan, run only as far as asked and able to start again from a saved state. One pass that
 * looks at each line's first characters only; the patterns run on the few lines that start like a fence, a
 * list item, a heading or a rule. The cursor asks it per document version: after an edit, the new version's
 * scan starts at the last saved state above the edit (the lines above cannot have changed), so typing in a
 * 3 MB file rescans a few lines, not the file.
 */
export class CodeBlockScan {
  /** Complete blocks so far, sorted (each is pushed once its last line is read, in document order). */
  readonly ranges: TextRange[] = [];
  private state: ScanState = { lineStart: 0, fence: undefined, listContentIndent: undefined, previousBlank: true, inParagraph: false, rangeCount: 0 };
  private readonly checkpoints: ScanState[] = [];
  private lines = 0;
  private finished = false;
  // The next \r, looked for again only once passed: a lone one far below must not be searched for on every line.
  private nextReturn = -1;

  /** `previous` is the scan of an earlier version of the text, the same as this one before `unchangedBefore`. */
  constructor(
    private readonly text: string,
    previous?: { scan: CodeBlockScan; unchangedBefore: number },
  ) {
    if (!previous) return;
    const saved = previous.scan.checkpoints;
    let kept = 0;
    // Strictly before: an edit right at a line start could turn the \r ending the line above into \r\n.
    while (kept < saved.length && saved[kept]!.lineStart < previous.unchangedBefore) kept++;
    if (kept === 0) return;
    const resume = saved[kept - 1]!;
    // The first line read again saves `resume` again.
    this.checkpoints.push(...saved.slice(0, kept - 1));
    this.ranges.push(...previous.scan.ranges.slice(0, resume.rangeCount));
    this.state = { ...resume };
    this.lines = (kept - 1) * CHECKPOINT_EVERY;
  }

  /** Reads on until every block that starts at or before `offset` is known whole. */
  scanTo(offset: number): void {
    if (this.finished) return;
    const { text, ranges } = this;
    // The state in locals while the loop runs: this is the hot path of every first cursor move after an edit.
    let { lineStart, fence, listContentIndent, previousBlank, inParagraph } = this.state;
    let { lines, nextReturn } = this;
    while (lineStart <= offset || fence) {
      if (lines++ % CHECKPOINT_EVERY === 0) this.checkpoints.push({ lineStart, fence, listContentIndent, previousBlank, inParagraph, rangeCount: ranges.length });
      // Lines end at \r\n, \r or \n.
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = text.length;
      if (nextReturn < lineStart) {
        const found = text.indexOf('\r', lineStart);
        nextReturn = found < 0 ? Infinity : found;
      }
      if (nextReturn < lineEnd) lineEnd = nextReturn;
      const lead = text.charCodeAt(lineStart);
      // Most lines start with a letter: no quote marker, no indent, not blank.
      const plain = lead > SPACE && lead !== 0x3e && !isWhitespace(lead);
      const contentStart = plain ? lineStart : afterBlockquotes(text, lineStart, lineEnd);
      let first = contentStart;
      if (!plain) while (first < lineEnd && isWhitespace(text.charCodeAt(first))) first++;
      const blank = first === lineEnd;
      const firstChar = blank ? -1 : text.charCodeAt(first);
      const indent = plain ? 0 : indentWidthAt(text, contentStart, lineEnd);
      const base = listContentIndent ?? 0;

      if (fence) {
        if (firstChar === fence.char && indent <= base + 3 && fence.closing.test(text.slice(contentStart, lineEnd))) {
          ranges.push({ start: fence.start, end: lineEnd });
          fence = undefined;
        }
      } else {
        const open = (firstChar === BACKTICK || firstChar === TILDE) && FENCE_OPEN.exec(text.slice(contentStart, lineEnd));
        if (open && indent <= base + 3 && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
          // Closed by a run of the same character at least as long, with nothing after it.
          fence = { closing: new RegExp(`^\\s*${open[1]![0]}{${open[1]!.length},}\\s*$`), char: firstChar, start: lineStart };
          previousBlank = inParagraph = false;
        } else if (!blank && indent >= base + 4 && !inParagraph) {
          // Indented code cannot interrupt a paragraph (that indent is a lazy continuation), but may follow
          // a blank line, a heading, a fence or more code.
          ranges.push({ start: lineStart, end: lineEnd });
          previousBlank = false;
        } else if (blank) {
          previousBlank = true;
          inParagraph = false;
        } else {
          const marks = mayMark(firstChar);
          const marker = marks ? LIST_MARKER.exec(text.slice(contentStart, lineEnd)) : null;
          if (marker) {
            const spaces = marker[3] === '\t' ? 1 : Math.max(1, marker[3]!.length);
            listContentIndent = indentWidthAt(marker[1]!, 0, marker[1]!.length) + marker[2]!.length + spaces;
          } else if (listContentIndent !== undefined && previousBlank && indent < listContentIndent) {
            listContentIndent = undefined; // an unindented paragraph after a blank line ends the list
          }
          inParagraph = !(marks && HEADING_OR_RULE.test(text.slice(contentStart, lineEnd)));
          previousBlank = false;
        }
      }

      if (lineEnd >= text.length) {
        this.finished = true;
        if (fence) ranges.push({ start: fence.start, end: text.length }); // an unclosed fence runs to the end
        fence = undefined;
        break;
      }
      lineStart = lineEnd + (text.charCodeAt(lineEnd) === 0x0d && text.charCodeAt(lineEnd + 1) === 0x0a ? 2 : 1);
    }
    this.state = { lineStart, fence, listContentIndent, previousBlank, inParagraph, rangeCount: ranges.length };
    this.lines = lines;
    this.nextReturn = nextReturn;
  }
}

/** Code spans and HTML comments outside the given block ranges, merged with them, sorted. */
function inlineCodeAndCommentRanges(text: string, blocks: TextRange[]): TextRange[] {
  const ranges: TextRange[] = [];
  scanInline(text, 0, text.length, blocks, ranges);
  return ranges;
}

/**
 * The inline scan, from `from` until it passes `to`: code spans and HTML comments, and the `jumps` it meets
 * (code blocks, and comments found before), passed over whole; everything pushed to `found` in order.
 * `from` must be where the whole-document scan starts afresh too: the start, just after a blank line, or
 * the end of a block or comment (a code span never crosses a blank line or a block's start).
 */
export function scanInline(text: string, from: number, to: number, jumps: readonly TextRange[], found: TextRange[]): void {
  let jumpIndex = 0;
  for (let i = from; i < to; i++) {
    while (jumpIndex < jumps.length && jumps[jumpIndex]!.end <= i) jumpIndex++;
    const jump = jumps[jumpIndex];
    if (jump && i >= jump.start) {
      found.push(jump);
      i = jump.end - 1;
      jumpIndex++;
      continue;
    }
    const char = text[i];
    if (char === '\\') {
      i++; // an escaped backtick or `<` opens nothing
    } else if (char === '`') {
      const run = backtickRunLength(text, i);
      const close = findClosingRun(text, i + run, run, jump?.start ?? text.length);
      if (close >= 0) {
        found.push({ start: i, end: close + run });
        i = close + run - 1;
      } else {
        i += run - 1; // an unmatched run is literal text
      }
    } else if (char === '<' && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      const end = close < 0 ? text.length : close + 3;
      found.push({ start: i, end });
      i = end - 1;
    }
  }
}

function backtickRunLength(text: string, at: number): number {
  let end = at;
  while (text[end] === '`') end++;
  return end - at;
}

/** Start of the next run of exactly `length` backticks before `limit`, not crossing a blank line. */
function findClosingRun(text: string, from: number, length: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    if (text[i] === '\n' && isBlankLineAt(text, i + 1)) return -1;
    if (text[i] === '`') {
      const run = backtickRunLength(text, i);
      if (run === length) return i;
      i += run - 1;
    }
  }
  return -1;
}

/** True when a blank line starts between `from` and `to`: it ends the paragraph, so no link or tag in Markdown spans it. */
export function crossesBlankLine(text: string, from: number, to: number): boolean {
  for (let nl = text.indexOf('\n', from); nl >= 0 && nl < to; nl = text.indexOf('\n', nl + 1)) {
    if (isBlankLineAt(text, nl + 1)) return true;
  }
  return false;
}

/** True when the line starting at `from` holds only spaces and tabs (or the text ends there). */
export function isBlankLineAt(text: string, from: number): boolean {
  let i = from;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i >= text.length || text[i] === '\n' || text[i] === '\r';
}
