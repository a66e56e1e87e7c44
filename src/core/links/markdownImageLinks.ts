/**
 * Markdown image syntax: inline `![alt](path "title")` (also `'title'`, `(title)`, `<path with spaces>`,
 * nested parens), full `![alt][ref]`, collapsed `![alt][]` and shortcut `![ref]` references resolved
 * through their `[ref]: path "title"` definitions. Code and comments are skipped by the caller's ranges.
 */
import type { ImageLink } from './imageLink';
import { decodeHtmlEntities, decodeMarkdownDestination, isRemotePath, normalizeLabel, unescapeMarkdown } from './linkText';
import { crossesBlankLine, isBlankLineAt, isInRanges, type TextRange } from './markdownCode';

/** Where a link's path is written: inline after the alt text, or in a reference definition. */
export interface Destination {
  rawPath: string;
  pathStart: number;
  pathEnd: number;
  title?: string;
}

/** A reference definition `[label]: path "title"`; every match starts a line holding its `]:`. */
export const DEFINITION =
  /^ {0,3}\[((?:\\.|[^\\\]\n]){1,999})\]:[ \t]*(?:\r?\n[ \t]*)?(<(?:\\.|[^\\<>\n])*>|[^\s<][^\s]*)(?:(?:[ \t]+|[ \t]*\r?\n[ \t]*)(?:"((?:\\.|[^\\"])*)"|'((?:\\.|[^\\'])*)'|\(((?:\\.|[^\\()])*)\)))?[ \t]*$/dgm;

/** Where a reference link's label is looked up: all of the document's definitions, or a lazy lookup of them. */
export interface Definitions {
  get(label: string): Destination | undefined;
}

/** Part of the text to look in: the `![` of each link lies in `[from, to)`, which starts after a blank line. */
export interface TextWindow {
  from: number;
  to: number;
}

/**
 * Every Markdown image in `text` whose `![` lies outside `skip` (code, comments); with `window`, only those
 * whose `![` lies in it (no link crosses a blank line, so a paragraph's links need only that paragraph).
 */
export function findMarkdownImageLinks(
  text: string,
  skip: readonly TextRange[],
  window: TextWindow = { from: 0, to: text.length },
  definitions: Definitions = findDefinitions(text, skip),
): ImageLink[] {
  const brackets = bracketPairs(text, skip, window);
  const links: ImageLink[] = [];
  for (let bang = text.indexOf('![', window.from); bang >= 0 && bang < window.to; bang = text.indexOf('![', bang + 1)) {
    if (isInRanges(skip, bang) || isEscaped(text, bang)) continue;
    const link = parseImageAt(text, bang, brackets, definitions);
    if (link) {
      links.push(link);
      bang = link.end - 1;
    }
  }
  return links;
}

/** The reference definitions of `text` outside `skip`, the first of each label winning. */
export function findDefinitions(text: string, skip: readonly TextRange[]): Map<string, Destination> {
  const definitions = new Map<string, Destination>();
  for (const match of text.matchAll(DEFINITION)) addDefinition(definitions, match, (at) => isInRanges(skip, at));
  return definitions;
}

/** Records one match of {@link DEFINITION} unless it starts in code or its label is taken. */
export function addDefinition(definitions: Map<string, Destination>, match: RegExpMatchArray, skipped: (at: number) => boolean): void {
  if (skipped(match.index!)) return;
  const key = normalizeLabel(match[1]!);
  if (!key || definitions.has(key)) return; // the first definition of a label wins
  const [pathStart, pathEnd] = match.indices![2]!;
  const title = match[3] ?? match[4] ?? match[5];
  definitions.set(key, { rawPath: match[2]!, pathStart, pathEnd, ...(title !== undefined && { title: decodeTitle(title) }) });
}

function parseImageAt(text: string, bang: number, brackets: Map<number, number>, definitions: Definitions): ImageLink | undefined {
  const altStart = bang + 2;
  const altEnd = brackets.get(bang + 1);
  if (altEnd === undefined) return undefined;
  const rawAlt = text.slice(altStart, altEnd);
  const alt: AltText = { text: decodeHtmlEntities(unescapeMarkdown(rawAlt)), start: altStart, end: altEnd };
  const after = altEnd + 1;

  if (text[after] === '(') {
    const inline = parseInlineTail(text, after);
    if (inline) return makeLink('markdown', bang, inline.end, alt, inline);
  }
  if (text[after] === '[') {
    const labelEnd = brackets.get(after);
    if (labelEnd !== undefined) {
      // `![alt][]` uses the alt text as its label; an undefined full label is not a link at all.
      const label = normalizeLabel(text.slice(after + 1, labelEnd) || rawAlt);
      const definition = definitions.get(label);
      return definition ? makeLink('reference', bang, labelEnd + 1, alt, definition, label) : undefined;
    }
  }
  const label = normalizeLabel(rawAlt);
  const definition = definitions.get(label);
  return definition ? makeLink('reference', bang, after, alt, definition, label) : undefined;
}

interface AltText {
  text: string;
  start: number;
  end: number;
}

/** Builds the link without object spreads: documents can hold thousands of links, so garbage matters. */
function makeLink(kind: ImageLink['kind'], start: number, end: number, alt: AltText, destination: Destination, label?: string): ImageLink {
  const path = decodeMarkdownDestination(destination.rawPath);
  const link: ImageLink = {
    kind,
    alt: alt.text,
    path,
    rawPath: destination.rawPath,
    start,
    end,
    pathStart: destination.pathStart,
    pathEnd: destination.pathEnd,
    altStart: alt.start,
    altEnd: alt.end,
    isRemote: isRemotePath(path),
  };
  if (destination.title !== undefined) link.title = destination.title;
  if (label !== undefined) link.label = label;
  return link;
}

function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * Pairs every unescaped `[` with its `]` in one pass (a stack, cleared at blank lines, code skipped), so
 * finding where alt text ends costs nothing per `![` even in adversarial documents.
 */
function bracketPairs(text: string, skip: readonly TextRange[], window: TextWindow): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  let rangeIndex = 0;
  for (let i = window.from; i < window.to; i++) {
    while (rangeIndex < skip.length && skip[rangeIndex]!.end <= i) rangeIndex++;
    const range = skip[rangeIndex];
    if (range && i >= range.start) {
      i = range.end - 1; // brackets inside code spans do not count, as in CommonMark
      continue;
    }
    const char = text[i];
    if (char === '\\') i++;
    else if (char === '[') open.push(i);
    else if (char === ']') {
      const from = open.pop();
      if (from !== undefined) pairs.set(from, i);
    } else if (char === '\n' && isBlankLineAt(text, i + 1)) open.length = 0; // a paragraph ends every label
  }
  return pairs;
}

interface InlineTail extends Destination {
  end: number;
}

/** Parses `(destination "title")` starting at the `(`; undefined when it is not a valid inline tail. */
function parseInlineTail(text: string, open: number): InlineTail | undefined {
  let i = skipSpace(text, open + 1);
  const pathStart = i;
  if (text[i] === '<') {
    for (i++; i < text.length && text[i] !== '>'; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '\n' || text[i] === '<') return undefined;
    }
    if (i >= text.length) return undefined;
    i++;
  } else {
    let depth = 0;
    for (; i < text.length; i++) {
      const char = text[i]!;
      if (char === '\\') i++;
      else if (char <= ' ' || char === '\u007f') break;
      else if (char === '(') depth++;
      else if (char === ')') {
        if (depth === 0) break;
        depth--;
      }
    }
    if (depth !== 0) return undefined;
  }
  const pathEnd = i;
  i = skipSpace(text, i);
  let title: string | undefined;
  const quote = text[i];
  if (i > pathEnd && (quote === '"' || quote === "'" || quote === '(')) {
    const close = quote === '(' ? ')' : quote;
    let j = i + 1;
    for (; j < text.length && text[j] !== close; j++) if (text[j] === '\\') j++;
    if (j >= text.length) return undefined;
    title = decodeTitle(text.slice(i + 1, j));
    i = skipSpace(text, j + 1);
  }
  if (text[i] !== ')' || crossesBlankLine(text, open, i)) return undefined;
  const tail: InlineTail = { rawPath: text.slice(pathStart, pathEnd), pathStart, pathEnd, end: i + 1 };
  if (title !== undefined) tail.title = title;
  return tail;
}

/** Skips spaces and tabs with at most one line ending, as link syntax allows. */
function skipSpace(text: string, from: number): number {
  let i = from;
  let newlines = 0;
  for (; i < text.length; i++) {
    const char = text[i];
    if (char === '\n' && ++newlines > 1) break;
    if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') break;
  }
  return i;
}

function decodeTitle(raw: string): string {
  return decodeHtmlEntities(unescapeMarkdown(raw));
}
