import { promises as fs } from 'node:fs';
import { OutsideWorkspaceError, resolveInsideWorkspace } from './containment';
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

/** Why a missing image must not be generated. */
export interface Refusal {
  /** `no-alt`: nothing to use as the prompt; `outside`: the target lies outside every root. */
  kind: 'no-alt' | 'outside';
  message: string;
}

/**
 * Why a missing image must not be generated, or `undefined` when it may: it needs alt text to use as the
 * prompt, and its target must lie inside one of `roots` (after following symlinks). Shared by the editor
 * command and the CLI so both refuse the same links.
 */
export async function refusalReason(item: MissingImage, roots: string[]): Promise<Refusal | undefined> {
  if (!item.link.alt.trim()) return { kind: 'no-alt', message: 'no alt text to use as the prompt' };
  try {
    await resolveInsideWorkspace(item.target, roots);
    return undefined;
  } catch (error) {
    if (error instanceof OutsideWorkspaceError) return { kind: 'outside', message: error.message };
    throw error;
  }
}
