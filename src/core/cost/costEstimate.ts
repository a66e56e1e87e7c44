/**
 * `core/cost/`: money: estimates before spending, the real cost after, the confirmation threshold and
 * what history says was spent. This file is the estimate.
 *
 * What an action will cost before anything is sent (PROTOCOL §12): the catalog's `base_price_usd` per
 * `price_unit`, times the outputs (`output`: variants × the model's own count input) or the seconds
 * (`second`: the model's duration input, else its default). A missing or unusable price, or a unit this
 * code cannot multiply, is "price unknown": never free. Pure, no `vscode`.
 */
import * as l10n from '@vscode/l10n';
import type { CatalogModel } from '../../runcomfy/catalog';
import { normaliseInputSchema } from '../../runcomfy/inputSchema';
import type { ModelInput } from '../../runcomfy/types';
import { COUNT_INPUTS, DURATION_INPUTS, estimateWithRule, positiveNumber, type CostEstimate, type PricingRule } from './pricingRule';

export type { CostEstimate, PricingRule } from './pricingRule';

/** The part of a catalog entry a price needs. */
export type PricedModel = Pick<CatalogModel, 'modelId' | 'displayName' | 'basePriceUsd' | 'priceUnit' | 'inputSchema'>;

/** What one estimate covers. */
export interface EstimateRequest {
  /** The catalog entry; undefined when the model is not in any catalog the caller has. */
  model: PricedModel | undefined;
  /** The body each job sends (its count and duration inputs are read from it). */
  input: ModelInput;
  /** How many jobs of this body the action starts (Studio variants, batch images). Default 1. */
  jobs?: number;
}

export function estimateCost({ model, input, jobs = 1 }: EstimateRequest): CostEstimate {
  return estimateWithRule(pricingRule(model), input, jobs);
}

/** The model's price as a rule: unit price, the inputs that multiply it and their default. */
export function pricingRule(model: PricedModel | undefined): PricingRule {
  if (!model) return { known: false, reason: l10n.t('the model is not in the catalog') };
  const price = model.basePriceUsd;
  if (price === undefined || !Number.isFinite(price) || price < 0) return { known: false, reason: l10n.t('the catalog publishes no price for this model') };
  if (model.priceUnit !== 'output' && model.priceUnit !== 'second') {
    return { known: false, reason: model.priceUnit ? l10n.t('the catalog prices it per "{0}"', model.priceUnit) : l10n.t('the catalog publishes no price unit') };
  }
  const quantityInputs = model.priceUnit === 'output' ? COUNT_INPUTS : DURATION_INPUTS;
  const schema = model.inputSchema ? normaliseInputSchema(model.inputSchema) : undefined;
  const defaultQuantity = quantityInputs.map((name) => positiveNumber(schema?.byName.get(name)?.default)).find((value) => value !== undefined);
  return { known: true, unitPriceUsd: price, unit: model.priceUnit, quantityInputs, ...(defaultQuantity === undefined ? {} : { defaultQuantity }) };
}

/**
 * Whether an action needs the user's yes before it spends: an unknown price always does (it is never
 * free), a known one when its total is above `thresholdUsd`. A threshold of 0 asks before every paid action.
 */
export function costNeedsConfirmation(estimate: CostEstimate, thresholdUsd: number): boolean {
  return !estimate.known || estimate.totalUsd > thresholdUsd;
}
