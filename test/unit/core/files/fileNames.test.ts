import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { nextFreePath, replaceExtension, slugFromPrompt } from '../../../../src/core/files/fileNames';

describe('core/fileNames', () => {
  describe('slugFromPrompt', () => {
    it('joins lower-case words with dashes', () => {
      assert.equal(slugFromPrompt('A Hummingbird, sipping nectar!'), 'a-hummingbird-sipping-nectar');
    });
    it('folds diacritics and ligatures to ASCII', () => {
      assert.equal(slugFromPrompt('Crème brûlée at the Café Straße'), 'creme-brulee-at-the-cafe-strasse');
      assert.equal(slugFromPrompt('ﬁne Ørsted æther'), 'fine-orsted-aether');
    });
    it('cuts on a word boundary within maxLength', () => {
      const slug = slugFromPrompt('one two three four five six seven', 14);
      assert.equal(slug, 'one-two-three');
      assert.ok(slugFromPrompt('x '.repeat(100)).length <= 60);
    });
    it('cuts a single over-long word hard instead of dropping it', () => {
      assert.equal(slugFromPrompt('a'.repeat(100), 10), 'a'.repeat(10));
    });
    it('falls back to "image" when nothing ASCII remains', () => {
      assert.equal(slugFromPrompt('🐦🌸'), 'image');
      assert.equal(slugFromPrompt('   '), 'image');
      assert.equal(slugFromPrompt('東京の夜'), 'image');
    });
    it('never emits leading, trailing or doubled dashes', () => {
      assert.equal(slugFromPrompt('--hello -- world--'), 'hello-world');
    });
  });

  describe('nextFreePath', () => {
    it('returns the target when free, else name-1, name-2 … beside it', async () => {
      const taken = new Set(['/w/a/cat.png', '/w/a/cat-1.png'].map((p) => path.resolve(p)));
      const exists = async (p: string) => taken.has(path.resolve(p));
      assert.equal(await nextFreePath(path.resolve('/w/a/dog.png'), exists), path.resolve('/w/a/dog.png'));
      assert.equal(await nextFreePath(path.resolve('/w/a/cat.png'), exists), path.resolve('/w/a/cat-2.png'));
    });
    it('keeps only the last extension and handles names without one', async () => {
      const exists = async (p: string) => !/-1/.test(p);
      assert.equal(await nextFreePath(path.resolve('/w/x.tar.gz'), exists), path.resolve('/w/x.tar-1.gz'));
      assert.equal(await nextFreePath(path.resolve('/w/README'), exists), path.resolve('/w/README-1'));
    });
  });

  describe('replaceExtension', () => {
    it('swaps, adds and accepts the extension with or without a dot', () => {
      assert.equal(replaceExtension('docs/hero.png', 'webp'), 'docs/hero.webp');
      assert.equal(replaceExtension('docs/hero.png', '.jpg'), 'docs/hero.jpg');
      assert.equal(replaceExtension('docs/hero', 'png'), 'docs/hero.png');
    });
    it('only touches the last segment', () => {
      assert.equal(replaceExtension('my.dir/hero', 'png'), 'my.dir/hero.png');
      assert.equal(replaceExtension('C:\\my.dir\\hero.gif', 'png'), 'C:\\my.dir\\hero.png');
      assert.equal(replaceExtension('a/.hidden', 'png'), 'a/.hidden.png');
    });
  });
});
