/**
 * The Studio's reference images as a list: what the area shows, what Generate sends (workspace-relative
 * paths only). Adding keeps the order the user chose, never holds one file twice and stops at the model's
 * `maxItems`, saying which files were left out and why. Shared by the webview and the host: it imports
 * nothing but `@vscode/l10n`, which both configure.
 */
import * as l10n from '@vscode/l10n';

/** One reference image as the host checked it and the webview shows it. */
export interface ReferenceItem {
  /** Workspace-relative path: all the webview ever sends back. */
  path: string;
  name: string;
  /** `asWebviewUri` of the file, for its thumbnail. */
  src?: string;
  width: number;
  height: number;
  /** File size in bytes. */
  bytes: number;
}

/** How many images the model's image input takes, and how large each may be. */
export interface ReferenceLimits {
  minItems: number;
  maxItems: number;
  /** The lower of RunComfy's 6 MiB cap and the model's own file-size rule. */
  maxBytes: number;
}

/** The list after an add, with what was left out. */
export interface ReferenceAdd {
  list: ReferenceItem[];
  /** Paths already in the list. */
  duplicates: string[];
  /** Paths that did not fit under `maxItems`. */
  overCap: string[];
}

/** Appends `added` to `list` in order, skipping paths already there and stopping at `maxItems`. */
export function addReferences(list: readonly ReferenceItem[], added: readonly ReferenceItem[], maxItems: number): ReferenceAdd {
  const next = [...list];
  const duplicates: string[] = [];
  const overCap: string[] = [];
  for (const item of added) {
    if (next.some((existing) => samePath(existing.path, item.path))) duplicates.push(item.path);
    else if (next.length >= maxItems) overCap.push(item.path);
    else next.push(item);
  }
  return { list: next, duplicates, overCap };
}

/** The list without `path`. */
export function removeReference(list: readonly ReferenceItem[], path: string): ReferenceItem[] {
  return list.filter((item) => !samePath(item.path, path));
}

/** The list cut to `maxItems` (after a model with a lower cap was chosen). */
export function capReferences(list: readonly ReferenceItem[], maxItems: number): ReferenceItem[] {
  return list.slice(0, Math.max(0, maxItems));
}

/** What the area says under its title: "2 of 10 · PNG, JPEG or WebP · up to 6 MiB each". */
export function referenceLimitsText(count: number, limits: Pick<ReferenceLimits, 'maxItems' | 'maxBytes'>): string {
  return l10n.t('{0} of {1} · PNG, JPEG or WebP · up to {2} each', count, limits.maxItems, sizeText(limits.maxBytes));
}

/** Why some files were not added, or undefined when every one was. */
export function referenceAddNotice(result: Pick<ReferenceAdd, 'duplicates' | 'overCap'>, maxItems: number): string | undefined {
  const parts: string[] = [];
  if (result.duplicates.length > 0) parts.push(result.duplicates.length === 1 ? l10n.t('{0} is already a reference.', names(result.duplicates)) : l10n.t('{0} are already references.', names(result.duplicates)));
  if (result.overCap.length > 0) parts.push(maxItems === 1 ? l10n.t('{0} not added: this model takes one image.', names(result.overCap)) : l10n.t('{0} not added: this model takes at most {1} images.', names(result.overCap), maxItems));
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** "1.5 MiB", "6 MiB", "800 KiB": binary units, as RunComfy states its caps. */
export function sizeText(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (mib >= 1) return `${Number(mib.toFixed(1))} MiB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}

function names(paths: readonly string[]): string {
  const base = paths.map((p) => p.split('/').pop() ?? p);
  return base.length <= 3 ? base.join(', ') : `${base.slice(0, 3).join(', ')} and ${base.length - 3} more`;
}

/** Paths as the host writes them: `/`-separated, compared exactly (a workspace may be case-sensitive). */
function samePath(a: string, b: string): boolean {
  return a === b;
}
