import * as assert from 'node:assert/strict';
import { codeBlockRanges } from '../../../../src/core/links/markdownCode';
import { referenceCodeBlockRanges } from '../../../support/referenceCodeBlocks';
import { trickyMarkdown } from '../../../support/trickyMarkdown';

describe('core/links/markdownCode: the code-block line scan', () => {
  it('finds exactly the ranges of the pattern-per-line scan it replaced, on 3,000 tricky documents', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const text = trickyMarkdown(seed);
      assert.deepEqual(codeBlockRanges(text), referenceCodeBlockRanges(text), `seed ${seed}: ${JSON.stringify(text)}`);
    }
  });

  it('handles the edges: empty text, no final line ending, a lone \\r far below, an unclosed fence', () => {
    for (const text of ['', '    code', 'a\n\n    code\n', `${'text\n'.repeat(50)}\r\n    code`, '```\nnever closed\n\n', '> ```\n> in\n> ```\n']) {
      assert.deepEqual(codeBlockRanges(text), referenceCodeBlockRanges(text), JSON.stringify(text));
    }
  });
});
