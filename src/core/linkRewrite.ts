import { findImageLinks } from './imageLinks';
import { relativeLink } from './links';

/**
 * Points every image link in `text` whose path is written exactly `oldRawPath` at `newFile` instead (e.g.
 * `hero.png` → `hero.webp` when the service returned WebP), relative to `documentPath`. Only the path text
 * changes; `<img src="…">` gets a percent-encoded path, Markdown the `<…>` form VS Code's paste uses.
 * Returns the new text and how many links changed.
 */
export function rewriteImageLinkPaths(
  text: string,
  languageId: string,
  documentPath: string,
  oldRawPath: string,
  newFile: string,
): { text: string; changed: number } {
  const links = findImageLinks(text, languageId).filter((link) => link.rawPath === oldRawPath);
  // Reference links share one definition: replace each path range once, from the end so offsets stay valid.
  const ranges = [...new Map(links.map((link) => [link.pathStart, link])).values()].sort((a, b) => b.pathStart - a.pathStart);
  let out = text;
  for (const link of ranges) {
    const replacement = relativeLink(documentPath, newFile, { encoding: link.kind === 'html' ? 'percent' : 'angle' });
    out = out.slice(0, link.pathStart) + replacement + out.slice(link.pathEnd);
  }
  return { text: out, changed: ranges.length };
}
