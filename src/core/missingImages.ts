import { promises as fs } from 'node:fs';
import { findImageLinks, isLocalImagePath, type ImageLink } from './imageLinks';
import { resolveLinkTarget } from './linkTarget';

/** A linked local image whose file does not exist yet. */
export interface MissingImage {
  link: ImageLink;
  /** Absolute path the link names. */
  target: string;
}

/**
 * The local image links in a document whose files are missing. Remote URLs, data URIs and files that
 * exist are left out; the same target linked twice is listed once.
 */
export async function findMissingImages(text: string, languageId: string, documentPath: string, workspaceFolder: string | undefined): Promise<MissingImage[]> {
  const seen = new Set<string>();
  const missing: MissingImage[] = [];
  for (const link of findImageLinks(text, languageId)) {
    if (link.isRemote || !link.path || !isLocalImagePath(link.path)) continue;
    const target = resolveLinkTarget(documentPath, link.path, workspaceFolder);
    if (seen.has(target)) continue;
    seen.add(target);
    const present = await fs.stat(target).then(
      () => true,
      () => false,
    );
    if (!present) missing.push({ link, target });
  }
  return missing;
}
