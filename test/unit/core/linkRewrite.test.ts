import * as assert from 'node:assert/strict';
import { rewriteImageLinkPaths } from '../../../src/core/linkRewrite';

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
});
