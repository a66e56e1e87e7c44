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

interface Line {
  start: number;
  /** End of the line's content, before `\r?\n`. */
  end: number;
  text: string;
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

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /([^\r\n]*)(\r\n|\r|\n|$)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    lines.push({ start: match.index, end: match.index + match[1]!.length, text: match[1]! });
    if (!match[2]) break; // `$` matched: that was the last line
  }
  return lines;
}

/** Columns of leading whitespace, tabs advancing to the next multiple of 4 as CommonMark says. */
function indentWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (char === ' ') width++;
    else if (char === '\t') width += 4 - (width % 4);
    else break;
  }
  return width;
}

const BLOCKQUOTE_PREFIX = /^(?: {0,3}> ?)*/;
const FENCE_OPEN = /^\s*(`{3,}|~{3,})(.*)$/;
const LIST_MARKER = /^(\s*)([-+*]|\d{1,9}[.)])( {1,4}|\t|$)/;
const HEADING_OR_RULE = /^\s{0,3}(#{1,6}(\s|$)|([-*_])(\s*\3){2,}\s*$)/;

/** Fenced and indented code blocks, whole lines (fence lines included). */
function codeBlockRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  let fence: { closing: RegExp; start: number } | undefined;
  let listContentIndent: number | undefined;
  let previousBlank = true;
  let inParagraph = false;

  for (const line of splitLines(text)) {
    const content = line.text.slice(BLOCKQUOTE_PREFIX.exec(line.text)![0].length);
    const indent = indentWidth(content);
    const blank = content.trim() === '';
    const base = listContentIndent ?? 0;

    if (fence) {
      if (fence.closing.test(content) && indent <= base + 3) {
        ranges.push({ start: fence.start, end: line.end });
        fence = undefined;
      }
      continue;
    }

    const open = FENCE_OPEN.exec(content);
    if (open && indent <= base + 3 && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
      // Closed by a run of the same character at least as long, with nothing after it.
      fence = { closing: new RegExp(`^\\s*${open[1]![0]}{${open[1]!.length},}\\s*$`), start: line.start };
      previousBlank = inParagraph = false;
      continue;
    }

    // Indented code cannot interrupt a paragraph (that indent is a lazy continuation), but may follow
    // a blank line, a heading, a fence or more code.
    if (!blank && indent >= base + 4 && !inParagraph) {
      ranges.push({ start: line.start, end: line.end });
      previousBlank = false;
      continue;
    }
    if (blank) {
      previousBlank = true;
      inParagraph = false;
      continue;
    }

    const marker = LIST_MARKER.exec(content);
    if (marker) {
      const spaces = marker[3] === '\t' ? 1 : Math.max(1, marker[3]!.length);
      listContentIndent = indentWidth(marker[1]!) + marker[2]!.length + spaces;
    } else if (listContentIndent !== undefined && previousBlank && indent < listContentIndent) {
      listContentIndent = undefined; // an unindented paragraph after a blank line ends the list
    }
    inParagraph = !HEADING_OR_RULE.test(content);
    previousBlank = false;
  }
  if (fence) ranges.push({ start: fence.start, end: text.length }); // an unclosed fence runs to the end
  return ranges.sort((a, b) => a.start - b.start);
}

/** Code spans and HTML comments outside the given block ranges, merged with them, sorted. */
function inlineCodeAndCommentRanges(text: string, blocks: TextRange[]): TextRange[] {
  const ranges: TextRange[] = [];
  let blockIndex = 0;
  for (let i = 0; i < text.length; i++) {
    while (blockIndex < blocks.length && blocks[blockIndex]!.end <= i) blockIndex++;
    const block = blocks[blockIndex];
    if (block && i >= block.start) {
      ranges.push(block);
      i = block.end - 1;
      blockIndex++;
      continue;
    }
    const char = text[i];
    if (char === '\\') {
      i++; // an escaped backtick or `<` opens nothing
    } else if (char === '`') {
      const run = backtickRunLength(text, i);
      const close = findClosingRun(text, i + run, run, block?.start ?? text.length);
      if (close >= 0) {
        ranges.push({ start: i, end: close + run });
        i = close + run - 1;
      } else {
        i += run - 1; // an unmatched run is literal text
      }
    } else if (char === '<' && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      const end = close < 0 ? text.length : close + 3;
      ranges.push({ start: i, end });
      i = end - 1;
    }
  }
  return ranges;
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

/** True when the line starting at `from` holds only spaces and tabs (or the text ends there). */
export function isBlankLineAt(text: string, from: number): boolean {
  let i = from;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i >= text.length || text[i] === '\n' || text[i] === '\r';
}
