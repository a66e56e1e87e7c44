/**
 * Glob matching for `markdown.copyFiles.destination`, by the library VS Code's own Markdown extension
 * uses for that setting (picomatch, with `{ dot: true }`), so a rule matches here exactly when VS Code
 * would paste images by it: `**\/*.md` matches `.github/README.md`, `*` stays inside one segment,
 * `{a,b}`, `[abc]`/`[!abc]` and `\` escapes work as in VS Code.
 *
 * picomatch is required on first use, not imported: the activation bundle stays without it (esbuild.mjs
 * puts it in `dist/picomatch.js`), and only Markdown documents with that setting ever load it.
 */
import type * as Picomatch from 'picomatch';
import { boundedTest } from './boundedRegex';

/**
 * True when the `/`-separated `filePath` matches `glob` as a whole. Globs come from settings, and the
 * regex they compile to can backtrack for seconds (`*a*a*a*a*a*a*a*a*b.md`), so the match is time-limited:
 * throws `RegexTimeoutError` then, and `SyntaxError` for a glob like `[z-a]`.
 */
export function matchesGlob(filePath: string, glob: string): boolean {
  const picomatch = require('picomatch') as typeof Picomatch;
  // `debug` makes an invalid class throw instead of silently matching nothing, so the rule is reported;
  // `windows: false` because paths and globs here always use `/` (and `\` stays an escape).
  const regex = picomatch.makeRe(glob, { dot: true, windows: false, debug: true });
  return boundedTest(filePath, regex.source, regex.flags);
}
