/**
 * The editor catalog's decisions, pure so they are tested without VS Code: which catalog entries are image
 * models, when to fetch (wait for the list, refresh it in the background, or not at all), and the small
 * cache of single models fetched for their schema (`GET /v1/models/{id}`), each with its own fetch time.
 */
import { catalogModelJson, parseCatalogModel, type CatalogModel } from '../../runcomfy/catalog';
import { CATALOG_STALE_AFTER_MS, catalogRefreshDue, type CatalogCache } from './catalogCache';

/** After a failed automatic fetch, the next automatic one waits this long (an explicit refresh never does). */
export const CATALOG_RETRY_AFTER_MS = 5 * 60 * 1000;
/** Single models kept with their schema; the least recently fetched go first. */
export const MAX_STORED_MODELS = 40;

/**
 * Whether a catalog entry makes images: a category ending in `-to-image` (`text-to-image`, `image-to-image`,
 * `reference-to-image`) or naming an image edit (`image-edit`, `edit-image`). Workflows are left out: their
 * inputs are whatever the workflow's author chose (often no prompt), so they cannot serve a prompt-and-size
 * command. Video, audio and music models are left out.
 */
export function isImageModel(model: Pick<CatalogModel, 'categories' | 'kind'>): boolean {
  if (model.kind === 'workflow') return false;
  return model.categories.some((category) => {
    const c = category.toLowerCase();
    return c.endsWith('-to-image') || c === 'image-edit' || c === 'edit-image';
  });
}

/** What to do about the model list now. */
export type CatalogFetchPlan =
  /** Nothing was ever fetched: fetch and wait (the caller falls back to the snapshot if it fails). */
  | 'fetch-and-wait'
  /** A fetched list older than a day: use it now, refresh in the background. */
  | 'refresh-in-background'
  /** Use what is there: fresh, or no token (the snapshot serves), or a fetch just failed. */
  | 'use-cache';

/** Decides how `models()` gets its list: from `cache`, whether a token is set, and the last failure time. */
export function catalogFetchPlan(cache: CatalogCache, now: number, hasToken: boolean, lastFailureAt?: number): CatalogFetchPlan {
  if (!hasToken || !mayRetry(lastFailureAt, now)) return 'use-cache';
  const due = catalogRefreshDue(cache, now);
  if (due === 'missing') return 'fetch-and-wait';
  return due === 'stale' ? 'refresh-in-background' : 'use-cache';
}

/** Whether an automatic fetch may run again after one that failed at `lastFailureAt` (a changed clock allows it). */
export function mayRetry(lastFailureAt: number | undefined, now: number): boolean {
  return lastFailureAt === undefined || now - lastFailureAt < 0 || now - lastFailureAt >= CATALOG_RETRY_AFTER_MS;
}

/** Whether something fetched at `fetchedAt` is due for a new fetch: a day old, or from "the future" (a changed clock). */
export function isStale(fetchedAt: number, now: number, staleAfterMs = CATALOG_STALE_AFTER_MS): boolean {
  const age = now - fetchedAt;
  return age < 0 || age >= staleAfterMs;
}

/** Single models as stored: RunComfy's own shape with the fetch time, by id. */
export type StoredModels = Record<string, { fetchedAt: number; model: Record<string, unknown> }>;

/** A stored single model with its fetch time. */
export interface FetchedModel {
  model: CatalogModel;
  fetchedAt: number;
  /** Older than a day (or from a changed clock): use it, but fetch again when there is a token. */
  stale: boolean;
}

/** The stored single model `modelId` (with its schema), if one was stored and can be read. */
export function storedModel(stored: unknown, modelId: string, now: number, staleAfterMs = CATALOG_STALE_AFTER_MS): FetchedModel | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const entry = (stored as Partial<StoredModels>)[modelId];
  if (!entry || typeof entry.fetchedAt !== 'number' || !Number.isFinite(entry.fetchedAt)) return undefined;
  const model = parseCatalogModel(entry.model);
  if (!model || model.modelId !== modelId || !model.inputSchema) return undefined;
  return { model, fetchedAt: entry.fetchedAt, stale: isStale(entry.fetchedAt, now, staleAfterMs) };
}

/** `stored` with `model` added (or replaced), keeping at most `MAX_STORED_MODELS` of the newest. */
export function storeModel(stored: unknown, model: CatalogModel, fetchedAt: number): StoredModels {
  const previous = typeof stored === 'object' && stored !== null ? (stored as StoredModels) : {};
  const entries = Object.entries(previous).filter(([id, entry]) => id !== model.modelId && typeof entry?.fetchedAt === 'number');
  entries.push([model.modelId, { fetchedAt, model: catalogModelJson(model) }]);
  entries.sort((a, b) => b[1].fetchedAt - a[1].fetchedAt);
  return Object.fromEntries(entries.slice(0, MAX_STORED_MODELS));
}
