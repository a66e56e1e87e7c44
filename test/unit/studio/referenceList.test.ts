import * as assert from 'node:assert/strict';
import { addReferences, capReferences, referenceAddNotice, referenceLimitsText, removeReference, sizeText, type ReferenceItem } from '../../../src/studio/referenceList';

const item = (path: string): ReferenceItem => ({ path, name: path.split('/').pop()!, width: 64, height: 48, bytes: 2048 });

describe('Studio reference list (the references area’s state)', () => {
  it('adds in the order given, after what is there', () => {
    const { list, duplicates, overCap } = addReferences([item('img/a.png')], [item('img/b.png'), item('img/c.webp')], 10);
    assert.deepEqual(list.map((i) => i.path), ['img/a.png', 'img/b.png', 'img/c.webp']);
    assert.deepEqual([duplicates, overCap], [[], []]);
  });

  it('never holds one file twice, and says which were already there', () => {
    const result = addReferences([item('img/a.png')], [item('img/a.png'), item('img/b.png'), item('img/b.png')], 10);
    assert.deepEqual(result.list.map((i) => i.path), ['img/a.png', 'img/b.png']);
    assert.deepEqual(result.duplicates, ['img/a.png', 'img/b.png']);
    assert.equal(referenceAddNotice(result, 10), 'a.png, b.png are already references.');
    // Paths are compared exactly: a case-sensitive workspace may hold both.
    assert.equal(addReferences([item('img/a.png')], [item('img/A.png')], 10).list.length, 2);
  });

  it('stops at the model’s maxItems and says what was left out', () => {
    const result = addReferences([item('a.png')], [item('b.png'), item('c.png'), item('d.png')], 2);
    assert.deepEqual(result.list.map((i) => i.path), ['a.png', 'b.png']);
    assert.deepEqual(result.overCap, ['c.png', 'd.png']);
    assert.equal(referenceAddNotice(result, 2), 'c.png, d.png not added: this model takes at most 2 images.');
    assert.equal(referenceAddNotice(addReferences([], [item('a.png'), item('b.png')], 1), 1), 'b.png not added: this model takes one image.');
    assert.equal(referenceAddNotice(addReferences([], [item('a.png')], 1), 1), undefined, 'nothing to say');
  });

  it('removes one image, and cuts the list to a lower cap keeping the first', () => {
    const list = [item('a.png'), item('b.png'), item('c.png')];
    assert.deepEqual(removeReference(list, 'b.png').map((i) => i.path), ['a.png', 'c.png']);
    assert.deepEqual(removeReference(list, 'zzz.png'), list);
    assert.deepEqual(capReferences(list, 1).map((i) => i.path), ['a.png']);
    assert.deepEqual(capReferences(list, 0), []);
  });

  it('states the limits as the area shows them', () => {
    assert.equal(referenceLimitsText(2, { maxItems: 10, maxBytes: 6 * 1024 * 1024 }), '2 of 10 · PNG, JPEG or WebP · up to 6 MiB each');
    assert.equal(referenceLimitsText(0, { maxItems: 1, maxBytes: 1_999_999 }), '0 of 1 · PNG, JPEG or WebP · up to 1.9 MiB each');
    assert.equal(sizeText(800 * 1024), '800 KiB');
    assert.equal(sizeText(100), '1 KiB');
  });
});
