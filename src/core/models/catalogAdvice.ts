/**
 * What "Refresh Model Catalog" tells the user when the fetch fails, and what the list shows meanwhile: the
 * last fetched catalog (with its date) or the models embedded in the extension.
 */
import * as l10n from '@vscode/l10n';
import { NetworkError, RunComfyAuthError, ServerError, RateLimitedError } from '../../runcomfy/errors';

/** What the list falls back to. */
export interface CatalogFallback {
  source: 'fetched' | 'snapshot';
  fetchedAt?: number;
}

/** A message and whether to offer "Set API Token". */
export interface CatalogAdvice {
  message: string;
  offerToken: boolean;
}

/** For a refresh that failed with `error` (`'no-token'` when none is set). */
export function catalogRefreshAdvice(error: unknown, fallback: CatalogFallback): CatalogAdvice {
  const meanwhile = fallbackText(fallback);
  if (error === 'no-token') {
    return { message: l10n.t('Refreshing the model catalog needs a RunComfy API token. {0}', meanwhile), offerToken: true };
  }
  if (error instanceof RunComfyAuthError) {
    return { message: l10n.t('RunComfy rejected the API token, so the model catalog could not be refreshed. {0}', meanwhile), offerToken: true };
  }
  if (error instanceof NetworkError) {
    return { message: l10n.t('Could not reach RunComfy (are you offline?). {0}', meanwhile), offerToken: false };
  }
  if (error instanceof ServerError || error instanceof RateLimitedError) {
    return { message: l10n.t('RunComfy could not answer right now; try again in a moment. {0}', meanwhile), offerToken: false };
  }
  const text = (error instanceof Error ? error.message : String(error)).trim().replace(/([^.!?])$/, '$1.');
  return { message: l10n.t('Could not refresh the model catalog: {0} {1}', text, meanwhile), offerToken: false };
}

function fallbackText(fallback: CatalogFallback): string {
  if (fallback.source === 'fetched' && fallback.fetchedAt !== undefined) {
    return l10n.t('The list from {0} is used meanwhile.', new Date(fallback.fetchedAt).toISOString().slice(0, 10));
  }
  return l10n.t('The models built into the extension are listed meanwhile.');
}
