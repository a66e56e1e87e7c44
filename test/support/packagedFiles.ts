/**
 * What package.json and .vscodeignore say about the packed extension, for the listing and walkthrough tests.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { manifest } from './localizedManifest';

export const repoRoot = path.join(__dirname, '../../..');
/** package.json with its `%key%` strings resolved to English (package.nls.json). */
export { manifest };

/** One step of `contributes.walkthroughs[].steps`. */
export interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { image?: string; altText?: string; markdown?: string };
  completionEvents?: string[];
}
export const walkthroughs: { id: string; title: string; description: string; steps: WalkthroughStep[] }[] = manifest.contributes.walkthroughs ?? [];

// .vscodeignore excludes everything (`**`) and packs what its `!pattern` lines name.
const packedPatterns = readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line.startsWith('!'))
  .map((line) => line.slice(1));

/** Whether the repository-relative `file` goes into the .vsix (vsce matches .vscodeignore with `dot: true`). */
export function packed(file: string): boolean {
  return packedPatterns.some((pattern) => picomatch.isMatch(file, pattern, { dot: true }));
}
