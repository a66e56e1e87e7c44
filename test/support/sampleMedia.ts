/**
 * Sample output files for the test double: a picture of each job (its prompt and size, drawn by the offline
 * renderer), a plain gradient PNG at any size (cached), and small real JPEG, WebP, GIF, MP4 and WebM files for
 * the format scenarios.
 */
import { PLACEHOLDER_MAX_SIDE, PLACEHOLDER_MIN_SIDE, renderPlaceholder } from '../../src/core/placeholders/placeholderImage';
import { encodePng } from '../../src/core/images/png';

/** The double's prompt markers (`[scenario:…]`, `[queue:…]`, `[run:…]`) are instructions, not picture. */
const MARKERS = /\[(?:scenario|queue|run):[^\]]*\]/gi;

/**
 * What the double draws for one output of a job: the job's short id first (so two variants of one prompt
 * differ in colour and caption, and a screenshot shows which job made which file), then the prompt.
 */
export function pictureCaption(jobId: string, prompt: unknown, output = 0): string {
  const text = typeof prompt === 'string' ? prompt.replace(MARKERS, ' ').replace(/\s+/g, ' ').trim() : '';
  return `#${jobId.slice(0, 6)}${output > 0 ? `/${output + 1}` : ''} ${text}`.trim();
}

/**
 * The job's picture: its caption and size drawn by the offline renderer at exactly `width`×`height`. Sizes the
 * renderer cannot draw (only with `acceptAnyModel`) get the plain gradient instead.
 */
export function picturePng(caption: string, width: number, height: number): Buffer {
  const drawable = [width, height].every((side) => Number.isInteger(side) && side >= PLACEHOLDER_MIN_SIDE && side <= PLACEHOLDER_MAX_SIDE);
  return drawable ? renderPlaceholder({ prompt: caption, width, height }) : gradientPng(Math.max(1, width | 0), Math.max(1, height | 0));
}

/** A real PNG with a pattern of its own per `seed`, so a checksum says which file arrived (reference images). */
export function patternPng(width: number, height: number, seed: number): Buffer {
  return encodePng(new Uint8Array(width * height * 3).map((_, i) => (i * seed) % 251), width, height);
}

const pngCache = new Map<string, Buffer>();

/** A diagonal gradient PNG of exactly `width`×`height`; cached because large ones take a few ms to encode. */
export function gradientPng(width: number, height: number): Buffer {
  const key = `${width}x${height}`;
  let png = pngCache.get(key);
  if (!png) {
    const pixels = new Uint8Array(width * height * 3);
    for (let y = 0, at = 0; y < height; y++) {
      for (let x = 0; x < width; x++, at += 3) {
        pixels[at] = (x * 255) / width;
        pixels[at + 1] = (y * 255) / height;
        pixels[at + 2] = 160;
      }
    }
    png = encodePng(pixels, width, height);
    pngCache.set(key, png);
  }
  return png;
}

/** 1×1 pixel files (JPEG baseline, lossless WebP, GIF89a). */
export const sampleJpeg = Buffer.from(
  '/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  'base64',
);
export const sampleWebp = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
export const sampleGif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

/** The start of an MP4 (an `ftyp` box naming isom) and of a WebM (the EBML header): enough to be recognised. */
export const sampleMp4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypisom\0\0\x02\0isomiso2', 'latin1'),
]);
export const sampleWebm = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01]);

export const sampleHtml = Buffer.from('<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>');
