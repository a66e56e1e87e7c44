import * as assert from 'node:assert/strict';
import { parseGenerateEstimate, parseSpending } from '../../../src/studio/moneyMessageSchema';

describe('Studio money messages (host → webview, parsed by the webview)', () => {
  const estimate = { seq: 7, model: 'blackforestlabs/flux-2-klein/9b/text-to-image', label: 'Generate 4 · ≈ $0.05', title: '$0.012 per image × 4 (4 variants)' };

  it('accepts the estimate the host sends, with its message type beside it', () => {
    assert.deepEqual(parseGenerateEstimate({ type: 'estimate', ...estimate }), { ...estimate });
  });

  it('refuses an estimate without its text or sequence number, or with text a button cannot hold', () => {
    const { label: _, ...noLabel } = estimate;
    assert.equal(parseGenerateEstimate(noLabel), undefined);
    assert.equal(parseGenerateEstimate({ ...estimate, seq: -1 }), undefined);
    assert.equal(parseGenerateEstimate({ ...estimate, seq: '7' }), undefined);
    assert.equal(parseGenerateEstimate({ ...estimate, label: 'x'.repeat(201) }), undefined);
    assert.equal(parseGenerateEstimate({ ...estimate, label: { html: '<b>free</b>' } }), undefined);
    assert.equal(parseGenerateEstimate(null), undefined);
  });

  it('shows the spent line as sent, and nothing for a missing or malformed one', () => {
    assert.equal(parseSpending('Spent in this workspace: $0.05 today · $1.20 this month'), 'Spent in this workspace: $0.05 today · $1.20 this month');
    assert.equal(parseSpending(undefined), '');
    assert.equal(parseSpending(12), '');
    assert.equal(parseSpending('x'.repeat(501)), '');
  });
});
