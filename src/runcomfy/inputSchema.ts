/**
 * A model's input schema as RunComfy's catalog publishes it (JSON-Schema-like, PROTOCOL §12), normalised
 * into fields the client, the CLI and later the Studio form can rely on: `type: "float"` is a number,
 * defaults the user would never have chosen (null, sample prompts, sample media) are gone, media inputs are
 * found by their `format` (never by name) and structured inputs are marked as JSON. Pure data in and out,
 * no zod, so the activation bundle may use it.
 */

/** How a field is edited and checked. */
export type InputKind = 'string' | 'integer' | 'number' | 'boolean' | 'enum' | 'media' | 'json';

/** Which kind of file a media field takes. */
export type MediaInputType = 'image' | 'video' | 'audio';

/** One `{validation_rule, validation_value, validation_error}` entry of a media field, kept as published. */
export interface MediaValidation {
  rule: string;
  value: unknown;
  error?: string;
}

/** A media input (`format: image_uri`, `image_uris`, `video_uri(s)`, `audio_uri(s)`). */
export interface MediaInput {
  type: MediaInputType;
  /** True for a list of files (`*_uris`). */
  multiple: boolean;
  minItems?: number;
  /** As published; absent when the schema sets none (RunComfy's own nodes then allow 16). */
  maxItems?: number;
  validations: MediaValidation[];
}

/** Why a published default is not kept. */
export type DroppedDefault = 'null' | 'sample-prompt' | 'sample-media';

/** One input of a model, normalised. */
export interface InputField {
  name: string;
  /** The schema's title, else the name in words (`guidance_scale` → "Guidance scale"). */
  title: string;
  /** Plain text as published (may be empty); never HTML. */
  description: string;
  kind: InputKind;
  required: boolean;
  /** A default the user may be shown and sent; absent when none was published or it was dropped. */
  default?: unknown;
  droppedDefault?: DroppedDefault;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  /** The allowed values of an `enum` field. */
  enum?: readonly (string | number | boolean)[];
  media?: MediaInput;
  /** The JSON Schema this field is validated against: standard types, no annotations, no defaults. */
  schema: JsonSchema;
}

/** A model's inputs, in the schema's order. */
export interface ModelInputSchema {
  fields: readonly InputField[];
  /** The same fields by name. */
  byName: ReadonlyMap<string, InputField>;
}

/** A JSON Schema object (only the keywords we read or pass on). */
export type JsonSchema = { [keyword: string]: unknown };

const MEDIA_FORMAT = /^(image|video|audio)_uri(s?)$/;
/** Free-text fields whose published default is a sample (RunComfy's own nodes strip these). */
const SAMPLE_TEXT_NAME = /prompt|lyrics|tags|caption|text|description|script/i;
const URL_LIKE = /^\s*(https?:\/\/|data:)/i;
/** Type spellings seen in catalog schemas, besides the JSON Schema ones. */
const TYPE_ALIASES: Record<string, string> = { float: 'number', double: 'number', int: 'integer', bool: 'boolean', str: 'string', dict: 'object', list: 'array' };
const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
/** Keywords that constrain values; everything else (title, description, default, format, x-…) is annotation. */
const CONSTRAINTS = [
  'type', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'required', 'additionalProperties',
] as const;

/** Normalises a published input schema; anything unreadable becomes "no fields", never an exception. */
export function normaliseInputSchema(raw: unknown): ModelInputSchema {
  const root = isObject(raw) ? raw : {};
  const properties = isObject(root.properties) ? root.properties : {};
  const required = new Set(Array.isArray(root.required) ? root.required.filter((name) => typeof name === 'string') : []);
  const fields = Object.entries(properties)
    .filter((entry): entry is [string, JsonSchema] => isObject(entry[1]))
    .map(([name, property]) => normaliseField(name, property, required.has(name)));
  return { fields, byName: new Map(fields.map((field) => [field.name, field])) };
}

function normaliseField(name: string, property: JsonSchema, required: boolean): InputField {
  const schema = cleanSchema(property);
  const media = mediaOf(property);
  const values = Array.isArray(property.enum) ? property.enum.filter(isEnumValue) : undefined;
  const kind: InputKind = media ? 'media' : values?.length ? 'enum' : kindOfType(schema.type);
  const field: InputField = {
    name,
    title: typeof property.title === 'string' && property.title.trim() ? property.title.trim() : titleOf(name),
    description: typeof property.description === 'string' ? property.description : '',
    kind,
    required,
    schema: media ? mediaSchema(schema, media) : schema,
  };
  for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength'] as const) {
    if (typeof property[key] === 'number' && Number.isFinite(property[key])) field[key] = property[key];
  }
  if (kind === 'enum') field.enum = values;
  if (media) field.media = media;
  if ('default' in property) {
    const dropped = droppedDefault(name, property.default, kind);
    if (dropped) field.droppedDefault = dropped;
    else field.default = property.default;
  }
  return field;
}

/** The media description of a field marked by `format` on itself or on its items. */
function mediaOf(property: JsonSchema): MediaInput | undefined {
  const items = isObject(property.items) ? property.items : undefined;
  const format = [property.format, items?.format].find((f): f is string => typeof f === 'string' && MEDIA_FORMAT.test(f));
  if (!format) return undefined;
  const [, type, plural] = MEDIA_FORMAT.exec(format)!;
  const media: MediaInput = {
    type: type as MediaInputType,
    multiple: plural === 's' || property.type === 'array',
    validations: validationsOf(property.validations ?? items?.validations),
  };
  if (typeof property.minItems === 'number') media.minItems = property.minItems;
  if (typeof property.maxItems === 'number') media.maxItems = property.maxItems;
  return media;
}

function validationsOf(raw: unknown): MediaValidation[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).flatMap((entry) => {
    if (typeof entry.validation_rule !== 'string') return [];
    const validation: MediaValidation = { rule: entry.validation_rule, value: entry.validation_value };
    if (typeof entry.validation_error === 'string') validation.error = entry.validation_error;
    return [validation];
  });
}

/** A media field is a string (one file) or an array of strings, whatever `type` was published with it. */
function mediaSchema(schema: JsonSchema, media: MediaInput): JsonSchema {
  if (!media.multiple) return { type: 'string' };
  const list: JsonSchema = { type: 'array', items: { type: 'string' } };
  if (media.minItems !== undefined) list.minItems = media.minItems;
  if (media.maxItems !== undefined) list.maxItems = media.maxItems;
  return schema.uniqueItems === true ? { ...list, uniqueItems: true } : list;
}

/**
 * Only the value constraints, recursively, with types normalised (`float` → `number`). An unknown type
 * is dropped rather than guessed: RunComfy still checks the value itself.
 */
function cleanSchema(property: JsonSchema): JsonSchema {
  const clean: JsonSchema = {};
  for (const key of CONSTRAINTS) if (key in property) clean[key] = property[key];
  const type = normaliseType(property.type);
  if (type === undefined) delete clean.type;
  else clean.type = type;
  if (Array.isArray(clean.enum)) clean.enum = clean.enum.filter(isEnumValue);
  if (typeof clean.pattern === 'string' && !isValidPattern(clean.pattern)) delete clean.pattern;
  if (isObject(property.items)) clean.items = cleanSchema(property.items);
  if (isObject(property.properties)) {
    clean.properties = Object.fromEntries(
      Object.entries(property.properties).filter((e): e is [string, JsonSchema] => isObject(e[1])).map(([key, sub]) => [key, cleanSchema(sub)]),
    );
  }
  if (isObject(property.additionalProperties)) clean.additionalProperties = cleanSchema(property.additionalProperties);
  return clean;
}

function normaliseType(type: unknown): string | string[] | undefined {
  const one = (t: unknown) => (typeof t === 'string' ? (TYPE_ALIASES[t.toLowerCase()] ?? t.toLowerCase()) : undefined);
  if (Array.isArray(type)) {
    const types = type.map(one).filter((t): t is string => t !== undefined && JSON_TYPES.has(t));
    return types.length === type.length && types.length > 0 ? types : undefined;
  }
  const single = one(type);
  return single && JSON_TYPES.has(single) ? single : undefined;
}

function kindOfType(type: unknown): InputKind {
  const main = Array.isArray(type) ? type.find((t) => t !== 'null') : type;
  if (main === 'string' || main === 'integer' || main === 'number' || main === 'boolean') return main;
  return 'json';
}

/**
 * Whether a published default must not be shown or sent: `null`; a sample file for a media field, or any
 * URL-valued default; a sample text in a free-text field (prompt, lyrics, tags, …) or a prose-like one.
 */
function droppedDefault(name: string, value: unknown, kind: InputKind): DroppedDefault | undefined {
  if (value === null) return 'null';
  if (kind === 'media' || containsUrl(value)) return 'sample-media';
  if (kind === 'string' && typeof value === 'string') {
    if (value.trim() === '' || SAMPLE_TEXT_NAME.test(name) || value.trim().split(/\s+/).length >= 4) return 'sample-prompt';
  }
  return undefined;
}

function containsUrl(value: unknown): boolean {
  if (typeof value === 'string') return URL_LIKE.test(value);
  if (Array.isArray(value)) return value.some(containsUrl);
  if (isObject(value)) return Object.values(value).some(containsUrl);
  return false;
}

function titleOf(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}

function isEnumValue(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
