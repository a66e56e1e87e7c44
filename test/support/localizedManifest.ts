/**
 * package.json as VS Code shows it in English: every `%key%` string replaced by its entry in
 * package.nls.json, the way VS Code resolves the manifest when no language pack applies.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.join(__dirname, '../../..');

/** The raw package.json, with its `%key%` references. */
export const rawManifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
/** package.nls.json: the English text of every `%key%` (an entry is a string or `{ message, comment }`). */
export const manifestStrings: Record<string, string | { message: string; comment: string[] }> = JSON.parse(
  readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8'),
);

/** A manifest string that is wholly a `%key%` reference, as VS Code recognises it. */
export const MANIFEST_KEY = /^%([^%\s]+)%$/;

/** `value` with every `%key%` string resolved; a key without an entry is left as it is (the l10n test flags it). */
export function resolveManifestStrings<T>(value: T): T {
  if (typeof value === 'string') {
    const key = MANIFEST_KEY.exec(value)?.[1];
    const entry = key === undefined ? undefined : manifestStrings[key];
    return (entry === undefined ? value : typeof entry === 'string' ? entry : entry.message) as T;
  }
  if (Array.isArray(value)) return value.map((item) => resolveManifestStrings(item)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveManifestStrings(v)])) as T;
  }
  return value;
}

/** package.json with its strings in English. */
export const manifest = resolveManifestStrings(rawManifest);
