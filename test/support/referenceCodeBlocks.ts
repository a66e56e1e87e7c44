/**
 * The code-block scan as it was before it became a first-characters-only line scan (a regex split and three
 * patterns on every line), kept for tests only: the fast scan must find exactly its ranges in any document.
 */
import type { TextRange } from '../../src/core/links/markdownCode';

interface Line {
  start: number;
  /** End of the line's content, before `\r?\n`. */
  end: number;
  text: string;
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
export function referenceCodeBlockRanges(text: string): TextRange[] {
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
