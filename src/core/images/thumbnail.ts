/**
 * A small preview of a saved image for a chat model that can look at pictures (the tool result's image
 * part): far under the 5 MB the API allows, PNG or JPEG. A PNG or JPEG of at most {@link THUMBNAIL_MAX_BYTES}
 * goes as it is; a larger 8-bit RGB(A) PNG is scaled down to {@link THUMBNAIL_MAX_SIDE} px (nearest pixel:
 * enough to judge composition and colour). Anything else gets no preview rather than a wrong one.
 */
import * as zlib from 'node:zlib';
import { detectMediaType } from '../../runcomfy/mediaType';
import { encodePng, readPngChunks } from './png';

export const THUMBNAIL_MAX_BYTES = 512 * 1024;
export const THUMBNAIL_MAX_SIDE = 256;

export interface Thumbnail {
  bytes: Uint8Array;
  mime: 'image/png' | 'image/jpeg';
}

export function thumbnailOf(image: Buffer): Thumbnail | undefined {
  const type = detectMediaType(image);
  if (type?.mime !== 'image/png' && type?.mime !== 'image/jpeg') return undefined;
  if (image.length <= THUMBNAIL_MAX_BYTES) return { bytes: image, mime: type.mime };
  if (type.mime !== 'image/png') return undefined;
  try {
    return scaledPng(image);
  } catch {
    return undefined; // a PNG this reader does not handle (16-bit, palette, interlaced): no preview
  }
}

function scaledPng(png: Buffer): Thumbnail | undefined {
  const chunks = readPngChunks(png);
  const header = chunks.find((chunk) => chunk.type === 'IHDR')?.data;
  if (!header || header[8] !== 8 || header[12] !== 0 || (header[9] !== 2 && header[9] !== 6)) return undefined;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const channels = header[9] === 6 ? 4 : 3;
  const rows = unfilter(zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data))), width * channels, height, channels);
  const scale = Math.max(width, height) / THUMBNAIL_MAX_SIDE;
  const outWidth = Math.max(1, Math.round(width / scale));
  const outHeight = Math.max(1, Math.round(height / scale));
  const out = new Uint8Array(outWidth * outHeight * 3);
  for (let y = 0; y < outHeight; y++) {
    const row = rows[Math.min(height - 1, Math.floor(y * scale))]!;
    for (let x = 0; x < outWidth; x++) {
      const from = Math.min(width - 1, Math.floor(x * scale)) * channels;
      out.set(row.subarray(from, from + 3), (y * outWidth + x) * 3);
    }
  }
  return { bytes: encodePng(out, outWidth, outHeight), mime: 'image/png' };
}

/** Undoes the PNG row filters (none, sub, up, average, Paeth), one row at a time. */
function unfilter(data: Buffer, stride: number, height: number, bpp: number): Buffer[] {
  if (data.length < (stride + 1) * height) throw new Error('image data cut short');
  const rows: Buffer[] = [];
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const kind = data[y * (stride + 1)];
    const row = Buffer.from(data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? row[i - bpp]! : 0;
      const b = previous[i]!;
      const c = i >= bpp ? previous[i - bpp]! : 0;
      if (kind === 1) row[i] = row[i]! + a;
      else if (kind === 2) row[i] = row[i]! + b;
      else if (kind === 3) row[i] = row[i]! + ((a + b) >> 1);
      else if (kind === 4) {
        const guess = a + b - c;
        const [da, db, dc] = [Math.abs(guess - a), Math.abs(guess - b), Math.abs(guess - c)];
        row[i] = row[i]! + (da <= db && da <= dc ? a : db <= dc ? b : c);
      } else if (kind !== 0) throw new Error(`unknown PNG filter ${kind}`);
    }
    rows.push(row);
    previous = row;
  }
  return rows;
}
