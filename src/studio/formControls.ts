/**
 * The Studio form as data: one control per input of the chosen model, built from its normalised schema
 * (the way VS Code's Settings editor renders a JSON schema: one renderer per value kind). Plain values
 * only, so the host can post them to the webview; no `vscode`, no zod, no DOM. Schema text (titles,
 * descriptions, enum values) travels as text and the webview shows it with `textContent`, never as HTML.
 */
import * as l10n from '@vscode/l10n';
import type { InputField, ModelInputSchema } from '../runcomfy/inputSchema';
import { mapSizeToInputs, shapeOf, sizeStyleOf } from '../core/models/sizeMapping';
import type { Size } from '../core/images/size';
import { referenceField } from '../core/references/imageFields';
import { maxReferenceBytes } from '../core/references/referenceCaps';
import type { ReferenceLimits } from './referenceList';

/** A value an enum may take (as published). */
export type EnumValue = string | number | boolean;

interface ControlBase {
  /** The input's name in the request body. */
  name: string;
  title: string;
  /** Plain text (may be empty). */
  description: string;
  required: boolean;
}

/** One control of the form, by the kind of value it edits. */
export type FormControl =
  | (ControlBase & { kind: 'prompt'; maxLength?: number })
  | (ControlBase & { kind: 'integer' | 'number'; min?: number; max?: number; step?: number; default?: number })
  | (ControlBase & { kind: 'enum'; options: EnumValue[]; default?: EnumValue })
  | (ControlBase & { kind: 'boolean'; default?: boolean })
  | (ControlBase & { kind: 'string'; maxLength?: number; default?: string })
  /** An integer seed: "random" (the default) or a fixed value to reproduce a picture. */
  | (ControlBase & { kind: 'seed'; min?: number; max?: number; default?: number })
  /** A structured input edited as JSON text; `default` is that text. */
  | (ControlBase & { kind: 'json'; default?: string })
  /**
   * Reference images and other files. The model's reference field (see `referenceField`) carries
   * `references`, its limits, and becomes the Studio's references area; any other media input is shown,
   * not sent.
   */
  | (ControlBase & { kind: 'media'; mediaType: 'image' | 'video' | 'audio'; multiple: boolean; maxItems?: number; references?: ReferenceLimits });

export type FormControlKind = FormControl['kind'];

/** A size the user can pick in one click, with what it becomes for this model. */
export interface SizePreset {
  label: string;
  width: number;
  height: number;
  /** The model's own inputs for this size (`{width, height}`, `{image_size}`, `{aspect_ratio, resolution}`). */
  inputs: Record<string, string | number>;
  /** What the model is asked for, as shown beside the preset: "1536×864", "landscape_16_9", "16:9 · 2K". */
  result: string;
}

/** Sizes the Studio offers, whatever the model; each is mapped to the model's own inputs. */
export const SIZE_PRESETS: readonly { label: string; width: number; height: number }[] = [
  { label: l10n.t('Square'), width: 1024, height: 1024 },
  { label: l10n.t('Landscape'), width: 1536, height: 1024 },
  { label: l10n.t('Portrait'), width: 1024, height: 1536 },
  { label: l10n.t('Wide'), width: 1536, height: 864 },
  { label: l10n.t('Banner'), width: 1536, height: 512 },
];

/** Names of the inputs the prompt textarea edits (every other string is a plain text field). */
const PROMPT_NAME = 'prompt';
const SEED_NAME = /^(seed|random_seed|noise_seed)$/;

/** The controls for `schema`, in its order; the prompt first (it is the big textarea at the top). */
export function buildFormControls(schema: ModelInputSchema): FormControl[] {
  const attachable = referenceField(schema);
  const controls = schema.fields.map((field) => {
    const control = controlOf(field);
    if (control.kind !== 'media' || field !== attachable?.field) return control;
    const references = { minItems: attachable.minItems, maxItems: attachable.maxItems, maxBytes: maxReferenceBytes(field.media?.validations ?? []) };
    return { ...control, references };
  });
  const prompt = controls.findIndex((c) => c.kind === 'prompt');
  if (prompt > 0) controls.unshift(...controls.splice(prompt, 1));
  return controls;
}

function controlOf(field: InputField): FormControl {
  const base: ControlBase = { name: field.name, title: field.title, description: field.description, required: field.required };
  switch (field.kind) {
    case 'string':
      if (field.name === PROMPT_NAME) return { ...base, kind: 'prompt', ...(field.maxLength !== undefined ? { maxLength: field.maxLength } : {}) };
      return { ...base, kind: 'string', ...optional('maxLength', field.maxLength), ...optional('default', typeof field.default === 'string' ? field.default : undefined) };
    case 'integer':
    case 'number': {
      const min = field.minimum ?? (field.exclusiveMinimum !== undefined && field.kind === 'integer' ? field.exclusiveMinimum + 1 : undefined);
      const max = field.maximum ?? (field.exclusiveMaximum !== undefined && field.kind === 'integer' ? field.exclusiveMaximum - 1 : undefined);
      const fallback = typeof field.default === 'number' ? field.default : undefined;
      if (field.kind === 'integer' && SEED_NAME.test(field.name)) return { ...base, kind: 'seed', ...optional('min', min), ...optional('max', max), ...optional('default', fallback) };
      const step = field.multipleOf ?? (field.kind === 'integer' ? 1 : undefined);
      return { ...base, kind: field.kind, ...optional('min', min), ...optional('max', max), ...optional('step', step), ...optional('default', fallback) };
    }
    case 'boolean':
      return { ...base, kind: 'boolean', ...optional('default', typeof field.default === 'boolean' ? field.default : undefined) };
    case 'enum': {
      const options = [...(field.enum ?? [])];
      const fallback = options.find((o) => o === field.default);
      return { ...base, kind: 'enum', options, ...optional('default', fallback) };
    }
    case 'json':
      return { ...base, kind: 'json', ...optional('default', field.default === undefined ? undefined : JSON.stringify(field.default, null, 2)) };
    case 'media': {
      const media = field.media!;
      return { ...base, kind: 'media', mediaType: media.type, multiple: media.multiple, ...optional('maxItems', media.maxItems) };
    }
  }
}

/** The Studio's size presets mapped to `schema`'s own inputs; none for a model that takes no size. */
export function sizePresetsFor(schema: ModelInputSchema): SizePreset[] {
  const style = sizeStyleOf(schema);
  if (style.style === 'none' || schema.fields.length === 0) return [];
  return SIZE_PRESETS.map((preset) => {
    const mapping = mapSizeToInputs(schema, { width: preset.width, height: preset.height });
    const result = mapping.size ? `${mapping.size.width}×${mapping.size.height}` : Object.values(mapping.inputs).map(String).join(' · ');
    return { ...preset, inputs: mapping.inputs, result };
  });
}

/** Long side of an offline placeholder for a model that names its size by shape (`16:9`, `landscape_4_3`). */
const OFFLINE_LONG_SIDE = 1024;

/**
 * The size of an offline placeholder for these inputs: the model's own width and height when it takes them,
 * else its shape enum's value at a 1024-pixel long side, else `fallback` (the settings' size).
 */
export function offlineSizeFor(schema: ModelInputSchema, inputs: Record<string, unknown>, fallback: Size): Size {
  const style = sizeStyleOf(schema);
  if (style.style === 'dimensions') {
    const [width, height] = [inputs[style.width.name], inputs[style.height.name]];
    if (typeof width === 'number' && typeof height === 'number') return { width, height };
  }
  if (style.style === 'enum' && style.shape) {
    const value = inputs[style.shape.field];
    const shape = typeof value === 'string' ? shapeOf(value) : undefined;
    if (shape) {
      const wide = shape.ratio >= 1;
      const short = Math.round(OFFLINE_LONG_SIDE / Math.max(shape.ratio, 1 / shape.ratio));
      return wide ? { width: OFFLINE_LONG_SIDE, height: short } : { width: short, height: OFFLINE_LONG_SIDE };
    }
  }
  return { ...fallback };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
