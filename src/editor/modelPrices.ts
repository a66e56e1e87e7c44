import type { CatalogModel, Logger, RunComfyClient } from '../runcomfy/types';

/**
 * Where the editor finds a model's price: the catalog it already holds for showing a price (no network),
 * and an uncached `GET /v1/models/{id}` right before spending more than the threshold or on a batch, since
 * "settings can change the price" and a stale price must not decide whether the user is asked.
 */
export class ModelPrices {
  /** The last entry read straight from RunComfy, per model: newer than any cache, so it wins for the next estimate. */
  private readonly fresh = new Map<string, CatalogModel>();

  constructor(
    private readonly getClient: () => Promise<RunComfyClient>,
    private readonly log: Logger,
    /** The catalog the editor keeps (`ModelCatalog.model`: its cache, else the embedded snapshot). */
    private readonly cached: (modelId: string) => Promise<CatalogModel | undefined>,
  ) {}

  /** The best entry known without a paid-decision re-read (may lack a price). */
  async known(modelId: string): Promise<CatalogModel | undefined> {
    return this.fresh.get(modelId) ?? (await this.cached(modelId).catch(() => undefined));
  }

  /** The entry as RunComfy states it now; undefined (logged) when it cannot be read, which makes the price unknown. */
  async reread(modelId: string, signal?: AbortSignal): Promise<CatalogModel | undefined> {
    try {
      const model = await (await this.getClient()).getModel(modelId, { signal });
      this.fresh.set(modelId, model);
      return model;
    } catch (error) {
      this.log.warn(`Could not read the current price of ${modelId}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}
