/**
 * Where a generated file goes, before collision handling. Follows the rules (and variables) of VS Code's
 * `markdown.copyFiles.destination` so generated images land where pasted images land:
 * a leading `/` means the document's workspace folder, a trailing `/` means a folder (the file name is
 * appended), anything else is relative to the document's folder.
 */
import * as path from 'node:path';
import { boundedReplace, RegexTimeoutError } from './boundedRegex';
import { matchesGlob } from './glob';

/** Everything the resolver needs, passed in so it stays free of `vscode`. */
export interface DestinationInput {
  /** Absolute path of the document the image is for; absent for the palette command with no editor. */
  documentPath?: string;
  /** Absolute path of the document's workspace folder (or the first folder when there is no document). */
  workspaceFolder: string;
  /** The file name to place, e.g. `hummingbird.png`. */
  fileName: string;
  /** The `runcomfy.destination` template, e.g. `/assets/generated/`. */
  template: string;
  /** VS Code's `markdown.copyFiles.destination` (glob → template); pass it only for Markdown documents. */
  markdownCopyFilesDestination?: Record<string, string>;
  /** All workspace folders, for globs anchored with a leading `/` (defaults to `[workspaceFolder]`). */
  workspaceFolders?: string[];
  /** Clock for `${isoDate}`, `${isoTime}`, `${unixTime}`; defaults to now. */
  now?: Date;
  /**
   * Receives one line per rule that was skipped (an invalid or runaway glob or `${var/regex/…/}`), for the
   * log: the image still saves, by the next rule that applies. Default: silent.
   */
  warn?: (message: string) => void;
}

/** Which setting decided the destination. */
export type DestinationRule =
  | { source: 'markdown.copyFiles.destination'; glob: string; template: string }
  | { source: 'runcomfy.destination'; template: string };

/** The resolved absolute target path and the rule that produced it. */
export interface ResolvedDestination {
  path: string;
  rule: DestinationRule;
}

/** Resolves the absolute target file path (before `-1`, `-2` collision handling). */
export function resolveDestination(input: DestinationInput): string {
  return resolveDestinationWithRule(input).path;
}

/** Like {@link resolveDestination}, also saying which setting (and which glob) applied. */
export function resolveDestinationWithRule(input: DestinationInput): ResolvedDestination {
  const rule = pickRule(input);
  const expanded = expandTemplate(withImpliedFolder(rule), input, rule.source);
  const base = input.documentPath ? path.dirname(input.documentPath) : input.workspaceFolder;
  return { path: path.resolve(base, expanded), rule };
}

function pickRule(input: DestinationInput): DestinationRule {
  if (input.documentPath && input.markdownCopyFilesDestination) {
    const documentPath = toSlashes(input.documentPath);
    const folders = input.workspaceFolders ?? [input.workspaceFolder];
    // Object order is the user's order in settings.json; like VS Code, the first matching glob wins.
    for (const [glob, template] of Object.entries(input.markdownCopyFilesDestination)) {
      if (typeof template !== 'string') continue;
      try {
        if (expandGlob(glob, folders).some((g) => matchesGlob(documentPath, g))) {
          return { source: 'markdown.copyFiles.destination', glob, template };
        }
      } catch (error) {
        // `[z-a]` or a runaway pattern: one bad rule must not stop every Markdown generation.
        input.warn?.(`markdown.copyFiles.destination: skipping the rule "${glob}": ${patternProblem(error)}.`);
      }
    }
  }
  return { source: 'runcomfy.destination', template: input.template };
}

/**
 * `runcomfy.destination` set to `/assets/images` (slash forgotten, no `${fileName}`, no extension) can
 * only mean a folder: every image would otherwise be saved as an extension-less file called `images`.
 * VS Code's own setting is left exactly as VS Code reads it.
 */
function withImpliedFolder(rule: DestinationRule): string {
  const template = rule.template.trim();
  if (rule.source !== 'runcomfy.destination' || !template || template.endsWith('/')) return template;
  if (/\$\{file(Name|ExtName)\b/.test(template) || /\.[^/.]+$/.test(template.split('/').pop()!)) return template;
  return `${template}/`;
}

/** A leading `/` anchors the glob to each workspace folder; any other glob may match at any depth. */
function expandGlob(glob: string, workspaceFolders: string[]): string[] {
  if (glob.startsWith('/')) return workspaceFolders.map((folder) => path.posix.join(toSlashes(folder), glob));
  return glob.startsWith('**') ? [glob] : [`**/${glob}`];
}

/**
 * Expands the implicit `/` prefix and suffix, then `${variable}` and `${variable/regex/replacement/}`.
 * `\$` is a literal `$`; unknown variables stay as written, as in VS Code.
 */
export function expandTemplate(template: string, input: DestinationInput, setting = 'runcomfy.destination'): string {
  let dest = template.trim() || '${fileName}';
  if (dest.startsWith('/')) dest = '${documentWorkspaceFolder}/' + dest.slice(1);
  if (dest.endsWith('/')) dest += '${fileName}';

  const vars = templateVariables(input);
  const pattern =
    /(?<escape>\\\$)|(?<!\\)\$\{(?<name>\w+)(?:\/(?<regex>(?:\\\/|[^}/])+)\/(?<replacement>(?:\\\/|[^}/])*)\/)?\}/g;
  return dest.replace(pattern, (match, ...rest) => {
    const groups = rest[rest.length - 1] as Record<string, string | undefined>;
    if (groups['escape']) return '$';
    const value = vars.get(groups['name']!);
    if (value === undefined) return match;
    const regex = groups['regex'];
    if (regex !== undefined) {
      try {
        return boundedReplace(value, unescapeSlashes(regex), unescapeSlashes(groups['replacement'] ?? ''));
      } catch (error) {
        // A bad user regex leaves the value untouched rather than failing (or freezing) the job.
        input.warn?.(`${setting}: ${match} left as \${${groups['name']}}: ${patternProblem(error)}.`);
        return value;
      }
    }
    return value;
  });
}

function patternProblem(error: unknown): string {
  if (error instanceof RegexTimeoutError) return error.message;
  return `not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
}

function templateVariables(input: DestinationInput): Map<string, string> {
  const folder = input.workspaceFolder;
  const doc = input.documentPath;
  const docDir = doc ? path.dirname(doc) : folder;
  const docFile = doc ? path.basename(doc) : '';
  const docExt = path.extname(docFile);
  const now = input.now ?? new Date();
  return new Map([
    ['documentDirName', docDir],
    ['documentRelativeDirName', toSlashes(path.relative(folder, docDir))],
    ['documentFileName', docFile],
    ['documentBaseName', docFile.slice(0, docFile.length - docExt.length)],
    ['documentExtName', docExt.replace('.', '')],
    ['documentFilePath', doc ?? ''],
    ['documentRelativeFilePath', doc ? toSlashes(path.relative(folder, doc)) : ''],
    ['documentWorkspaceFolder', folder],
    ['fileName', input.fileName],
    ['fileExtName', path.extname(input.fileName).replace('.', '')],
    ['isoDate', localIsoDate(now)],
    ['isoTime', now.toISOString()],
    ['unixTime', String(now.getTime())],
  ]);
}

/** `YYYY-MM-DD` in local time: the day the user sees on their clock. */
function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function unescapeSlashes(text: string): string {
  return text.replace(/\\\//g, '/');
}

function toSlashes(p: string): string {
  return p.split(path.sep).join('/');
}
