import * as assert from 'node:assert/strict';
import { MAX_DROPPED_URIS, parseUriList } from '../../../src/studio/droppedUris';

describe('URIs dropped on the references area', () => {
  it('reads a text/uri-list: one URI a line, comments and blanks skipped, duplicates once', () => {
    const text = '# dragged from the Explorer\r\nfile:///work/img/a.png\r\n\r\nvscode-remote://ssh-remote%2Bbox/work/img/b.webp\nfile:///work/img/a.png\n';
    assert.deepEqual(parseUriList(text), ['file:///work/img/a.png', 'vscode-remote://ssh-remote%2Bbox/work/img/b.webp']);
  });

  it('reads a JSON array too, and drops what is no URI', () => {
    assert.deepEqual(parseUriList('["file:///a.png", 3, "not a uri", "file:///b.png"]'), ['file:///a.png', 'file:///b.png']);
    assert.deepEqual(parseUriList('/etc/passwd\nimg/a.png'), []);
  });

  it('keeps at most a message’s worth', () => {
    const many = Array.from({ length: 100 }, (_, i) => `file:///img/${i}.png`).join('\n');
    assert.equal(parseUriList(many).length, MAX_DROPPED_URIS);
  });
});
