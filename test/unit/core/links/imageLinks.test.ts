import * as assert from 'node:assert/strict';
import { findImageLinks, imageLinkAt, isLocalImagePath, type ImageLink } from '../../../../src/core/links/imageLinks';

/** Checks that every range of a link slices out what it claims to. */
function assertRanges(text: string, link: ImageLink): void {
  assert.equal(text.slice(link.pathStart, link.pathEnd), link.rawPath, 'path range');
  assert.ok(link.start < link.end && link.altStart <= link.altEnd);
  if (link.kind !== 'reference') {
    assert.ok(link.start <= link.pathStart && link.pathEnd <= link.end, 'path inside link');
  }
}

function md(text: string): ImageLink[] {
  const links = findImageLinks(text, 'markdown');
  for (const link of links) assertRanges(text, link);
  return links;
}

describe('core/imageLinks', () => {
  describe('Markdown inline images', () => {
    it('finds ![alt](path "title") with exact ranges', () => {
      const text = 'Intro ![A cat](img/cat.png "The cat") end';
      const [link] = md(text);
      assert.equal(link!.kind, 'markdown');
      assert.equal(link!.alt, 'A cat');
      assert.equal(link!.path, 'img/cat.png');
      assert.equal(link!.title, 'The cat');
      assert.equal(text.slice(link!.start, link!.end), '![A cat](img/cat.png "The cat")');
      assert.equal(text.slice(link!.altStart, link!.altEnd), 'A cat');
      assert.equal(link!.isRemote, false);
    });
    it("accepts 'single' and (paren) titles", () => {
      assert.equal(md("![a](x.png 'T1')")[0]!.title, 'T1');
      assert.equal(md('![a](x.png (T2))')[0]!.title, 'T2');
    });
    it('decodes <path with spaces> and %20, keeping the raw range whole', () => {
      const [angle, percent] = md('![a](<my pics/a b.png>) ![b](my%20pics/a%20b.png)');
      assert.equal(angle!.path, 'my pics/a b.png');
      assert.equal(angle!.rawPath, '<my pics/a b.png>');
      assert.equal(percent!.path, 'my pics/a b.png');
    });
    it('keeps balanced nested parens in the path', () => {
      const [link] = md('![a](img/cat (1)(2).png) trailing)');
      assert.equal(link, undefined); // a space ends a bare destination, so this is not a link
      const [nested] = md('![a](img/cat(1)(x(2)).png) trailing)');
      assert.equal(nested!.path, 'img/cat(1)(x(2)).png');
    });
    it('handles escaped brackets in alt and escapes in the path', () => {
      const text = '![a \\[b\\] c](x\\(1\\).png)';
      const [link] = md(text);
      assert.equal(link!.alt, 'a [b] c');
      assert.equal(text.slice(link!.altStart, link!.altEnd), 'a \\[b\\] c');
      assert.equal(link!.path, 'x(1).png');
    });
    it('allows nested brackets in alt and an empty destination', () => {
      const [link] = md('![see [this] one]()');
      assert.equal(link!.alt, 'see [this] one');
      assert.equal(link!.path, '');
    });
    it('does not let a ] inside a code span close the alt text', () => {
      const [link] = md('![a `]` b](x.png)');
      assert.equal(link!.alt, 'a `]` b');
      assert.equal(link!.path, 'x.png');
    });
    it('survives thousands of unclosed openers and still finds the real link', () => {
      const [link] = md('!['.repeat(5000) + ' ![ok](ok.png)');
      assert.equal(link!.path, 'ok.png');
    });
    it('spans one line break but not a blank line', () => {
      assert.equal(md('![a\nb](x.png)')[0]!.alt, 'a\nb');
      assert.deepEqual(md('![a\n\nb](x.png)'), []);
    });
    it('ignores \\![ (escaped bang) and plain links, finds images inside links', () => {
      assert.deepEqual(md('\\![a](x.png) [b](y.png)'), []);
      const [badge] = md('[![build](badge.svg)](https://ci)');
      assert.equal(badge!.path, 'badge.svg');
    });
    it('flags remote paths', () => {
      const links = md('![a](https://x/y.png) ![b](data:image/png;base64,AAA) ![c](//cdn/x.png) ![d](local.png)');
      assert.deepEqual(links.map((l) => l.isRemote), [true, true, true, false]);
    });
  });

  describe('Markdown reference images', () => {
    const text = [
      'Full ![Alt one][logo], collapsed ![Logo][] and shortcut ![logo].',
      'Missing ![x][nope] stays text.',
      '',
      '[Logo]: <assets/the logo.png> "Our logo"',
      '[logo]: second-definition-ignored.png',
      '',
    ].join('\n');
    it('resolves full, collapsed and shortcut forms to the definition', () => {
      const links = md(text);
      assert.deepEqual(links.map((l) => l.kind), ['reference', 'reference', 'reference']);
      assert.deepEqual(links.map((l) => l.alt), ['Alt one', 'Logo', 'logo']);
      for (const link of links) {
        assert.equal(link.path, 'assets/the logo.png');
        assert.equal(link.title, 'Our logo');
        assert.equal(link.label, 'logo');
      }
      assert.equal(text.slice(links[0]!.start, links[0]!.end), '![Alt one][logo]');
      assert.equal(text.slice(links[1]!.start, links[1]!.end), '![Logo][]');
      assert.equal(text.slice(links[2]!.start, links[2]!.end), '![logo]');
    });
    it('points the path range into the definition line', () => {
      const [link] = md(text);
      assert.equal(text.slice(link!.pathStart, link!.pathEnd), '<assets/the logo.png>');
    });
    it('imageLinkAt finds a reference from inside its definition path', () => {
      const inDefinition = text.indexOf('the logo.png');
      assert.equal(imageLinkAt(text, inDefinition, 'markdown')?.kind, 'reference');
    });
    it('accepts a title on the next line of the definition', () => {
      const [link] = md('![a][r]\n\n[r]: x.png\n  "Next line"\n');
      assert.equal(link!.title, 'Next line');
      assert.equal(link!.path, 'x.png');
    });
  });

  describe('code is not scanned', () => {
    it('skips inline code spans of any backtick count', () => {
      assert.deepEqual(md('`![a](x.png)` and ``![b](`y`.png)`` and ```![c](z.png)```'), []);
      const [link] = md('`` not closed by one ` ![a](x.png) ``  ![real](r.png)');
      assert.equal(link!.path, 'r.png');
    });
    it('treats an unmatched backtick run as text', () => {
      assert.equal(md('a ` b ![a](x.png)')[0]!.path, 'x.png');
    });
    it('skips ``` and ~~~ fenced blocks, with longer closing fences and unclosed fences', () => {
      const text = ['```md', '![a](in-fence.png)', '````', '![b](after.png)', '~~~~', '![c](tilde.png)', '~~~', '~~~~', '![d](out.png)', '```', '![e](unclosed.png)'].join('\n');
      assert.deepEqual(md(text).map((l) => l.path), ['after.png', 'out.png']);
    });
    it('skips indented code blocks but not indented paragraph continuations or list content', () => {
      const text = ['Para', '    ![a](continuation.png)', '', '    ![b](code.png)', '', '- item', '', '    ![c](list-para.png)', ''].join('\n');
      assert.deepEqual(md(text).map((l) => l.path), ['continuation.png', 'list-para.png']);
    });
    it('treats an indented line right after a heading as code', () => {
      assert.deepEqual(md('# Title\n    ![a](code.png)\n'), []);
    });
    it('skips HTML comments and fences inside blockquotes', () => {
      assert.deepEqual(md('<!-- ![a](x.png) -->\n> ```\n> ![b](y.png)\n> ```\n'), []);
    });
    it('works with CRLF line endings', () => {
      const text = '```\r\n![no](a.png)\r\n```\r\n![yes](b.png)\r\n\r\n![ref]\r\n\r\n[ref]: c.png "C"\r\n';
      assert.deepEqual(md(text).map((l) => [l.path, l.title]), [['b.png', undefined], ['c.png', 'C']]);
    });
    it('does not read definitions inside code', () => {
      assert.deepEqual(md('![r]\n\n```\n[r]: x.png\n```\n'), []);
    });
  });

  describe('<img> elements', () => {
    it('reads alt and src in any order and quote style, in Markdown too', () => {
      const text = 'Hi <img src=\'a b.png\' alt="A &amp; B"> and <IMG ALT=x SRC=y.png/>';
      const links = findImageLinks(text, 'markdown');
      assert.deepEqual(links.map((l) => [l.kind, l.alt, l.path]), [['html', 'A & B', 'a b.png'], ['html', 'x', 'y.png/']]);
      for (const link of links) assertRanges(text, link);
    });
    it('handles JSX string-literal expressions and self-closing tags', () => {
      const text = 'return <img className="hero" src={"/img/a%20b.png"} alt={\'Hero \\\'shot\\\'\'} {...rest} />;';
      const [link] = findImageLinks(text, 'typescriptreact');
      assert.equal(link!.path, '/img/a b.png');
      assert.equal(link!.rawPath, '/img/a%20b.png');
      assert.equal(link!.alt, "Hero 'shot'");
      assert.equal(text.slice(link!.start, link!.end), text.slice(7, text.length - 1));
      assertRanges(text, link!);
    });
    it('skips computed src expressions and Vue bindings', () => {
      assert.deepEqual(findImageLinks('<img src={hero} alt="x" />', 'javascriptreact'), []);
      assert.deepEqual(findImageLinks('<img :src="hero" alt="x">', 'vue'), []);
      assert.deepEqual(findImageLinks('<img src={`a${b}.png`} />', 'typescriptreact'), []);
    });
    it('gives an empty alt range after <img when alt is missing', () => {
      const text = '<img src="a.png">';
      const [link] = findImageLinks(text, 'html');
      assert.equal(link!.alt, '');
      assert.equal(link!.altStart, 4);
      assert.equal(link!.altEnd, 4);
    });
    it('works in Svelte and Vue templates and skips HTML comments', () => {
      const text = '<!-- <img src="old.png"> -->\n<template><img\n  alt="new"\n  src="new.png"\n></template>';
      assert.deepEqual(findImageLinks(text, 'vue').map((l) => l.path), ['new.png']);
      assert.equal(findImageLinks('<img src={"s.png"} alt="s">', 'svelte')[0]!.path, 's.png');
    });
    it('an unterminated <img is abandoned at the next tag', () => {
      assert.deepEqual(findImageLinks('<img src="a.png" <img src="b.png">', 'html').map((l) => l.path), ['b.png']);
    });
    it('ignores <imgx> and unterminated tags; other languages have no links', () => {
      assert.deepEqual(findImageLinks('<imgx src="a.png"> <img src="b.png"', 'html'), []);
      assert.deepEqual(findImageLinks('![a](x.png)', 'python'), []);
    });
  });

  describe('imageLinkAt', () => {
    const text = 'a ![one](1.png) b <img src="2.png" alt="two"> c';
    it('finds the link around the offset, inclusive of both ends', () => {
      assert.equal(imageLinkAt(text, text.indexOf('one'), 'markdown')?.path, '1.png');
      assert.equal(imageLinkAt(text, text.indexOf('1.png)') + 6, 'markdown')?.path, '1.png');
      assert.equal(imageLinkAt(text, text.indexOf('two'), 'markdown')?.path, '2.png');
      assert.equal(imageLinkAt(text, 0, 'markdown'), undefined);
    });
  });

  describe('isLocalImagePath', () => {
    it('accepts relative and root-relative image files', () => {
      for (const p of ['a.png', '../img/b.JPG', '/assets/c.webp', 'd.gif?v=2', 'e e.jpeg#x']) assert.ok(isLocalImagePath(p), p);
    });
    it('rejects remote, schemes, fragments and non-images', () => {
      for (const p of ['https://x/a.png', '//cdn/a.png', 'data:image/png;base64,AA', 'file:///a.png', '#top', '', 'notes.md', 'C:/a.png']) {
        assert.ok(!isLocalImagePath(p), p);
      }
    });
  });
});
