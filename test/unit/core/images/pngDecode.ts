/**
 * Test-only PNG decoder for 8-bit RGB/RGBA, non-interlaced files: enough to check what the encoder and
 * the placeholder renderer produced, pixel by pixel, with an independent implementation of all five filters.
 */
import * as zlib from 'node:zlib';
import { readPngChunks } from '../../../../src/core/images/png';

export interface DecodedPng {
  width: number;
  height: number;
  channels: 3 | 4;
  pixels: Buffer;
}

export function decodePng(png: Buffer): DecodedPng {
  const chunks = readPngChunks(png);
  for (const chunk of chunks) {
    const crc = png.readUInt32BE(chunk.end - 4);
    if (zlib.crc32(png.subarray(chunk.start + 4, chunk.end - 4)) !== crc) throw new Error(`bad CRC in ${chunk.type}`);
  }
  const ihdr = chunks[0]!;
  if (ihdr.type !== 'IHDR') throw new Error('IHDR must come first');
  if (chunks[chunks.length - 1]!.type !== 'IEND') throw new Error('IEND must come last');
  const width = ihdr.data.readUInt32BE(0);
  const height = ihdr.data.readUInt32BE(4);
  if (ihdr.data[8] !== 8 || ihdr.data[12] !== 0) throw new Error('only 8-bit non-interlaced');
  const channels = ihdr.data[9] === 6 ? 4 : ihdr.data[9] === 2 ? 3 : 0;
  if (!channels) throw new Error(`unsupported colour type ${ihdr.data[9]}`);
  const raw = zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * channels;
  if (raw.length !== (stride + 1) * height) throw new Error(`IDAT holds ${raw.length} bytes, expected ${(stride + 1) * height}`);
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) throw new Error(`bad filter ${filter}`);
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
