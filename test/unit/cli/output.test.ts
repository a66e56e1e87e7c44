import * as assert from 'node:assert/strict';
import { Output, type TextStream } from '../../../src/cli/output';

function stream(isTTY: boolean): TextStream & { text: string } {
  return { isTTY, columns: 40, text: '', write(chunk: string) { this.text += chunk; } };
}

describe('cli: Output', () => {
  it('on a terminal, clears the live line before other lines and redraws it after', () => {
    const out = stream(false);
    const err = stream(true);
    const output = new Output(out, err);
    output.live('⠋ Queued (#2) · 1s');
    output.info('request 123');
    output.result('a.png');
    output.live(undefined);
    assert.equal(out.text, 'a.png\n');
    assert.equal(err.text, '\r\x1b[K⠋ Queued (#2) · 1s' + '\r\x1b[Krequest 123\n⠋ Queued (#2) · 1s' + '\r\x1b[K⠋ Queued (#2) · 1s' + '\r\x1b[K');
  });

  it('writes no live line when stderr is not a terminal, and never prints the token', () => {
    const out = stream(false);
    const err = stream(false);
    const output = new Output(out, err, () => ['secret-token-123']);
    output.live('spinning');
    output.error('rejected Bearer secret-token-123 and secret-token-123');
    assert.equal(err.text, 'error: rejected Bearer «token» and «token»\n');
  });
});
