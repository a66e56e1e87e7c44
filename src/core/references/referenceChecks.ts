/**
 * `core/references/`: images sent as inputs to edit models: the schema's media fields, data URIs, the
 * checks and caps, and the names of edit results. This file is the checks.
 *
 * Checks a reference image before anything is sent: a real PNG, JPEG or WebP (by its bytes, not its name),
 * within the model's published `validations` (file size, aspect ratio, pixel minimums) and RunComfy's own
 * caps (6 MiB and 32 MP per image, 64 MiB per request: PROTOCOL §8). Each message names the file, the limit
 * and by how much it is missed, so the user knows what to change.
 */
import type { MediaValidation } from '../../runcomfy/inputSchema';
import { detectMediaType } from '../../runcomfy/mediaType';
import { readImageSize, type PixelSize } from '../images/imageSize';
import { dataUriLength } from './dataUri';
import { MAX_REFERENCE_BYTES } from './referenceCaps';

const MIB = 1024 * 1024;
export { MAX_REFERENCE_BYTES };
export const MAX_REFERENCE_PIXELS = 32_000_000;
/** The whole submit body, data URIs included. */
export const MAX_REQUEST_BYTES = 64 * MIB;
/** The types edit models take (what RunComfy's nodes and the Explorer menu offer). */
export const REFERENCE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** A reference image that passed its checks. */
export interface CheckedReference {
  /** What the user calls it (workspace-relative path): used in messages, never sent. */
  name: string;
  bytes: Uint8Array;
  mime: string;
  size: PixelSize;
}

/** What the checks need about the model. */
export interface ReferenceRules {
  /** The model's name for messages. */
  label: string;
  validations: readonly MediaValidation[];
}

export type ReferenceCheck = { ok: true; reference: CheckedReference } | { ok: false; message: string };

/**
 * Checks one image's bytes against the caps and the model's validations. `fileSize` is the file's real size
 * when `bytes` is only its head (a file over the cap is never read whole just to be refused).
 */
export function checkReference(name: string, bytes: Uint8Array, rules: ReferenceRules, fileSize = bytes.byteLength): ReferenceCheck {
  const fail = (message: string): ReferenceCheck => ({ ok: false, message });
  const type = detectMediaType(bytes);
  if (!type || type.kind !== 'image') return fail(`${name} is not a readable PNG, JPEG or WebP image.`);
  if (!(REFERENCE_MIME_TYPES as readonly string[]).includes(type.mime)) {
    return fail(`${name} is a ${type.extension.toUpperCase()} image; edit models take PNG, JPEG or WebP. Convert it first.`);
  }
  if (fileSize > MAX_REFERENCE_BYTES) {
    return fail(`${name} is ${mib(fileSize)}; RunComfy takes at most ${mib(MAX_REFERENCE_BYTES)} per image (${mib(fileSize - MAX_REFERENCE_BYTES)} too large).`);
  }
  const size = readImageSize(bytes);
  if (!size) return fail(`${name} is not a readable PNG, JPEG or WebP image: its pixel size cannot be read.`);
  const pixels = size.width * size.height;
  if (pixels > MAX_REFERENCE_PIXELS) {
    return fail(`${name} is ${megapixels(pixels)} (${size.width}×${size.height}); RunComfy takes at most ${megapixels(MAX_REFERENCE_PIXELS)} per image (${megapixels(pixels - MAX_REFERENCE_PIXELS)} too many).`);
  }
  for (const validation of rules.validations) {
    const message = validationProblem(name, fileSize, size, validation, rules.label);
    if (message) return fail(message);
  }
  return { ok: true, reference: { name, bytes, mime: type.mime, size } };
}

/** The number of images against the field's `minItems`/`maxItems`. */
export function checkReferenceCount(count: number, limits: { minItems: number; maxItems: number }, label: string): string | undefined {
  if (count > limits.maxItems) {
    return `${label} takes at most ${plural(limits.maxItems, 'image')}; ${count} were given (${count - limits.maxItems} too many).`;
  }
  if (count < limits.minItems) return `${label} needs at least ${plural(limits.minItems, 'image')}; ${count} were given.`;
  return undefined;
}

/** The whole body against the 64 MiB cap: `otherBytes` is the body without the images. */
export function checkRequestSize(references: readonly CheckedReference[], otherBytes: number): string | undefined {
  const total = otherBytes + references.reduce((sum, ref) => sum + dataUriLength(ref.bytes.byteLength, ref.mime) + 3, 0);
  if (total <= MAX_REQUEST_BYTES) return undefined;
  return `The images come to ${mib(total)} once encoded; RunComfy takes at most ${mib(MAX_REQUEST_BYTES)} per request (${mib(total - MAX_REQUEST_BYTES)} too large). Send fewer or smaller images.`;
}

/** One published validation; unknown rules are RunComfy's to check (it answers 422), so they pass here. */
function validationProblem(name: string, bytes: number, size: PixelSize, validation: MediaValidation, label: string): string | undefined {
  const limit = typeof validation.value === 'number' ? validation.value : Number(validation.value);
  if (!Number.isFinite(limit)) return undefined;
  const ratio = size.width / size.height;
  const shape = `${size.width}×${size.height}, ${ratioText(ratio)}`;
  switch (validation.rule) {
    case 'file_size_mb<': {
      // Read as decimal megabytes: the stricter reading, so a file this check passes is never refused for size.
      const max = limit * 1_000_000;
      if (bytes < max) return undefined;
      return `${name} is ${mb(bytes)}; ${label} takes images under ${limit} MB (${mb(bytes - max)} too large).`;
    }
    case 'width/height<':
      if (ratio < limit) return undefined;
      return `${name} is ${shape}; ${label} takes images narrower than ${ratioText(limit)} (crop it by at least ${Math.ceil(size.width - limit * size.height) + 1} px of width).`;
    case 'width/height>':
      if (ratio > limit) return undefined;
      return `${name} is ${shape}; ${label} takes images wider than ${ratioText(limit)} (crop it by at least ${Math.ceil(size.height - size.width / limit) + 1} px of height).`;
    case 'width_pixels>':
      if (size.width > limit) return undefined;
      return `${name} is ${size.width} px wide; ${label} needs more than ${limit} px (${limit - size.width + 1} px short).`;
    case 'height_pixels>':
      if (size.height > limit) return undefined;
      return `${name} is ${size.height} px high; ${label} needs more than ${limit} px (${limit - size.height + 1} px short).`;
    default:
      return undefined;
  }
}

/** Binary units, as the caps are stated; a small excess shows in KiB or bytes rather than "0.0 MiB". */
function mib(bytes: number): string {
  if (bytes >= MIB) return `${Number((bytes / MIB).toFixed(1))} MiB`;
  return bytes >= 1024 ? `${Math.ceil(bytes / 1024)} KiB` : plural(bytes, 'byte');
}

/** Decimal units, as the model's `file_size_mb` rule states its limit. */
function mb(bytes: number): string {
  if (bytes >= 1_000_000) return `${Number((bytes / 1_000_000).toFixed(1))} MB`;
  return bytes >= 1000 ? `${Math.ceil(bytes / 1000)} kB` : plural(bytes, 'byte');
}

function megapixels(pixels: number): string {
  return `${(pixels / 1_000_000).toFixed(1)} MP`;
}

function ratioText(ratio: number): string {
  return `${Number(ratio.toFixed(2))}:1`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
