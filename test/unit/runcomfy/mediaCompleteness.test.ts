import * as assert from 'node:assert/strict';
import { detectMediaType } from '../../../src/runcomfy';
import { incompleteMediaReason, MEDIA_TAIL_BYTES } from '../../../src/runcomfy/mediaCompleteness';
import { gradientPng, sampleGif, sampleJpeg, sampleMp4, sampleWebp } from '../../support/sampleMedia';

/** The check as the downloader runs it: on the first and last bytes and the size. */
function reason(bytes: Buffer): string | undefined {
  const type = detectMediaType(bytes)!;
  return incompleteMediaReason(type, bytes.subarray(0, 12), bytes.subarray(Math.max(0, bytes.length - MEDIA_TAIL_BYTES)), bytes.length);
}

describe('runcomfy/mediaCompleteness', () => {
  for (const [name, bytes] of [
    ['PNG', gradientPng(32, 16)],
    ['JPEG', sampleJpeg],
    ['WebP', sampleWebp],
    ['GIF', sampleGif],
  ] as const) {
    it(`accepts a whole ${name} and refuses one cut short`, () => {
      assert.equal(reason(bytes), undefined);
      assert.match(reason(bytes.subarray(0, bytes.length - 3)) ?? '', /ends before|bytes its RIFF header declares/);
    });
  }

  it('accepts zero padding after a JPEG end-of-image marker', () => {
    assert.equal(reason(Buffer.concat([sampleJpeg, Buffer.alloc(4)])), undefined);
  });

  it('leaves videos as they are: MP4 has no cheap end marker', () => {
    assert.equal(reason(sampleMp4.subarray(0, sampleMp4.length - 1)), undefined);
  });
});
