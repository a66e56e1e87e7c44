/**
 * Markdown image syntax: inline `![alt](path "title")` (also `'title'`, `(title)`, `<path with spaces>`,
 * nested parens), full `![alt][ref]`, collapsed `![alt][]` and shortcut `![ref]` references resolved
 * through their `[ref]: path "title"` definitions. Code and comments are skipped by the caller's ranges.
 */
import type { ImageLink } from './imageLinks';
import { decodeHtmlEntities, decodeMarkdownDestination, isRemotePath, normalizeLabel, unescapeMarkdown } from './linkText';
import { isInRanges, type TextRange } from './markdownCode';

interface Definition {
  rawPath: string;
  pathStart: number;
  pathEnd: number;
  title?: string;
}

/** Link text longer than this is not searched for its closing `]` (keeps huge paragraphs linear). */
const MAX_LABEL_SCAN = 4000;

const DEFINITION =
  /^ {0,3}\[((?:\\.|[^\\\]\n]){1,999})\]:[ \t]*(?:\r?\n[ \t]*)?(<(?:\\.|[^\\<>\n])*>|[^\s<][^\s]*)(?:(?:[ \t]+|[ \t]*\r?\n[ \t]*)(?:"((?:\\.|[^\\"])*)"|'((?:\\.|[^\\'])*)'|\(((?:\\.|[^\\()])*)\)))?[ \t]*$/dgm;

/** Every Markdown image in `text` whose `![` lies outside `skip` (code, comments). */
export function findMarkdownImageLinks(text: string, skip: readonly TextRange[]): ImageLink[] {
  const definitions = findDefinitions(text, skip);
  const links: ImageLink[] = [];
  for (let bang = text.indexOf('![', 0); bang >= 0; bang = text.indexOf('![', bang + 1)) {
    if (isInRanges(skip, bang) || isEscaped(text, bang)) continue;
    const link = parseImageAt(text, bang, definitions);
    if (link) {
      links.push(link);
      bang = link.end - 1;
    }
  }
  return links;
}

function findDefinitions(text: string, skip: readonly TextRange[]): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  for (const match of text.matchAll(DEFINITION)) {
    if (isInRanges(skip, match.index!)) continue;
    const key = normalizeLabel(match[1]!);
    if (!key || definitions.has(key)) continue; // the first definition of a label wins
    const [pathStart, pathEnd] = match.indices![2]!;
    const title = match[3] ?? match[4] ?? match[5];
    definitions.set(key, { rawPath: match[2]!, pathStart, pathEnd, ...(title !== undefined && { title: decodeTitle(title) }) });
  }
  return definitions;
}

function parseImageAt(text: string, bang: number, definitions: Map<string, Definition>): ImageLink | undefined {
  const altStart = bang + 2;
  const altEnd = findClosingBracket(text, altStart);
  if (altEnd < 0) return undefined;
  const rawAlt = text.slice(altStart, altEnd);
  const alt = decodeHtmlEntities(unescapeMarkdown(rawAlt));
  const after = altEnd + 1;
  const common = { alt, altStart, altEnd, start: bang };

  if (text[after] === '(') {
    const inline = parseInlineTail(text, after);
    if (inline) {
      const rawPath = text.slice(inline.pathStart, inline.pathEnd);
      return build({ ...common, kind: 'markdown', end: inline.end, rawPath, pathStart: inline.pathStart, pathEnd: inline.pathEnd, title: inline.title });
    }
  }
  if (text[after] === '[') {
    const labelEnd = findClosingBracket(text, after + 1);
    if (labelEnd >= 0) {
      const label = text.slice(after + 1, labelEnd);
      // `![alt][]` uses the alt text as its label; an undefined full label is not a link at all.
      const definition = definitions.get(normalizeLabel(label || rawAlt));
      return definition ? fromDefinition(common, definition, labelEnd + 1, label || rawAlt) : undefined;
    }
  }
  const definition = definitions.get(normalizeLabel(rawAlt));
  return definition ? fromDefinition(common, definition, after, rawAlt) : undefined;
}

type Common = Pick<ImageLink, 'alt' | 'altStart' | 'altEnd' | 'start'>;

function fromDefinition(common: Common, definition: Definition, end: number, label: string): ImageLink {
  const { rawPath, pathStart, pathEnd, title } = definition;
  return build({ ...common, kind: 'reference', end, rawPath, pathStart, pathEnd, title, label: normalizeLabel(label) });
}

function build(fields: Omit<ImageLink, 'path' | 'isRemote'> & { title?: string | undefined }): ImageLink {
  const path = decodeMarkdownDestination(fields.rawPath);
  const { title, ...rest } = fields;
  return { ...rest, path, isRemote: isRemotePath(path), ...(title !== undefined && { title }) };
}

function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** Index of the `]` closing a label that starts at `from`, honouring nesting and escapes; -1 if none. */
function findClosingBracket(text: string, from: number): number {
  let depth = 0;
  const limit = Math.min(text.length, from + MAX_LABEL_SCAN);
  for (let i = from; i < limit; i++) {
    const char = text[i];
    if (char === '\\') i++;
    else if (char === '[') depth++;
    else if (char === ']') {
      if (depth === 0) return i;
      depth--;
    } else if (char === '\n' && isBlankLineAfter(text, i)) return -1; // a paragraph ends the label
  }
  return -1;
}

function isBlankLineAfter(text: string, newline: number): boolean {
  let i = newline + 1;
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\r') i++;
  return i >= text.length || text[i] === '\n';
}

interface InlineTail {
  pathStart: number;
  pathEnd: number;
  title?: string;
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
  if (text[i] !== ')') return undefined;
  return { pathStart, pathEnd, end: i + 1, ...(title !== undefined && { title }) };
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
