import type * as vscode from 'vscode';
import { MarkdownCursorLinks } from '../core/links/cursorLinks';
import type { ImageLink } from '../core/links/imageLink';
import { ImageLinkIndex, PerVersionCache } from '../core/links/imageLinkIndex';

/** Where the cursor's link is found from the paragraph around it; other languages use the whole-document index. */
const PARAGRAPH_LANGUAGES = new Set(['markdown', 'mdx']);
/** Documents whose cursor state is kept (the visible editors, and a few more). */
const CURSOR_DOCUMENTS = 8;

/**
 * The image links of open documents. Hovers and the missing-image CodeLens share one whole-document parse per
 * version; the cursor context key, asked on every cursor move and so on the first move after every
 * keystroke, parses only the paragraph around the cursor, from state kept per version and carried over edits.
 */
export class DocumentLinkIndexes {
  private readonly cache = new PerVersionCache<ImageLinkIndex>();
  /** Per document: the cursor state of its last version asked about, the base the next version starts from. */
  private readonly cursors = new Map<string, { version: number; links: MarkdownCursorLinks }>();

  of(document: vscode.TextDocument): ImageLinkIndex {
    return this.cache.get(keyOf(document), document.version, () => ImageLinkIndex.of(document.getText(), document.languageId));
  }

  /** The link under `offset` for the cursor: the same answer as `of(document).at(offset)`, without the whole parse. */
  atCursor(document: vscode.TextDocument, offset: number): ImageLink | undefined {
    if (!PARAGRAPH_LANGUAGES.has(document.languageId)) return this.of(document).at(offset);
    const key = keyOf(document);
    const kept = this.cursors.get(key);
    const links = kept?.version === document.version ? kept.links : new MarkdownCursorLinks(document.getText(), kept?.links);
    this.cursors.delete(key);
    this.cursors.set(key, { version: document.version, links });
    while (this.cursors.size > CURSOR_DOCUMENTS) this.cursors.delete(this.cursors.keys().next().value!);
    return links.at(offset, () => this.of(document));
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(keyOf(document));
    this.cursors.delete(keyOf(document));
  }
}

function keyOf(document: vscode.TextDocument): string {
  return `${document.uri.toString()}#${document.languageId}`;
}
