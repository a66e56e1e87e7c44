import * as assert from 'node:assert/strict';
import { ImageLinkIndex, PerVersionCache } from '../../../../src/core/links/imageLinkIndex';
import { imageLinkAt } from '../../../../src/core/links/imageLinks';

describe('image link index (one parse per document version)', () => {
  it('finds the same link as a whole-document scan at every offset', () => {
    const samples: [string, string][] = [
      ['markdown', '# T\n\n![a](a.png)![b](b.png) text ![c][ref] `![no](x.png)`\n\n```\n![fenced](f.png)\n```\n\n<img src="h.png" alt="h">\n\n[ref]: c.png "C"\n'],
      ['html', '<p><img src="a.png"><img alt="b" src="b.png"></p><!-- <img src="c.png"> -->'],
    ];
    for (const [languageId, text] of samples) {
      const index = ImageLinkIndex.of(text, languageId);
      for (let offset = 0; offset <= text.length; offset++) {
        assert.equal(index.at(offset)?.start, imageLinkAt(text, offset, languageId)?.start, `${languageId} at ${offset}`);
      }
    }
  });

  it('keeps one value per document for its current version, and forgets the least recently used', () => {
    const cache = new PerVersionCache<string>(2);
    let computed = 0;
    const get = (key: string, version: number) => cache.get(key, version, () => `${key}@${version}#${++computed}`);
    assert.equal(get('a', 1), 'a@1#1');
    assert.equal(get('a', 1), 'a@1#1', 'same version: no new parse');
    assert.equal(get('a', 2), 'a@2#2', 'a new version parses again');
    get('b', 1);
    get('a', 2);
    get('c', 1); // b is the least recently used
    assert.equal(get('a', 2), 'a@2#2');
    assert.equal(get('b', 1), 'b@1#5', 'b was forgotten');
  });
});
