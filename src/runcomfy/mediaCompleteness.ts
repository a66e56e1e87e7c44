/**
 * Whether downloaded bytes are a whole file, from its structure rather than from Content-Length (a host can
 * cut a file short and send a Content-Length that matches the cut). Only the first and last few bytes are
 * needed, so the check costs nothing while streaming. Videos (MP4, WebM) have no cheap end marker and are
 * accepted as they are.
 */
import type { MediaType } from './types';

/** Bytes of the file's end the check needs (PNG's IEND chunk is 12). */
export const MEDIA_TAIL_BYTES = 16;

const PNG_IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

/**
 * Undefined when the file is complete, else a short reason. `head` holds at least the first 12 bytes,
 * `tail` the last {@link MEDIA_TAIL_BYTES} (or all of a smaller file), `size` the total byte count.
 */
export function incompleteMediaReason(type: MediaType, head: Uint8Array, tail: Uint8Array, size: number): string | undefined {
  switch (type.extension) {
    case 'png':
      return endsWith(tail, PNG_IEND) ? undefined : 'it ends before its IEND chunk';
    case 'jpg':
      // Some encoders pad after the end-of-image marker; zero bytes after it are harmless.
      return endsWith(withoutTrailingZeros(tail), [0xff, 0xd9]) ? undefined : 'it ends before its end-of-image marker';
    case 'gif':
      return tail[tail.length - 1] === 0x3b ? undefined : 'it ends before its trailer';
    case 'webp': {
      const riffSize = head.length >= 8 ? new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(4, true) : Number.NaN;
      return size >= riffSize + 8 ? undefined : `it has ${size} of the ${riffSize + 8} bytes its RIFF header declares`;
    }
    case 'mp4':
    case 'webm':
      return undefined;
  }
}

function endsWith(bytes: Uint8Array, suffix: readonly number[]): boolean {
  if (bytes.length < suffix.length) return false;
  const offset = bytes.length - suffix.length;
  return suffix.every((byte, index) => bytes[offset + index] === byte);
}

function withoutTrailingZeros(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, end);
}
