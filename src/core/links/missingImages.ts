import { promises as fs } from 'node:fs';
import * as l10n from '@vscode/l10n';
import { OutsideWorkspaceError, resolveInsideWorkspace } from '../files/containment';
import { findImageLinks, isLocalImagePath, type ImageLink } from './imageLinks';
import { mapConcurrently } from '../files/mapConcurrently';
import { resolveLinkTarget } from './linkTarget';

/** File checks in flight at once. */
const FILE_CHECKS_AT_ONCE = 32;

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
export async function findMissingImages(
  text: string,
  languageId: string,
  documentPath: string,
  workspaceFolder: string | undefined,
  /** The document's links when the caller has them parsed already (the editor keeps them per version). */
  links: readonly ImageLink[] = findImageLinks(text, languageId),
): Promise<MissingImage[]> {
  const seen = new Set<string>();
  const candidates: MissingImage[] = [];
  for (const link of links) {
    if (link.isRemote || !link.path || !isLocalImagePath(link.path)) continue;
    const target = resolveLinkTarget(documentPath, link.path, workspaceFolder);
    if (seen.has(target)) continue;
    seen.add(target);
    candidates.push({ link, target });
  }
  // Side by side: 2,000 links are 2,000 file checks, which in sequence would take the whole CodeLens budget.
  const present = await mapConcurrently(candidates, FILE_CHECKS_AT_ONCE, (item) => fileExists(item.target));
  return candidates.filter((_, i) => !present[i]);
}

/** True when `file` exists (as anything). */
function fileExists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
/** Where images may be written, as a refusal names it: the editor's workspace or the CLI's project root. */
export interface WriteScope {
  /** e.g. "the workspace", "the project root /home/me/site". */
  label: string;
  /** What the user can do about it, e.g. "pass --root to choose another". */
  hint?: string;
}

export const WORKSPACE_SCOPE: WriteScope = { label: l10n.t('the workspace') };

/**
 * The one wording for a link whose target lies outside where images may be written: the editor's message,
 * the reason a CodeLens is not offered, and the CLI's refusal all say the same thing.
 */
export function outsideScopeMessage(linkPath: string, scope: WriteScope): string {
  return scope.hint
    ? l10n.t('{0} points outside {1}; images are only written inside it ({2}).', linkPath, scope.label, scope.hint)
    : l10n.t('{0} points outside {1}; images are only written inside it.', linkPath, scope.label);
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
export async function refusalReason(item: MissingImage, roots: string[], scope: WriteScope = WORKSPACE_SCOPE): Promise<Refusal | undefined> {
  if (!item.link.alt.trim()) return { kind: 'no-alt', message: l10n.t('no alt text to use as the prompt') };
  return outsideRefusal(item.link.path || item.link.rawPath, item.target, roots, scope);
}

/** The `outside` refusal for one target, or `undefined` when it lies inside `roots` (after following symlinks). */
export async function outsideRefusal(linkPath: string, target: string, roots: string[], scope: WriteScope = WORKSPACE_SCOPE): Promise<Refusal | undefined> {
  try {
    await resolveInsideWorkspace(target, roots);
    return undefined;
  } catch (error) {
    if (error instanceof OutsideWorkspaceError) return { kind: 'outside', message: outsideScopeMessage(linkPath, scope) };
    throw error;
  }
}
