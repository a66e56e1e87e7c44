import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { MAX_PROMPT_LENGTH, parseWebviewMessage, SIZE_LIMITS, webviewMessageSchema } from '../../../src/studio/protocol';

const schema = webviewMessageSchema(z);

const generate = { type: 'generate', prompt: 'a red fox', width: 1024, height: 768, steps: 25, variants: 2, offline: false };

function accepted(raw: unknown) {
  const result = parseWebviewMessage(schema, raw);
  assert.ok(result.ok, `expected ${JSON.stringify(raw)} to be accepted: ${result.ok ? '' : result.reason}`);
  return result.message;
}

function refused(raw: unknown): string {
  const result = parseWebviewMessage(schema, raw);
  assert.ok(!result.ok, `expected ${JSON.stringify(raw)} to be refused`);
  return result.reason;
}

describe('Studio messages from the webview', () => {
  it('accepts every well-formed message type', () => {
    const id = '4b0d7c9e-1111-4222-8333-944455556666';
    for (const message of [
      { type: 'ready' },
      generate,
      { type: 'cancel', jobId: id },
      ...['open', 'reveal', 'insert', 'copyLink', 'delete', 'keep', 'discard'].map((type) => ({ type, jobId: id, file: 0 })),
      { type: 'copyPrompt', jobId: id },
      { type: 'removeEntry', jobId: id },
      { type: 'setApiToken' },
      { type: 'openSettings' },
    ]) {
      assert.equal(accepted(message).type, message.type);
    }
  });

  it('trims the prompt and keeps the numbers as sent', () => {
    const message = accepted({ ...generate, prompt: '  a red fox \n' });
    assert.deepEqual(message, { ...generate, prompt: 'a red fox' });
  });

  it('rejects unknown message types and non-objects', () => {
    refused({ type: 'runShell', command: 'rm -rf /' });
    refused({ type: 'eval' });
    refused({});
    refused(null);
    refused('ready');
    refused([{ type: 'ready' }]);
  });

  it('rejects sizes outside what any provider can render', () => {
    assert.match(refused({ ...generate, width: SIZE_LIMITS.max + 1 }), /width/);
    assert.match(refused({ ...generate, height: SIZE_LIMITS.min - 1 }), /height/);
    refused({ ...generate, width: 0 });
    refused({ ...generate, width: -512 });
    refused({ ...generate, width: 1024.5 });
    refused({ ...generate, width: '1024' });
    refused({ ...generate, width: Number.NaN });
    refused({ ...generate, width: Infinity });
  });

  it('rejects out-of-range steps and variant counts', () => {
    refused({ ...generate, steps: 0 });
    refused({ ...generate, steps: 1001 });
    refused({ ...generate, variants: 0 });
    refused({ ...generate, variants: 5 });
  });

  it('rejects an empty or oversized prompt', () => {
    refused({ ...generate, prompt: '' });
    refused({ ...generate, prompt: '   ' });
    refused({ ...generate, prompt: 'x'.repeat(MAX_PROMPT_LENGTH + 1) });
    refused({ ...generate, prompt: 42 });
  });

  it('rejects missing and extra fields (no smuggled paths)', () => {
    const { offline: _, ...noOffline } = generate;
    refused(noOffline);
    refused({ type: 'open', jobId: 'x' });
    refused({ type: 'open', jobId: 'x', file: 0, path: '/etc/passwd' });
    refused({ type: 'delete', path: '/home/me/.bashrc' });
    refused({ ...generate, folder: '/tmp' });
  });

  it('rejects bad job ids and file indexes', () => {
    refused({ type: 'cancel', jobId: '' });
    refused({ type: 'cancel', jobId: 'x'.repeat(129) });
    refused({ type: 'open', jobId: 'a', file: -1 });
    refused({ type: 'open', jobId: 'a', file: 1.5 });
    refused({ type: 'open', jobId: 'a', file: 64 });
  });

  it('says what was wrong, for the log', () => {
    assert.match(refused({ ...generate, steps: 5000 }), /steps/);
  });
});
