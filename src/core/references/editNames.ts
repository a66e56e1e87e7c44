/**
 * Names for edit results: beside the original, `hero.png` → `hero-edit.png`, then `hero-edit-1.png`, … (the
 * saver picks the first free one, so nothing is overwritten). Editing an edit continues the same series
 * (`hero-edit.png` → `hero-edit-1.png`) instead of growing `hero-edit-edit-edit.png`.
 */
import * as path from 'node:path';

const EDIT_SUFFIX = /-edit(?:-\d+)?$/;

/** The base file name (with `.png`; the saver follows the bytes) of an edit of `originalPath`. */
export function editResultBaseName(originalPath: string): string {
  const stem = path.basename(originalPath, path.extname(originalPath)).replace(EDIT_SUFFIX, '') || 'image';
  return `${stem}-edit.png`;
}
