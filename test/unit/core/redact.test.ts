import * as assert from 'node:assert/strict';
import { redact } from '../../../src/core/redact';

describe('redact', () => {
  it('removes a known token wherever it appears', () => {
    assert.equal(redact('GET /x token=abcd1234efgh failed abcd1234efgh', ['abcd1234efgh']), 'GET /x token=«token» failed «token»');
  });

  it('masks bearer credentials even when the secret is unknown', () => {
    assert.equal(redact('Authorization: Bearer sk-old.Token_9', []), 'Authorization: Bearer «token»');
  });

  it('leaves ordinary text alone', () => {
    assert.equal(redact('Saved hummingbird.png', [undefined, '']), 'Saved hummingbird.png');
  });
});
