/**
 * Money as the editor says it, in USD (RunComfy bills in dollars): a job's reported cost, a model with its
 * price, and the amounts themselves (`usd.ts`, dependency-free for the webview).
 */
import * as l10n from '@vscode/l10n';
import type { CatalogModel } from '../../runcomfy/catalog';
import type { JobRecord } from '../jobs/jobRecord';
import { formatPrice } from '../models/price';
import { formatUsd } from './usd';

export { formatEstimate, formatUsd } from './usd';

/** A job's real cost as RunComfy reported it: `$0.012`, or `cost not reported`. */
export function formatReportedCost(costUsd: number | undefined): string {
  return costUsd === undefined ? l10n.t('cost not reported') : formatUsd(costUsd);
}

/** `FLUX.2 Klein 9B · $0.012 per image`; the id when the catalog has no name; `… · price unknown`. */
export function modelPriceLine(modelId: string, model: Pick<CatalogModel, 'displayName' | 'basePriceUsd' | 'priceUnit'> | undefined): string {
  return `${model?.displayName ?? modelId} · ${model ? formatPrice(model) : l10n.t('price unknown')}`;
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
