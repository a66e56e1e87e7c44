/**
 * Links from a document to a saved image, written the way VS Code's own Markdown paste writes them
 * (`extensions/markdown-language-features/src/languageFeatures/copyFiles/shared.ts`): relative to the
 * document, `/` separators, and `<…>` around paths with whitespace, control characters or unbalanced parens.
 */
import * as path from 'node:path';

/** How a path that cannot stand bare in `(…)` is protected. */
export type LinkEncoding =
  /** `<my image.png>`: what current VS Code inserts; the path stays readable. */
  | 'angle'
  /** `my%20image.png`: what older VS Code inserted; safe in any Markdown renderer and in HTML. */
  | 'percent';

/** Options for {@link relativeLink}. */
export interface RelativeLinkOptions {
  /** Default `angle`, matching VS Code's Markdown paste. */
  encoding?: LinkEncoding;
}

/** Longest alt text {@link shortAlt} produces. */
export const MAX_ALT_LENGTH = 80;

/**
 * The link text for `targetPath` as seen from the document at `fromDocumentPath`: relative, with `/`
 * separators, encoded for use inside Markdown's `(…)`.
 */
export function relativeLink(fromDocumentPath: string, targetPath: string, options: RelativeLinkOptions = {}): string {
  const relative = path.relative(path.dirname(fromDocumentPath), targetPath);
  const slashed = path.posix.normalize(relative.split(path.sep).join('/'));
  return encodeMarkdownLinkPath(slashed, options.encoding ?? 'angle');
}

/** Encodes a `/`-separated path for Markdown's `(…)` destination. */
export function encodeMarkdownLinkPath(linkPath: string, encoding: LinkEncoding = 'angle'): string {
  if (encoding === 'percent') {
    return encodeURI(linkPath).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
  }
  if (!needsAngleBrackets(linkPath)) return linkPath;
  return `<${linkPath.replace(/[<>]/g, '\\$&')}>`;
}

/** Whitespace, control characters, a leading `<` or unbalanced parens cannot stand bare in `(…)`. */
function needsAngleBrackets(linkPath: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (linkPath.startsWith('<') || /[\s\u0000-\u001f\u007f]/.test(linkPath)) return true;
  let depth = 0;
  let previous = '';
  for (const char of linkPath) {
    if (previous !== '\\') {
      if (char === '(') depth++;
      else if (char === ')' && --depth < 0) return true;
    }
    previous = char;
  }
  return depth !== 0;
}

/** `![alt](link)` with `[`, `]` and `\` in the alt escaped and line breaks flattened. */
export function markdownImage(alt: string, link: string): string {
  return `![${escapeAltText(alt)}](${link})`;
}

/** Escapes text for use between `![` and `]`; a blank line would end the paragraph, so newlines go too. */
export function escapeAltText(alt: string): string {
  return alt.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\[\]]/g, '\\$&');
}

/**
 * A short alt text from a prompt: the first sentence (or the first words, cut on a word boundary) of at
 * most ~80 characters, on one line, without trailing punctuation.
 */
export function shortAlt(prompt: string, maxLength = MAX_ALT_LENGTH): string {
  const flat = prompt.replace(/\s+/g, ' ').trim();
  const sentenceEnd = flat.search(/[.!?;](\s|$)/);
  let alt = sentenceEnd > 0 ? flat.slice(0, sentenceEnd) : flat;
  if (alt.length > maxLength) {
    const cut = alt.slice(0, maxLength + 1);
    const lastSpace = cut.lastIndexOf(' ');
    alt = lastSpace > maxLength / 3 ? cut.slice(0, lastSpace) : alt.slice(0, maxLength);
  }
  return alt.replace(/[\s,:;.\-–—]+$/, '');
}
