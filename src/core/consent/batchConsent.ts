/**
 * `core/consent/`: when the user must say yes first (batches, prices, chat tool calls, workspace settings that
 * could raise cost). This file is the batch rule.
 *
 * When a batch of paid jobs needs the user's go-ahead, and what the question says. Shared by the editor's
 * Generate Missing Images (command and CodeLens) and the CLI's `fill`, so both ask at the same count and
 * both name the total before spending.
 */
import * as l10n from '@vscode/l10n';
import { costNeedsConfirmation, type CostEstimate } from '../cost/costEstimate';
import { formatEstimate, formatUsd } from '../cost/money';

/**
 * Batches up to this many paid jobs start without a question. Three covers the common case of a few
 * images just linked while writing (one question per small fill would only teach people to click "Yes"),
 * while anything larger (a pasted-in document, a wrong file, 2,000 links) is never spent on unasked.
 */
export const UNCONFIRMED_BATCH_LIMIT = 3;

/** How many alt texts the question quotes before "…and N more". */
const QUOTED = 5;
const QUOTE_LENGTH = 80;

/**
 * Whether starting `count` jobs with `provider` needs a yes first: more than a few, or (given the batch's
 * estimate and `runcomfy.confirmCostAbove`) a total above the threshold or unknown. Offline costs nothing.
 */
export function batchNeedsConfirmation(count: number, provider: 'runcomfy' | 'offline', cost?: { estimate: CostEstimate; thresholdUsd: number }): boolean {
  if (provider !== 'runcomfy' || count === 0) return false;
  return count > UNCONFIRMED_BATCH_LIMIT || (cost !== undefined && costNeedsConfirmation(cost.estimate, cost.thresholdUsd));
}

/** The batch's price, for the question: the model's name and the estimate of all its jobs. */
export interface BatchPrice {
  modelLabel: string;
  estimate: CostEstimate;
}

/** One image of the batch, as the question lists it. */
export interface BatchItem {
  prompt: string;
  /** Where it will be saved, as the user should read it (relative to the document or the current folder). */
  target: string;
}

export interface BatchQuestion {
  /** One line: what will happen. */
  title: string;
  /** The model, that it is paid, and the first images. */
  detail: string;
  /** The button that starts the batch, e.g. "Generate 12 Images". */
  confirm: string;
}

/**
 * The question; with `price`, the title says "with FLUX.2 Klein 9B, ≈ $0.14" and the detail how it adds up.
 * `what` names the images, in English whatever the display language: "missing images" (fill), "real images
 * for placeholders" (upgrade); the title says it in the display language.
 */
export function batchQuestion(items: readonly BatchItem[], model: string, price?: BatchPrice, what = 'missing images'): BatchQuestion {
  const count = items.length;
  const quoted = items.slice(0, QUOTED).map((item) => `• “${clip(item.prompt)}” → ${item.target}`);
  if (count > QUOTED) quoted.push(l10n.t('…and {0} more', count - QUOTED));
  const images =
    what === 'real images for placeholders'
      ? count === 1 ? l10n.t('1 real image for placeholders') : l10n.t('{0} real images for placeholders', count)
      : count === 1 ? l10n.t('1 missing image') : l10n.t('{0} missing images', count);
  return {
    title: price ? l10n.t('Generate {0} with {1}, {2}?', images, price.modelLabel, formatEstimate(price.estimate)) : l10n.t('Generate {0} with RunComfy?', images),
    detail: [l10n.t('Model: {0}', model), price ? paidLine(price.estimate) : l10n.t('Each image is a separate paid generation on your RunComfy account.'), '', ...quoted].join('\n'),
    confirm: count === 1 ? l10n.t('Generate 1 Image') : l10n.t('Generate {0} Images', count),
  };
}

function paidLine(estimate: CostEstimate): string {
  if (!estimate.known) return l10n.t('Each image is a separate paid generation on your RunComfy account; the price is unknown ({0}), never free.', estimate.reason);
  return estimate.unit === 'second'
    ? l10n.t('Each image is a separate paid generation on your RunComfy account: {0} × {1} per second, {2} in all (a base rate; the final cost may differ).', estimate.quantity, formatUsd(estimate.unitPriceUsd), formatEstimate(estimate))
    : l10n.t('Each image is a separate paid generation on your RunComfy account: {0} × {1} per image, {2} in all (a base rate; the final cost may differ).', estimate.quantity, formatUsd(estimate.unitPriceUsd), formatEstimate(estimate));
}

/** The question asked after a reload about paid jobs that never reached RunComfy. */
export function unsentJobsQuestion(count: number): string {
  return count === 1
    ? l10n.t('1 image was still waiting when VS Code closed and never sent to RunComfy. Generate it now (paid), or discard?')
    : l10n.t('{0} images were still waiting when VS Code closed and never sent to RunComfy. Generate them now (paid), or discard?', count);
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_LENGTH ? `${flat.slice(0, QUOTE_LENGTH - 1)}…` : flat;
}
