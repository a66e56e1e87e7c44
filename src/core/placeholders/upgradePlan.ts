/**
 * What "Generate Real Images for Placeholders" (editor and CLI) will do, before anything is sent: which
 * placeholders there are and which documents link each, the size the real image is asked for (the asked
 * size, or the nearest the model takes), and where it lands (the placeholder's own path).
 */
import * as path from 'node:path';
import type { PlaceholderMark } from './placeholderMark';
import { referencesTo, type LinkingDocument } from './relinkEdits';

/** A placeholder file and what links it. */
export interface PlannedUpgrade {
  /** Absolute path of the placeholder: the real image is written here (same name, replaced). */
  file: string;
  mark: PlaceholderMark;
  /** Absolute paths of the documents that link it, sorted, each once. */
  linkedFrom: string[];
}

/** Each placeholder with the documents (of `documents`) that link it, in the order given. */
export function planUpgrades(placeholders: readonly { file: string; mark: PlaceholderMark }[], documents: readonly LinkingDocument[]): PlannedUpgrade[] {
  return placeholders.map(({ file, mark }) => ({
    file,
    mark,
    linkedFrom: [...new Set(referencesTo(file, documents).map(({ document }) => document.path))].sort(),
  }));
}

/**
 * Where the real image of `file` ends up when its bytes are of type `extension`: the same path when the
 * extension fits, else the same name with the new extension (the saver then picks a free `-n` name if even
 * that is taken).
 */
export function upgradedPath(file: string, extension: string): string {
  const current = path.extname(file).slice(1).toLowerCase();
  if (current === extension || (extension === 'jpg' && current === 'jpeg')) return file;
  return path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.${extension}`);
}

/** `640 × 480`, as the lists show an asked size. */
export function formatSize(mark: Pick<PlaceholderMark, 'width' | 'height'>): string {
  return `${mark.width} × ${mark.height}`;
}
