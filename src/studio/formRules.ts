/**
 * The form's range checks, shared by the webview (inline messages while typing) and the host (which checks
 * again: the webview is not trusted). No imports beyond types, so the webview bundle stays small.
 */
import type { FormValues, IntRange, StudioConfig } from './protocol';

export type FormField = 'prompt' | 'width' | 'height' | 'steps';
export type FieldErrors = Partial<Record<FormField, string>>;

export interface FormRanges {
  width: IntRange;
  height: IntRange;
  /** Absent when the model has no `steps` input: the field is hidden and not checked. */
  steps?: IntRange;
}

/** True when this run renders offline placeholders (the setting, or the Studio's own choice). */
export function isOffline(config: StudioConfig, form: Pick<FormValues, 'offline'>): boolean {
  return config.provider === 'offline' || form.offline;
}

/** The ranges that apply: the model's, or the offline renderer's wider ones (it has no steps). */
export function rangesFor(config: StudioConfig, offline: boolean): FormRanges {
  if (offline) return { width: config.offlineRanges.width, height: config.offlineRanges.height };
  return config.ranges;
}

/** One message per field in error, each naming the allowed range. */
export function validateForm(values: Pick<FormValues, 'prompt' | 'width' | 'height' | 'steps'>, ranges: FormRanges): FieldErrors {
  const errors: FieldErrors = {};
  if (values.prompt.trim().length === 0) errors.prompt = 'Describe the image you want.';
  const width = rangeError('Width', values.width, ranges.width);
  if (width) errors.width = width;
  const height = rangeError('Height', values.height, ranges.height);
  if (height) errors.height = height;
  const steps = ranges.steps && rangeError('Steps', values.steps, ranges.steps);
  if (steps) errors.steps = steps;
  return errors;
}

export function rangeText(range: IntRange): string {
  return `${range.min}–${range.max}`;
}

function rangeError(name: string, value: number, range: IntRange): string | undefined {
  if (Number.isInteger(value) && value >= range.min && value <= range.max) return undefined;
  return `${name} must be a whole number from ${range.min} to ${range.max}.`;
}
