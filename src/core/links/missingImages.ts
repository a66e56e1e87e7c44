import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { OutsideWorkspaceError, resolveInsideWorkspace } from '../files/containment';
import { findImageLinks, isLocalImagePath, type ImageLink } from './imageLinks';
import { LinkedFileChecks, type FileState } from './linkedFileChecks';
import { resolveLinkTarget } from './linkTarget';

/** A linked local image whose file does not exist yet. */
export interface MissingImage {
  link: ImageLink;
  /** Absolute path the link names. */
  target: string;
}

/** A missing image and whether a symlink by its name leads nowhere (then its containment is checked alone). */
interface CheckedMissing extends MissingImage {
  state: Exclude<FileState, 'present'>;
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
  /** What is known about the files; the editor keeps one across passes and tells it what changed. */
  checks: LinkedFileChecks = new LinkedFileChecks(),
): Promise<MissingImage[]> {
  return (await checkMissing(links, documentPath, workspaceFolder, checks)).map(({ link, target }) => ({ link, target }));
}

/**
 * The missing images a lens offers to generate: {@link findMissingImages} without those the command would
 * refuse for their target (outside `roots`, as {@link refusalReason} says); one without alt text stays, as
 * the command asks for a prompt then. Containment is resolved once per directory, not per link: a name that does not exist resolves to
 * its directory's real path plus the name, so its siblings share the answer (a dangling symlink is
 * followed alone, as {@link outsideRefusal} would).
 */
export async function missingImagesToOffer(
  links: readonly ImageLink[],
  documentPath: string,
  workspaceFolder: string | undefined,
  roots: string[],
  checks: LinkedFileChecks = new LinkedFileChecks(),
): Promise<MissingImage[]> {
  const missing = await checkMissing(links, documentPath, workspaceFolder, checks);
  const byDirectory = new Map<string, Promise<boolean>>();
  const outside = (item: CheckedMissing) => outsideRefusal(item.link.path, item.target, roots).then((refusal) => refusal !== undefined);
  const refused = await Promise.all(
    missing.map((item) => {
      // As refusalReason: without alt text the refusal is `no-alt`, never `outside`, and the lens stays.
      if (!item.link.alt.trim()) return false;
      if (item.state === 'dangling') return outside(item);
      const directory = path.dirname(item.target);
      let verdict = byDirectory.get(directory);
      if (!verdict) byDirectory.set(directory, (verdict = outside(item)));
      return verdict;
    }),
  );
  return missing.filter((_, i) => !refused[i]).map(({ link, target }) => ({ link, target }));
}

async function checkMissing(links: readonly ImageLink[], documentPath: string, workspaceFolder: string | undefined, checks: LinkedFileChecks): Promise<CheckedMissing[]> {
  const seen = new Set<string>();
  const candidates: MissingImage[] = [];
  for (const link of links) {
    if (link.isRemote || !link.path || !isLocalImagePath(link.path)) continue;
    const target = resolveLinkTarget(documentPath, link.path, workspaceFolder);
    if (seen.has(target)) continue;
    seen.add(target);
    candidates.push({ link, target });
  }
  // One listing per directory (or one check per file in a sparsely linked one), side by side.
  const states = await checks.states(candidates.map((c) => c.target));
  return candidates.flatMap((item, i) => (states[i] === 'present' ? [] : [{ ...item, state: states[i] as CheckedMissing['state'] }]));
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
