/**
 * The test double's reading of reference images (PROTOCOL §8, §12): every value of an `image_uri(s)` input
 * that is a data URI is decoded, must be a PNG, JPEG or WebP whose bytes match the MIME type it claims and
 * whose pixel size can be read. The job keeps what arrived (type, size, SHA-256), and its output is drawn at
 * the reference's size with the checksum in the picture and in the PNG's text, so a test can prove the
 * reference arrived intact. Independent of the client's encoder on purpose: a second reading of the format.
 */
import { createHash } from 'node:crypto';
import type { ValidationIssue } from './doubleCatalog';
import type { DoubleModel } from './doubleModels';

/** One reference image as the double received it. */
export interface DoubleReference {
  field: string;
  mime: string;
  width: number;
  height: number;
  byteLength: number;
  /** Hex SHA-256 of the decoded bytes. */
  sha256: string;
}

const DATA_URI = /^data:(image\/[a-z+.-]+);base64,([A-Za-z0-9+/]*={0,2})$/;

/** The references of a submit, or the 422 issue that refuses it. */
export function readDoubleReferences(model: DoubleModel, input: Record<string, unknown>): { references: DoubleReference[] } | { issue: ValidationIssue } {
  const references: DoubleReference[] = [];
  for (const [field, property] of Object.entries(model.input_schema.properties)) {
    const format = String(property.format ?? (property.items as { format?: unknown } | undefined)?.format ?? '');
    if (!/^image_uris?$/.test(format) || input[field] === undefined) continue;
    const values = Array.isArray(input[field]) ? (input[field] as unknown[]) : [input[field]];
    for (const [index, value] of values.entries()) {
      if (typeof value !== 'string' || !value.startsWith('data:')) continue; // an https URL: RunComfy would fetch it
      const loc = Array.isArray(input[field]) ? ['body', field, index] : ['body', field];
      const reference = decodeReference(field, value);
      if (typeof reference === 'string') return { issue: { loc, msg: reference, type: 'value_error' } };
      references.push(reference);
    }
  }
  return { references };
}

function decodeReference(field: string, uri: string): DoubleReference | string {
  const match = DATA_URI.exec(uri);
  if (!match) return 'Input should be a base64 data URI of an image';
  const mime = match[1]!;
  const bytes = Buffer.from(match[2]!, 'base64');
  const actual = mimeOf(bytes);
  if (!actual) return 'The data URI does not hold a PNG, JPEG or WebP image';
  if (actual !== mime) return `The data URI claims ${mime} but holds ${actual}`;
  const size = sizeOf(bytes, actual);
  if (!size) return `The ${actual} image is cut short: its size cannot be read`;
  return { field, mime, ...size, byteLength: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function mimeOf(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

/** PNG from IHDR, JPEG from its first frame header, WebP from VP8X/VP8L/VP8 (written apart from the client's reader). */
function sizeOf(bytes: Buffer, mime: string): { width: number; height: number } | undefined {
  if (mime === 'image/png') return bytes.length >= 24 && bytes.toString('latin1', 12, 16) === 'IHDR' ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) } : undefined;
  if (mime === 'image/webp') {
    const chunk = bytes.toString('latin1', 12, 16);
    if (chunk === 'VP8X' && bytes.length >= 30) return { width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
    if (chunk === 'VP8L' && bytes.length >= 25) {
      const bits = bytes.readUInt32LE(21);
      return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
    }
    if (chunk === 'VP8 ' && bytes.length >= 30) return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
    return undefined;
  }
  let at = 2;
  while (at + 9 < bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { width: bytes.readUInt16BE(at + 7), height: bytes.readUInt16BE(at + 5) };
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return undefined;
}

/** What the double draws and writes into an edit's output: the reference's size and checksum. */
export function referenceCaption(references: readonly DoubleReference[]): string {
  return references.map((ref) => `ref ${ref.width}x${ref.height} ${ref.sha256.slice(0, 12)}`).join(' ');
}
