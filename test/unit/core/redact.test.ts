import * as assert from 'node:assert/strict';
import { redact } from '../../../src/core/redact';

describe('redact', () => {
  it('removes a known token wherever it appears', () => {
    assert.equal(redact('GET /x token=abcd1234efgh failed abcd1234efgh', ['abcd1234efgh']), 'GET /x token=«token» failed «token»');
  });

  it('masks bearer credentials even when the secret is unknown', () => {
    assert.equal(redact('Authorization: Bearer sk-old.Token_9', []), 'Authorization: Bearer «token»');
  });

  it('masks Bearer <anything>, whatever its characters', () => {
    assert.equal(redact('Authorization: Bearer ab"c%d\\e!f#g rejected', []), 'Authorization: Bearer «token» rejected');
    assert.equal(redact('bearer 秘密のトークン', []), 'bearer «token»');
  });

  it('trims the known token, so a trailing \\r from the environment does not defeat it', () => {
    assert.equal(redact('key abcd1234efgh leaked', ['abcd1234efgh\r']), 'key «token» leaked');
    assert.equal(redact('key abcd1234efgh leaked', ['  abcd1234efgh\n']), 'key «token» leaked');
  });

  it('removes its URL-encoded and JSON-escaped forms too', () => {
    const token = 'tok"en%/+\\42&x';
    assert.equal(redact(`url ?key=${encodeURIComponent(token)}`, [token]), 'url ?key=«token»');
    assert.equal(redact(`json {"auth":${JSON.stringify(token)}}`, [token]), 'json {"auth":"«token»"}');
    assert.equal(redact(`raw ${token} end`, [token]), 'raw «token» end');
  });

  it('leaves ordinary text alone', () => {
    assert.equal(redact('Saved hummingbird.png', [undefined, '']), 'Saved hummingbird.png');
  });
});
