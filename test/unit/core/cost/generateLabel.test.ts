import * as assert from 'node:assert/strict';
import { estimateCost, type PricedModel } from '../../../../src/core/cost/costEstimate';
import { generateButtonLabel, generateButtonTitle } from '../../../../src/core/cost/generateLabel';
import { parseCatalogModel } from '../../../../src/runcomfy/catalog';
import { DOUBLE_ASPECT, DOUBLE_KLEIN_9B, DOUBLE_MODELS, DOUBLE_UNPRICED, DOUBLE_VIDEO } from '../../../support/doubleModels';

const model = (id: string): PricedModel => parseCatalogModel(DOUBLE_MODELS.find((m) => m.model_id === id))!;
const klein = (jobs: number, input = {}) => estimateCost({ model: model(DOUBLE_KLEIN_9B), input, jobs });

describe('Studio Generate button label', () => {
  it('shows one image at its exact price', () => {
    assert.equal(generateButtonLabel(1, klein(1)), 'Generate · $0.012');
  });

  it('shows a batch of variants with the rounded estimate', () => {
    assert.equal(generateButtonLabel(4, klein(4)), 'Generate 4 · ≈ $0.05');
    assert.equal(generateButtonLabel(2, klein(2)), 'Generate 2 · ≈ $0.02');
  });

  it("counts the model's own count input: one job making three images is an estimate", () => {
    const estimate = estimateCost({ model: model(DOUBLE_ASPECT), input: { num_images: '3' }, jobs: 1 });
    assert.equal(generateButtonLabel(1, estimate), 'Generate · ≈ $0.45');
  });

  it('says a duration-priced model by its seconds', () => {
    const estimate = estimateCost({ model: model(DOUBLE_VIDEO), input: { duration: '5' }, jobs: 2 });
    assert.equal(generateButtonLabel(2, estimate), 'Generate 2 · ≈ $5.70');
    assert.equal(generateButtonTitle(2, estimate), '$0.57 per second × 10 (2 variants), from the RunComfy catalog. The final cost may differ.');
  });

  it('never shows an unknown price as free', () => {
    const unpriced = estimateCost({ model: model(DOUBLE_UNPRICED), input: {}, jobs: 4 });
    assert.equal(generateButtonLabel(4, unpriced), 'Generate 4 · price unknown');
    assert.equal(generateButtonLabel(1, estimateCost({ model: undefined, input: {}, jobs: 1 })), 'Generate · price unknown');
    assert.match(generateButtonTitle(4, unpriced), /^Price unknown: the catalog publishes no price for this model\. You will be asked/);
  });

  it('offline placeholders cost nothing, so the button names no price', () => {
    assert.equal(generateButtonLabel(1, 'offline'), 'Generate');
    assert.equal(generateButtonLabel(3, 'offline'), 'Generate 3');
  });

  it('explains the number in the tooltip', () => {
    assert.equal(generateButtonTitle(4, klein(4)), '$0.012 per image × 4 (4 variants), from the RunComfy catalog. The final cost may differ.');
    assert.equal(generateButtonTitle(1, klein(1)), '$0.012 per image × 1, from the RunComfy catalog. The final cost may differ.');
  });
});
