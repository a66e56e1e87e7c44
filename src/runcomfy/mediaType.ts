/**
 * Media type from the first bytes of a file (magic numbers), so a saved file's extension always matches
 * its bytes, whatever the URL or Content-Type claimed, and an HTML error page is never saved as an image.
 */
import type { MediaType } from './types';

/** Bytes needed to recognise every supported type (RIFF....WEBP and ....ftyp need 12). */
export const MEDIA_SNIFF_BYTES = 12;

interface Signature {
  type: MediaType;
  /** Byte values expected at `offset`. */
  offset: number;
  bytes: readonly number[];
  /** A second fixed run some formats need (WebP's `WEBP` after the RIFF size). */
  also?: { offset: number; bytes: readonly number[] };
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

const signatures: readonly Signature[] = [
  { type: { kind: 'image', extension: 'png', mime: 'image/png' }, offset: 0, bytes: [0x89, ...ascii('PNG\r\n\x1a\n')] },
  { type: { kind: 'image', extension: 'jpg', mime: 'image/jpeg' }, offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { type: { kind: 'image', extension: 'gif', mime: 'image/gif' }, offset: 0, bytes: ascii('GIF8') },
  {
    type: { kind: 'image', extension: 'webp', mime: 'image/webp' },
    offset: 0,
    bytes: ascii('RIFF'),
    also: { offset: 8, bytes: ascii('WEBP') },
  },
  { type: { kind: 'video', extension: 'mp4', mime: 'video/mp4' }, offset: 4, bytes: ascii('ftyp') },
  { type: { kind: 'video', extension: 'webm', mime: 'video/webm' }, offset: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3] },
];

function matchesAt(head: Uint8Array, offset: number, bytes: readonly number[]): boolean {
  return bytes.every((byte, index) => head[offset + index] === byte);
}

/** The type of a file starting with `head`, or undefined when it is none of PNG, JPEG, WebP, GIF, MP4, WebM. */
export function detectMediaType(head: Uint8Array): MediaType | undefined {
  const match = signatures.find(
    (signature) =>
      matchesAt(head, signature.offset, signature.bytes) &&
      (!signature.also || matchesAt(head, signature.also.offset, signature.also.bytes)),
  );
  return match?.type;
}
