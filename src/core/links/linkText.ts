/**
 * Decoding of link text as written in documents into the path or text it stands for: Markdown backslash
 * escapes, `<…>` destinations, HTML character references, JavaScript string escapes and `%XX` escapes.
 */

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Removes Markdown backslash escapes (`\[` → `[`); a backslash before anything else stays. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Decodes the common named and all numeric HTML character references; unknown ones stay as written. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g, (match, body: string) => {
    if (body[0] !== '#') return NAMED_ENTITIES[body] ?? match;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}

/** Decodes `%XX` sequences that form valid UTF-8; malformed ones (`100%`, `%E0%A4`) stay as written. */
export function decodePercent(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** Decodes the escapes of a JavaScript string literal's body (`\"`, `\\`, `\n`, `\u00e9`, `\u{1F600}`, `\x41`). */
export function unescapeJsString(body: string): string {
  const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' };
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])/g, (_, esc: string) => {
    if (esc.startsWith('u{')) return String.fromCodePoint(parseInt(esc.slice(2, -1), 16));
    if (esc.length > 1 && (esc[0] === 'u' || esc[0] === 'x')) return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (esc === '\n' || esc === '\r\n' || esc === '\r') return ''; // line continuation
    return simple[esc] ?? esc;
  });
}

/** The path a Markdown link destination stands for: `<>` stripped, escapes and `%XX` decoded. */
export function decodeMarkdownDestination(raw: string): string {
  let text = raw;
  if (text.startsWith('<') && text.endsWith('>')) text = text.slice(1, -1);
  return decodePercent(decodeHtmlEntities(unescapeMarkdown(text)));
}

/** Normalizes a reference label for lookup: case-folded, inner whitespace collapsed (CommonMark). */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toUpperCase().toLowerCase();
}

/** `http(s):`, `data:` and protocol-relative `//` paths are not files in the workspace. */
export function isRemotePath(path: string): boolean {
  return /^(?:https?:|data:|\/\/)/i.test(path.trim());
}
