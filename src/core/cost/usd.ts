/**
 * Dollar amounts as text, with no imports beyond the estimate's type, so the Studio's webview can use them.
 * Exact amounts (a price, a reported cost) keep their sub-cent digits, "$0.012"; estimates are rounded to
 * cents, "≈ $0.14", because a base rate is "not a guaranteed minimum".
 */
import * as l10n from '@vscode/l10n';
import type { CostEstimate } from './pricingRule';

/** `$0.012`, `$0.50`, `$2.85`: at least two decimals, up to four for sub-cent amounts. */
export function formatUsd(amount: number): string {
  return `$${amount.toFixed(4).replace(/0{1,2}$/, '')}`;
}

/** `≈ $0.14`; `< $0.01` for a positive amount that rounds to nothing; `price unknown`. */
export function formatEstimate(estimate: CostEstimate): string {
  if (!estimate.known) return l10n.t('price unknown');
  if (estimate.totalUsd > 0 && estimate.totalUsd < 0.005) return '< $0.01';
  return `≈ $${estimate.totalUsd.toFixed(2)}`;
}
