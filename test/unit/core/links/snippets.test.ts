import * as assert from 'node:assert/strict';
import { snippetFor } from '../../../../src/core/links/snippets';

const args = { link: '../assets/cozy cafe.png', alt: 'A "cozy" café & bar', width: 800, height: 600 };

describe('core/snippets', () => {
  it('Markdown: ![alt](link) with VS Code link encoding', () => {
    assert.equal(snippetFor('markdown', args), '![A "cozy" café & bar](<../assets/cozy cafe.png>)');
    assert.equal(snippetFor('markdown', { ...args, link: 'a/b.png', alt: 'x [y]' }), '![x \\[y\\]](a/b.png)');
  });
  it('Markdown: an already encoded link is not encoded again', () => {
    assert.equal(snippetFor('markdown', { ...args, link: '<my pic.png>' }), '![A "cozy" café & bar](<my pic.png>)');
  });
  it('HTML-like languages: <img> with escaped attributes and size', () => {
    const expected = '<img src="../assets/cozy%20cafe.png" alt="A &quot;cozy&quot; café &amp; bar" width="800" height="600">';
    for (const lang of ['html', 'vue', 'svelte', 'php', 'astro']) assert.equal(snippetFor(lang, args), expected, lang);
  });
  it('JSX: self-closing <img … />', () => {
    for (const lang of ['javascriptreact', 'typescriptreact']) {
      assert.equal(snippetFor(lang, { link: 'a.png', alt: 'x' }), '<img src="a.png" alt="x" />', lang);
    }
  });
  it('omits width/height that are missing or not positive integers', () => {
    assert.equal(snippetFor('html', { link: 'a.png', alt: 'x', width: 0, height: 10.5 }), '<img src="a.png" alt="x">');
  });
  it('CSS family: url("…")', () => {
    for (const lang of ['css', 'scss', 'less']) assert.equal(snippetFor(lang, args), 'url("../assets/cozy%20cafe.png")', lang);
    assert.equal(snippetFor('css', { link: 'a"b.png', alt: '' }), 'url("a%22b.png")');
  });
  it('inside an empty src="" only the attribute-safe path', () => {
    assert.equal(snippetFor('html', { ...args, insideEmptySrc: true }), '../assets/cozy%20cafe.png');
    assert.equal(snippetFor('typescriptreact', { link: 'a&b.png', alt: '', insideEmptySrc: true }), 'a&amp;b.png');
  });
  it('does not double-encode percent escapes', () => {
    assert.equal(snippetFor('html', { link: 'a%20b.png', alt: '' }), '<img src="a%20b.png" alt="">');
  });
  it('elsewhere the plain relative path', () => {
    assert.equal(snippetFor('python', args), '../assets/cozy cafe.png');
    assert.equal(snippetFor('plaintext', { ...args, link: '<a b.png>' }), 'a b.png');
  });
});
