/**
 * Just enough PNG: an encoder for 8-bit RGB/RGBA pixels (the placeholder renderer), UTF-8 text chunks
 * for metadata (prompt, model, size, steps, request id) and readers for size and text. CRC comes from
 * `zlib.crc32` (Node ≥ 20.15; the manifest requires 20.19).
 */
import * as zlib from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOR_TYPE_RGB = 2;
const COLOR_TYPE_RGBA = 6;

/** PNG row filters this encoder can apply. */
export type PngFilter = 'none' | 'sub' | 'up';

/** Options for {@link encodePng}. */
export interface EncodePngOptions {
  /**
   * Row filter. `up` (default) suits smooth vertical change and text; it costs one subtraction per
   * byte, far cheaper than trying every filter per row, and deflate does the rest.
   */
  filter?: PngFilter;
  /** zlib level 0–9; default 6. Lower is faster and larger. */
  level?: number;
}

/**
 * Encodes pixels as a PNG. `pixels` holds `width × height` pixels, 3 bytes each (RGB) or 4 (RGBA),
 * row by row; the channel count is taken from its length.
 */
export function encodePng(pixels: Uint8Array, width: number, height: number, options: EncodePngOptions = {}): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`PNG size must be positive integers, got ${width}×${height}`);
  }
  const channels = pixels.length / (width * height);
  if (channels !== 3 && channels !== 4) {
    throw new RangeError(`Expected ${width * height * 3} (RGB) or ${width * height * 4} (RGBA) bytes, got ${pixels.length}`);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = channels === 4 ? COLOR_TYPE_RGBA : COLOR_TYPE_RGB;
  // compression, filter method and interlace are all 0
  const filtered = filterRows(pixels, width * channels, height, channels, options.filter ?? 'up');
  const idat = zlib.deflateSync(filtered, { level: options.level ?? 6 });
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

function filterRows(pixels: Uint8Array, stride: number, height: number, bpp: number, filter: PngFilter): Buffer {
  const out = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const outRow = y * (stride + 1);
    if (filter === 'none' || (filter === 'up' && y === 0)) {
      out[outRow] = 0;
      out.set(pixels.subarray(row, row + stride), outRow + 1);
    } else if (filter === 'up') {
      out[outRow] = 2;
      for (let x = 0; x < stride; x++) out[outRow + 1 + x] = (pixels[row + x]! - pixels[row - stride + x]!) & 0xff;
    } else {
      out[outRow] = 1;
      for (let x = 0; x < stride; x++) {
        out[outRow + 1 + x] = (pixels[row + x]! - (x >= bpp ? pixels[row + x - bpp]! : 0)) & 0xff;
      }
    }
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const buffer = Buffer.alloc(12 + data.length);
  buffer.writeUInt32BE(data.length, 0);
  buffer.write(type, 4, 'latin1');
  buffer.set(data, 8);
  buffer.writeUInt32BE(zlib.crc32(buffer.subarray(4, 8 + data.length)), 8 + data.length);
  return buffer;
}

/** One chunk of a PNG file, as a view into it. */
export interface PngChunk {
  type: string;
  data: Buffer;
  /** Offset of the chunk's length field. */
  start: number;
  /** Offset just past its CRC. */
  end: number;
}

/** True when `buffer` starts with the PNG signature. */
export function isPng(buffer: Uint8Array): boolean {
  return buffer.length >= 8 && SIGNATURE.equals(Buffer.from(buffer.buffer, buffer.byteOffset, 8));
}

/** The chunks of a PNG, stopping at IEND or at the first truncated chunk. Throws if it is not a PNG. */
export function readPngChunks(png: Uint8Array): PngChunk[] {
  const buffer = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!isPng(buffer)) throw new TypeError('Not a PNG file (bad signature)');
  const chunks: PngChunk[] = [];
  for (let at = 8; at + 12 <= buffer.length; ) {
    const length = buffer.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > buffer.length) break;
    const type = buffer.toString('latin1', at + 4, at + 8);
    chunks.push({ type, data: buffer.subarray(at + 8, at + 8 + length), start: at, end });
    if (type === 'IEND') break;
    at = end;
  }
  return chunks;
}

/** Width and height from the IHDR chunk, or undefined when `buffer` is not a PNG. */
export function readPngSize(buffer: Uint8Array): { width: number; height: number } | undefined {
  if (buffer.length < 24 || !isPng(buffer)) return undefined;
  const view = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (view.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

const TEXT_CHUNK_TYPES = new Set(['tEXt', 'zTXt', 'iTXt']);

/**
 * Returns a copy of `png` with one UTF-8 `iTXt` chunk per entry right after IHDR (so readers that stop
 * early still see them). Existing text chunks with the same keywords are dropped, not duplicated.
 * Keywords must be 1–79 Latin-1 printable characters, as the PNG spec says.
 */
export function addPngTextChunks(png: Buffer, entries: Record<string, string>): Buffer {
  const chunks = readPngChunks(png);
  if (chunks[0]?.type !== 'IHDR') throw new TypeError('Not a PNG file (IHDR is not the first chunk)');
  const keywords = new Set(Object.keys(entries));
  const added = Object.entries(entries).map(([keyword, text]) => chunk('iTXt', iTXtData(keyword, text)));
  const kept = chunks
    .slice(1)
    .filter((c) => !(TEXT_CHUNK_TYPES.has(c.type) && keywords.has(textChunkKeyword(c.data))))
    .map((c) => png.subarray(c.start, c.end));
  return Buffer.concat([SIGNATURE, png.subarray(chunks[0].start, chunks[0].end), ...added, ...kept]);
}

function iTXtData(keyword: string, text: string): Buffer {
  if (!/^[\x20-\x7e\xa1-\xff]{1,79}$/.test(keyword) || /^ | $| {2}/.test(keyword)) {
    throw new RangeError(`Invalid PNG text keyword ${JSON.stringify(keyword)}: use 1–79 Latin-1 characters`);
  }
  // keyword \0, compression flag 0, method 0, empty language tag \0, empty translated keyword \0, text
  return Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]);
}

function textChunkKeyword(data: Buffer): string {
  const end = data.indexOf(0);
  return data.toString('latin1', 0, end < 0 ? data.length : end);
}

/** All text entries of a PNG (`tEXt`, `zTXt`, `iTXt`, compressed or not); the first of a keyword wins. */
export function readPngTextChunks(png: Uint8Array): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const { type, data } of readPngChunks(png)) {
    if (!TEXT_CHUNK_TYPES.has(type)) continue;
    const keyword = textChunkKeyword(data);
    if (Object.hasOwn(entries, keyword)) continue;
    const text = decodeTextChunk(type, data, keyword.length + 1);
    if (text !== undefined) entries[keyword] = text;
  }
  return entries;
}

function decodeTextChunk(type: string, data: Buffer, afterKeyword: number): string | undefined {
  try {
    if (type === 'tEXt') return data.toString('latin1', afterKeyword);
    if (type === 'zTXt') return zlib.inflateSync(data.subarray(afterKeyword + 1)).toString('latin1');
    const compressed = data[afterKeyword] === 1;
    const languageEnd = data.indexOf(0, afterKeyword + 2);
    const translatedEnd = data.indexOf(0, languageEnd + 1);
    if (languageEnd < 0 || translatedEnd < 0) return undefined;
    const body = data.subarray(translatedEnd + 1);
    return (compressed ? zlib.inflateSync(body) : body).toString('utf8');
  } catch {
    return undefined; // a corrupt chunk in someone else's file should not break reading the rest
  }
}
