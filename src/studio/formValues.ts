/**
 * What the user typed into the schema-driven form, and what it becomes in the request body. Shared by the
 * webview (inline messages while typing, the values it posts) and the host (which turns the posted values
 * into inputs again: the webview is not trusted). No imports beyond types and @vscode/l10n (3 KB, for its
 * messages), so the webview bundle stays small.
 */
import * as l10n from '@vscode/l10n';
import type { FormControl } from './formControls';

/** The value one control holds: numbers and JSON as typed (text), so a half-typed value survives a reload. */
export type ControlValue = string | boolean;

/** One model's values, by input name. */
export type ModelValues = Record<string, ControlValue>;

/** What a seed control holds when the user leaves the choice to chance. */
export const RANDOM_SEED = 'random';
/** The largest seed drawn for "random" when the schema sets no maximum (what most diffusion models take). */
const DEFAULT_SEED_MAX = 2_147_483_647;
/** How many models' values are kept: the recent ones, so the state stays small. */
export const KEPT_MODELS = 20;

/** The values a model's form starts with: the schema defaults the user sees, a random seed. */
export function initialValues(controls: readonly FormControl[]): ModelValues {
  const values: ModelValues = {};
  for (const control of controls) {
    const value = initialValue(control);
    if (value !== undefined) values[control.name] = value;
  }
  return values;
}

function initialValue(control: FormControl): ControlValue | undefined {
  switch (control.kind) {
    case 'prompt':
    case 'media':
      return undefined;
    case 'seed':
      return RANDOM_SEED;
    case 'boolean':
      return control.default ?? false;
    case 'enum':
      return control.default === undefined ? '' : String(control.default);
    default:
      return control.default === undefined ? '' : String(control.default);
  }
}

/** Kept values, merged over the initial ones; a value that no longer fits the control (enum gone) is dropped. */
export function valuesFor(controls: readonly FormControl[], kept: ModelValues | undefined): ModelValues {
  const values = initialValues(controls);
  for (const control of controls) {
    const value = kept?.[control.name];
    if (value === undefined || control.kind === 'prompt' || control.kind === 'media') continue;
    if (control.kind === 'boolean' ? typeof value === 'boolean' : typeof value === 'string') {
      if (control.kind === 'enum' && value !== '' && !control.options.some((o) => String(o) === value)) continue;
      values[control.name] = value;
    }
  }
  return values;
}

/** Remembers `values` for `model`, most recent first, keeping at most {@link KEPT_MODELS} models. */
export function keepValues(byModel: Record<string, ModelValues>, model: string, values: ModelValues): Record<string, ModelValues> {
  const entries = [[model, values] as const, ...Object.entries(byModel).filter(([id]) => id !== model)];
  return Object.fromEntries(entries.slice(0, KEPT_MODELS));
}

/** The names of the inputs the offline renderer reads its size from. */
const SIZE_INPUTS = new Set(['width', 'height']);

/**
 * The controls that apply: offline, width and height take the offline renderer's wider range (it draws any
 * size); the model's own range applies when RunComfy generates.
 */
export function controlsFor(controls: readonly FormControl[], offline: boolean, offlineRanges: Record<'width' | 'height', { min: number; max: number }>): FormControl[] {
  if (!offline) return [...controls];
  return controls.map((control) =>
    (control.kind === 'integer' || control.kind === 'number') && SIZE_INPUTS.has(control.name)
      ? { ...control, ...offlineRanges[control.name as 'width' | 'height'] }
      : control,
  );
}

/** The inputs to send and the problems found, by input name. */
export interface FormInputs {
  inputs: Record<string, unknown>;
  errors: Record<string, string>;
}

/**
 * Turns the form's values into request inputs. Empty optional fields are left out (the model's own default
 * applies: none was shown); a random seed is drawn here, so the job records the seed it used and Regenerate
 * can repeat it. The prompt is not among these: it travels on its own. `attached` counts the reference
 * images of each references area (the images travel as paths beside the values, and the host encodes them).
 */
export function formInputs(controls: readonly FormControl[], values: ModelValues, random: () => number = Math.random, attached: Readonly<Record<string, number>> = {}): FormInputs {
  const inputs: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const control of controls) {
    const result = control.kind === 'media' && control.references ? referencesInput(control, attached[control.name] ?? 0) : inputOf(control, values[control.name], random);
    if ('error' in result) errors[control.name] = result.error;
    else if (result.value !== undefined) inputs[control.name] = result.value;
  }
  return { inputs, errors };
}

type InputResult = { value: unknown } | { error: string };

function inputOf(control: FormControl, raw: ControlValue | undefined, random: () => number): InputResult {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const missing = (): InputResult => (control.required ? { error: l10n.t('{0} is required.', control.title) } : { value: undefined });
  switch (control.kind) {
    case 'prompt':
      return { value: undefined };
    case 'media':
      // Filled by later work (reference images); until then a required one is said plainly.
      return control.required ? { error: control.multiple ? l10n.t('{0}: this model needs files, which the Studio cannot attach yet.', control.title) : l10n.t('{0}: this model needs a file, which the Studio cannot attach yet.', control.title) } : { value: undefined };
    case 'boolean':
      return { value: raw === true };
    case 'enum': {
      if (text === '') return missing();
      const option = control.options.find((o) => String(o) === text);
      return option === undefined ? { error: l10n.t('{0} must be one of {1}.', control.title, control.options.map(String).join(', ')) } : { value: option };
    }
    case 'string':
      if (text === '') return missing();
      if (control.maxLength !== undefined && text.length > control.maxLength) return { error: l10n.t('{0} takes at most {1} characters.', control.title, control.maxLength) };
      return { value: typeof raw === 'string' ? raw : '' };
    case 'seed': {
      if (text === '' || text === RANDOM_SEED) return { value: randomSeed(control, random) };
      return numberInput({ ...control, kind: 'integer' }, text);
    }
    case 'integer':
    case 'number':
      return text === '' ? missing() : numberInput(control, text);
    case 'json':
      return text === '' ? missing() : jsonInput(control.title, text);
  }
}

/** A references area: only its count is checked here (the host checks each file); no value, the host fills it. */
function referencesInput(control: Extract<FormControl, { kind: 'media' }>, count: number): InputResult {
  const { minItems, maxItems } = control.references!;
  if (count < minItems) {
    const what = minItems === 1 ? 'a reference image' : `at least ${minItems} reference images`;
    return { error: `${control.title}: this model needs ${what}. Add from Workspace, drop an image from the Explorer, or use a gallery image as reference.` };
  }
  if (count > maxItems) return { error: `${control.title}: this model takes at most ${maxItems} image${maxItems === 1 ? '' : 's'}; remove ${count - maxItems}.` };
  return { value: undefined };
}

/** A seed drawn uniformly from the control's range (0 to 2³¹−1 unless the schema says otherwise). */
export function randomSeed(control: { min?: number; max?: number }, random: () => number = Math.random): number {
  const min = Math.ceil(control.min ?? 0);
  const max = Math.floor(control.max ?? DEFAULT_SEED_MAX);
  return min + Math.floor(random() * (max - min + 1));
}

function numberInput(control: { kind: 'integer' | 'number'; title: string; min?: number; max?: number; step?: number }, text: string): InputResult {
  const value = Number(text);
  const whole = control.kind === 'integer';
  const what = mustBeText(control.title, whole, control);
  if (!Number.isFinite(value) || (whole && !Number.isInteger(value))) return { error: what };
  if ((control.min !== undefined && value < control.min) || (control.max !== undefined && value > control.max)) return { error: what };
  return { value };
}

/** "512–1536", "at least 0", "at most 20", or "" when the schema sets no bounds. */
export function rangeText(control: { min?: number; max?: number }): string {
  if (control.min !== undefined && control.max !== undefined) return `${control.min}–${control.max}`;
  if (control.min !== undefined) return `≥ ${control.min}`;
  if (control.max !== undefined) return `≤ ${control.max}`;
  return '';
}

/** "Steps must be a whole number from 1 to 100.", with "of at least 0", "of at most 20" or no bounds; one whole sentence each, for translators. */
function mustBeText(title: string, whole: boolean, control: { min?: number; max?: number }): string {
  const { min, max } = control;
  if (min !== undefined && max !== undefined) {
    return whole ? l10n.t('{0} must be a whole number from {1} to {2}.', title, min, max) : l10n.t('{0} must be a number from {1} to {2}.', title, min, max);
  }
  if (min !== undefined) return whole ? l10n.t('{0} must be a whole number of at least {1}.', title, min) : l10n.t('{0} must be a number of at least {1}.', title, min);
  if (max !== undefined) return whole ? l10n.t('{0} must be a whole number of at most {1}.', title, max) : l10n.t('{0} must be a number of at most {1}.', title, max);
  return whole ? l10n.t('{0} must be a whole number.', title) : l10n.t('{0} must be a number.', title);
}

/** Parses a JSON field; the message says where the text stops being JSON. */
export function jsonInput(title: string, text: string): InputResult {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { error: l10n.t('{0} is not valid JSON: {1}', title, reason) };
  }
}
