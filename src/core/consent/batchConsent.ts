/**
 * `core/consent/`: when the user must say yes first (batches, prices, chat tool calls, workspace settings that
 * could raise cost). This file is the batch rule.
 *
 * When a batch of paid jobs needs the user's go-ahead, and what the question says. Shared by the editor's
 * Generate Missing Images (command and CodeLens) and the CLI's `fill`, so both ask at the same count and
 * both name the total before spending.
 */
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
 * `what` names the images: "missing images" (fill), "real images for placeholders" (upgrade).
 */
export function batchQuestion(items: readonly BatchItem[], model: string, price?: BatchPrice, what = 'missing images'): BatchQuestion {
  const count = items.length;
  const quoted = items.slice(0, QUOTED).map((item) => `• “${clip(item.prompt)}” → ${item.target}`);
  if (count > QUOTED) quoted.push(`…and ${count - QUOTED} more`);
  const images = count === 1 ? `1 ${what.replace('images', 'image')}` : `${count} ${what}`;
  return {
    title: price ? `Generate ${images} with ${price.modelLabel}, ${formatEstimate(price.estimate)}?` : `Generate ${images} with RunComfy?`,
    detail: [`Model: ${model}`, price ? paidLine(price.estimate) : `Each image is a separate paid generation on your RunComfy account.`, '', ...quoted].join('\n'),
    confirm: `Generate ${count} Image${count === 1 ? '' : 's'}`,
  };
}

function paidLine(estimate: CostEstimate): string {
  if (!estimate.known) return `Each image is a separate paid generation on your RunComfy account; the price is unknown (${estimate.reason}), never free.`;
  const unit = estimate.unit === 'second' ? 'second' : 'image';
  return `Each image is a separate paid generation on your RunComfy account: ${estimate.quantity} × ${formatUsd(estimate.unitPriceUsd)} per ${unit}, ${formatEstimate(estimate)} in all (a base rate; the final cost may differ).`;
}

/** The question asked after a reload about paid jobs that never reached RunComfy. */
export function unsentJobsQuestion(count: number): string {
  const images = count === 1 ? '1 image was' : `${count} images were`;
  return `${images} still waiting when VS Code closed and never sent to RunComfy. Generate ${count === 1 ? 'it' : 'them'} now (paid), or discard?`;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_LENGTH ? `${flat.slice(0, QUOTE_LENGTH - 1)}…` : flat;
}
