import { findImageLinks } from './imageLinks';
import { relativeLink } from './links';

/** One replacement of a link's path text: `text.slice(start, end)` becomes `replacement`. */
export interface LinkPathEdit {
  start: number;
  end: number;
  replacement: string;
}

/**
 * The edits that point image links whose path is written exactly `oldRawPath` at `newFile` (e.g. `hero.png`
 * → `hero.webp` when the service returned WebP), relative to `documentPath`. Only the path text changes;
 * `<img src="…">` gets a percent-encoded path, Markdown the `<…>` form VS Code's paste uses. Links in code
 * are not links, so they are never touched. With `nearOffset`, only the link whose path stands nearest to it
 * (the one a job was started from). Edits come last-first, so applying them in order keeps offsets valid.
 */
export function imageLinkPathEdits(
  text: string,
  languageId: string,
  documentPath: string,
  oldRawPath: string,
  newFile: string,
  options: { nearOffset?: number } = {},
): LinkPathEdit[] {
  const links = findImageLinks(text, languageId).filter((link) => link.rawPath === oldRawPath);
  // Reference links share one definition: each path range once.
  let unique = [...new Map(links.map((link) => [link.pathStart, link])).values()];
  const near = options.nearOffset;
  if (near !== undefined && unique.length > 1) {
    const distance = (start: number) => Math.abs(start - near);
    unique = [unique.reduce((best, link) => (distance(link.pathStart) < distance(best.pathStart) ? link : best))];
  }
  return unique
    .sort((a, b) => b.pathStart - a.pathStart)
    .map((link) => ({
      start: link.pathStart,
      end: link.pathEnd,
      replacement: relativeLink(documentPath, newFile, { encoding: link.kind === 'html' ? 'percent' : 'angle' }),
    }));
}

/** {@link imageLinkPathEdits} applied to `text`: the new text and how many links changed. */
export function rewriteImageLinkPaths(
  text: string,
  languageId: string,
  documentPath: string,
  oldRawPath: string,
  newFile: string,
): { text: string; changed: number } {
  const edits = imageLinkPathEdits(text, languageId, documentPath, oldRawPath, newFile);
  const out = edits.reduce((current, edit) => current.slice(0, edit.start) + edit.replacement + current.slice(edit.end), text);
  return { text: out, changed: edits.length };
}
