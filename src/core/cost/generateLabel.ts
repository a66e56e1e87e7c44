/**
 * The Studio's Generate button with what pressing it costs: "Generate · $0.012" (one image, its exact
 * price), "Generate 4 · ≈ $0.05" (a batch, rounded to cents like every estimate), "Generate 4 · price
 * unknown", or just "Generate 4" for offline placeholders (free). Built in the extension host from the
 * catalog price; the webview shows the text as it comes. Pure.
 */
import * as l10n from '@vscode/l10n';
import type { CostEstimate } from './pricingRule';
import { formatEstimate, formatUsd } from './usd';

/** What the button's action costs: an estimate for RunComfy, `offline` for local placeholders. */
export type GenerateCost = CostEstimate | 'offline';

export function generateButtonLabel(variants: number, cost: GenerateCost): string {
  const action = variants > 1 ? l10n.t('Generate {0}', variants) : l10n.t('Generate');
  if (cost === 'offline') return action;
  return l10n.t('{0} · {1}', action, priceText(cost));
}

/** One output at a known price is the price itself; anything multiplied is an estimate. */
function priceText(estimate: CostEstimate): string {
  if (estimate.known && estimate.unit === 'output' && estimate.quantity === 1) return formatUsd(estimate.totalUsd);
  return formatEstimate(estimate);
}

/** The button's tooltip: how the number was reached, or why there is none. */
export function generateButtonTitle(variants: number, cost: GenerateCost): string {
  if (cost === 'offline') return l10n.t('Offline placeholders are rendered locally: no cost.');
  if (!cost.known) return l10n.t('Price unknown: {0}. You will be asked before anything is sent.', cost.reason);
  const price = formatUsd(cost.unitPriceUsd);
  const count = Number.isInteger(cost.quantity) ? String(cost.quantity) : cost.quantity.toFixed(1);
  if (cost.unit === 'second') {
    return variants > 1
      ? l10n.t('{0} per second × {1} ({2} variants), from the RunComfy catalog. The final cost may differ.', price, count, variants)
      : l10n.t('{0} per second × {1}, from the RunComfy catalog. The final cost may differ.', price, count);
  }
  return variants > 1
    ? l10n.t('{0} per image × {1} ({2} variants), from the RunComfy catalog. The final cost may differ.', price, count, variants)
    : l10n.t('{0} per image × {1}, from the RunComfy catalog. The final cost may differ.', price, count);
}
