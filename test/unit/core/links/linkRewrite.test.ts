import * as assert from 'node:assert/strict';
import { imageLinkPathEdits, rewriteImageLinkPaths } from '../../../../src/core/links/linkRewrite';

describe('core/linkRewrite', () => {
  const doc = '/p/docs/guide.md';

  it('changes only the path of every link that names the old file', () => {
    const text = 'A ![hero](img/hero.png "Hero") and ![other](img/other.png).\n\n<img alt="hero" src="img/hero.png">\n';
    const { text: out, changed } = rewriteImageLinkPaths(text, 'markdown', doc, 'img/hero.png', '/p/docs/img/hero.webp');
    assert.equal(changed, 2);
    assert.equal(out, 'A ![hero](img/hero.webp "Hero") and ![other](img/other.png).\n\n<img alt="hero" src="img/hero.webp">\n');
  });

  it('rewrites a reference definition once and encodes spaces per syntax', () => {
    const text = '![a][h] ![b][h]\n\n[h]: <my img/h.png>\n';
    const { text: out, changed } = rewriteImageLinkPaths(text, 'markdown', doc, '<my img/h.png>', '/p/docs/my img/h.webp');
    assert.equal(changed, 1);
    assert.equal(out, '![a][h] ![b][h]\n\n[h]: <my img/h.webp>\n');
  });

  it('leaves a document without the path untouched', () => {
    assert.deepEqual(rewriteImageLinkPaths('![x](a.png)', 'markdown', doc, 'b.png', '/p/docs/b.webp'), { text: '![x](a.png)', changed: 0 });
  });

  it('with nearOffset edits only the link nearest to it, and never a path quoted in code', () => {
    const text = 'Use `![x](img/a.png)` like this.\n\n![First](img/a.png)\n\n![Second](img/a.png)\n';
    const second = text.lastIndexOf('img/a.png');
    const edits = imageLinkPathEdits(text, 'markdown', '/ws/doc.md', 'img/a.png', '/ws/img/a.webp', { nearOffset: second });
    assert.deepEqual(edits, [{ start: second, end: second + 'img/a.png'.length, replacement: 'img/a.webp' }]);
    const all = imageLinkPathEdits(text, 'markdown', '/ws/doc.md', 'img/a.png', '/ws/img/a.webp');
    assert.equal(all.length, 2, 'the quoted path in the code span is not a link');
  });
});

