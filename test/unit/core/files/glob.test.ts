import * as assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { matchesGlob } from '../../../../src/core/files/glob';

describe('core/glob (picomatch, as VS Code matches markdown.copyFiles.destination)', () => {
  const cases: Array<[string, string, boolean]> = [
    ['/ws/docs/a.md', '**/*.md', true],
    ['/ws/.github/README.md', '**/*.md', true], // dot: true, as VS Code passes to picomatch
    ['/ws/docs/a.md', '/ws/docs/**/*', true],
    ['/ws/docs/api/v1/a.md', '/ws/docs/**/*', true],
    ['/ws/blog/a.md', '/ws/docs/**/*', false],
    ['/ws/docs/a.md', '**/docs/*.md', true],
    ['/ws/docs/x/a.md', '**/docs/*.md', false], // `*` stays inside a segment
    ['/ws/a.md', '**/{a,b}.md', true],
    ['/ws/c.md', '**/{a,b{c,d}}.md', false],
    ['/ws/bd.md', '**/{a,b{c,d}}.md', true],
    ['/ws/a1.md', '**/a[0-9].md', true],
    ['/ws/ax.md', '**/a[^0-9].md', true],
    ['/ws/a1.md', '**/a[^0-9].md', false],
    ['/ws/a/.md', '**/a[^0-9].md', false], // a class never matches `/`
    // Where the hand-written matcher this module replaced differed from VS Code, VS Code's answer: picomatch
    // without `posix` reads `[!0-9]` as "`!` or a digit", and `( )` as a group. A rule is meant to send
    // generated images where VS Code pastes images, so it has to agree with VS Code even there.
    ['/ws/ax.md', '**/a[!0-9].md', false],
    ['/ws/a/.md', '**/a[!0-9].md', false],
    ['/ws/a(1).md', '**/a(1).md', false],
    ['/ws/a1.md', '**/a(1).md', true],
    ['/ws/a(1).md', '**/a\\(1\\).md', true], // escaped, they are literal
    ['/ws/a?.md', '**/a\\?.md', true],
    ['/ws/ab.md', '**/a\\?.md', false],
    ['/ws/a.b.md', '**/a.b.md', true], // other regex metacharacters are literal
    ['/ws/aXb.md', '**/a.b.md', false],
    ['/ws/a+.md', '**/a+.md', true],
    ['/ws/a.mdx', '**/*.md', false],
  ];
  for (const [file, glob, expected] of cases) {
    it(`${glob} ${expected ? 'matches' : 'does not match'} ${file}`, () => {
      assert.equal(matchesGlob(file, glob), expected);
      // The time-limited match gives the answer VS Code gets from picomatch itself.
      assert.equal(picomatch.isMatch(file, glob, { dot: true, windows: false }), expected);
    });
  }

  it('reports an invalid class instead of silently matching nothing, so the rule can be named in the log', () => {
    assert.throws(() => matchesGlob('/ws/a.md', '[z-a]/*.md'), SyntaxError);
  });
});
