/**
 * A small glob matcher with the semantics VS Code's Markdown extension gets from picomatch with
 * `{ dot: true }`: `*` and `?` stay inside one path segment, `**` spans segments (dot-files included),
 * `[abc]`/`[!abc]` classes, `{a,b}` alternatives (nestable) and `\` escapes.
 *
 * Why not `path.matchesGlob`: on Node 20 it is experimental (prints a warning into the extension host's
 * output) and it has no `dot` option, so `**\/*.md` would not match `.github/README.md` where VS Code does.
 */

import { boundedTest } from './boundedRegex';

/** Compiles a glob into an anchored regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${compile(glob)}$`);
}

/**
 * True when the `/`-separated `filePath` matches `glob` as a whole. Globs come from settings, and the
 * regex they compile to can backtrack for seconds (`*a*a*a*a*a*a*a*a*b.md`), so the match is time-limited:
 * throws `RegexTimeoutError` then, and `SyntaxError` for a glob like `[z-a]`.
 */
export function matchesGlob(filePath: string, glob: string): boolean {
  return boundedTest(filePath, `^${compile(glob)}$`);
}

function compile(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    switch (char) {
      case '\\':
        i++;
        out += i < glob.length ? escapeRegExp(glob[i]!) : '\\\\';
        break;
      case '*': {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        if (glob[i + 1] === '*' && atSegmentStart && (i + 2 === glob.length || glob[i + 2] === '/')) {
          // `**/` is zero or more whole segments; a trailing `**` is anything at all.
          if (i + 2 === glob.length) {
            out += '.*';
            i += 1;
          } else {
            out += '(?:.*/)?';
            i += 2;
          }
        } else {
          while (glob[i + 1] === '*') i++; // `a**b` inside a segment is just `*`
          out += '[^/]*';
        }
        break;
      }
      case '?':
        out += '[^/]';
        break;
      case '[': {
        const end = findClassEnd(glob, i);
        if (end < 0) {
          out += '\\[';
          break;
        }
        let body = glob.slice(i + 1, end);
        const negated = body.startsWith('!') || body.startsWith('^');
        if (negated) body = body.slice(1);
        out += `[${negated ? '^/' : ''}${body.replace(/[\\\]^]/g, (c) => (c === '\\' ? '\\\\' : `\\${c}`))}]`;
        i = end;
        break;
      }
      case '{': {
        const end = findBraceEnd(glob, i);
        if (end < 0) {
          out += '\\{';
          break;
        }
        const alternatives = splitTopLevelCommas(glob.slice(i + 1, end));
        out += `(?:${alternatives.map(compile).join('|')})`;
        i = end;
        break;
      }
      default:
        out += escapeRegExp(char);
    }
  }
  return out;
}

function findClassEnd(glob: string, start: number): number {
  // A `]` right after `[` or `[!` is a literal member, as in POSIX classes.
  let i = start + 1;
  if (glob[i] === '!' || glob[i] === '^') i++;
  if (glob[i] === ']') i++;
  for (; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === ']') return i;
  }
  return -1;
}

function findBraceEnd(glob: string, start: number): number {
  let depth = 0;
  for (let i = start; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevelCommas(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') i++;
    else if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(body.slice(from));
  return parts;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
