/**
 * `url(…)` references in one line of CSS, SCSS or Less: quoted or bare, with the path decoded as a browser
 * reads it (CSS escapes are rare in image paths and are left as written). Line-bounded and linear, so a hover
 * costs nothing on a long stylesheet.
 */

/** One `url()` in a line: the path and where it stands (character offsets in the line). */
export interface CssUrl {
  path: string;
  start: number;
  end: number;
}

const URL_CALL = /url\(\s*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s'"()]*))\s*\)/gi;

/** Every `url()` in `line`, in order. */
export function cssUrlsIn(line: string): CssUrl[] {
  const found: CssUrl[] = [];
  for (const match of line.matchAll(URL_CALL)) {
    const path = match[1] ?? match[2] ?? match[3] ?? '';
    if (path) found.push({ path, start: match.index!, end: match.index! + match[0].length });
  }
  return found;
}

/** The `url()` whose text contains `character` (ends inclusive), if any. */
export function cssUrlAt(line: string, character: number): CssUrl | undefined {
  return cssUrlsIn(line).find((url) => url.start <= character && character <= url.end);
}
