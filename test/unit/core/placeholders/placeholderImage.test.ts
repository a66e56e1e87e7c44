import * as assert from 'node:assert/strict';
import { GLYPH_ADVANCE, hasGlyph, textWidth, toFontText } from '../../../../src/core/placeholders/bitmapFont';
import { renderPlaceholder } from '../../../../src/core/placeholders/placeholderImage';
import { decodePng, type DecodedPng } from '../images/pngDecode';

function pixelAt(image: DecodedPng, x: number, y: number): number[] {
  const at = (y * image.width + x) * image.channels;
  return [...image.pixels.subarray(at, at + 3)];
}

/**
 * Pixels in a rectangle that look like ink: near-white or near-black. The gradient's colours are mid-tone
 * and saturated, so only the caption produces these.
 */
function inkPixels(image: DecodedPng, x0: number, y0: number, x1: number, y1: number): number {
  let count = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const rgb = pixelAt(image, x, y);
      if (rgb.every((c) => c >= 235) || rgb.every((c) => c <= 50)) count++;
    }
  }
  return count;
}

describe('core/placeholder', () => {
  it('renders exactly the requested size, from 16 to 4096 and odd shapes', () => {
    for (const [width, height] of [[16, 16], [64, 64], [800, 600], [1536, 256], [40, 400], [17, 4096]]) {
      const image = decodePng(renderPlaceholder({ prompt: 'cozy cafe', width: width!, height: height! }));
      assert.deepEqual([image.width, image.height], [width, height]);
    }
  });

  it('refuses sizes outside 16–4096 and non-integers with a RangeError', () => {
    for (const [width, height] of [[15, 100], [100, 4097], [0, 0], [100.5, 100], [Number.NaN, 100]]) {
      assert.throws(() => renderPlaceholder({ prompt: 'x', width: width!, height: height! }), RangeError);
    }
  });

  it('is deterministic: same prompt, same bytes; another prompt, other colours', () => {
    const a = renderPlaceholder({ prompt: 'hummingbird', width: 200, height: 120 });
    const b = renderPlaceholder({ prompt: 'hummingbird', width: 200, height: 120 });
    const c = renderPlaceholder({ prompt: 'volcano at night', width: 200, height: 120 });
    assert.ok(a.equals(b));
    assert.notDeepEqual(pixelAt(decodePng(a), 0, 0), pixelAt(decodePng(c), 0, 0));
  });

  it('paints a gradient: opposite corners differ, neighbours change smoothly', () => {
    const image = decodePng(renderPlaceholder({ prompt: 'gradient check', width: 300, height: 200 }));
    const corner = pixelAt(image, 0, 0);
    const opposite = pixelAt(image, 299, 199);
    assert.ok(corner.some((c, i) => Math.abs(c - opposite[i]!) > 30), `${corner} vs ${opposite}`);
    const next = pixelAt(image, 1, 0);
    assert.ok(corner.every((c, i) => Math.abs(c - next[i]!) <= 2));
  });

  it('draws the caption in the middle and leaves the corners plain', () => {
    for (const prompt of ['a robot', 'cozy cafe interior', 'sunset', 'hummingbird']) {
      const image = decodePng(renderPlaceholder({ prompt, width: 800, height: 600 }));
      assert.ok(inkPixels(image, 100, 200, 700, 400) > 2000, `caption missing for ${prompt}`);
      assert.equal(inkPixels(image, 0, 0, 800, 120), 0, `ink at the top for ${prompt}`);
      assert.equal(inkPixels(image, 0, 480, 800, 600), 0, `ink at the bottom for ${prompt}`);
    }
  });

  it('keeps very long and non-Latin prompts inside the image', () => {
    const long = renderPlaceholder({ prompt: 'word '.repeat(500), width: 320, height: 240 });
    assert.deepEqual([decodePng(long).width, decodePng(long).height], [320, 240]);
    assert.ok(renderPlaceholder({ prompt: '東京の夜 🌸', width: 128, height: 128 }).length > 0);
  });

  describe('bitmap font', () => {
    it('covers printable ASCII and ×', () => {
      for (let code = 32; code <= 126; code++) assert.ok(hasGlyph(String.fromCharCode(code)), String.fromCharCode(code));
      assert.ok(hasGlyph('×'));
    });
    it('folds text to drawable characters', () => {
      assert.equal(toFontText('Crème  “brûlée” — café…'), 'Creme "brulee" - cafe...');
      assert.equal(toFontText('東京'), '');
    });
    it('measures text without trailing spacing', () => {
      assert.equal(textWidth('ab', 3), (2 * GLYPH_ADVANCE - 1) * 3);
      assert.equal(textWidth('', 3), 0);
    });
  });
});
