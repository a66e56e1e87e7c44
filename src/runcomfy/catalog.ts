/**
 * RunComfy's model catalog as the client reads it (PROTOCOL §12): one model type for list entries, single
 * models, the embedded snapshot and the editor's cache, parsed leniently (a field of the wrong type is
 * absent, never fatal; an unusable price is absent, never free). zod is required on first parse only, so
 * the editor's cache code may import this file without loading zod at activation.
 */
import type { z } from 'zod';

/** One model of the catalog. */
export interface CatalogModel {
  /** e.g. `blackforestlabs/flux-2-klein/9b/text-to-image`. */
  modelId: string;
  displayName?: string;
  description?: string;
  /** e.g. `text-to-image`, `image-to-image`, `text-to-video`. */
  categories: string[];
  /** `model`, `workflow` or `inference`. */
  kind?: string;
  /**
   * Base rate in USD per `priceUnit`; absent when RunComfy published none or an unusable one (negative,
   * not a number). Absent means unknown, never free.
   */
  basePriceUsd?: number;
  /** `output` (per image) or `second` (video, audio); absent when not published. */
  priceUnit?: string;
  pricingNote?: string;
  /** The model's page on runcomfy.com. */
  modelUrl?: string;
  /**
   * The input schema exactly as published (normalise it with `normaliseInputSchema`). Always present on
   * `getModel`; on list entries only with `includeSchema`.
   */
  inputSchema?: Record<string, unknown>;
}

/** Filters and paging of `listModels`. */
export interface ListModelsOptions {
  category?: string;
  /** Case-insensitive, on id, name and description (done by RunComfy). */
  search?: string;
  kind?: string;
  /** Models per request (1–500, default 100). */
  limit?: number;
  /** Where to start (default 0). */
  offset?: number;
  /** Inline every model's input schema (large). Default false. */
  includeSchema?: boolean;
  signal?: AbortSignal;
}

/** Every model the filters matched, from `offset` on. */
export interface ModelList {
  models: CatalogModel[];
  /** RunComfy's count of matches (the models fetched when it sent none). */
  total: number;
}

function buildSchemas() {
  const { z } = require('zod') as typeof import('zod');
  const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
  const text = lenient(z.string());
  const model = z
    .looseObject({
      model_id: z.string().trim().min(1),
      display_name: text,
      description: text,
      categories: lenient(z.array(z.unknown())),
      kind: text,
      base_price_usd: lenient(z.union([z.number(), z.string().regex(/^\s*\d+(\.\d+)?\s*$/).transform(Number)])),
      price_unit: text,
      pricing_note: text,
      model_url: text,
      input_schema: lenient(z.record(z.string(), z.unknown())),
    });
  return {
    model,
    list: z.looseObject({
      models: z.array(z.unknown()),
      total: lenient(z.coerce.number().int().nonnegative()),
    }),
    categories: z.looseObject({ categories: z.array(z.unknown()) }),
  };
}

let schemas: ReturnType<typeof buildSchemas> | undefined;

/** The zod schemas of catalog bodies, built on first use. */
export function catalogSchemas(): ReturnType<typeof buildSchemas> {
  return (schemas ??= buildSchemas());
}

/** One catalog entry from JSON (a reply or a cache), or undefined when it has no model id. */
export function parseCatalogModel(json: unknown): CatalogModel | undefined {
  const parsed = catalogSchemas().model.safeParse(json);
  return parsed.success ? toCatalogModel(parsed.data) : undefined;
}

/** Category names; non-string entries are skipped. */
export function categoryNames(entries: readonly unknown[]): string[] {
  return entries.flatMap((entry) => (typeof entry === 'string' && entry.trim() ? [entry.trim()] : []));
}

type RawModel = z.output<ReturnType<typeof buildSchemas>['model']>;

function toCatalogModel(raw: RawModel): CatalogModel {
  const model: CatalogModel = { modelId: raw.model_id, categories: categoryNames(raw.categories ?? []) };
  if (raw.display_name?.trim()) model.displayName = raw.display_name.trim();
  if (raw.description !== undefined) model.description = raw.description;
  if (raw.kind?.trim()) model.kind = raw.kind.trim();
  const price = raw.base_price_usd;
  if (price !== undefined && Number.isFinite(price) && price >= 0) model.basePriceUsd = price;
  if (raw.price_unit?.trim()) model.priceUnit = raw.price_unit.trim();
  if (raw.pricing_note?.trim()) model.pricingNote = raw.pricing_note.trim();
  if (raw.model_url?.trim()) model.modelUrl = raw.model_url.trim();
  if (raw.input_schema) model.inputSchema = raw.input_schema;
  return model;
}

/** The catalog entry back in RunComfy's own shape (for caches and the CLI's `--json`). */
export function catalogModelJson(model: CatalogModel): Record<string, unknown> {
  const json: Record<string, unknown> = {
    model_id: model.modelId,
    display_name: model.displayName,
    description: model.description,
    categories: model.categories,
    kind: model.kind,
    base_price_usd: model.basePriceUsd,
    price_unit: model.priceUnit,
    pricing_note: model.pricingNote,
    model_url: model.modelUrl,
    input_schema: model.inputSchema,
  };
  return Object.fromEntries(Object.entries(json).filter(([, value]) => value !== undefined));
}
