import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { markdownImage, relativeLink, shortAlt } from '../../../../src/core/links/links';

const ws = path.resolve('/ws');
const doc = path.join(ws, 'docs', 'guide.md');

describe('core/links', () => {
  describe('relativeLink', () => {
    it('is relative to the document with / separators and no ./ prefix', () => {
      assert.equal(relativeLink(doc, path.join(ws, 'assets', 'generated', 'cat.png')), '../assets/generated/cat.png');
      assert.equal(relativeLink(doc, path.join(ws, 'docs', 'cat.png')), 'cat.png');
    });
    it('wraps paths with spaces in <…>, as VS Code paste does', () => {
      assert.equal(relativeLink(doc, path.join(ws, 'docs', 'my images', 'a b.png')), '<my images/a b.png>');
    });
    it('leaves balanced parens bare and wraps unbalanced ones', () => {
      assert.equal(relativeLink(doc, path.join(ws, 'docs', 'cat (1).png')), '<cat (1).png>'); // space wins
      assert.equal(relativeLink(doc, path.join(ws, 'docs', 'cat(1).png')), 'cat(1).png');
      assert.equal(relativeLink(doc, path.join(ws, 'docs', 'cat(1.png')), '<cat(1.png>');
      assert.equal(relativeLink(doc, path.join(ws, 'docs', 'cat)1(.png')), '<cat)1(.png>');
    });
    it('escapes angle brackets inside <…>', () => {
      assert.equal(relativeLink(doc, path.join(ws, 'docs', '<a b>.png')), '<\\<a b\\>.png>');
    });
    it('percent-encodes on request', () => {
      assert.equal(relativeLink(doc, path.join(ws, 'docs', 'a b(1).png'), { encoding: 'percent' }), 'a%20b%281%29.png');
      assert.equal(relativeLink(doc, path.join(ws, 'docs', 'café.png'), { encoding: 'percent' }), 'caf%C3%A9.png');
    });
  });

  describe('markdownImage', () => {
    it('escapes brackets and backslashes in the alt text and flattens newlines', () => {
      assert.equal(markdownImage('a [b] c\\', 'x.png'), '![a \\[b\\] c\\\\](x.png)');
      assert.equal(markdownImage('line one\n\nline two', 'x.png'), '![line one line two](x.png)');
    });
  });

  describe('shortAlt', () => {
    it('keeps the first sentence', () => {
      assert.equal(shortAlt('A cozy cafe interior. Warm light, film grain.'), 'A cozy cafe interior');
    });
    it('does not split on dots inside words or numbers', () => {
      assert.equal(shortAlt('Version 2.5 logo on index.html page'), 'Version 2.5 logo on index.html page');
    });
    it('cuts long text on a word boundary at most 80 characters, on one line', () => {
      const alt = shortAlt('word '.repeat(40) + '\nsecond line');
      assert.ok(alt.length <= 80, alt);
      assert.ok(!alt.includes('\n'));
      assert.ok(alt.endsWith('word'));
    });
    it('drops trailing punctuation', () => {
      assert.equal(shortAlt('sunset over hills,  '), 'sunset over hills');
    });
  });
});
