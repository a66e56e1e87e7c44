import type * as vscode from 'vscode';
import { ImageLinkIndex, PerVersionCache } from '../core/links/imageLinkIndex';

/**
 * The image links of open documents, parsed once per document version and shared by the cursor context
 * key, the hover and the missing-image CodeLens: moving the cursor through a 3 MB file costs a lookup,
 * not a parse.
 */
export class DocumentLinkIndexes {
  private readonly cache = new PerVersionCache<ImageLinkIndex>();

  of(document: vscode.TextDocument): ImageLinkIndex {
    return this.cache.get(`${document.uri.toString()}#${document.languageId}`, document.version, () => ImageLinkIndex.of(document.getText(), document.languageId));
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(`${document.uri.toString()}#${document.languageId}`);
  }
}
