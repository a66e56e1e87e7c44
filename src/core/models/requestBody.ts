/**
 * The request body every caller builds the same way from the chosen model's normalised schema: the prompt,
 * the wanted size mapped to the model's own inputs, steps only where the model has them (fitted into its
 * range), the schema defaults the user was shown, the values the user set, and `extraInputs` last. Nothing
 * the schema does not know is sent silently: each such key comes back as a warning.
 */
import * as l10n from '@vscode/l10n';
import type { ModelInputSchema } from '../../runcomfy/inputSchema';
import type { ModelInput } from '../../runcomfy/types';
import type { Size } from '../images/size';
import { mapSizeToInputs, type SizeMapping } from './sizeMapping';

/** What a caller wants from one generation. */
export interface GenerationIntent {
  prompt: string;
  /** The wanted picture size; absent: the model's own default. */
  size?: Size;
  /** Diffusion steps (e.g. `runcomfy.steps`); used only by models with a `steps` input. */
  steps?: number;
  /** Values the user chose for this model (a form, `--input key=value`); they win over the mapping. */
  inputs?: Record<string, unknown>;
  /**
   * True when the user was shown the schema's defaults (the Studio form, `models show`): they are sent
   * as seen. Otherwise RunComfy applies its own and the body carries only what was asked for.
   */
  defaultsShown?: boolean;
  /** `runcomfy.extraInputs`: merged last, over everything else. */
  extraInputs?: Record<string, unknown>;
}

/** The body and what the user should know about it. */
export interface RequestBody {
  body: ModelInput;
  /** How the size was mapped (absent when no size was asked for). */
  size?: SizeMapping;
  /** Adjustments made to meet the model (size fitted, steps clamped), for the user. */
  notes: string[];
  /** Keys the schema does not know, and inputs replaced by `extraInputs`: sent, but worth saying. */
  warnings: string[];
}

/** Builds the body for `schema` (a schema without fields, i.e. unknown: prompt, size and steps as given). */
export function buildRequestBody(schema: ModelInputSchema, intent: GenerationIntent): RequestBody {
  const known = schema.fields.length > 0;
  const has = (name: string) => !known || schema.byName.has(name);
  const body: ModelInput = {};
  const notes: string[] = [];
  const warnings: string[] = [];

  if (intent.defaultsShown) {
    for (const field of schema.fields) if (field.default !== undefined) body[field.name] = structuredClone(field.default);
  }
  if (has('prompt')) body.prompt = intent.prompt;
  else warnings.push(l10n.t('This model takes no prompt; the prompt is not sent.'));

  let size: SizeMapping | undefined;
  if (intent.size) {
    size = known ? mapSizeToInputs(schema, intent.size) : { style: 'dimensions', inputs: { width: intent.size.width, height: intent.size.height }, size: intent.size };
    Object.assign(body, size.inputs);
    if (size.note) notes.push(size.note);
  }
  if (intent.steps !== undefined && has('steps')) {
    const steps = schema.byName.get('steps');
    const [min, max] = [steps?.minimum ?? -Infinity, steps?.maximum ?? Infinity];
    const fitted = Math.min(max, Math.max(min, Math.round(intent.steps)));
    if (fitted !== intent.steps) notes.push(l10n.t('steps {0} is outside {1}–{2}; using {3}', intent.steps, min, max, fitted));
    body.steps = fitted;
  }
  const mapped = new Set(Object.keys(body));
  Object.assign(body, intent.inputs);
  for (const [key, value] of Object.entries(intent.extraInputs ?? {})) {
    if (mapped.has(key) && JSON.stringify(body[key]) !== JSON.stringify(value)) {
      warnings.push(l10n.t('runcomfy.extraInputs sets {0} to {1}, replacing {2}.', key, JSON.stringify(value), JSON.stringify(body[key])));
    }
    body[key] = value;
  }
  if (known) {
    for (const key of Object.keys(body)) {
      if (!schema.byName.has(key)) warnings.push(l10n.t('This model has no input "{0}"; it is sent anyway and RunComfy may reject it.', key));
    }
  }
  return { body, ...(size ? { size } : {}), notes, warnings };
}
