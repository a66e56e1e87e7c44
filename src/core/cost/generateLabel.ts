/**
 * The Studio's Generate button with what pressing it costs: "Generate · $0.012" (one image, its exact
 * price), "Generate 4 · ≈ $0.05" (a batch, rounded to cents like every estimate), "Generate 4 · price
 * unknown", or just "Generate 4" for offline placeholders (free). Built in the extension host from the
 * catalog price; the webview shows the text as it comes. Pure.
 */
import type { CostEstimate } from './pricingRule';
import { formatEstimate, formatUsd } from './usd';

/** What the button's action costs: an estimate for RunComfy, `offline` for local placeholders. */
export type GenerateCost = CostEstimate | 'offline';

export function generateButtonLabel(variants: number, cost: GenerateCost): string {
  const action = variants > 1 ? `Generate ${variants}` : 'Generate';
  if (cost === 'offline') return action;
  return `${action} · ${priceText(cost)}`;
}

/** One output at a known price is the price itself; anything multiplied is an estimate. */
function priceText(estimate: CostEstimate): string {
  if (estimate.known && estimate.unit === 'output' && estimate.quantity === 1) return formatUsd(estimate.totalUsd);
  return formatEstimate(estimate);
}

/** The button's tooltip: how the number was reached, or why there is none. */
export function generateButtonTitle(variants: number, cost: GenerateCost): string {
  if (cost === 'offline') return 'Offline placeholders are rendered locally: no cost.';
  if (!cost.known) return `Price unknown: ${cost.reason}. You will be asked before anything is sent.`;
  const unit = cost.unit === 'second' ? 'second' : 'image';
  const count = Number.isInteger(cost.quantity) ? String(cost.quantity) : cost.quantity.toFixed(1);
  const jobs = variants > 1 ? ` (${variants} variants)` : '';
  return `${formatUsd(cost.unitPriceUsd)} per ${unit} × ${count}${jobs}, from the RunComfy catalog. The final cost may differ.`;
}
