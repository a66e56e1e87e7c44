import * as assert from 'node:assert/strict';
import { encodePng } from '../../../../src/core/images/png';
import {
  checkReference,
  checkReferenceCount,
  checkRequestSize,
  MAX_REFERENCE_BYTES,
  MAX_REQUEST_BYTES,
  type CheckedReference,
  type ReferenceRules,
} from '../../../../src/core/references/referenceChecks';
import { sampleGif, sampleJpeg, sampleWebp } from '../../../support/sampleMedia';

const png = (width: number, height: number) => encodePng(new Uint8Array(width * height * 3), width, height);
const plain: ReferenceRules = { label: 'Nano Banana 2 Lite Edit', validations: [] };
const rules = (rule: string, value: unknown): ReferenceRules => ({ label: 'Seedream', validations: [{ rule, value }] });
const message = (check: ReturnType<typeof checkReference>) => (check.ok ? undefined : check.message);

describe('checkReference', () => {
  it('takes PNG, JPEG and WebP by their bytes, with their MIME type and pixel size', () => {
    const ok = checkReference('hero.png', png(40, 30), plain);
    assert.ok(ok.ok);
    assert.deepEqual([ok.reference.mime, ok.reference.size], ['image/png', { width: 40, height: 30 }]);
    for (const [bytes, mime] of [[sampleJpeg, 'image/jpeg'], [sampleWebp, 'image/webp']] as const) {
      const check = checkReference('x', bytes, plain);
      assert.ok(check.ok && check.reference.mime === mime);
    }
  });

  it('refuses a file that is no image, whatever its name says', () => {
    assert.equal(message(checkReference('hero.png', Buffer.from('<html>not an image</html>'), plain)), 'hero.png is not a readable PNG, JPEG or WebP image.');
  });

  it('refuses a GIF, naming the types edit models take', () => {
    assert.match(message(checkReference('anim.gif', sampleGif, plain))!, /anim\.gif is a GIF image; edit models take PNG, JPEG or WebP/);
  });

  it('refuses a PNG whose header is cut short', () => {
    assert.match(message(checkReference('cut.png', png(8, 8).subarray(0, 12), plain))!, /cut\.png is not a readable .* pixel size cannot be read/);
  });

  it('refuses an image over 6 MiB, saying by how much', () => {
    const head = png(8, 8);
    assert.equal(
      message(checkReference('big.png', head, plain, MAX_REFERENCE_BYTES + 1.5 * 1024 * 1024)),
      'big.png is 7.5 MiB; RunComfy takes at most 6 MiB per image (1.5 MiB too large).',
    );
    assert.match(message(checkReference('big.png', head, plain, MAX_REFERENCE_BYTES + 10))!, /\(10 bytes too large\)/);
    assert.ok(checkReference('fits.png', head, plain, MAX_REFERENCE_BYTES).ok);
  });

  it('refuses more than 32 megapixels', () => {
    // A PNG header claiming 8000×5000 is enough: the check reads the size, not the pixels.
    const header = Buffer.from(png(1, 1));
    header.writeUInt32BE(8000, 16);
    header.writeUInt32BE(5000, 20);
    assert.equal(message(checkReference('huge.png', header, plain)), 'huge.png is 40.0 MP (8000×5000); RunComfy takes at most 32.0 MP per image (8.0 MP too many).');
  });

  it("applies the model's file_size_mb< rule in decimal megabytes", () => {
    assert.equal(message(checkReference('a.png', png(8, 8), rules('file_size_mb<', 2), 2_500_000)), 'a.png is 2.5 MB; Seedream takes images under 2 MB (500 kB too large).');
    assert.ok(checkReference('a.png', png(8, 8), rules('file_size_mb<', 2), 1_999_999).ok);
  });

  it("applies the model's aspect-ratio rules", () => {
    assert.equal(
      message(checkReference('wide.png', png(400, 100), rules('width/height<', 3))),
      'wide.png is 400×100, 4:1; Seedream takes images narrower than 3:1 (crop it by at least 101 px of width).',
    );
    assert.ok(checkReference('ok.png', png(290, 100), rules('width/height<', 3)).ok);
    assert.equal(
      message(checkReference('tall.png', png(100, 400), rules('width/height>', 0.5))),
      'tall.png is 100×400, 0.25:1; Seedream takes images wider than 0.5:1 (crop it by at least 201 px of height).',
    );
  });

  it("applies the model's pixel minimums", () => {
    assert.equal(message(checkReference('s.png', png(200, 400), rules('width_pixels>', 300))), 's.png is 200 px wide; Seedream needs more than 300 px (101 px short).');
    assert.equal(message(checkReference('s.png', png(400, 200), rules('height_pixels>', 300))), 's.png is 200 px high; Seedream needs more than 300 px (101 px short).');
    assert.ok(checkReference('s.png', png(301, 301), rules('width_pixels>', 300)).ok);
  });

  it('leaves rules it does not know to RunComfy', () => {
    assert.ok(checkReference('s.png', png(8, 8), rules('duration<', 3)).ok);
  });
});

describe('checkReferenceCount', () => {
  it("names the field's limits and the excess", () => {
    assert.equal(checkReferenceCount(12, { minItems: 1, maxItems: 10 }, 'Edit'), 'Edit takes at most 10 images; 12 were given (2 too many).');
    assert.equal(checkReferenceCount(0, { minItems: 1, maxItems: 10 }, 'Edit'), 'Edit needs at least 1 image; 0 were given.');
    assert.equal(checkReferenceCount(3, { minItems: 1, maxItems: 10 }, 'Edit'), undefined);
  });
});

describe('checkRequestSize', () => {
  it('counts the base64 growth against the 64 MiB per request', () => {
    const five = (n: number): CheckedReference[] =>
      Array.from({ length: n }, () => ({ name: 'x', bytes: new Uint8Array(5 * 1024 * 1024), mime: 'image/png', size: { width: 1, height: 1 } }));
    assert.equal(checkRequestSize(five(9), 100), undefined); // 45 MiB of files, 60 MiB encoded
    const problem = checkRequestSize(five(10), 100);
    assert.match(problem!, /^The images come to 66\.7 MiB once encoded; RunComfy takes at most 64 MiB per request \(2\.7 MiB too large\)\. Send fewer or smaller images\.$/);
    assert.ok(MAX_REQUEST_BYTES === 64 * 1024 * 1024);
  });
});
