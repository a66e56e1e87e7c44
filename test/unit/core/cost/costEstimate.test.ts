import * as assert from 'node:assert/strict';
import { costNeedsConfirmation, estimateCost, type PricedModel } from '../../../../src/core/cost/costEstimate';
import { formatEstimate, formatReportedCost, formatUsd, jobCostText, modelPriceLine } from '../../../../src/core/cost/money';
import { parseCatalogModel } from '../../../../src/runcomfy/catalog';
import { reportedCostUsd } from '../../../../src/runcomfy/schemas';
import { DOUBLE_ASPECT, DOUBLE_KLEIN_9B, DOUBLE_MODELS, DOUBLE_UNPRICED, DOUBLE_VIDEO, DOUBLE_WORKFLOW } from '../../../support/doubleModels';

const model = (id: string): PricedModel => parseCatalogModel(DOUBLE_MODELS.find((m) => m.model_id === id))!;

describe('Cost estimate', () => {
  describe('per output', () => {
    it('is the price times the jobs for a model without a count input', () => {
      const estimate = estimateCost({ model: model(DOUBLE_KLEIN_9B), input: { prompt: 'x' }, jobs: 12 });
      assert.ok(estimate.known);
      assert.equal(estimate.unit, 'output');
      assert.equal(estimate.quantity, 12);
      assert.equal(estimate.totalUsd.toFixed(3), '0.144');
      assert.equal(formatEstimate(estimate), '≈ $0.14');
    });

    it("multiplies by the model's own count input, from the body or else its default", () => {
      const sent = estimateCost({ model: model(DOUBLE_ASPECT), input: { prompt: 'x', num_images: 3 }, jobs: 2 });
      assert.ok(sent.known);
      assert.equal(sent.quantity, 6);
      assert.equal(sent.totalUsd.toFixed(2), '0.90');
      const defaulted = estimateCost({ model: model(DOUBLE_ASPECT), input: { prompt: 'x' }, jobs: 4 });
      assert.ok(defaulted.known);
      assert.equal(defaulted.quantity, 4);
    });

    it('shows four Klein variants as the Generate button does', () => {
      assert.equal(formatEstimate(estimateCost({ model: model(DOUBLE_KLEIN_9B), input: {}, jobs: 4 })), '≈ $0.05');
    });
  });

  describe('per second', () => {
    it("is the price times the body's duration", () => {
      const estimate = estimateCost({ model: model(DOUBLE_VIDEO), input: { prompt: 'x', duration: 10 } });
      assert.ok(estimate.known);
      assert.equal(estimate.unit, 'second');
      assert.equal(estimate.quantity, 10);
      assert.equal(estimate.totalUsd.toFixed(2), '5.70');
    });

    it("uses the duration input's default when the body has none", () => {
      const estimate = estimateCost({ model: model(DOUBLE_VIDEO), input: { prompt: 'x' }, jobs: 2 });
      assert.ok(estimate.known);
      assert.equal(estimate.quantity, 10);
      assert.equal(formatEstimate(estimate), '≈ $5.70');
    });

    it('reads a duration given as text ("5s")', () => {
      const estimate = estimateCost({ model: model(DOUBLE_VIDEO), input: { duration: '5s' } });
      assert.ok(estimate.known);
      assert.equal(estimate.quantity, 5);
    });

    it('is unknown when neither the body nor the schema says how long', () => {
      const noDuration: PricedModel = { modelId: 'a/b', basePriceUsd: 0.1, priceUnit: 'second' };
      const estimate = estimateCost({ model: noDuration, input: { prompt: 'x' } });
      assert.equal(estimate.known, false);
      assert.equal(formatEstimate(estimate), 'price unknown');
    });
  });

  describe('unknown prices', () => {
    for (const [what, priced] of [
      ['a model the catalog does not have', undefined],
      ['a model published without a price', model(DOUBLE_UNPRICED)],
      ['a workflow without a price', model(DOUBLE_WORKFLOW)],
      ['a negative price', { modelId: 'a/b', basePriceUsd: -1, priceUnit: 'output' }],
      ['a price that is not a number', { modelId: 'a/b', basePriceUsd: Number.NaN, priceUnit: 'output' }],
      ['a price without a unit', { modelId: 'a/b', basePriceUsd: 0.01 }],
      ['a unit this code cannot multiply', { modelId: 'a/b', basePriceUsd: 0.01, priceUnit: 'token' }],
    ] as const) {
      it(`is "price unknown", never free, for ${what}`, () => {
        const estimate = estimateCost({ model: priced, input: { prompt: 'x' }, jobs: 3 });
        assert.equal(estimate.known, false);
        assert.ok(!estimate.known && estimate.reason.length > 0);
        assert.equal(costNeedsConfirmation(estimate, 1000), true);
      });
    }

    it('reads an invalid catalog price as absent', () => {
      const parsed = parseCatalogModel({ model_id: 'a/b', base_price_usd: -0.5, price_unit: 'output' });
      assert.equal(parsed?.basePriceUsd, undefined);
      assert.equal(estimateCost({ model: parsed, input: {} }).known, false);
    });
  });

  describe('threshold rule', () => {
    const at = (totalUsd: number) => ({ known: true as const, totalUsd, unitPriceUsd: totalUsd, unit: 'output' as const, quantity: 1 });

    it('asks above the threshold, not at or below it', () => {
      assert.equal(costNeedsConfirmation(at(0.31), 0.3), true);
      assert.equal(costNeedsConfirmation(at(0.3), 0.3), false);
      assert.equal(costNeedsConfirmation(at(0.012), 0.3), false);
    });

    it('asks before every paid action at a threshold of 0, but not for a free one', () => {
      assert.equal(costNeedsConfirmation(at(0.001), 0), true);
      assert.equal(costNeedsConfirmation(at(0), 0), false);
    });

    it('always asks when the price is unknown', () => {
      assert.equal(costNeedsConfirmation({ known: false, reason: 'no price' }, Number.MAX_VALUE), true);
    });
  });

  describe('money as text', () => {
    it('keeps sub-cent digits of exact amounts and rounds estimates to cents', () => {
      assert.equal(formatUsd(0.012), '$0.012');
      assert.equal(formatUsd(0.5), '$0.50');
      assert.equal(formatUsd(2.85), '$2.85');
      assert.equal(formatEstimate(at(0.001)), '< $0.01');
      assert.equal(formatEstimate(at(0)), '≈ $0.00');
    });

    it('says "cost not reported" rather than $0 for a job without a cost', () => {
      assert.equal(formatReportedCost(undefined), 'cost not reported');
      assert.equal(formatReportedCost(0.036), '$0.036');
    });

    it('says what a job cost in lists and hovers, free offline, nothing for a job never sent', () => {
      assert.equal(jobCostText({ provider: 'runcomfy', requestId: 'r1', costUsd: 0.012 }), '$0.012');
      assert.equal(jobCostText({ provider: 'runcomfy', requestId: 'r1' }), 'cost not reported');
      assert.equal(jobCostText({ provider: 'runcomfy' }), undefined);
      assert.equal(jobCostText({ provider: 'offline' }), 'free');
    });

    it('names the model and its price for prompt boxes', () => {
      assert.equal(modelPriceLine(DOUBLE_KLEIN_9B, model(DOUBLE_KLEIN_9B)), 'FLUX.2 Klein 9B · $0.012 per image');
      assert.equal(modelPriceLine(DOUBLE_VIDEO, model(DOUBLE_VIDEO)), 'Seedance 1.0 Pro · $0.57 per second');
      assert.equal(modelPriceLine(DOUBLE_UNPRICED, model(DOUBLE_UNPRICED)), 'Sketchbook · price unknown');
      assert.equal(modelPriceLine('a/b', undefined), 'a/b · price unknown');
    });

    function at(totalUsd: number) {
      return { known: true as const, totalUsd, unitPriceUsd: totalUsd, unit: 'output' as const, quantity: 1 };
    }
  });
});

describe('Reported cost parsing', () => {
  it('keeps finite, non-negative numbers (and such numbers as text)', () => {
    assert.equal(reportedCostUsd(0.012), 0.012);
    assert.equal(reportedCostUsd(0), 0);
    assert.equal(reportedCostUsd('2.85'), 2.85);
  });

  for (const bad of [undefined, null, -0.01, Number.NaN, Number.POSITIVE_INFINITY, '', 'free', '-1', '1e3', { usd: 1 }, [0.01], true]) {
    it(`reads ${typeof bad === 'number' || bad === undefined ? String(bad) : JSON.stringify(bad)} as not reported`, () => {
      assert.equal(reportedCostUsd(bad), undefined);
    });
  }
});
