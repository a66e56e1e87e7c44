/**
 * The `large-file` scenario's output: a PNG-signed file of COUNT MiB (default 50), generated while it is
 * sent in 64 KiB chunks with back-pressure, so the double never holds it in memory and a memory benchmark
 * of the client's download measures the client alone.
 */
import type { ServerResponse } from 'node:http';
import { gradientPng } from './sampleMedia';

const chunkBytes = 64 * 1024;
export const defaultLargeFileMiB = 50;

/** The 12 bytes that end every PNG: an empty IEND chunk with its CRC. */
const IEND = Buffer.from('0000000049454e44ae426082', 'hex');

/**
 * Streams `mebibytes` MiB: a small real PNG's first bytes (signature + IHDR), zero padding, then IEND, so
 * the client's completeness check (a PNG ends with IEND) accepts it as a whole file.
 */
export function serveLargeFile(res: ServerResponse, mebibytes: number): void {
  const total = Math.round(mebibytes * 1024 * 1024);
  const head = gradientPng(16, 16).subarray(0, 33);
  const filler = Buffer.alloc(chunkBytes);
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': total });
  const body = total - IEND.length;
  let sent = 0;
  const pump = () => {
    while (sent < body) {
      const size = Math.min(chunkBytes, body - sent);
      const chunk = sent === 0 ? Buffer.concat([head, filler.subarray(0, size - head.length)]) : filler.subarray(0, size);
      sent += size;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end(IEND);
  };
  pump();
}
