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
