/**
 * Every local image a document refers to, in every language the placeholder commands update: Markdown
 * images and `<img>` tags (via {@link findImageLinks}) and stylesheets' `url()`. Each reference knows the raw
 * path text and where it stands, so a rename can rewrite exactly that text.
 */
import * as path from 'node:path';
import { cssUrlsIn } from '../links/cssUrls';
import { findImageLinks, isLocalImagePath } from '../links/imageLinks';
import { resolveLinkTarget } from '../links/linkTarget';

/** One local image reference of a document. */
export interface ImageReference {
  kind: 'markdown' | 'reference' | 'html' | 'css';
  /** The path as a file path (decoded). */
  path: string;
  /** `text.slice(pathStart, pathEnd)`: the path exactly as written. */
  rawPath: string;
  pathStart: number;
  pathEnd: number;
  /** Alt text, when the syntax has one. */
  alt: string;
  /** Where the whole link starts (where a CodeLens goes). */
  start: number;
  /** Absolute path of the file it names. */
  target: string;
}

const CSS_LANGUAGES = new Set(['css', 'scss', 'less']);

/** Language ids by file extension, for documents found on disk (the editor knows open documents' own). */
const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  '.md': 'markdown', '.markdown': 'markdown', '.mdx': 'mdx',
  '.html': 'html', '.htm': 'html', '.vue': 'vue', '.svelte': 'svelte', '.astro': 'astro',
  '.jsx': 'javascriptreact', '.tsx': 'typescriptreact',
  '.css': 'css', '.scss': 'scss', '.less': 'less',
};

/** The glob of the documents whose links the placeholder commands read and update. */
export const LINKING_DOCUMENT_GLOB = `**/*.{${Object.keys(LANGUAGE_BY_EXTENSION).map((e) => e.slice(1)).join(',')}}`;

/** The language id of a document file by its extension, or undefined for files that hold no image links we read. */
export function languageOfPath(file: string): string | undefined {
  return LANGUAGE_BY_EXTENSION[path.extname(file).toLowerCase()];
}

/** The local image references of `text` (remote URLs and data URIs left out), in document order. */
export function imageReferences(text: string, languageId: string, documentPath: string, workspaceFolder: string | undefined): ImageReference[] {
  const found: Omit<ImageReference, 'target'>[] = CSS_LANGUAGES.has(languageId)
    ? cssReferences(text)
    : findImageLinks(text, languageId).map((link) => ({ kind: link.kind, path: link.path, rawPath: link.rawPath, pathStart: link.pathStart, pathEnd: link.pathEnd, alt: link.alt, start: link.start }));
  return found
    .filter((ref) => !!ref.path && isLocalImagePath(ref.path))
    .map((ref) => ({ ...ref, target: resolveLinkTarget(documentPath, ref.path, workspaceFolder) }));
}

function cssReferences(text: string): Omit<ImageReference, 'target'>[] {
  const found: Omit<ImageReference, 'target'>[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    if (line.includes('url(')) {
      for (const url of cssUrlsIn(line)) {
        const inner = line.indexOf(url.path, url.start + 4);
        const pathStart = lineStart + inner;
        found.push({ kind: 'css', path: safeDecode(url.path), rawPath: url.path, pathStart, pathEnd: pathStart + url.path.length, alt: '', start: lineStart + url.start });
      }
    }
    lineStart += line.length + 1;
  }
  return found;
}

function safeDecode(value: string): string {
  try {
    return decodeURI(value);
  } catch {
    return value;
  }
}
