/**
 * File naming for generated images: a readable slug from the prompt, collision-free names in the style of
 * VS Code Markdown's `newFilePathGenerator.ts` (`name.png`, `name-1.png`, …) and extension swaps when the
 * service returns a different format than the link asked for.
 */
import * as path from 'node:path';

/** Used when a prompt has no ASCII letters or digits left after folding (e.g. only emoji or CJK). */
const FALLBACK_SLUG = 'image';

/**
 * Turns a prompt into a lower-case ASCII file-name stem: diacritics folded via NFKD, every run of other
 * characters becomes one `-`, cut on a word boundary at `maxLength`. Never empty: falls back to `image`.
 */
export function slugFromPrompt(prompt: string, maxLength = 60): string {
  const words = prompt
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // combining marks left by NFKD: é → e
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
  const limit = Math.max(1, Math.floor(maxLength));
  let slug = '';
  for (const word of words) {
    const candidate = slug ? `${slug}-${word}` : word;
    if (candidate.length > limit) {
      // A single over-long first word is cut hard rather than dropped, so the name still says something.
      if (!slug) slug = word.slice(0, limit);
      break;
    }
    slug = candidate;
  }
  return slug || FALLBACK_SLUG;
}

/**
 * Returns `target` if it is free, else the first free `stem-1.ext`, `stem-2.ext`, … beside it.
 * `exists` is passed in so callers can check the real file system, VS Code's or a set of names already
 * promised to other jobs in the same batch.
 */
export async function nextFreePath(target: string, exists: (p: string) => Promise<boolean>): Promise<string> {
  const dir = path.dirname(target);
  const ext = path.extname(target);
  const stem = path.basename(target, ext);
  for (let i = 0; ; i++) {
    const candidate = i === 0 ? target : path.join(dir, `${stem}-${i}${ext}`);
    if (!(await exists(candidate))) return candidate;
  }
}

/**
 * Replaces (or adds) the extension of the last path segment. `ext` may be given with or without the dot.
 * Works for both `/` and platform separators because it only touches the text after the last separator.
 */
export function replaceExtension(filePath: string, ext: string): string {
  const dotted = ext === '' || ext.startsWith('.') ? ext : `.${ext}`;
  const lastSeparator = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'));
  const base = filePath.slice(lastSeparator + 1);
  const dot = base.lastIndexOf('.');
  // A leading dot (".env") is a hidden file name, not an extension.
  const stemLength = dot > 0 ? dot : base.length;
  return filePath.slice(0, lastSeparator + 1) + base.slice(0, stemLength) + dotted;
}
