import * as vscode from 'vscode';
import type { CatalogCache } from '../core/models/catalogCache';
import type { FetchedModel } from '../core/models/catalogPlan';
import type { CatalogModel } from '../runcomfy/catalog';
import { UnknownModelError } from '../runcomfy/errors';
import type { ModelInputSchema } from '../runcomfy/inputSchema';
import type { Logger, RunComfyClient } from '../runcomfy/types';
import { MissingTokenError } from './clientFactory';
import { loadModelRuntime, type ModelRuntime } from './modelRuntimeLoader';

/** Global state keys: the image model list (with its fetch time) and single models fetched for their schema. */
const LIST_KEY = 'runcomfy.catalog';
const MODELS_KEY = 'runcomfy.catalogModels';
const PAGE_SIZE = 100;

/** What the catalog needs from the editor. */
export interface ModelCatalogDeps {
  /** Where the catalog is cached across sessions and workspaces (`context.globalState`). */
  memento: vscode.Memento;
  /** The shared client; throws `MissingTokenError` when no token is set. */
  getClient(): Promise<Pick<RunComfyClient, 'listModels' | 'getModel'>>;
  tokens: { get(): Promise<string | undefined>; onDidChange: vscode.Event<void> };
  log: Logger;
  now?: () => number;
}

/** Where the list came from: fetched from RunComfy (and when), or the embedded snapshot. */
export interface CatalogSource {
  source: 'fetched' | 'snapshot';
  fetchedAt?: number;
}

/**
 * RunComfy's image models for the editor: the list from the cache in global state, or the embedded snapshot
 * when nothing was fetched yet or there is no token; fetched on first need (never at activation), refreshed
 * in the background once a day old, usable offline. A model's input schema comes from the list when it has
 * one, else from at most one `GET /v1/models/{id}` (cached a day), else the snapshot; an unknown model has a
 * schema without fields. The decisions live in `core/models/catalogPlan.ts`; this class only stores, fetches
 * and tells listeners.
 */
export class ModelCatalog implements vscode.Disposable {
  private cache: CatalogCache | undefined;
  private listing: Promise<void> | undefined;
  private lastListFailureAt: number | undefined;
  private readonly fetched = new Map<string, FetchedModel>();
  private readonly fetching = new Map<string, Promise<CatalogModel | undefined>>();
  private readonly modelFailures = new Map<string, number>();
  /** Models RunComfy said it does not have: a snapshot entry must not stand in for them. */
  private readonly unknown = new Set<string>();
  /** Normalised schemas by the published schema object they came from. */
  private readonly normalised = new WeakMap<object, ModelInputSchema>();
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when the list or a model's schema changed (a fetch finished). */
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly deps: ModelCatalogDeps) {
    // A new token deserves a new try at once, not after the back-off of the last failure.
    this.subscription = deps.tokens.onDidChange(() => {
      this.lastListFailureAt = undefined;
      this.modelFailures.clear();
    });
  }

  /**
   * The image models (categories ending in `-to-image` or naming an image edit; no workflows). Waits for
   * the first fetch when there is a token and nothing was fetched yet; otherwise answers at once from the
   * cache or the snapshot, refreshing a day-old list in the background.
   */
  async models(): Promise<CatalogModel[]> {
    const runtime = loadModelRuntime();
    const plan = runtime.catalogFetchPlan(this.loaded(runtime), this.now(), await this.hasToken(), this.lastListFailureAt);
    if (plan === 'fetch-and-wait') await this.fetchList().catch(() => undefined);
    if (plan === 'refresh-in-background') void this.fetchList().catch(() => undefined);
    return this.loaded(runtime).models.filter(runtime.isImageModel);
  }

  /** Where the list `models()` answers from comes from right now. */
  source(): CatalogSource {
    const cache = this.loaded(loadModelRuntime());
    return cache.fetchedAt === undefined ? { source: cache.source } : { source: cache.source, fetchedAt: cache.fetchedAt };
  }

  /**
   * The catalog entry of `modelId`: from the list (fetched or snapshot), else a model fetched before, else
   * one `GET /v1/models/{id}` when there is a token. Undefined when RunComfy (or, offline, the snapshot)
   * has no such model.
   */
  async model(modelId: string): Promise<CatalogModel | undefined> {
    const id = trimModelId(modelId);
    const runtime = loadModelRuntime();
    await this.models();
    const listed = runtime.findCatalogModel(this.loaded(runtime), id);
    if (listed) return listed;
    const stored = this.storedModel(runtime, id);
    if (stored && !stored.stale) return stored.model;
    return (await this.fetchModel(id).catch(() => undefined)) ?? stored?.model ?? runtime.snapshotModel(id);
  }

  /**
   * The normalised inputs of `modelId`: from a schema the list carried or a model fetched within a day,
   * else one `GET /v1/models/{id}` (with a token), else what is known offline (an older fetch, the
   * snapshot). A model nobody knows gets a schema without fields: the body is then sent as built and
   * RunComfy checks it.
   */
  async inputSchema(modelId: string): Promise<ModelInputSchema> {
    const id = trimModelId(modelId);
    const runtime = loadModelRuntime();
    const cache = this.loaded(runtime);
    const stored = this.storedModel(runtime, id);
    if (stored && !stored.stale) return this.normalise(runtime, stored.model.inputSchema);
    const listed = runtime.findCatalogModel(cache, id);
    if (listed?.inputSchema && cache.source === 'fetched') return this.normalise(runtime, listed.inputSchema);
    const fetched = await this.fetchModel(id).catch(() => undefined);
    if (fetched?.inputSchema) return this.normalise(runtime, fetched.inputSchema);
    const fallback = stored?.model.inputSchema ?? (this.unknown.has(id) ? undefined : runtime.snapshotModel(id)?.inputSchema);
    return this.normalise(runtime, fallback);
  }

  /** The model's display name from what is known without a request (list, fetched models, snapshot). */
  knownName(modelId: string): string | undefined {
    const id = trimModelId(modelId);
    const runtime = loadModelRuntime();
    return (runtime.findCatalogModel(this.loaded(runtime), id) ?? this.storedModel(runtime, id)?.model ?? runtime.snapshotModel(id))?.displayName;
  }

  /**
   * Fetches the list now ("Refresh Model Catalog"), one request per page, and forgets the schemas fetched
   * before so the next use reads them again. Throws what the client threw (`MissingTokenError`,
   * `RunComfyAuthError`, network errors) for the command to explain; the cached list stays as it was.
   */
  async refresh(options: { signal?: AbortSignal } = {}): Promise<void> {
    await this.fetchList(options.signal);
    this.fetched.clear();
    this.modelFailures.clear();
    await this.deps.memento.update(MODELS_KEY, undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  private loaded(runtime: ModelRuntime): CatalogCache {
    return (this.cache ??= runtime.loadCatalog(this.deps.memento.get(LIST_KEY)));
  }

  private fetchList(signal?: AbortSignal): Promise<void> {
    this.listing ??= (async () => {
      const runtime = loadModelRuntime();
      const started = this.now();
      try {
        const client = await this.deps.getClient();
        const { models } = await client.listModels({ limit: PAGE_SIZE, signal });
        const images = models.filter(runtime.isImageModel);
        const fetchedAt = this.now();
        await this.deps.memento.update(LIST_KEY, runtime.storeCatalog(images, fetchedAt));
        this.cache = { models: images, fetchedAt, source: 'fetched' };
        this.lastListFailureAt = undefined;
        this.deps.log.info(`Model catalog: ${images.length} image models of ${models.length} fetched in ${Math.round(this.now() - started)} ms.`);
        this.emitter.fire();
      } catch (error) {
        this.lastListFailureAt = this.now();
        if (!(error instanceof MissingTokenError)) this.deps.log.warn(`Could not fetch the model catalog: ${describe(error)}`);
        throw error;
      } finally {
        this.listing = undefined;
      }
    })();
    return this.listing;
  }

  /** One `GET /v1/models/{id}` at a time per model; undefined when there is no token or RunComfy has no such model. */
  private fetchModel(id: string): Promise<CatalogModel | undefined> {
    if (!loadModelRuntime().mayRetry(this.modelFailures.get(id), this.now())) return Promise.resolve(undefined);
    let pending = this.fetching.get(id);
    if (!pending) {
      pending = (async () => {
        try {
          if (!(await this.hasToken())) return undefined;
          const model = await (await this.deps.getClient()).getModel(id);
          const fetchedAt = this.now();
          const runtime = loadModelRuntime();
          await this.deps.memento.update(MODELS_KEY, runtime.storeModel(this.deps.memento.get(MODELS_KEY), model, fetchedAt));
          this.fetched.set(id, { model, fetchedAt, stale: false });
          this.modelFailures.delete(id);
          this.emitter.fire();
          return model;
        } catch (error) {
          this.modelFailures.set(id, this.now());
          if (error instanceof UnknownModelError) {
            this.unknown.add(id);
            this.deps.log.warn(`RunComfy's catalog has no model ${id}.`);
          } else if (!(error instanceof MissingTokenError)) {
            this.deps.log.warn(`Could not read the inputs of ${id}: ${describe(error)}`);
          }
          throw error;
        } finally {
          this.fetching.delete(id);
        }
      })();
      this.fetching.set(id, pending);
    }
    return pending;
  }

  private storedModel(runtime: ModelRuntime, id: string): FetchedModel | undefined {
    let entry = this.fetched.get(id);
    if (!entry) {
      entry = runtime.storedModel(this.deps.memento.get(MODELS_KEY), id, this.now());
      if (entry) this.fetched.set(id, entry);
    }
    return entry && { ...entry, stale: runtime.isStale(entry.fetchedAt, this.now()) };
  }

  private normalise(runtime: ModelRuntime, raw: Record<string, unknown> | undefined): ModelInputSchema {
    if (!raw) return runtime.normaliseInputSchema(undefined);
    let schema = this.normalised.get(raw);
    if (!schema) {
      schema = runtime.normaliseInputSchema(raw);
      this.normalised.set(raw, schema);
    }
    return schema;
  }

  private async hasToken(): Promise<boolean> {
    return Boolean(await this.deps.tokens.get());
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

function trimModelId(modelId: string): string {
  return modelId.trim().replace(/^\/+|\/+$/g, '');
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
