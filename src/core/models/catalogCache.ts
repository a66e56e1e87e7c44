/**
 * The catalog as a cache keeps it (e.g. in the editor's global state): the models with their fetch time,
 * stale after a day, falling back to the embedded snapshot when nothing was fetched yet. Pure: the editor
 * adapter stores and loads the plain JSON this produces and asks `catalogRefreshDue` when to fetch again.
 */
import { catalogModelJson, parseCatalogModel, type CatalogModel } from '../../runcomfy/catalog';
import { snapshotModels } from '../../runcomfy/catalogSnapshot';

/** Refresh in the background once the cache is this old. */
export const CATALOG_STALE_AFTER_MS = 24 * 60 * 60 * 1000;
/** The stored shape's version; a cache of another version is ignored (and refetched). */
export const CATALOG_CACHE_VERSION = 1;

/** A loaded catalog: where it came from and when it was fetched. */
export interface CatalogCache {
  models: CatalogModel[];
  /** Epoch ms of the fetch; absent for the embedded snapshot. */
  fetchedAt?: number;
  source: 'fetched' | 'snapshot';
}

/** What is stored: RunComfy's own model shape, so one parser reads replies and caches alike. */
export interface StoredCatalog {
  version: number;
  fetchedAt: number;
  models: Record<string, unknown>[];
}

/** The stored form of freshly fetched `models`. */
export function storeCatalog(models: readonly CatalogModel[], fetchedAt: number): StoredCatalog {
  return { version: CATALOG_CACHE_VERSION, fetchedAt, models: models.map(catalogModelJson) };
}

/**
 * The catalog from what was stored, or the embedded snapshot when nothing usable was (never stored, other
 * version, unreadable). Entries that cannot be read are skipped, not fatal.
 */
export function loadCatalog(stored: unknown): CatalogCache {
  if (isStored(stored)) {
    const models = stored.models.map(parseCatalogModel).filter((m): m is CatalogModel => m !== undefined);
    if (models.length > 0) return { models, fetchedAt: stored.fetchedAt, source: 'fetched' };
  }
  return { models: snapshotModels(), source: 'snapshot' };
}

/**
 * Whether to fetch the catalog now: `missing` (only the snapshot), `stale` (older than `staleAfterMs`, or
 * fetched "in the future": a changed clock), or false while fresh.
 */
export function catalogRefreshDue(cache: CatalogCache, now: number, staleAfterMs = CATALOG_STALE_AFTER_MS): 'missing' | 'stale' | false {
  if (cache.source === 'snapshot' || cache.fetchedAt === undefined) return 'missing';
  const age = now - cache.fetchedAt;
  return age < 0 || age >= staleAfterMs ? 'stale' : false;
}

/** The cached entry of `modelId`, if any (a list entry may lack its schema: fetch it with `getModel`). */
export function findCatalogModel(cache: CatalogCache, modelId: string): CatalogModel | undefined {
  const id = modelId.trim().replace(/^\/+|\/+$/g, '');
  return cache.models.find((model) => model.modelId === id);
}

function isStored(value: unknown): value is StoredCatalog {
  if (typeof value !== 'object' || value === null) return false;
  const stored = value as Partial<StoredCatalog>;
  return stored.version === CATALOG_CACHE_VERSION && typeof stored.fetchedAt === 'number' && Number.isFinite(stored.fetchedAt) && Array.isArray(stored.models);
}
