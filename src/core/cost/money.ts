/**
 * Amounts of money as people read them, in USD (RunComfy bills in dollars). Exact amounts (a price, a
 * reported cost) keep their sub-cent digits, "$0.012"; estimates are rounded to cents, "≈ $0.14", because
 * a base rate is "not a guaranteed minimum" and more digits would promise a precision it does not have.
 */
import type { CatalogModel } from '../../runcomfy/catalog';
import type { JobRecord } from '../jobs/jobRecord';
import { formatPrice } from '../models/price';
import type { CostEstimate } from './costEstimate';

/** `$0.012`, `$0.50`, `$2.85`: at least two decimals, up to four for sub-cent amounts. */
export function formatUsd(amount: number): string {
  return `$${amount.toFixed(4).replace(/0{1,2}$/, '')}`;
}

/** `≈ $0.14`; `< $0.01` for a positive amount that rounds to nothing; `price unknown`. */
export function formatEstimate(estimate: CostEstimate): string {
  if (!estimate.known) return 'price unknown';
  if (estimate.totalUsd > 0 && estimate.totalUsd < 0.005) return '< $0.01';
  return `≈ $${estimate.totalUsd.toFixed(2)}`;
}

/** A job's real cost as RunComfy reported it: `$0.012`, or `cost not reported`. */
export function formatReportedCost(costUsd: number | undefined): string {
  return costUsd === undefined ? 'cost not reported' : formatUsd(costUsd);
}

/** `FLUX.2 Klein 9B · $0.012 per image`; the id when the catalog has no name; `… · price unknown`. */
export function modelPriceLine(modelId: string, model: Pick<CatalogModel, 'displayName' | 'basePriceUsd' | 'priceUnit'> | undefined): string {
  return `${model?.displayName ?? modelId} · ${model ? formatPrice(model) : 'price unknown'}`;
}

/**
 * A job's cost as lists and hovers show it: `$0.012`, `cost not reported`, `free` for offline placeholders;
 * undefined for a paid job that never reached RunComfy (nothing was spent, nothing to say).
 */
export function jobCostText(job: Pick<JobRecord, 'provider' | 'requestId' | 'costUsd'>): string | undefined {
  if (job.provider === 'offline') return 'free';
  if (!job.requestId) return undefined;
  return formatReportedCost(job.costUsd);
}
