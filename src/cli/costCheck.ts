/**
 * Money on the command line: the run's estimate (the model's price read from RunComfy right before
 * spending, uncached; "price unknown" when it cannot be read, never free), printed to stderr, and the
 * `runcomfy.confirmCostAbove` rule: above the threshold or with an unknown price, a terminal is asked and
 * anything else needs `--yes`. The threshold comes from RUNCOMFY_CONFIRM_COST_ABOVE, never from a project
 * file (a cloned repository must not raise it).
 */
import { costNeedsConfirmation, estimateCost, type CostEstimate } from '../core/cost/costEstimate';
import { formatEstimate, modelPriceLine } from '../core/cost/money';
import { DEFAULT_SETTINGS } from '../core/settings';
import { UnknownModelError } from '../runcomfy/errors';
import type { CatalogModel, RunComfyClient } from '../runcomfy/types';
import type { CliContext } from './command';
import { UsageError } from './exitCodes';
import { isYes } from './terminal';

export const COST_THRESHOLD_VARIABLE = 'RUNCOMFY_CONFIRM_COST_ABOVE';

/** The threshold in USD: the variable when it is a non-negative number, else the editor's default. */
export function costThresholdUsd(context: CliContext): number {
  const raw = context.env[COST_THRESHOLD_VARIABLE]?.trim();
  if (!raw) return DEFAULT_SETTINGS.confirmCostAbove;
  const value = Number(raw);
  if (Number.isFinite(value) && value >= 0) return value;
  context.output.warn(`${COST_THRESHOLD_VARIABLE}=${raw} is not a number of dollars; using ${DEFAULT_SETTINGS.confirmCostAbove}.`);
  return DEFAULT_SETTINGS.confirmCostAbove;
}

/**
 * The model's catalog entry as RunComfy states it now. A model the catalog does not know has no price
 * (undefined); any other failure (token, network, server) is thrown, as the submit would meet it too,
 * unless `tolerant` (a dry run: warned, and the price stays unknown).
 */
export async function currentModelEntry(model: string, getClient: () => Promise<RunComfyClient>, context: CliContext, tolerant = false): Promise<CatalogModel | undefined> {
  try {
    return await (await getClient()).getModel(model);
  } catch (error) {
    if (!tolerant && !(error instanceof UnknownModelError)) throw error;
    context.output.warn(`Could not read the price of ${model}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** A run's estimate and how it reads: `4 images with FLUX.2 Klein 9B · $0.012 per image, ≈ $0.05`. */
export interface RunEstimate {
  estimate: CostEstimate;
  modelLabel: string;
  line: string;
}

export function runEstimate(model: string, entry: CatalogModel | undefined, input: Record<string, unknown>, jobs: number): RunEstimate {
  const estimate = estimateCost({ model: entry, input, jobs });
  const what = jobs === 1 ? '1 job' : `${jobs} jobs`;
  return { estimate, modelLabel: entry?.displayName ?? model, line: `Estimated cost: ${what} with ${modelPriceLine(model, entry)}, ${formatEstimate(estimate)}` };
}

/**
 * Whether the run may spend: within the threshold, `--yes`, or "y" typed on a terminal. Without a terminal
 * and without `--yes` it refuses (a usage error, exit 2), having sent nothing.
 */
export async function confirmCost(run: RunEstimate, yes: boolean | undefined, context: CliContext, threshold = costThresholdUsd(context)): Promise<boolean> {
  if (yes || !costNeedsConfirmation(run.estimate, threshold)) return true;
  const why = run.estimate.known ? `the estimate ${formatEstimate(run.estimate)} is above $${threshold.toFixed(2)} (${COST_THRESHOLD_VARIABLE})` : 'the price is unknown';
  if (!context.terminal?.interactive) {
    throw new UsageError(`Not starting: ${why}. Pass --yes to spend it, or --offline for free placeholders.`);
  }
  return isYes(await context.terminal.ask(`Generate anyway? ${why[0]!.toUpperCase()}${why.slice(1)}. [y/N] `));
}
