/**
 * The catalog endpoints (PROTOCOL §12): `GET /v1/models` paged until `total`, `GET /v1/models/{id}` (the
 * submit path, as a GET) and `GET /v1/models/categories`. They ride on the client's retried, token-bearing
 * GET, passed in, so they share its origin rule, retries and error mapping.
 */
import { catalogSchemas, categoryNames, parseCatalogModel, type CatalogModel, type ListModelsOptions, type ModelList } from './catalog';
import { UnexpectedResponseError } from './errors';
import type { HttpResponse } from './http';
import { submitUrl } from './origin';
import { readJsonBody, type ResponseContext } from './responses';
import type { RunComfyClient } from './types';

/** A retried GET of the client (`callWithRetries('GET', …)`). */
export type CatalogGet = <T>(url: URL, signal: AbortSignal | undefined, read: (response: HttpResponse) => T) => Promise<T>;

const DEFAULT_PAGE = 100;
const MAX_PAGE = 500;
/** A catalog of 50,000 models at 100 a page: far beyond RunComfy's, and a stop should `total` misbehave. */
const MAX_PAGES = 500;

export function createCatalogCalls(baseUrl: URL, get: CatalogGet): Pick<RunComfyClient, 'listModels' | 'getModel' | 'listCategories'> {
  const catalog: ResponseContext = { operation: 'catalog' };
  const modelsUrl = (query: Record<string, string | undefined>) => {
    const url = new URL('v1/models', withTrailingSlash(baseUrl));
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') url.searchParams.set(key, value);
    return url;
  };

  return {
    async listModels(options: ListModelsOptions = {}): Promise<ModelList> {
      const limit = Math.min(MAX_PAGE, Math.max(1, Math.floor(options.limit ?? DEFAULT_PAGE)));
      let offset = Math.max(0, Math.floor(options.offset ?? 0));
      const models: CatalogModel[] = [];
      let total: number | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const url = modelsUrl({
          search: options.search?.trim(),
          category: options.category?.trim(),
          kind: options.kind?.trim(),
          include_schema: options.includeSchema ? 'true' : undefined,
          limit: String(limit),
          offset: String(offset),
        });
        const body = await get(url, options.signal, (response) => readJsonBody(response, catalogSchemas().list, catalog));
        const entries = body.models.map(parseCatalogModel).filter((m): m is CatalogModel => m !== undefined);
        models.push(...entries);
        total = body.total ?? total;
        offset += body.models.length;
        // Done when the count is reached, or (without a count) on a short or empty page.
        if (body.models.length === 0 || (total !== undefined ? offset >= total : body.models.length < limit)) break;
      }
      return { models, total: total ?? models.length };
    },

    async getModel(modelId, options = {}) {
      const context: ResponseContext = { operation: 'catalog', model: modelId };
      const body = await get(submitUrl(baseUrl, modelId), options.signal, (response) =>
        readJsonBody(response, catalogSchemas().model, context),
      );
      const model = parseCatalogModel(body);
      if (!model) throw new UnexpectedResponseError(`RunComfy's catalog entry for ${modelId} could not be read.`);
      return model;
    },

    async listCategories(options = {}) {
      const url = new URL('v1/models/categories', withTrailingSlash(baseUrl));
      const body = await get(url, options.signal, (response) => readJsonBody(response, catalogSchemas().categories, catalog));
      return categoryNames(body.categories);
    },
  };
}

function withTrailingSlash(url: URL): URL {
  return url.pathname.endsWith('/') ? url : new URL(`${url.href}/`);
}
