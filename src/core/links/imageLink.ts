/**
 * The shape every link finder returns (Markdown, reference-style, `<img>`), in its own file so the finders and
 * `imageLinks.ts`, which combines them, do not import each other.
 */
/** One image reference in a document. */
export interface ImageLink {
  /** `markdown` = `![alt](path)`, `reference` = `![alt][ref]`/`![alt][]`/`![ref]`, `html` = `<img>`. */
  kind: 'markdown' | 'reference' | 'html';
  /** Alt text, decoded (escapes and entities resolved). */
  alt: string;
  /** The path as a file path: `<>` stripped, `%20` and escapes decoded. */
  path: string;
  /** The path exactly as written (`text.slice(pathStart, pathEnd)`), including any `<…>`. */
  rawPath: string;
  title?: string;
  /** The whole link or tag: `![…](…)`, `![…][…]` or `<img …>`. */
  start: number;
  end: number;
  /**
   * The raw path text to replace when the link is rewritten. For references this is in the definition
   * line; for Markdown it includes the `<…>` so a new, differently encoded link can replace it whole; for
   * `<img>` it is the text between the quotes.
   */
  pathStart: number;
  pathEnd: number;
  /** The raw alt text; for an `<img>` without `alt` an empty range right after `<img`. */
  altStart: number;
  altEnd: number;
  /** `http(s):`, `data:` and `//…` paths. */
  isRemote: boolean;
  /** For `reference` links: the normalized label that names the definition. */
  label?: string;
}
