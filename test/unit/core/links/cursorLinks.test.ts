import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { commonPrefixLength, MarkdownCursorLinks } from '../../../../src/core/links/cursorLinks';
import { ImageLinkIndex } from '../../../../src/core/links/imageLinkIndex';
import { seededRandom } from '../../../support/seededRandom';
import { trickyMarkdown } from '../../../support/trickyMarkdown';

/** Asserts the paragraph parse finds what the whole-document index finds at `offset` (the message built only on a failure). */
function assertSameAt(cursor: MarkdownCursorLinks, whole: ImageLinkIndex, text: string, offset: number, what: string): void {
  const actual = cursor.at(offset, () => whole);
  const expected = whole.at(offset);
  if (!isDeepStrictEqual(actual, expected)) assert.deepEqual(actual, expected, `${what}, offset ${offset}: ${JSON.stringify(text)}`);
}

function assertSameEverywhere(text: string, cursor: MarkdownCursorLinks, what: string): void {
  const whole = ImageLinkIndex.of(text, 'markdown');
  for (let offset = 0; offset <= text.length; offset++) assertSameAt(cursor, whole, text, offset, what);
}

describe('core/links/cursorLinks (the paragraph around the cursor, fence state per version)', () => {
  it('finds exactly the whole-document parse\'s link at every offset of 300 tricky documents', function () {
    this.timeout(60_000);
    for (let seed = 1; seed <= 300; seed++) {
      const text = trickyMarkdown(seed, 40);
      assertSameEverywhere(text, new MarkdownCursorLinks(text), `seed ${seed}`);
    }
  });

  it('asks offsets in any order: what one lookup decided stays true for the next', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const text = trickyMarkdown(seed, 40);
      const whole = ImageLinkIndex.of(text, 'markdown');
      const cursor = new MarkdownCursorLinks(text);
      const random = seededRandom(seed);
      for (let n = 0; n < 60; n++) assertSameAt(cursor, whole, text, Math.floor(random() * (text.length + 1)), `seed ${seed}`);
    }
  });

  it('after an edit, resumes the code-block scan above it and still agrees near it and elsewhere', function () {
    this.timeout(60_000);
    // Long enough that the scan has saved states to resume from (one every 256 lines).
    for (let seed = 1; seed <= 8; seed++) {
      const random = seededRandom(seed);
      let text = trickyMarkdown(seed, 1200);
      let cursor = new MarkdownCursorLinks(text);
      cursor.at(text.length, () => ImageLinkIndex.of(text, 'markdown'));
      for (let edit = 0; edit < 4; edit++) {
        const at = Math.floor(random() * text.length);
        const removed = Math.floor(random() * 40);
        const inserted = trickyMarkdown(seed * 100 + edit, 1 + Math.floor(random() * 3));
        text = text.slice(0, at) + inserted + text.slice(at + removed);
        cursor = new MarkdownCursorLinks(text, cursor);
        const whole = ImageLinkIndex.of(text, 'markdown');
        // Offsets near the edit, and a sample of the rest.
        const near = { from: Math.max(0, at - 300), to: Math.min(text.length, at + inserted.length + 300) };
        for (let offset = near.from; offset <= near.to; offset++) assertSameAt(cursor, whole, text, offset, `seed ${seed}, edit ${edit}`);
        for (let n = 0; n < 200; n++) assertSameAt(cursor, whole, text, Math.floor(random() * (text.length + 1)), `seed ${seed}, edit ${edit}`);
      }
    }
  });

  it('resolves references through definitions anywhere in the document, the first of a label winning, none in code', () => {
    const text = [
      '![above][late]',
      '',
      '```',
      '[late]: fenced.png',
      '```',
      '',
      '`[late]: span.png`',
      '',
      '<!--',
      '[late]: commented.png',
      '-->',
      '',
      'Para ![below][late] and ![short] here.',
      '',
      '[late]: real.png "Real"',
      '[late]: second.png',
      '[short]:',
      '  next-line.png',
    ].join('\n');
    const cursor = new MarkdownCursorLinks(text);
    const whole = ImageLinkIndex.of(text, 'markdown');
    for (const [needle, path] of [['![above]', 'real.png'], ['![below]', 'real.png'], ['![short]', 'next-line.png']] as const) {
      const link = cursor.at(text.indexOf(needle) + 3, () => whole);
      assert.equal(link?.path, path, needle);
      assert.equal(link?.kind, 'reference');
    }
    assertSameEverywhere(text, cursor, 'definitions');
  });

  it('sees a fence opened far above, and a comment spanning paragraphs', () => {
    const prose = 'Words and words.\n\n'.repeat(500);
    const text = `${prose}\`\`\`\n\n![in a fence](f.png)\n\n\`\`\`\n\n<!-- a comment\n\n![commented](c.png)\n\n-->\n\n![real](r.png)\n`;
    const cursor = new MarkdownCursorLinks(text);
    const whole = ImageLinkIndex.of(text, 'markdown');
    assert.equal(cursor.at(text.indexOf('![in a fence]') + 3, () => whole), undefined);
    assert.equal(cursor.at(text.indexOf('![commented]') + 3, () => whole), undefined);
    assert.equal(cursor.at(text.indexOf('![real]') + 3, () => whole)?.path, 'r.png');
  });

  it('measures the common prefix of two versions', () => {
    assert.equal(commonPrefixLength('abcdef', 'abcxef'), 3);
    assert.equal(commonPrefixLength('abc', 'abc'), 3);
    assert.equal(commonPrefixLength('abc', 'abcd'), 3);
    assert.equal(commonPrefixLength('', 'x'), 0);
    assert.equal(commonPrefixLength('x'.repeat(10_000) + 'a', 'x'.repeat(10_000) + 'b'), 10_000);
  });
});
