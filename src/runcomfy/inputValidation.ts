/**
 * Checks a request body against a model's normalised input schema before anything is sent, so a wrong value
 * costs no round trip (and no money) and the message can say what the field allows. The value checks are
 * zod 4's `z.fromJSONSchema`, built once per schema and field; the messages are ours, written from the
 * normalised field (range, allowed values, media type) rather than from zod's generic wording. zod is
 * required on first use only, so modules of the activation bundle may import this file.
 */
import type { ZodType } from 'zod';
import type { InputField, ModelInputSchema } from './inputSchema';
import type { ModelInput } from './types';

/** One thing wrong with a body: the field at fault and a sentence for the user. */
export interface InputProblem {
  field: string;
  message: string;
}

/** What `checkModelInput` found. */
export interface InputCheck {
  /** Empty when the body may be sent. */
  problems: InputProblem[];
  /** Keys the schema does not know: sent as given, but worth a warning (RunComfy may reject them). */
  unknownKeys: string[];
}

/** The compiled checks of one schema: one zod schema per field, or none where conversion failed. */
interface CompiledValidator {
  checks: Map<string, ZodType | undefined>;
}

const compiled = new WeakMap<ModelInputSchema, CompiledValidator>();
const MEDIA_VALUE = /^(https?:\/\/\S+|data:[\w.+-]+\/[\w.+-]+[;,]\S*)$/i;
const MAX_LISTED_VALUES = 12;

/**
 * Builds (or returns the cached) validator of `schema`. A field whose schema zod cannot convert is left
 * unchecked here (RunComfy still checks it) rather than making the whole model unusable.
 */
export function compileInputValidator(schema: ModelInputSchema): CompiledValidator {
  let validator = compiled.get(schema);
  if (!validator) {
    const { z } = require('zod') as typeof import('zod');
    // A registry of our own: the converter files unknown keywords as metadata, and the global one would
    // keep every schema ever built (and refuse a repeated `$id`).
    const registry = z.registry();
    const checks = new Map<string, ZodType | undefined>();
    for (const field of schema.fields) {
      try {
        checks.set(field.name, z.fromJSONSchema(field.schema, { registry }));
      } catch {
        checks.set(field.name, undefined);
      }
    }
    validator = { checks };
    compiled.set(schema, validator);
  }
  return validator;
}

/**
 * Checks `body` against `schema`. `label` names the model in messages ("FLUX.2 Klein 9B needs width to be
 * a whole number from 512 to 1536 (got 4096)."). A schema without fields (unknown or unreadable) checks
 * nothing.
 */
export function checkModelInput(schema: ModelInputSchema, body: ModelInput, label: string): InputCheck {
  if (schema.fields.length === 0) return { problems: [], unknownKeys: [] };
  const { checks } = compileInputValidator(schema);
  const problems: InputProblem[] = [];
  for (const field of schema.fields) {
    const value = body[field.name];
    if (value === undefined || (field.required && field.kind === 'string' && typeof value === 'string' && !value.trim())) {
      if (field.required) problems.push({ field: field.name, message: missingMessage(field, label) });
      continue;
    }
    const parsed = checks.get(field.name)?.safeParse(value);
    if (parsed && !parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${field.name}${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}` : undefined;
      const detail = field.kind === 'json' && issue ? ` (${where ?? field.name}: ${issue.message})` : '';
      problems.push({ field: field.name, message: `${label} needs ${field.name} to be ${expectation(field)}${detail}${got(value)}.` });
    } else if (field.kind === 'media' && !mediaValuesOk(value)) {
      problems.push({ field: field.name, message: `${label} needs ${field.name} to be ${expectation(field)}${got(value)}.` });
    }
  }
  const unknownKeys = Object.keys(body).filter((key) => !schema.byName.has(key));
  return { problems, unknownKeys };
}

/** What a field allows, as the end of "needs <field> to be …". */
export function expectation(field: InputField): string {
  switch (field.kind) {
    case 'enum': {
      const values = field.enum ?? [];
      const listed = values.slice(0, MAX_LISTED_VALUES).map((v) => JSON.stringify(v)).join(', ');
      return `one of ${listed}${values.length > MAX_LISTED_VALUES ? `, … (${values.length} values)` : ''}`;
    }
    case 'integer':
      return `a whole number${rangeText(field)}`;
    case 'number':
      return `a number${rangeText(field)}`;
    case 'boolean':
      return 'true or false';
    case 'string':
      return `text${lengthText(field)}`;
    case 'media': {
      const media = field.media!;
      if (!media.multiple) return `a${media.type === 'image' ? 'n' : ''} ${media.type} URL (https://…) or data: URI`;
      const count = countText(media.minItems, media.maxItems);
      return `a list of ${count}${media.type} URLs (https://…) or data: URIs`;
    }
    case 'json': {
      const type = field.schema.type;
      return `a JSON ${type === 'array' ? 'array' : type === 'object' ? 'object' : 'value'} matching its schema`;
    }
  }
}

function rangeText(field: InputField): string {
  const multiple = field.multipleOf !== undefined && !(field.kind === 'integer' && field.multipleOf === 1) ? `, a multiple of ${field.multipleOf}` : '';
  if (field.minimum !== undefined && field.maximum !== undefined) return ` from ${field.minimum} to ${field.maximum}${multiple}`;
  const low = field.minimum !== undefined ? `at least ${field.minimum}` : field.exclusiveMinimum !== undefined ? `greater than ${field.exclusiveMinimum}` : undefined;
  const high = field.maximum !== undefined ? `at most ${field.maximum}` : field.exclusiveMaximum !== undefined ? `less than ${field.exclusiveMaximum}` : undefined;
  const bounds = [low, high].filter(Boolean).join(' and ');
  return (bounds ? ` ${bounds}` : '') + multiple;
}

function lengthText(field: InputField): string {
  if (field.minLength !== undefined && field.maxLength !== undefined) return ` of ${field.minLength} to ${field.maxLength} characters`;
  if (field.maxLength !== undefined) return ` of at most ${field.maxLength} characters`;
  if (field.minLength !== undefined) return ` of at least ${field.minLength} characters`;
  return '';
}

function countText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return min === max ? `${min} ` : `${min} to ${max} `;
  if (max !== undefined) return `at most ${max} `;
  if (min !== undefined) return `at least ${min} `;
  return '';
}

function missingMessage(field: InputField, label: string): string {
  if (field.name === 'prompt') return `${label} needs a prompt: describe the image to generate.`;
  return `${label} needs ${field.name} (${field.title}): it is required, ${expectation(field)}.`;
}

/** Media values are sent as URLs or data URIs; a local path or a bare word would only fail remotely. */
function mediaValuesOk(value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];
  return values.every((v) => typeof v === 'string' && MEDIA_VALUE.test(v.trim()));
}

function got(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return ` (got ${text.length > 60 ? `${text.slice(0, 57)}…` : text})`;
}
