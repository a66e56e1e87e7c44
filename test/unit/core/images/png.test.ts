import * as assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { addPngTextChunks, encodePng, readPngChunks, readPngSize, readPngTextChunks } from '../../../../src/core/images/png';
import { decodePng } from './pngDecode';

/** Deterministic noisy pixels, so every filter has real work to do. */
function samplePixels(width: number, height: number, channels: 3 | 4): Uint8Array {
  const pixels = new Uint8Array(width * height * channels);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7919 + ((i / channels) | 0) * 31) & 0xff;
  return pixels;
}

describe('core/png', () => {
  for (const filter of ['none', 'sub', 'up'] as const) {
    for (const channels of [3, 4] as const) {
      it(`round-trips ${channels === 3 ? 'RGB' : 'RGBA'} pixels with filter ${filter}`, () => {
        const pixels = samplePixels(13, 7, channels);
        const png = encodePng(pixels, 13, 7, { filter });
        const decoded = decodePng(png);
        assert.deepEqual([decoded.width, decoded.height, decoded.channels], [13, 7, channels]);
        assert.deepEqual(new Uint8Array(decoded.pixels), pixels);
      });
    }
  }

  it('rejects sizes and buffers that do not match', () => {
    assert.throws(() => encodePng(new Uint8Array(10), 2, 2), RangeError);
    assert.throws(() => encodePng(new Uint8Array(0), 0, 0), RangeError);
    assert.throws(() => encodePng(new Uint8Array(12), 2.5, 2), RangeError);
  });

  it('reads the size from IHDR and refuses non-PNGs', () => {
    assert.deepEqual(readPngSize(encodePng(samplePixels(5, 3, 3), 5, 3)), { width: 5, height: 3 });
    assert.equal(readPngSize(Buffer.from('GIF89a not a png at all....')), undefined);
    assert.throws(() => readPngChunks(Buffer.from('nope')), TypeError);
  });

  describe('text chunks', () => {
    const png = encodePng(samplePixels(4, 4, 3), 4, 4);
    const metadata = { prompt: 'Crème brûlée, 東京 🌸', model: 'blackforestlabs/flux-2-klein/9b/text-to-image', size: '1024x1024', steps: '25', request_id: 'req-123', Software: 'RunComfy Images' };

    it('writes UTF-8 iTXt chunks right after IHDR and reads them back', () => {
      const tagged = addPngTextChunks(png, metadata);
      assert.deepEqual(readPngTextChunks(tagged), metadata);
      const types = readPngChunks(tagged).map((c) => c.type);
      assert.deepEqual(types, ['IHDR', 'iTXt', 'iTXt', 'iTXt', 'iTXt', 'iTXt', 'iTXt', 'IDAT', 'IEND']);
      // The image itself is untouched and every CRC is valid.
      assert.deepEqual(decodePng(tagged).pixels, decodePng(png).pixels);
    });

    it('replaces entries with the same keyword instead of duplicating them', () => {
      const twice = addPngTextChunks(addPngTextChunks(png, { prompt: 'old', steps: '4' }), { prompt: 'new' });
      assert.deepEqual(readPngTextChunks(twice), { prompt: 'new', steps: '4' });
      assert.equal(readPngChunks(twice).filter((c) => c.type === 'iTXt').length, 2);
    });

    it('reads tEXt, zTXt and compressed iTXt written by other tools', () => {
      const chunk = (type: string, data: Buffer) => {
        const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
        const out = Buffer.alloc(body.length + 8);
        out.writeUInt32BE(data.length, 0);
        body.copy(out, 4);
        out.writeUInt32BE(zlib.crc32(body), out.length - 4);
        return out;
      };
      const chunks = readPngChunks(png);
      const ihdr = png.subarray(chunks[0]!.start, chunks[0]!.end);
      const rest = png.subarray(chunks[1]!.start);
      const foreign = Buffer.concat([
        png.subarray(0, 8),
        ihdr,
        chunk('tEXt', Buffer.from('Author\0Ana', 'latin1')),
        chunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), zlib.deflateSync(Buffer.from('zipped', 'latin1'))])),
        chunk('iTXt', Buffer.concat([Buffer.from('Title\0\x01\0en\0Titel\0', 'latin1'), zlib.deflateSync(Buffer.from('Grüße', 'utf8'))])),
        rest,
      ]);
      assert.deepEqual(readPngTextChunks(foreign), { Author: 'Ana', Comment: 'zipped', Title: 'Grüße' });
      assert.deepEqual(decodePng(foreign).pixels, decodePng(png).pixels);
    });

    it('refuses keywords the PNG spec forbids', () => {
      assert.throws(() => addPngTextChunks(png, { '': 'x' }), RangeError);
      assert.throws(() => addPngTextChunks(png, { ['k'.repeat(80)]: 'x' }), RangeError);
      assert.throws(() => addPngTextChunks(png, { ' lead': 'x' }), RangeError);
      assert.throws(() => addPngTextChunks(png, { 'プロンプト': 'x' }), RangeError);
    });
  });
});
