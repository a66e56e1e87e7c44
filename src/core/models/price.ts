/**
 * A catalog price as people read it. A missing price is "price unknown", never "$0" (RunComfy's own nodes:
 * "a missing or invalid price never becomes free").
 */
import * as l10n from '@vscode/l10n';
import type { CatalogModel } from '../../runcomfy/catalog';
import { formatUsd } from '../cost/usd';

const UNIT_WORDS: Record<string, string> = { output: 'image', second: 'second', request: 'request' };

/** `$0.012 per image`, `$0.57 per second`, `price unknown`. */
export function formatPrice(model: Pick<CatalogModel, 'basePriceUsd' | 'priceUnit'>): string {
  if (model.basePriceUsd === undefined) return l10n.t('price unknown');
  const unit = model.priceUnit ? (UNIT_WORDS[model.priceUnit] ?? model.priceUnit) : 'request';
  return `${formatUsd(model.basePriceUsd)} per ${unit}`;
}
