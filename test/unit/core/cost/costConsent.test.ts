import * as assert from 'node:assert/strict';
import { costQuestion } from '../../../../src/core/consent/costConsent';

describe('cost question (runcomfy.confirmCostAbove)', () => {
  it('names what is made, the model and the estimate, and why it asks', () => {
    const q = costQuestion({
      what: 'an image',
      modelLabel: 'Seedance 1.0 Pro',
      estimate: { known: true, totalUsd: 2.85, unitPriceUsd: 0.57, unit: 'second', quantity: 5 },
      thresholdUsd: 0.3,
    });
    assert.equal(q.title, 'Generate an image with Seedance 1.0 Pro, ≈ $2.85?');
    assert.equal(q.confirm, 'Generate (≈ $2.85)');
    assert.match(q.detail, /\$0\.57 per second × 5 seconds/);
    assert.match(q.detail, /above \$0\.30 \(setting runcomfy\.confirmCostAbove\)/);
  });

  it('says an unknown price is never treated as free', () => {
    const q = costQuestion({ what: '4 variants', modelLabel: 'Sketchbook', estimate: { known: false, reason: 'the catalog publishes no price for this model' }, thresholdUsd: 0.3 });
    assert.equal(q.title, 'Generate 4 variants with Sketchbook? The price is unknown.');
    assert.equal(q.confirm, 'Generate Anyway');
    assert.match(q.detail, /never treated as free/);
  });
});
