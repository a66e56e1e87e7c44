/**
 * `core/images/`: facts read from image bytes (size, type, PNG chunks, product metadata) and the sizes users
 * type. This file is the entry point most callers need.
 *
 * The real pixel size of an image, read from its first bytes: PNG (IHDR), GIF (logical screen), WebP (VP8,
 * VP8L and VP8X) and JPEG (the first start-of-frame marker). Messages, history and hovers report what the
 * file is, not what was asked for: a model may round a size, and a file may have been replaced since.
 */
import { readPngSize } from './png';

export interface PixelSize {
  width: number;
  height: number;
}

/** Bytes to read from the start of a file: JPEGs carry metadata (EXIF, ICC) before their frame header. */
export const IMAGE_SIZE_HEAD_BYTES = 256 * 1024;

/** The size of the image starting with `head`, or undefined when it is none of PNG, GIF, WebP, JPEG or cut short. */
export function readImageSize(head: Uint8Array): PixelSize | undefined {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  return readPngSize(bytes) ?? gifSize(bytes) ?? webpSize(bytes) ?? jpegSize(bytes);
}

function gifSize(bytes: Buffer): PixelSize | undefined {
  if (bytes.length < 10 || bytes.toString('latin1', 0, 4) !== 'GIF8') return undefined;
  return positive(bytes.readUInt16LE(6), bytes.readUInt16LE(8));
}

function webpSize(bytes: Buffer): PixelSize | undefined {
  if (bytes.length < 25 || bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WEBP') return undefined;
  const chunk = bytes.toString('latin1', 12, 16);
  if (chunk !== 'VP8L' && bytes.length < 30) return undefined;
  if (chunk === 'VP8X') return positive(1 + bytes.readUIntLE(24, 3), 1 + bytes.readUIntLE(27, 3));
  if (chunk === 'VP8L' && bytes[20] === 0x2f) {
    const bits = bytes.readUInt32LE(21);
    return positive(1 + (bits & 0x3fff), 1 + ((bits >> 14) & 0x3fff));
  }
  // Lossy: a key frame starts with the start code 9d 01 2a, then 14-bit width and height.
  if (chunk === 'VP8 ' && bytes[23] === 0x9d && bytes[24] === 0x01 && bytes[25] === 0x2a) {
    return positive(bytes.readUInt16LE(26) & 0x3fff, bytes.readUInt16LE(28) & 0x3fff);
  }
  return undefined;
}

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range but carry no frame size. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegSize(bytes: Buffer): PixelSize | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  // Walk the segments: each is FF <marker> <16-bit length including itself>; the walk is linear in the bytes.
  for (let at = 2; at + 9 <= bytes.length; ) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill bytes
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (isStartOfFrame(marker)) return positive(bytes.readUInt16BE(at + 7), bytes.readUInt16BE(at + 5));
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2 || marker === 0xd9 || marker === 0xda) return undefined; // end of image, or scan data before any frame
    at += 2 + length;
  }
  return undefined;
}

function positive(width: number, height: number): PixelSize | undefined {
  return width > 0 && height > 0 ? { width, height } : undefined;
}
