import * as assert from 'node:assert/strict';
import { matchesGlob } from '../../../src/core/glob';

describe('core/glob', () => {
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
    ['/ws/ax.md', '**/a[!0-9].md', true],
    ['/ws/a/.md', '**/a[!0-9].md', false],
    ['/ws/a?.md', '**/a\\?.md', true],
    ['/ws/ab.md', '**/a\\?.md', false],
    ['/ws/a(1).md', '**/a(1).md', true], // regex metacharacters are literal
    ['/ws/a.mdx', '**/*.md', false],
  ];
  for (const [file, glob, expected] of cases) {
    it(`${glob} ${expected ? 'matches' : 'does not match'} ${file}`, () => {
      assert.equal(matchesGlob(file, glob), expected);
    });
  }
});
