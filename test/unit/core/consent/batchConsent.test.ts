import * as assert from 'node:assert/strict';
import { batchNeedsConfirmation, batchQuestion, unsentJobsQuestion, UNCONFIRMED_BATCH_LIMIT } from '../../../../src/core/consent/batchConsent';

describe('batch consent', () => {
  it('asks before more than three paid jobs, never for offline placeholders', () => {
    assert.equal(UNCONFIRMED_BATCH_LIMIT, 3);
    assert.equal(batchNeedsConfirmation(3, 'runcomfy'), false);
    assert.equal(batchNeedsConfirmation(4, 'runcomfy'), true);
    assert.equal(batchNeedsConfirmation(2000, 'offline'), false);
  });

  it('names the count, the model and the first alt texts with their targets', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ prompt: `Image number ${i + 1}`, target: `img/${i + 1}.png` }));
    const q = batchQuestion(items, 'owner/family/variant');
    assert.equal(q.title, 'Generate 12 missing images with RunComfy?');
    assert.equal(q.confirm, 'Generate 12 Images');
    const lines = q.detail.split('\n');
    assert.equal(lines[0], 'Model: owner/family/variant');
    assert.match(lines[1]!, /paid/);
    assert.deepEqual(lines.slice(3), [
      '• “Image number 1” → img/1.png',
      '• “Image number 2” → img/2.png',
      '• “Image number 3” → img/3.png',
      '• “Image number 4” → img/4.png',
      '• “Image number 5” → img/5.png',
      '…and 7 more',
    ]);
  });

  it('asks before a small batch whose total is above the threshold or unknown', () => {
    const total = (totalUsd: number) => ({ known: true as const, totalUsd, unitPriceUsd: totalUsd / 2, unit: 'output' as const, quantity: 2 });
    assert.equal(batchNeedsConfirmation(2, 'runcomfy', { estimate: total(0.3), thresholdUsd: 0.3 }), false);
    assert.equal(batchNeedsConfirmation(2, 'runcomfy', { estimate: total(0.31), thresholdUsd: 0.3 }), true);
    assert.equal(batchNeedsConfirmation(1, 'runcomfy', { estimate: { known: false, reason: 'no price' }, thresholdUsd: 0.3 }), true);
    assert.equal(batchNeedsConfirmation(1, 'offline', { estimate: { known: false, reason: 'no price' }, thresholdUsd: 0.3 }), false);
  });

  it('names the model and the total before spending, and how it adds up', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ prompt: `Image ${i + 1}`, target: `img/${i + 1}.png` }));
    const estimate = { known: true as const, totalUsd: 0.144, unitPriceUsd: 0.012, unit: 'output' as const, quantity: 12 };
    const q = batchQuestion(items, 'blackforestlabs/flux-2-klein/9b/text-to-image', { modelLabel: 'FLUX.2 Klein 9B', estimate });
    assert.equal(q.title, 'Generate 12 missing images with FLUX.2 Klein 9B, ≈ $0.14?');
    assert.match(q.detail.split('\n')[1]!, /paid generation .*: 12 × \$0\.012 per image, ≈ \$0\.14 in all/);
    const unknown = batchQuestion(items.slice(0, 2), 'a/b', { modelLabel: 'Sketchbook', estimate: { known: false, reason: 'the catalog publishes no price for this model' } });
    assert.equal(unknown.title, 'Generate 2 missing images with Sketchbook, price unknown?');
    assert.match(unknown.detail, /price is unknown \(the catalog publishes no price for this model\), never free/);
  });

  it('clips long alt texts to one readable line', () => {
    const q = batchQuestion([{ prompt: `${'very long alt text '.repeat(20)}\nwith a newline`, target: 'a.png' }], 'm/x');
    const line = q.detail.split('\n')[3]!;
    assert.ok(line.length < 100, line);
    assert.ok(line.includes('…”'));
  });

  it('says how many unsent images were waiting', () => {
    assert.equal(unsentJobsQuestion(1), '1 image was still waiting when VS Code closed and never sent to RunComfy. Generate it now (paid), or discard?');
    assert.match(unsentJobsQuestion(3), /^3 images were still waiting .* Generate them now/);
  });
});
