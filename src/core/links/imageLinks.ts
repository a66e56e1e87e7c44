/**
 * `core/links/`: image links in documents (Markdown, reference-style, `<img>`, CSS `url()`), found, indexed per
 * version, resolved to files, written and rewritten. This file is the entry point: it combines the finders.
 *
 * Finds image links in a document: Markdown images (inline and reference-style) and `<img>` elements in
 * Markdown, HTML, JSX/TSX, Vue, Svelte and friends. Offsets are string indexes into the given text, so an
 * editor adapter maps them with `document.positionAt`.
 */
import { findHtmlImageTags } from './htmlImageTags';
import { markdownCodeRanges, type TextRange } from './markdownCode';
import { findMarkdownImageLinks } from './markdownImageLinks';
import type { ImageLink } from './imageLink';

export type { ImageLink } from './imageLink';

const MARKDOWN_LANGUAGES = new Set(['markdown', 'mdx']);
const TAG_LANGUAGES = new Set([
  'html', 'vue', 'svelte', 'astro', 'php', 'javascriptreact', 'typescriptreact', 'javascript', 'typescript',
  'handlebars', 'django-html', 'jinja-html',
]);

/** Every image link in `text`, in document order. Languages without image syntax give `[]`. */
export function findImageLinks(text: string, languageId: string): ImageLink[] {
  if (MARKDOWN_LANGUAGES.has(languageId)) {
    const code = markdownCodeRanges(text);
    return sortByStart([...findMarkdownImageLinks(text, code), ...findHtmlImageTags(text, code, { from: 0, to: text.length })]);
  }
  if (TAG_LANGUAGES.has(languageId)) return findHtmlImageTags(text, htmlCommentRanges(text));
  return [];
}

/**
 * The image link under `offset`: the one whose whole text contains it (ends inclusive, so a cursor just
 * after `)` counts), else a reference link whose definition's path contains it.
 */
export function imageLinkAt(text: string, offset: number, languageId: string): ImageLink | undefined {
  const links = findImageLinks(text, languageId);
  return (
    links.find((link) => link.start <= offset && offset <= link.end) ??
    links.find((link) => link.kind === 'reference' && link.pathStart <= offset && offset <= link.pathEnd)
  );
}

const IMAGE_EXTENSIONS = /\.(?:png|jpe?g|webp|gif|avif|bmp|svg|ico|tiff?|mp4|webm)$/i;

/**
 * True for a path this extension can write to: not remote, no URL scheme, not a bare `#fragment`, and
 * ending in an image (or video) extension once any `?query`/`#fragment` is dropped.
 */
export function isLocalImagePath(path: string): boolean {
  const trimmed = path.trim();
  if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith('//')) return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return false; // http:, data:, file:, mailto:, C: …
  return IMAGE_EXTENSIONS.test(trimmed.replace(/[?#].*$/, ''));
}

function htmlCommentRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  for (let open = text.indexOf('<!--'); open >= 0; open = text.indexOf('<!--', open + 4)) {
    const close = text.indexOf('-->', open + 4);
    const end = close < 0 ? text.length : close + 3;
    ranges.push({ start: open, end });
    open = end - 4;
  }
  return ranges;
}

function sortByStart(links: ImageLink[]): ImageLink[] {
  return links.sort((a, b) => a.start - b.start);
}
