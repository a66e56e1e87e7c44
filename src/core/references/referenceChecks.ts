/**
 * `core/references/`: images sent as inputs to edit models: the schema's media fields, data URIs, the
 * checks and caps, and the names of edit results. This file is the checks.
 *
 * Checks a reference image before anything is sent: a real PNG, JPEG or WebP (by its bytes, not its name),
 * within the model's published `validations` (file size, aspect ratio, pixel minimums) and RunComfy's own
 * caps (6 MiB and 32 MP per image, 64 MiB per request: PROTOCOL §8). Each message names the file, the limit
 * and by how much it is missed, so the user knows what to change.
 */
import * as l10n from '@vscode/l10n';
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
  if (!type || type.kind !== 'image') return fail(l10n.t('{0} is not a readable PNG, JPEG or WebP image.', name));
  if (!(REFERENCE_MIME_TYPES as readonly string[]).includes(type.mime)) {
    return fail(l10n.t('{0} is a {1} image; edit models take PNG, JPEG or WebP. Convert it first.', name, type.extension.toUpperCase()));
  }
  if (fileSize > MAX_REFERENCE_BYTES) {
    return fail(l10n.t('{0} is {1}; RunComfy takes at most {2} per image ({3} too large).', name, mib(fileSize), mib(MAX_REFERENCE_BYTES), mib(fileSize - MAX_REFERENCE_BYTES)));
  }
  const size = readImageSize(bytes);
  if (!size) return fail(l10n.t('{0} is not a readable PNG, JPEG or WebP image: its pixel size cannot be read.', name));
  const pixels = size.width * size.height;
  if (pixels > MAX_REFERENCE_PIXELS) {
    return fail(l10n.t('{0} is {1} ({2}×{3}); RunComfy takes at most {4} per image ({5} too many).', name, megapixels(pixels), size.width, size.height, megapixels(MAX_REFERENCE_PIXELS), megapixels(pixels - MAX_REFERENCE_PIXELS)));
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
    return l10n.t('{0} takes at most {1}; {2} were given ({3} too many).', label, plural(limits.maxItems, 'image'), count, count - limits.maxItems);
  }
  if (count < limits.minItems) return l10n.t('{0} needs at least {1}; {2} were given.', label, plural(limits.minItems, 'image'), count);
  return undefined;
}

/** The whole body against the 64 MiB cap: `otherBytes` is the body without the images. */
export function checkRequestSize(references: readonly CheckedReference[], otherBytes: number): string | undefined {
  const total = otherBytes + references.reduce((sum, ref) => sum + dataUriLength(ref.bytes.byteLength, ref.mime) + 3, 0);
  if (total <= MAX_REQUEST_BYTES) return undefined;
  return l10n.t('The images come to {0} once encoded; RunComfy takes at most {1} per request ({2} too large). Send fewer or smaller images.', mib(total), mib(MAX_REQUEST_BYTES), mib(total - MAX_REQUEST_BYTES));
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
      return l10n.t('{0} is {1}; {2} takes images under {3} MB ({4} too large).', name, mb(bytes), label, limit, mb(bytes - max));
    }
    case 'width/height<':
      if (ratio < limit) return undefined;
      return l10n.t('{0} is {1}; {2} takes images narrower than {3} (crop it by at least {4} px of width).', name, shape, label, ratioText(limit), Math.ceil(size.width - limit * size.height) + 1);
    case 'width/height>':
      if (ratio > limit) return undefined;
      return l10n.t('{0} is {1}; {2} takes images wider than {3} (crop it by at least {4} px of height).', name, shape, label, ratioText(limit), Math.ceil(size.height - size.width / limit) + 1);
    case 'width_pixels>':
      if (size.width > limit) return undefined;
      return l10n.t('{0} is {1} px wide; {2} needs more than {3} px ({4} px short).', name, size.width, label, limit, limit - size.width + 1);
    case 'height_pixels>':
      if (size.height > limit) return undefined;
      return l10n.t('{0} is {1} px high; {2} needs more than {3} px ({4} px short).', name, size.height, label, limit, limit - size.height + 1);
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
