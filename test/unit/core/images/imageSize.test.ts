import * as assert from 'node:assert/strict';
import { encodePng } from '../../../../src/core/images/png';
import { readImageSize } from '../../../../src/core/images/imageSize';
import { sampleGif, sampleJpeg, sampleMp4, sampleWebp } from '../../../support/sampleMedia';

const le16 = (n: number) => Buffer.from([n & 0xff, n >> 8]);
const be16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const le24 = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff, n >> 16]);
const riff = (chunk: string, body: Buffer) => Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP'), Buffer.from(chunk, 'latin1'), Buffer.alloc(4), body]);

describe('readImageSize', () => {
  it('reads real files of each format (the 1×1 samples)', () => {
    for (const sample of [sampleGif, sampleJpeg, sampleWebp]) assert.deepEqual(readImageSize(sample), { width: 1, height: 1 });
  });

  it('reads a PNG from its IHDR', () => {
    assert.deepEqual(readImageSize(encodePng(new Uint8Array(3 * 40 * 30), 40, 30)), { width: 40, height: 30 });
  });

  it('reads a GIF logical screen', () => {
    assert.deepEqual(readImageSize(Buffer.concat([Buffer.from('GIF89a'), le16(1200), le16(630), Buffer.alloc(4)])), { width: 1200, height: 630 });
  });

  it('reads WebP: extended (VP8X), lossless (VP8L) and lossy (VP8)', () => {
    assert.deepEqual(readImageSize(riff('VP8X', Buffer.concat([Buffer.alloc(4), le24(1535), le24(863)]))), { width: 1536, height: 864 });
    const bits = (1535 & 0x3fff) | ((511 & 0x3fff) << 14);
    const lossless = Buffer.alloc(9);
    lossless[0] = 0x2f;
    lossless.writeUInt32LE(bits, 1);
    assert.deepEqual(readImageSize(riff('VP8L', lossless)), { width: 1536, height: 512 });
    const lossy = Buffer.concat([Buffer.alloc(3), Buffer.from([0x9d, 0x01, 0x2a]), le16(800), le16(600), Buffer.alloc(2)]);
    assert.deepEqual(readImageSize(riff('VP8 ', lossy)), { width: 800, height: 600 });
  });

  it('reads a JPEG frame header after metadata segments, skipping DHT', () => {
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), be16(2 + 100), Buffer.alloc(100)]);
    const dht = Buffer.concat([Buffer.from([0xff, 0xc4]), be16(2 + 4), Buffer.alloc(4)]);
    const sof2 = Buffer.concat([Buffer.from([0xff, 0xc2]), be16(17), Buffer.from([8]), be16(1080), be16(1920), Buffer.alloc(10)]);
    assert.deepEqual(readImageSize(Buffer.concat([Buffer.from([0xff, 0xd8]), app1, dht, sof2])), { width: 1920, height: 1080 });
  });

  it('gives undefined for other bytes, videos and files cut before the size', () => {
    assert.equal(readImageSize(Buffer.from('<!doctype html>')), undefined);
    assert.equal(readImageSize(sampleMp4), undefined);
    assert.equal(readImageSize(sampleJpeg.subarray(0, 20)), undefined);
    assert.equal(readImageSize(Buffer.alloc(0)), undefined);
  });
});
