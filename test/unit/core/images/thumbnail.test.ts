import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { encodePng, readPngSize } from '../../../../src/core/images/png';
import { THUMBNAIL_MAX_BYTES, thumbnailOf } from '../../../../src/core/images/thumbnail';
import { sampleGif, sampleJpeg } from '../../../support/sampleMedia';
import { decodePng } from './pngDecode';

describe('thumbnailOf (the chat tool result preview)', () => {
  it('passes a small PNG or JPEG through as it is', () => {
    const small = encodePng(new Uint8Array(3 * 32 * 32), 32, 32);
    assert.deepEqual(thumbnailOf(small), { bytes: small, mime: 'image/png' });
    assert.deepEqual(thumbnailOf(sampleJpeg), { bytes: sampleJpeg, mime: 'image/jpeg' });
  });

  it('scales a large PNG down to 256 px on its long side, keeping its shape and colours', () => {
    const width = 900;
    const height = 600;
    const pixels = new Uint8Array(randomBytes(width * height * 3));
    // A solid red top-left block, so the scaled picture can be checked where it must be red.
    for (let y = 0; y < 150; y++) for (let x = 0; x < 150; x++) pixels.set([255, 0, 0], (y * width + x) * 3);
    const large = encodePng(pixels, width, height, { filter: 'up' });
    assert.ok(large.length > THUMBNAIL_MAX_BYTES);
    const thumbnail = thumbnailOf(large)!;
    assert.equal(thumbnail.mime, 'image/png');
    assert.deepEqual(readPngSize(thumbnail.bytes), { width: 256, height: 171 });
    assert.ok(thumbnail.bytes.byteLength < THUMBNAIL_MAX_BYTES);
    const decoded = decodePng(Buffer.from(thumbnail.bytes));
    assert.deepEqual([...decoded.pixels.subarray(0, 3)], [255, 0, 0]);
  });

  it('gives no preview for other types', () => {
    assert.equal(thumbnailOf(sampleGif), undefined);
    assert.equal(thumbnailOf(Buffer.from('not an image')), undefined);
  });
});
