import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { MAX_FIELD_VALUE_LENGTH, MAX_FORM_FIELDS, MAX_PROMPT_LENGTH, parseWebviewMessage, webviewMessageSchema } from '../../../src/studio/protocol';

const schema = webviewMessageSchema(z);

const generate = {
  type: 'generate',
  model: 'blackforestlabs/flux-2/flash/text-to-image',
  prompt: 'a red fox',
  values: { image_size: 'landscape_4_3', guidance_scale: '2.5', seed: 'random', enable_safety_checker: true },
  variants: 2,
  offline: false,
};

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
      { type: 'chooseModel', model: 'google/nano-banana-pro/text-to-image' },
      { type: 'estimate', seq: 3, model: generate.model, values: generate.values, variants: 4, offline: false },
      { type: 'cancel', jobId: id },
      ...['open', 'reveal', 'insert', 'copyLink', 'delete', 'keep', 'discard'].map((type) => ({ type, jobId: id, file: 0 })),
      { type: 'copyPrompt', jobId: id },
      { type: 'removeEntry', jobId: id },
      { type: 'setApiToken' },
      { type: 'openSettings' },
      { ...generate, references: ['img/hero.png', 'site/img/product shot.webp'] },
      { type: 'addReferences', model: 'google/nano-banana-2-lite/edit' },
      { type: 'dropReferences', model: 'google/nano-banana-2-lite/edit', uris: ['file:///work/img/hero.png'] },
      { type: 'useAsReference', model: 'google/nano-banana-2-lite/edit', jobId: id, file: 0 },
    ]) {
      assert.equal(accepted(message).type, message.type);
    }
  });

  it('bounds the references a message may name, and never takes anything but text for them', () => {
    refused({ ...generate, references: Array.from({ length: 65 }, (_, i) => `img/${i}.png`) });
    refused({ ...generate, references: [''] });
    refused({ ...generate, references: ['x'.repeat(1025)] });
    refused({ ...generate, references: [{ path: '/etc/passwd' }] });
    refused({ type: 'dropReferences', model: 'm', uris: Array.from({ length: 65 }, (_, i) => `file:///${i}.png`) });
    refused({ type: 'dropReferences', model: 'm', uris: ['file:///a.png'], path: '/etc/passwd' });
    refused({ type: 'addReferences' });
    refused({ type: 'useAsReference', model: 'm', jobId: 'j', file: -1 });
  });

  it('trims the prompt and keeps the values as typed', () => {
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

  it('takes values as text or checkbox states only, within bounds (the host reads them against the schema)', () => {
    refused({ ...generate, values: { width: 1024 } });
    refused({ ...generate, values: { loras: [{ path: 'x' }] } });
    refused({ ...generate, values: { loras: null } });
    refused({ ...generate, values: { '': 'x' } });
    refused({ ...generate, values: { prompt: 'x'.repeat(MAX_FIELD_VALUE_LENGTH + 1) } });
    const many = Object.fromEntries(Array.from({ length: MAX_FORM_FIELDS + 1 }, (_, i) => [`f${i}`, 'x']));
    assert.match(refused({ ...generate, values: many }), /at most/);
    refused({ ...generate, values: 'width=1024' });
  });

  it('needs the model the form was built for, and a model for the picker', () => {
    const { model: _, ...noModel } = generate;
    assert.match(refused(noModel), /model/);
    refused({ ...generate, model: '  ' });
    refused({ type: 'chooseModel', model: '' });
    refused({ type: 'chooseModel', model: 'x'.repeat(201) });
    refused({ type: 'chooseModel' });
  });

  it('rejects out-of-range variant counts', () => {
    refused({ ...generate, variants: 0 });
    refused({ ...generate, variants: 5 });
    refused({ ...generate, variants: 1.5 });
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

  it('takes an estimate request only in the bounds of a Generate, with a whole sequence number', () => {
    const estimate = { type: 'estimate', seq: 0, model: generate.model, values: generate.values, variants: 2, offline: false };
    assert.deepEqual(accepted(estimate), estimate);
    refused({ ...estimate, seq: -1 });
    refused({ ...estimate, seq: 1.5 });
    refused({ ...estimate, variants: 5 });
    refused({ ...estimate, values: { width: 1024 } });
    refused({ ...estimate, prompt: 'a red fox' });
    refused({ ...estimate, priceUsd: 0 });
  });

  it('says what was wrong, for the log', () => {
    assert.match(refused({ ...generate, variants: 5000 }), /variants/);
  });
});
