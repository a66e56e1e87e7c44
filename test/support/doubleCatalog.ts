/**
 * The test double's catalog endpoints (`GET /v1/models` with search, category, kind and limit/offset
 * paging, `GET /v1/models/{id}`, `GET /v1/models/categories`) and its check of every submitted body
 * against the model's schema, answered like a 422 `detail` entry. A second, independent reading of the
 * schema conventions: nothing here comes from the client's code, so a wrong mapping in the client fails.
 */
import { DOUBLE_MODELS, type DoubleModel } from './doubleModels';
import type { DoubleJob, OutputFileSpec } from './doubleJobs';
import { gradientPng, sampleJpeg, sampleMp4, sampleWebp } from './sampleMedia';

export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** A reply: HTTP status and JSON body. */
export type CatalogReply = [number, unknown];

const byId = new Map(DOUBLE_MODELS.map((model) => [model.model_id, model]));

export function isKnownModel(model: string): boolean {
  return byId.has(model);
}

/** Answers a catalog GET, or returns undefined when the path is not one. */
export function catalogReply(path: string, query: URLSearchParams): CatalogReply | undefined {
  if (path === '/v1/models' || path === '/v1/models/') return listReply(query);
  if (path === '/v1/models/categories') {
    return [200, { categories: [...new Set(DOUBLE_MODELS.flatMap((model) => model.categories))].sort() }];
  }
  const single = /^\/v1\/models\/(.+)$/.exec(path);
  if (!single) return undefined;
  const id = single[1]!.split('/').map(decodeURIComponent).join('/');
  const model = byId.get(id);
  if (!model) return [404, { error_code: 400001, error_message: 'InvalidResourceIdentifier', detail: `unknown model_id ${id}` }];
  return [200, model];
}

function listReply(query: URLSearchParams): CatalogReply {
  const limit = Number(query.get('limit') ?? 100);
  const offset = Number(query.get('offset') ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    return [422, { error_code: 422001, detail: [{ loc: ['query', 'limit'], msg: 'Input should be between 1 and 500', type: 'range' }] }];
  }
  if (!Number.isInteger(offset) || offset < 0) {
    return [422, { error_code: 422001, detail: [{ loc: ['query', 'offset'], msg: 'Input should be >= 0', type: 'range' }] }];
  }
  const search = query.get('search')?.toLowerCase();
  const category = query.get('category');
  const kind = query.get('kind');
  const matches = DOUBLE_MODELS.filter(
    (model) =>
      (!search || [model.model_id, model.display_name, model.description].some((text) => text.toLowerCase().includes(search))) &&
      (!category || model.categories.includes(category)) &&
      (!kind || model.kind === kind),
  );
  const withSchema = query.get('include_schema') === 'true';
  const models = matches.slice(offset, offset + limit).map(({ input_schema, ...rest }) => (withSchema ? { ...rest, input_schema } : rest));
  return [200, { models, total: matches.length, limit, offset }];
}

type Property = Record<string, unknown>;

/** The first violation of `input` against the model's schema, or undefined; unknown keys are refused. */
export function validationIssue(model: string, input: Record<string, unknown>): ValidationIssue | undefined {
  const schema = byId.get(model)?.input_schema;
  if (!schema) return undefined;
  for (const name of schema.required ?? []) {
    const value = input[name];
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) return { loc: ['body', name], msg: 'Field required', type: 'missing' };
  }
  for (const [name, value] of Object.entries(input)) {
    const property = schema.properties[name];
    if (!property) return { loc: ['body', name], msg: 'Extra inputs are not permitted', type: 'extra_forbidden' };
    const issue = valueIssue(property, value, ['body', name]);
    if (issue) return issue;
  }
  return undefined;
}

function valueIssue(property: Property, value: unknown, loc: (string | number)[]): ValidationIssue | undefined {
  const fail = (msg: string, type: string): ValidationIssue => ({ loc, msg, type });
  if (Array.isArray(property.enum) && !property.enum.includes(value)) {
    return fail(`Input should be ${property.enum.map((v) => `'${String(v)}'`).join(', ')}`, 'enum');
  }
  const format = typeof property.format === 'string' ? property.format : undefined;
  switch (property.type) {
    case 'integer':
    case 'float':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('Input should be a valid number', 'number_type');
      if (property.type === 'integer' && !Number.isInteger(value)) return fail('Input should be a valid integer', 'int_type');
      if (typeof property.minimum === 'number' && value < property.minimum) return fail(`Input should be greater than or equal to ${property.minimum}`, 'greater_than_equal');
      if (typeof property.maximum === 'number' && value > property.maximum) return fail(`Input should be less than or equal to ${property.maximum}`, 'less_than_equal');
      return undefined;
    }
    case 'string':
      if (typeof value !== 'string') return fail('Input should be a valid string', 'string_type');
      if (format?.endsWith('_uri') && !/^(https?:|data:)/.test(value)) return fail('Input should be a URL or data URI', 'url_parsing');
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : fail('Input should be a valid boolean', 'bool_type');
    case 'array': {
      if (!Array.isArray(value)) return fail('Input should be a valid list', 'list_type');
      if (typeof property.minItems === 'number' && value.length < property.minItems) return fail(`List should have at least ${property.minItems} items`, 'too_short');
      if (typeof property.maxItems === 'number' && value.length > property.maxItems) return fail(`List should have at most ${property.maxItems} items`, 'too_long');
      const items = property.items as Property | undefined;
      for (const [index, item] of value.entries()) {
        const issue = items ? valueIssue(items, item, [...loc, index]) : undefined;
        if (issue) return issue;
      }
      return undefined;
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('Input should be a valid dictionary', 'dict_type');
      const properties = (property.properties ?? {}) as Record<string, Property>;
      for (const name of (property.required as string[] | undefined) ?? []) {
        if (!(name in value)) return { loc: [...loc, name], msg: 'Field required', type: 'missing' };
      }
      for (const [name, item] of Object.entries(value)) {
        const sub = properties[name];
        const issue = sub ? valueIssue(sub, item, [...loc, name]) : fail(`Extra inputs are not permitted: ${name}`, 'extra_forbidden');
        if (issue) return issue;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Pixel sizes of the named sizes and ratios the double's models take (1K / 720p bases). */
const NAMED_SIZES: Record<string, [number, number]> = {
  square_hd: [1024, 1024],
  square: [512, 512],
  portrait_4_3: [768, 1024],
  portrait_16_9: [576, 1024],
  landscape_4_3: [1024, 768],
  landscape_16_9: [1024, 576],
};

/**
 * The files of a catalog model whose outputs differ from Klein's PNG at `width`×`height`: the format
 * `output_format` asked for, and a PNG of the size an `image_size` / `aspect_ratio` names. Undefined for
 * every other job, which keeps its default output.
 */
export function catalogOutputFiles(job: DoubleJob): OutputFileSpec[] | undefined {
  const model: DoubleModel | undefined = byId.get(job.model);
  if (!model || job.scenario.name !== 'ok') return undefined;
  if (model.categories.some((category) => category.endsWith('-to-video'))) {
    return [{ key: 'video', name: '0.mp4', bytes: () => sampleMp4, contentType: 'video/mp4' }];
  }
  const format = job.input.output_format;
  if (format === 'jpeg') return [{ key: 'image', name: '0.jpg', bytes: () => sampleJpeg, contentType: 'image/jpeg' }];
  if (format === 'webp') return [{ key: 'image', name: '0.webp', bytes: () => sampleWebp, contentType: 'image/webp' }];
  const size = enumSize(job.input);
  if (!size) return undefined;
  return [{ key: 'image', name: '0.png', bytes: () => gradientPng(size[0], size[1]), contentType: 'image/png' }];
}

function enumSize(input: Record<string, unknown>): [number, number] | undefined {
  if (typeof input.image_size === 'string') return NAMED_SIZES[input.image_size];
  const ratio = typeof input.aspect_ratio === 'string' ? /^(\d+):(\d+)$/.exec(input.aspect_ratio) : null;
  if (!ratio) return undefined;
  const scale = { '1K': 1, '2K': 2, '4K': 4 }[String(input.resolution ?? '1K')] ?? 1;
  const [w, h] = [Number(ratio[1]), Number(ratio[2])];
  // A quarter of the real size (256 long side at 1K) keeps the tests' downloads small; the shape is exact.
  const long = 256 * scale;
  return w >= h ? [long, Math.round((long * h) / w)] : [Math.round((long * w) / h), long];
}

/**
 * What a finished job cost, as `/result?include_cost=true` reports it: the model's base price times its
 * outputs (`output`) or the seconds asked for (`second`, the `duration` input or its default). Undefined when
 * the model has no price (the real service may then leave `cost` out too).
 */
export function jobCostUsd(job: DoubleJob, outputs: number): number | undefined {
  const model = byId.get(job.model);
  if (model?.base_price_usd === undefined) return undefined;
  if (model.price_unit === 'second') {
    const seconds = Number(job.input.duration ?? model.input_schema.properties.duration?.default);
    return Number.isFinite(seconds) ? round(model.base_price_usd * seconds) : undefined;
  }
  return round(model.base_price_usd * outputs);
}

/** Cents and below as a ledger keeps them, so 0.012 × 3 reads 0.036, not 0.036000000000000004. */
function round(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}
