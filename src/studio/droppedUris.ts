/**
 * What a drop on the Studio's references area carries. VS Code hands a webview the dragged Explorer files
 * (with Shift held) as `application/vnd.code.uri-list` and `text/uri-list`: one URI per line (RFC 2483,
 * `#` lines are comments). The URIs go to the host, which keeps only files inside the workspace. No imports:
 * the webview uses this.
 */

/** The formats read, in order of preference. */
export const URI_LIST_TYPES = ['application/vnd.code.uri-list', 'text/uri-list'] as const;

/** At most this many URIs leave one drop (the host refuses more anyway). */
export const MAX_DROPPED_URIS = 64;

/** The URIs of a uri-list text (a JSON array of strings is accepted too), without duplicates. */
export function parseUriList(text: string): string[] {
  const trimmed = text.trim();
  let lines: unknown[] = trimmed.split(/\r?\n/);
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) lines = parsed;
    } catch {
      // not JSON: read as lines
    }
  }
  const uris = lines
    .filter((line): line is string => typeof line === 'string')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && /^[a-z][a-z0-9+.-]*:/i.test(line) && line.length <= 4096);
  return [...new Set(uris)].slice(0, MAX_DROPPED_URIS);
}
