/**
 * What an action will cost before anything is sent (PROTOCOL §12): the catalog's `base_price_usd` per
 * `price_unit`, times the outputs (`output`: variants × the model's own count input) or the seconds
 * (`second`: the model's duration input, else its default). A missing or unusable price, or a unit this
 * code cannot multiply, is "price unknown": never free. Pure, no `vscode`.
 */
import type { CatalogModel } from '../../runcomfy/catalog';
import { normaliseInputSchema, type ModelInputSchema } from '../../runcomfy/inputSchema';
import type { ModelInput } from '../../runcomfy/types';

/** Inputs that say how many outputs one job makes, in the order they are looked for. */
const COUNT_INPUTS = ['num_images', 'num_outputs', 'num_videos', 'number_of_images', 'batch_size', 'n'] as const;
/** Inputs that say how long a video or audio output is, in seconds. */
const DURATION_INPUTS = ['duration', 'duration_seconds', 'seconds', 'length_seconds'] as const;

/** The part of a catalog entry a price needs. */
export type PricedModel = Pick<CatalogModel, 'modelId' | 'displayName' | 'basePriceUsd' | 'priceUnit' | 'inputSchema'>;

export type CostEstimate =
  | {
      known: true;
      /** The whole action in USD. */
      totalUsd: number;
      unitPriceUsd: number;
      unit: 'output' | 'second';
      /** Outputs or seconds the price is multiplied by. */
      quantity: number;
    }
  | { known: false; /** Why, in words a user reads after "price unknown: ". */ reason: string };

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
  if (!model) return { known: false, reason: 'the model is not in the catalog' };
  const price = model.basePriceUsd;
  if (price === undefined || !Number.isFinite(price) || price < 0) return { known: false, reason: 'the catalog publishes no price for this model' };
  const schema = model.inputSchema ? normaliseInputSchema(model.inputSchema) : undefined;
  if (model.priceUnit === 'output') {
    const perJob = positiveNumber(firstInput(input, schema, COUNT_INPUTS)) ?? 1;
    const quantity = jobs * Math.max(1, Math.floor(perJob));
    return { known: true, totalUsd: price * quantity, unitPriceUsd: price, unit: 'output', quantity };
  }
  if (model.priceUnit === 'second') {
    const seconds = positiveNumber(firstInput(input, schema, DURATION_INPUTS));
    if (seconds === undefined) return { known: false, reason: 'the length of the output is not known before it is made' };
    const quantity = jobs * seconds;
    return { known: true, totalUsd: price * quantity, unitPriceUsd: price, unit: 'second', quantity };
  }
  return { known: false, reason: model.priceUnit ? `the catalog prices it per "${model.priceUnit}"` : 'the catalog publishes no price unit' };
}

/**
 * Whether an action needs the user's yes before it spends: an unknown price always does (it is never
 * free), a known one when its total is above `thresholdUsd`. A threshold of 0 asks before every paid action.
 */
export function costNeedsConfirmation(estimate: CostEstimate, thresholdUsd: number): boolean {
  return !estimate.known || estimate.totalUsd > thresholdUsd;
}

/** The value of the first of `names` the body sets, else the first the schema gives a default for. */
function firstInput(input: ModelInput, schema: ModelInputSchema | undefined, names: readonly string[]): unknown {
  for (const name of names) if (input[name] !== undefined && input[name] !== null) return input[name];
  for (const name of names) {
    const field = schema?.byName.get(name);
    if (field?.default !== undefined) return field.default;
  }
  return undefined;
}

/** A positive finite number from a number or text like `5`, `5s`, `"10"`; undefined otherwise. */
function positiveNumber(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
  return Number.isFinite(number) && number > 0 ? number : undefined;
}
