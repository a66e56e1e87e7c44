/**
 * A catalog price as people read it. A missing price is "price unknown", never "$0" (RunComfy's own nodes:
 * "a missing or invalid price never becomes free").
 */
import * as l10n from '@vscode/l10n';
import type { CatalogModel } from '../../runcomfy/catalog';
import { formatUsd } from '../cost/usd';

/** `$0.012 per image`, `$0.57 per second`, `price unknown`; each unit a whole phrase, so a translator sees it. */
export function formatPrice(model: Pick<CatalogModel, 'basePriceUsd' | 'priceUnit'>): string {
  if (model.basePriceUsd === undefined) return l10n.t('price unknown');
  const price = formatUsd(model.basePriceUsd);
  switch (model.priceUnit) {
    case 'output':
      return l10n.t('{0} per image', price);
    case 'second':
      return l10n.t('{0} per second', price);
    case undefined:
    case 'request':
      return l10n.t('{0} per request', price);
    default:
      return l10n.t('{0} per {1}', price, model.priceUnit);
  }
}
