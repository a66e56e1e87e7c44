/**
 * `<img>` elements in HTML, Markdown, JSX/TSX, Vue and Svelte: attributes in any order, double or single
 * quotes, unquoted values, self-closing, and JSX/Svelte `src={"…"}` when the expression is a plain string
 * literal (anything computed cannot be written to, so it is not reported).
 */
import type { ImageLink } from './imageLink';
import { decodeHtmlEntities, decodePercent, isRemotePath, unescapeJsString } from './linkText';
import { crossesBlankLine, isInRanges, type TextRange } from './markdownCode';

/** One attribute as written; `value` is set only when it is a literal string. */
export interface TagAttribute {
  name: string;
  /** Decoded value (entities or JS escapes resolved), absent for computed expressions and bare names. */
  value?: string;
  /** Raw text of the value between its quotes (or the whole unquoted value). */
  valueStart: number;
  valueEnd: number;
}

/** A parsed start tag. */
export interface ParsedTag {
  start: number;
  /** Just past the closing `>`. */
  end: number;
  /** Just past the tag name, where a new attribute can be inserted. */
  nameEnd: number;
  attributes: TagAttribute[];
}

const IMG_OPEN = /<img(?=[\s/>])/gi;

/** How to read tags in Markdown: only those starting in `[from, to)`, none across a blank line (it ends the paragraph). */
export interface MarkdownTags {
  from: number;
  to: number;
}

/**
 * Every `<img>` with a literal `src` in `text`, skipping tags that start inside `skip`. In Markdown
 * (`markdown` given) a tag never spans a blank line, and only tags starting in its window are read.
 */
export function findHtmlImageTags(text: string, skip: readonly TextRange[], markdown?: MarkdownTags): ImageLink[] {
  const links: ImageLink[] = [];
  const from = markdown?.from ?? 0;
  const to = markdown?.to ?? text.length;
  // Only the window (and four characters more, for the lookahead) is searched for `<img`: a paragraph
  // without one must not cost a search through the rest of a 3 MB document.
  const searched = from === 0 && to === text.length ? text : text.slice(from, to + 4);
  for (const match of searched.matchAll(IMG_OPEN)) {
    const start = from + match.index!;
    if (start >= to || isInRanges(skip, start)) continue;
    const tag = parseStartTag(text, start, start + 4);
    if (markdown && tag && crossesBlankLine(text, tag.start, tag.end)) continue;
    const link = tag && toImageLink(text, tag);
    if (link) links.push(link);
  }
  return links;
}

function toImageLink(text: string, tag: ParsedTag): ImageLink | undefined {
  const src = findAttribute(tag, 'src');
  if (src?.value === undefined) return undefined;
  const alt = findAttribute(tag, 'alt');
  const path = decodePercent(src.value);
  return {
    kind: 'html',
    alt: alt?.value ?? '',
    // A missing alt gets an empty range just after `<img`, where ` alt="…"` can be inserted.
    altStart: alt ? alt.valueStart : tag.nameEnd,
    altEnd: alt ? alt.valueEnd : tag.nameEnd,
    path,
    rawPath: text.slice(src.valueStart, src.valueEnd),
    pathStart: src.valueStart,
    pathEnd: src.valueEnd,
    start: tag.start,
    end: tag.end,
    isRemote: isRemotePath(path),
  };
}

/** The last occurrence wins in JSX and the first in HTML; duplicates are rare enough that first is fine. */
export function findAttribute(tag: ParsedTag, name: string): TagAttribute | undefined {
  return tag.attributes.find((attribute) => attribute.name.toLowerCase() === name);
}

const ATTRIBUTE_NAME = /[^\s"'>/={}<]+/y;
/** A start tag longer than this is treated as unterminated, which keeps broken documents linear. */
const MAX_TAG_LENGTH = 16_384;
const UNQUOTED_VALUE = /[^\s"'=<>`]+/y;

/** Parses the start tag beginning at `start` whose name ends at `nameEnd`; undefined if unterminated. */
export function parseStartTag(text: string, start: number, nameEnd: number): ParsedTag | undefined {
  const attributes: TagAttribute[] = [];
  const limit = Math.min(text.length, start + MAX_TAG_LENGTH);
  let i = nameEnd;
  while (i < limit) {
    i = skipWhitespace(text, i);
    if (text[i] === '<') return undefined; // the next tag starts: this one was never closed
    if (text[i] === '>') return { start, end: i + 1, nameEnd, attributes };
    if (text.startsWith('/>', i)) return { start, end: i + 2, nameEnd, attributes };
    if (text[i] === '{') {
      const close = findExpressionEnd(text, i, limit); // JSX spread `{...props}`
      if (close < 0) return undefined;
      i = close + 1;
      continue;
    }
    ATTRIBUTE_NAME.lastIndex = i;
    const name = ATTRIBUTE_NAME.exec(text)?.[0];
    if (!name) {
      i++; // a stray `/` or quote: skip it as browsers do
      continue;
    }
    i = skipWhitespace(text, i + name.length);
    if (text[i] !== '=') {
      attributes.push({ name, valueStart: i, valueEnd: i });
      continue;
    }
    i = skipWhitespace(text, i + 1);
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      const close = text.indexOf(quote, i + 1);
      if (close < 0 || close >= limit) return undefined;
      attributes.push({ name, value: decodeHtmlEntities(text.slice(i + 1, close)), valueStart: i + 1, valueEnd: close });
      i = close + 1;
    } else if (quote === '{') {
      const close = findExpressionEnd(text, i, limit);
      if (close < 0) return undefined;
      attributes.push({ name, ...stringLiteralIn(text, i + 1, close) });
      i = close + 1;
    } else {
      UNQUOTED_VALUE.lastIndex = i;
      const value = UNQUOTED_VALUE.exec(text)?.[0] ?? '';
      attributes.push({ name, value: decodeHtmlEntities(value), valueStart: i, valueEnd: i + value.length });
      i += value.length;
    }
  }
  return undefined;
}

/** A `{ "…" }` / `{'…'}` / `` {`…`} `` expression that is only a string literal gives its body's range. */
function stringLiteralIn(text: string, from: number, to: number): Omit<TagAttribute, 'name'> {
  const inner = text.slice(from, to);
  const literal = /^\s*(["'`])((?:\\[\s\S]|(?!\1)[^\\])*)\1\s*$/.exec(inner);
  if (!literal || (literal[1] === '`' && literal[2]!.includes('${'))) return { valueStart: from, valueEnd: to };
  const valueStart = from + inner.indexOf(literal[1]!) + 1;
  return { value: unescapeJsString(literal[2]!), valueStart, valueEnd: valueStart + literal[2]!.length };
}

/** Index of the `}` closing the JS expression opened at `open`, skipping strings and nested braces. */
function findExpressionEnd(text: string, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const char = text[i];
    if (char === '"' || char === "'" || char === '`') {
      for (i++; i < limit && text[i] !== char; i++) if (text[i] === '\\') i++;
    } else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return i;
  }
  return -1;
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}
