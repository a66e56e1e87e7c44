/**
 * Input schemas of the models the client knows (from RunComfy's catalog, PROTOCOL §7), checked before a
 * request is sent so a bad size costs no round trip and the message can say the allowed range. Unknown
 * models pass through untouched: RunComfy validates them itself.
 */
import { z } from 'zod';
import { InvalidInputError } from './errors';
import { knownModelSchema, type IntegerRange, type KnownModelSchema } from './knownModels';
import type { Logger, ModelInput } from './types';

export { KLEIN_4B, KLEIN_9B, knownModelSchema, type IntegerRange, type KnownModelSchema } from './knownModels';

function rangeSchema(range: IntegerRange) {
  return z.int().min(range.min).max(range.max);
}

/**
 * Checks `input` against a known model's schema and returns the body to send. For models without `steps`
 * (Klein 4B) a `steps` value is dropped with a log line rather than refused: the `runcomfy.steps` setting
 * applies to every model and is documented as "ignored by models without a steps input", so refusing would
 * make the 4B model unusable with default settings. Throws `InvalidInputError` naming the field and range.
 */
export function prepareModelInput(modelId: string, input: ModelInput, logger?: Logger): ModelInput {
  const model = knownModelSchema(modelId);
  if (!model) return input;
  let body = input;
  if (!model.steps && 'steps' in input) {
    const { steps, ...rest } = input;
    logger?.info(`${model.displayName} has no "steps" input; ignoring steps=${String(steps)}.`);
    body = rest;
  }
  const schema = z.looseObject({
    prompt: z.string().trim().min(1),
    width: rangeSchema(model.width).optional(),
    height: rangeSchema(model.height).optional(),
    ...(model.steps ? { steps: rangeSchema(model.steps).optional() } : {}),
  });
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'input');
    throw new InvalidInputError(describeProblem(model, field, body[field]), { field });
  }
  return body;
}

function describeProblem(model: KnownModelSchema, field: string, value: unknown): string {
  if (field === 'prompt') return `${model.displayName} needs a prompt: describe the image to generate.`;
  const range = field === 'width' || field === 'height' || field === 'steps' ? model[field] : undefined;
  const got = value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
  if (!range) return `${model.displayName} does not accept this "${field}"${got}.`;
  return `${model.displayName} needs ${field} to be a whole number from ${range.min} to ${range.max}${got}.`;
}
