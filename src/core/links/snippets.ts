/**
 * The text inserted for a saved image, fitted to the document's language: a Markdown image, an `<img>`
 * element, a CSS `url(…)`, just the path inside an empty `src=""`, or the bare relative path elsewhere.
 */
import { encodeMarkdownLinkPath, markdownImage } from './links';

/** What to insert. */
export interface SnippetArgs {
  /**
   * The document-relative path with `/` separators, plain (`my image.png`). A link already encoded for
   * Markdown (`<my image.png>`, `my%20image.png`) is accepted too and not encoded twice.
   */
  link: string;
  alt: string;
  width?: number;
  height?: number;
  /** The cursor sits between the quotes of an empty `src=""`: insert only the (attribute-safe) path. */
  insideEmptySrc?: boolean;
}

const MARKDOWN_LANGUAGES = new Set(['markdown', 'mdx']);
const JSX_LANGUAGES = new Set(['javascriptreact', 'typescriptreact']);
const HTML_LANGUAGES = new Set(['html', 'vue', 'svelte', 'php', 'astro', 'handlebars', 'django-html', 'jinja-html']);
const CSS_LANGUAGES = new Set(['css', 'scss', 'less', 'sass', 'stylus', 'postcss']);

/** Returns the snippet text to insert for `languageId` (a VS Code language id). */
export function snippetFor(languageId: string, args: SnippetArgs): string {
  if (args.insideEmptySrc) return escapeAttribute(urlPath(args.link));
  if (MARKDOWN_LANGUAGES.has(languageId)) return markdownImage(args.alt, markdownLink(args.link));
  const isJsx = JSX_LANGUAGES.has(languageId);
  if (isJsx || HTML_LANGUAGES.has(languageId)) return imgElement(args, isJsx);
  if (CSS_LANGUAGES.has(languageId)) return `url("${cssString(urlPath(args.link))}")`;
  return unwrapAngle(args.link);
}

function imgElement(args: SnippetArgs, selfClosing: boolean): string {
  const attributes = [`src="${escapeAttribute(urlPath(args.link))}"`, `alt="${escapeAttribute(args.alt)}"`];
  if (isPixelCount(args.width)) attributes.push(`width="${args.width}"`);
  if (isPixelCount(args.height)) attributes.push(`height="${args.height}"`);
  return `<img ${attributes.join(' ')}${selfClosing ? ' />' : '>'}`;
}

function isPixelCount(value: number | undefined): value is number {
  return value !== undefined && Number.isInteger(value) && value > 0;
}

/** Escapes text for a double-quoted HTML (or JSX string) attribute. */
export function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function markdownLink(link: string): string {
  return link.startsWith('<') && link.endsWith('>') ? link : encodeMarkdownLinkPath(link);
}

/**
 * A URL path for HTML and CSS: spaces and other unsafe characters percent-encoded (as VS Code does for
 * `<video src>`), existing `%XX` escapes kept so an already encoded link is not encoded twice.
 */
function urlPath(link: string): string {
  return unwrapAngle(link).replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%?#]/gu, (c) => encodeURIComponent(c));
}

function unwrapAngle(link: string): string {
  if (link.startsWith('<') && link.endsWith('>')) return link.slice(1, -1).replace(/\\([<>])/g, '$1');
  return link;
}

function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
