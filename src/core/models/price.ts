/**
 * A catalog price as people read it. A missing price is "price unknown", never "$0" (RunComfy's own nodes:
 * "a missing or invalid price never becomes free").
 */
import type { CatalogModel } from '../../runcomfy/catalog';

const UNIT_WORDS: Record<string, string> = { output: 'image', second: 'second', request: 'request' };

/** `$0.012 per image`, `$0.57 per second`, `price unknown`. */
export function formatPrice(model: Pick<CatalogModel, 'basePriceUsd' | 'priceUnit'>): string {
  if (model.basePriceUsd === undefined) return 'price unknown';
  const unit = model.priceUnit ? (UNIT_WORDS[model.priceUnit] ?? model.priceUnit) : 'request';
  // At least two decimals, up to four for sub-cent rates: 0.5 → 0.50, 0.0125 → 0.0125.
  return `$${model.basePriceUsd.toFixed(4).replace(/0{1,2}$/, '')} per ${unit}`;
}
