/**
 * How a price becomes a total once the inputs are known: the unit price, and the inputs that multiply it
 * (a count of outputs, or a duration in seconds) with the schema's default. Separate from the catalog and
 * schema reading in `costEstimate.ts` so the Studio's webview can re-estimate as the user types without
 * bundling either. Pure and dependency-free.
 */
import * as l10n from '@vscode/l10n';

/** Inputs that say how many outputs one job makes, in the order they are looked for. */
export const COUNT_INPUTS = ['num_images', 'num_outputs', 'num_videos', 'number_of_images', 'batch_size', 'n'] as const;
/** Inputs that say how long a video or audio output is, in seconds. */
export const DURATION_INPUTS = ['duration', 'duration_seconds', 'seconds', 'length_seconds'] as const;

/** A model's price as a rule; `known: false` with the reason when there is no usable price. */
export type PricingRule =
  | {
      known: true;
      unitPriceUsd: number;
      unit: 'output' | 'second';
      /** The inputs that give the quantity per job, first match wins. */
      quantityInputs: readonly string[];
      /** The schema's default for them, when it has one. */
      defaultQuantity?: number;
    }
  | { known: false; reason: string };

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

/** The estimate of `jobs` jobs whose inputs are `values` (a request body, or a form's typed values). */
export function estimateWithRule(rule: PricingRule, values: Readonly<Record<string, unknown>>, jobs: number): CostEstimate {
  if (!rule.known) return rule;
  const given = rule.quantityInputs.map((name) => values[name]).find((value) => value !== undefined && value !== null && value !== '');
  const perJob = positiveNumber(given) ?? rule.defaultQuantity;
  if (rule.unit === 'output') {
    const quantity = jobs * Math.max(1, Math.floor(perJob ?? 1));
    return { known: true, totalUsd: rule.unitPriceUsd * quantity, unitPriceUsd: rule.unitPriceUsd, unit: 'output', quantity };
  }
  if (perJob === undefined) return { known: false, reason: l10n.t('the length of the output is not known before it is made') };
  const quantity = jobs * perJob;
  return { known: true, totalUsd: rule.unitPriceUsd * quantity, unitPriceUsd: rule.unitPriceUsd, unit: 'second', quantity };
}

/** A positive finite number from a number or text like `5`, `5s`, `"10"`; undefined otherwise. */
export function positiveNumber(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
  return Number.isFinite(number) && number > 0 ? number : undefined;
}
