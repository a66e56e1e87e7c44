import * as assert from 'node:assert/strict';
import { buildModelInput } from '../../../src/core/modelInput';
import { KLEIN_4B, KLEIN_9B } from '../../../src/runcomfy';

describe('core/modelInput', () => {
  const request = { prompt: 'a fox', width: 768, height: 512, steps: 8 };

  it('sends prompt, size and steps to a model with steps, over extra inputs of the same name', () => {
    assert.deepEqual(buildModelInput(KLEIN_9B, { seed: 7, width: 1 }, request), { seed: 7, prompt: 'a fox', width: 768, height: 512, steps: 8 });
  });

  it('leaves steps out for a known model without them, and keeps them for unknown models', () => {
    assert.equal('steps' in buildModelInput(KLEIN_4B, {}, request), false);
    assert.equal(buildModelInput('someone/else/model', {}, request).steps, 8);
  });
});
