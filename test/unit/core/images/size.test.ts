import * as assert from 'node:assert/strict';
import { clampToRange, inferSizeFromContext, parseSizeAndPrompt } from '../../../../src/core/images/size';

describe('core/size', () => {
  describe('parseSizeAndPrompt', () => {
    const cases: Array<[string, number | undefined, number | undefined, string]> = [
      ['800x600 cozy cafe interior', 800, 600, 'cozy cafe interior'],
      ['1200×630 og image', 1200, 630, 'og image'],
      ['800 x 600 cozy cafe', 800, 600, 'cozy cafe'],
      ['1200*630 banner', 1200, 630, 'banner'],
      ['800X600: hero', 800, 600, 'hero'],
      ['cozy cafe 800x600', 800, 600, 'cozy cafe'],
      ['cozy cafe, 1536 × 512', 1536, 512, 'cozy cafe'],
      ['cozy cafe (800x600)', 800, 600, 'cozy cafe'],
      ['  640x480  ', 640, 480, ''],
      ['a 3x3 grid of tiles', undefined, undefined, 'a 3x3 grid of tiles'], // size only at start or end
      ['0x600 nothing', undefined, undefined, '0x600 nothing'],
      ['800x600px icons', 800, 600, 'icons'],
      ['800x600abc icons', undefined, undefined, '800x600abc icons'],
      ['version 1.5x2 zoom', undefined, undefined, 'version 1.5x2 zoom'],
      ['just a prompt', undefined, undefined, 'just a prompt'],
    ];
    for (const [input, width, height, prompt] of cases) {
      it(JSON.stringify(input), () => {
        const result = parseSizeAndPrompt(input);
        assert.deepEqual(result, width === undefined ? { prompt } : { width, height, prompt });
      });
    }
  });

  describe('clampToRange', () => {
    const klein = { min: 512, max: 1536 };
    it('leaves a valid size alone', () => {
      assert.deepEqual(clampToRange({ width: 1024, height: 768 }, klein), { width: 1024, height: 768, adjusted: false });
    });
    it('scales a too-small size up keeping its shape, with a note', () => {
      assert.deepEqual(clampToRange({ width: 800, height: 300 }, klein), {
        width: 1360,
        height: 512,
        adjusted: true,
        note: '800×300 is outside 512–1536; using 1360×512 (same shape)',
      });
    });
    it('scales a too-large size down keeping its shape', () => {
      const result = clampToRange({ width: 3840, height: 2160 }, klein);
      assert.deepEqual([result.width, result.height], [1536, 864]);
      assert.match(result.note!, /same shape/);
    });
    it('uses the closest shape when the ratio cannot fit', () => {
      const result = clampToRange({ width: 4000, height: 100 }, klein);
      assert.deepEqual([result.width, result.height], [1536, 512]);
      assert.equal(result.note, '4000×100 is outside 512–1536; using 1536×512 (closest shape)');
      const tall = clampToRange({ width: 64, height: 4096 }, klein);
      assert.deepEqual([tall.width, tall.height], [512, 1536]);
    });
    it('snaps to the multiple and says so', () => {
      const result = clampToRange({ width: 1000, height: 700 }, klein);
      assert.deepEqual([result.width, result.height], [1008, 704]);
      assert.equal(result.note, '1000×700 is not a multiple of 16; using 1008×704');
    });
    it('always lands inside the range on multiples', () => {
      for (const [w, h] of [[1, 1], [517, 1531], [9999, 9999], [513, 4000], [1200, 630]] as const) {
        const r = clampToRange({ width: w, height: h }, klein);
        for (const side of [r.width, r.height]) {
          assert.ok(side >= 512 && side <= 1536 && side % 16 === 0, `${w}x${h} → ${r.width}x${r.height}`);
        }
      }
    });
    it('multiple 1 only clamps', () => {
      assert.deepEqual(clampToRange({ width: 1001, height: 700 }, { min: 16, max: 4096 }, 1), { width: 1001, height: 700, adjusted: false });
    });
  });

  describe('inferSizeFromContext', () => {
    it('reads the enclosing <img> with the cursor inside src=""', () => {
      const text = '<p><img src="" width="800" height="600" alt=""></p>';
      assert.deepEqual(inferSizeFromContext(text, text.indexOf('""') + 1, 'html'), { width: 800, height: 600 });
    });
    it('reads JSX numeric props and px strings', () => {
      const text = 'return <img\n  src=""\n  width={1200}\n  height="630px"\n/>;';
      assert.deepEqual(inferSizeFromContext(text, text.indexOf('""') + 1, 'typescriptreact'), { width: 1200, height: 630 });
    });
    it('reads an <img> right next to the cursor on the same line', () => {
      const text = 'x <img width=640 height=480> ';
      assert.deepEqual(inferSizeFromContext(text, text.length, 'html'), { width: 640, height: 480 });
      assert.deepEqual(inferSizeFromContext(text, 0, 'html'), { width: 640, height: 480 });
    });
    it('ignores tags on other lines, percentages, expressions and half sizes', () => {
      assert.equal(inferSizeFromContext('<img width="8" height="6">\n\nhere', 30, 'html'), undefined);
      assert.equal(inferSizeFromContext('<img width="100%" height="600" src="">', 36, 'html'), undefined);
      assert.equal(inferSizeFromContext('<img width={w} height={600} src="" />', 34, 'typescriptreact'), undefined);
      assert.equal(inferSizeFromContext('<img width="800" src="">', 22, 'html'), undefined);
    });
  });
});
