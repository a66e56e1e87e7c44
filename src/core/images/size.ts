/**
 * Image sizes typed by the user (`800x600 cozy cafe`), fitted to a model's allowed range, or read from
 * the `<img width height>` around the cursor.
 */
import * as l10n from '@vscode/l10n';
import { findAttribute, parseStartTag, type TagAttribute } from '../links/htmlImageTags';

/** A width and height in pixels. */
export interface Size {
  width: number;
  height: number;
}

/** The result of {@link clampToRange}. */
export interface ClampedSize extends Size {
  /** True when the size differs from the one asked for. */
  adjusted: boolean;
  /** Why and how it changed, for the user, e.g. "800×300 is outside 512–1536; using 1360×512 (same shape)". */
  note?: string;
}

// `800x600`, `800 x 600`, `1200×630`, `1200*630`, `800X600`; four digits at most per side.
const SIZE = String.raw`(\d{1,5})\s*[xX×*]\s*(\d{1,5})`;
const SIZE_AT_START = new RegExp(`^\\s*${SIZE}(?:\\s*px)?(?![\\w.])[\\s,:;–—-]*`);
const SIZE_AT_END = new RegExp(`(?:^|[\\s,:;(–—-])\\s*${SIZE}(?:\\s*px)?\\)?\\s*$`);

/**
 * Splits an optional size off the start or end of `input`; the rest, trimmed, is the prompt.
 * A size with a zero side is not a size and stays in the prompt.
 */
export function parseSizeAndPrompt(input: string): { width?: number; height?: number; prompt: string } {
  const start = SIZE_AT_START.exec(input);
  if (start && isPositive(start[1], start[2])) {
    return { width: Number(start[1]), height: Number(start[2]), prompt: input.slice(start[0].length).trim() };
  }
  const end = SIZE_AT_END.exec(input);
  if (end && isPositive(end[1], end[2])) {
    const prompt = input.slice(0, end.index).replace(/[\s,:;(–—-]+$/, '');
    return { width: Number(end[1]), height: Number(end[2]), prompt: prompt.trim() };
  }
  return { prompt: input.trim() };
}

function isPositive(...values: Array<string | undefined>): boolean {
  return values.every((value) => Number(value) > 0);
}

/**
 * Fits `size` into `range` (applied to both sides), keeping the aspect ratio when the range allows it
 * (else the closest shape the range allows), with both sides snapped to `multiple`.
 */
export function clampToRange(size: Size, range: { min: number; max: number }, multiple = 16): ClampedSize {
  const step = Math.max(1, Math.floor(multiple));
  let low = Math.ceil(range.min / step) * step;
  let high = Math.floor(range.max / step) * step;
  if (low > high) [low, high] = [range.min, range.max]; // no multiple fits: honour the range, not the step
  const { width, height } = size;
  const ratio = width / height;

  // The scale that changes the size least while bringing both sides into range, if one exists.
  const smallestScale = Math.max(low / width, low / height);
  const largestScale = Math.min(high / width, high / height);
  const scale = smallestScale <= largestScale ? Math.min(Math.max(1, smallestScale), largestScale) : undefined;
  const scaledWidth = scale === undefined ? (width >= height ? high : low) : width * scale;
  const scaledHeight = scale === undefined ? (width >= height ? low : high) : height * scale;

  const snap = (value: number) => Math.min(high, Math.max(low, Math.round(value / step) * step));
  const result = { width: snap(scaledWidth), height: snap(scaledHeight) };
  if (result.width === width && result.height === height) return { ...result, adjusted: false };

  const asked = `${width}×${height}`;
  const using = `${result.width}×${result.height}`;
  const outside = [width, height].some((side) => side < range.min || side > range.max);
  const sameShape = Math.abs(result.width / result.height / ratio - 1) < 0.02;
  const note = !outside
    ? l10n.t('{0} is not a multiple of {1}; using {2}', asked, step, using)
    : sameShape
      ? l10n.t('{0} is outside {1}–{2}; using {3} (same shape)', asked, range.min, range.max, using)
      : l10n.t('{0} is outside {1}–{2}; using {3} (closest shape)', asked, range.min, range.max, using);
  return { ...result, adjusted: true, note };
}

/** How far back to look for the `<img` the cursor may be in. */
const MAX_TAG_LOOKBEHIND = 4000;

/**
 * The `width`/`height` of the `<img>` the cursor is in, or of one next to it on the same line
 * (`width="800"`, `width='800px'`, JSX `width={800}`). Undefined unless both are plain pixel counts.
 */
export function inferSizeFromContext(text: string, offset: number, _languageId: string): Size | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndIndex = text.indexOf('\n', offset);
  const lineEnd = lineEndIndex < 0 ? text.length : lineEndIndex;

  const before = findTagOpenBefore(text, offset);
  const enclosing = before === undefined ? undefined : parseStartTag(text, before, before + 4);
  if (enclosing && (enclosing.end >= offset || enclosing.end >= lineStart)) return sizeOf(text, enclosing);

  const after = text.slice(offset, lineEnd).search(/<img(?=[\s/>])/i);
  if (after >= 0) {
    const tag = parseStartTag(text, offset + after, offset + after + 4);
    if (tag) return sizeOf(text, tag);
  }
  return undefined;
}

function findTagOpenBefore(text: string, offset: number): number | undefined {
  const windowStart = Math.max(0, offset - MAX_TAG_LOOKBEHIND);
  const window = text.slice(windowStart, offset).toLowerCase();
  for (let at = window.lastIndexOf('<img'); at >= 0; at = window.lastIndexOf('<img', at - 1)) {
    if (/[\s/>]/.test(text[windowStart + at + 4] ?? '>')) return windowStart + at;
    if (at === 0) break;
  }
  return undefined;
}

function sizeOf(text: string, tag: NonNullable<ReturnType<typeof parseStartTag>>): Size | undefined {
  const width = pixels(text, findAttribute(tag, 'width'));
  const height = pixels(text, findAttribute(tag, 'height'));
  return width && height ? { width, height } : undefined;
}

/** `800`, `"800"`, `"800px"` or `{800}`; percentages and expressions are not pixel sizes. */
function pixels(text: string, attribute: TagAttribute | undefined): number | undefined {
  if (!attribute) return undefined;
  const raw = attribute.value ?? text.slice(attribute.valueStart, attribute.valueEnd);
  const match = /^\s*(\d{1,5})\s*(?:px)?\s*$/.exec(raw);
  const value = match ? Number(match[1]) : 0;
  return value > 0 ? value : undefined;
}
