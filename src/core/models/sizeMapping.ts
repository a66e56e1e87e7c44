/**
 * The one place a wanted picture size becomes the model's own inputs: integer `width`/`height` in the
 * model's range (scaled and snapped when needed, with a note), the nearest `image_size` / `aspect_ratio`
 * enum value by shape plus a `resolution`-style enum where the model has one, or nothing for a model that
 * takes no size. The file's real size is read from its bytes afterwards; this only chooses what to ask.
 */
import * as l10n from '@vscode/l10n';
import type { InputField, ModelInputSchema } from '../../runcomfy/inputSchema';
import { clampToRange, type Size } from '../images/size';

/** An enum value that names a shape: `16:9`, `landscape_4_3`, `square_hd`, `1024x768`. */
export interface ShapeOption {
  value: string | number;
  /** Width divided by height. */
  ratio: number;
  /** Pixel count when the value implies one (named sizes, `WxH`), for telling `square` from `square_hd`. */
  pixels?: number;
}

/** An enum value that names a resolution: `1K`, `2K`, `720p`, `1 MP`. */
export interface ResolutionOption {
  value: string | number;
  longSide?: number;
  shortSide?: number;
  pixels?: number;
}

/** How a model takes its size. */
export type SizeStyle =
  | { style: 'dimensions'; width: InputField; height: InputField }
  | { style: 'enum'; shape?: { field: string; options: ShapeOption[] }; resolution?: { field: string; options: ResolutionOption[] } }
  | { style: 'none' };

/** What a wanted size became. */
export interface SizeMapping {
  style: SizeStyle['style'];
  /** The inputs to send (empty for `none`). */
  inputs: Record<string, string | number>;
  /** For `dimensions`: the size asked of the model. */
  size?: Size;
  /** Set when the request could not be met as asked, for the user. */
  note?: string;
}

const SHAPE_FIELDS = /^(image_size|aspect_ratio|image_aspect_ratio|size|ratio)$/;
const RESOLUTION_FIELDS = /^(resolution|image_resolution|output_resolution|size)$/;
/** Pixel sizes of the named sizes catalog models use (fal's conventions, which RunComfy's Flux models share). */
const NAMED_SIZES: Record<string, Size> = {
  square_hd: { width: 1024, height: 1024 },
  square: { width: 512, height: 512 },
  portrait_4_3: { width: 768, height: 1024 },
  portrait_16_9: { width: 576, height: 1024 },
  landscape_4_3: { width: 1024, height: 768 },
  landscape_16_9: { width: 1024, height: 576 },
};
/** Snap for sizes that had to be scaled: diffusion models work in 16-pixel blocks. */
const SCALE_SNAP = 16;

const styles = new WeakMap<ModelInputSchema, SizeStyle>();

/** How `schema` takes a size (cached per schema). */
export function sizeStyleOf(schema: ModelInputSchema): SizeStyle {
  let style = styles.get(schema);
  if (!style) {
    style = detectSizeStyle(schema);
    styles.set(schema, style);
  }
  return style;
}

function detectSizeStyle(schema: ModelInputSchema): SizeStyle {
  const width = schema.byName.get('width');
  const height = schema.byName.get('height');
  const numeric = (field: InputField | undefined) => field?.kind === 'integer' || field?.kind === 'number';
  if (numeric(width) && numeric(height)) return { style: 'dimensions', width: width!, height: height! };
  let shape: { field: string; options: ShapeOption[] } | undefined;
  let resolution: { field: string; options: ResolutionOption[] } | undefined;
  for (const field of schema.fields) {
    if (field.kind !== 'enum' || !field.enum) continue;
    const shapes = SHAPE_FIELDS.test(field.name) ? field.enum.flatMap((v) => shapeOf(v) ?? []) : [];
    const resolutions = RESOLUTION_FIELDS.test(field.name) ? field.enum.flatMap((v) => resolutionOf(v) ?? []) : [];
    if (!shape && shapes.length) shape = { field: field.name, options: shapes };
    else if (!resolution && resolutions.length) resolution = { field: field.name, options: resolutions };
  }
  return shape || resolution ? { style: 'enum', ...(shape ? { shape } : {}), ...(resolution ? { resolution } : {}) } : { style: 'none' };
}

/** The shape an enum value names, if any (`auto`, `match_input_image` and the like name none). */
export function shapeOf(value: string | number | boolean): ShapeOption | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  const named = NAMED_SIZES[text];
  if (named) return { value, ratio: named.width / named.height, pixels: named.width * named.height };
  const ratio = /^(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)$/.exec(text);
  if (ratio && Number(ratio[2]) > 0 && Number(ratio[1]) > 0) return { value, ratio: Number(ratio[1]) / Number(ratio[2]) };
  const pixels = /^(\d+)\s*[x*×]\s*(\d+)$/.exec(text);
  if (pixels && Number(pixels[1]) > 0 && Number(pixels[2]) > 0) {
    const [w, h] = [Number(pixels[1]), Number(pixels[2])];
    return { value, ratio: w / h, pixels: w * h };
  }
  const oriented = /^(portrait|landscape)_(\d+)_(\d+)(_hd)?$/.exec(text);
  if (oriented) {
    const [a, b] = [Number(oriented[2]), Number(oriented[3])];
    if (a > 0 && b > 0) return { value, ratio: oriented[1] === 'landscape' ? Math.max(a, b) / Math.min(a, b) : Math.min(a, b) / Math.max(a, b) };
  }
  if (text === 'square' || text === 'square_hd') return { value, ratio: 1 };
  return undefined;
}

/** The resolution an enum value names, if any. */
export function resolutionOf(value: string | number | boolean): ResolutionOption | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  const k = /^(\d+(?:\.\d+)?)\s*k$/.exec(text);
  if (k) return { value, longSide: Number(k[1]) * 1024 };
  const p = /^(\d+)\s*p$/.exec(text);
  if (p) return { value, shortSide: Number(p[1]) };
  const mp = /^(\d+(?:\.\d+)?)\s*mp$/.exec(text);
  if (mp) return { value, pixels: Number(mp[1]) * 1_000_000 };
  return undefined;
}

/**
 * The model's inputs for a wanted `size`. In-range integer sizes are sent as asked; others are fitted into
 * the range keeping the shape where possible and snapped to the schema's `multipleOf` (else 16). Enum
 * models get the value of the closest shape (then the closest pixel count) and the resolution closest to
 * the wanted pixel count; the note says what was chosen when it is not an exact match.
 */
export function mapSizeToInputs(schema: ModelInputSchema, size: Size): SizeMapping {
  const style = sizeStyleOf(schema);
  const asked = `${size.width}×${size.height}`;
  switch (style.style) {
    case 'none':
      return { style: 'none', inputs: {}, note: l10n.t('This model takes no size; {0} is not sent.', asked) };
    case 'dimensions':
      return mapDimensions(style.width, style.height, size);
    case 'enum':
      return mapEnums(style, size);
  }
}

function mapDimensions(widthField: InputField, heightField: InputField, size: Size): SizeMapping {
  const range = (field: InputField) => ({
    min: field.minimum ?? (field.exclusiveMinimum !== undefined ? field.exclusiveMinimum + 1 : 1),
    max: field.maximum ?? (field.exclusiveMaximum !== undefined ? field.exclusiveMaximum - 1 : Number.MAX_SAFE_INTEGER),
  });
  const w = range(widthField);
  const h = range(heightField);
  const multiple = widthField.multipleOf ?? heightField.multipleOf;
  const fits = (value: number, r: { min: number; max: number }) =>
    Number.isInteger(value) && value >= r.min && value <= r.max && (multiple === undefined || value % multiple === 0);
  const inputs = (s: Size) => ({ [widthField.name]: s.width, [heightField.name]: s.height });
  if (fits(size.width, w) && fits(size.height, h)) return { style: 'dimensions', inputs: inputs(size), size: { ...size } };
  // One range for both sides (clampToRange's model): where the two differ, the sizes both accept.
  const both = { min: Math.max(w.min, h.min), max: Math.min(w.max, h.max) };
  const shared = both.min <= both.max ? both : { min: w.min, max: w.max };
  const clamped = clampToRange({ width: Math.max(1, size.width), height: Math.max(1, size.height) }, shared, multiple ?? SCALE_SNAP);
  const fitted = { width: clamped.width, height: clamped.height };
  const note = clamped.note ?? l10n.t('{0}×{1} is not a whole-pixel size; using {2}×{3}', size.width, size.height, fitted.width, fitted.height);
  return { style: 'dimensions', inputs: inputs(fitted), size: fitted, note };
}

function mapEnums(style: Extract<SizeStyle, { style: 'enum' }>, size: Size): SizeMapping {
  const wantedRatio = size.width / size.height;
  const wantedPixels = size.width * size.height;
  const inputs: Record<string, string | number> = {};
  const notes: string[] = [];
  let ratio = wantedRatio;
  if (style.shape) {
    const best = nearest(style.shape.options, (o) => [Math.abs(Math.log(o.ratio / wantedRatio)), o.pixels === undefined ? 0 : Math.abs(Math.log(o.pixels / wantedPixels))]);
    inputs[style.shape.field] = best.value;
    ratio = best.ratio;
    if (Math.abs(Math.log(best.ratio / wantedRatio)) > 0.01) {
      notes.push(l10n.t('{0}×{1} ({2}:1) has no exact {3}; using the closest shape, {4}', size.width, size.height, wantedRatio.toFixed(2), style.shape.field, String(best.value)));
    }
  }
  if (style.resolution) {
    const best = nearest(style.resolution.options, (o) => [Math.abs(Math.log(pixelsOf(o, ratio) / wantedPixels))]);
    inputs[style.resolution.field] = best.value;
  }
  return { style: 'enum', inputs, ...(notes.length ? { note: notes.join('; ') } : {}) };
}

/** Pixel count of a resolution at a shape (`1K` at 16:9 is 1024×576). */
function pixelsOf(option: ResolutionOption, ratio: number): number {
  const wide = Math.max(ratio, 1 / ratio);
  if (option.longSide !== undefined) return (option.longSide * option.longSide) / wide;
  if (option.shortSide !== undefined) return option.shortSide * option.shortSide * wide;
  return option.pixels!;
}

/** The option with the smallest distance (compared key by key); the first of equals wins. */
function nearest<T extends object>(options: readonly T[], distance: (option: T) => number[]): T {
  let best = options[0]!;
  let bestKey = distance(best);
  for (const option of options.slice(1)) {
    const key = distance(option);
    const i = key.findIndex((value, index) => Math.abs(value - bestKey[index]!) > 1e-9);
    if (i >= 0 && key[i]! < bestKey[i]!) {
      best = option;
      bestKey = key;
    }
  }
  return best;
}
