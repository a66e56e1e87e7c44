/**
 * The check every body passes before it is sent: against the model's normalised input schema when the
 * caller has one (from the catalog), else against the embedded snapshot's for the models it holds, so a
 * bad value costs no round trip and the message says what the field allows. Models known to neither pass
 * through untouched: RunComfy validates them itself.
 */
import { snapshotInputSchema, snapshotModel } from './catalogSnapshot';
import { InvalidInputError } from './errors';
import type { ModelInputSchema } from './inputSchema';
import { checkModelInput } from './inputValidation';
import type { Logger, ModelInput } from './types';

/** What `prepareModelInput` checks against, besides the model id. */
export interface PrepareOptions {
  /** The model's normalised inputs (from `getModel` or a cache); default: the embedded snapshot's. */
  inputSchema?: ModelInputSchema;
  /** Names the model in messages; default: the snapshot's display name, else the id. */
  label?: string;
}

/**
 * Checks `input` against the model's schema and returns the body to send. For a model without `steps`
 * (Klein 4B) a `steps` value is dropped with a log line rather than refused: the `runcomfy.steps` setting
 * applies to every model and is documented as "ignored by models without a steps input", so refusing would
 * make such models unusable with default settings. Keys the schema does not know are sent, with a warning.
 * Throws `InvalidInputError` naming the field and what it allows.
 */
export function prepareModelInput(modelId: string, input: ModelInput, logger?: Logger, options: PrepareOptions = {}): ModelInput {
  const inputs = options.inputSchema ?? snapshotInputSchema(modelId);
  if (!inputs || inputs.fields.length === 0) return input;
  const label = options.label ?? snapshotModel(modelId)?.displayName ?? modelId.trim();
  let body = input;
  if (!inputs.byName.has('steps') && 'steps' in input) {
    const { steps, ...rest } = input;
    logger?.info(`${label} has no "steps" input; ignoring steps=${String(steps)}.`);
    body = rest;
  }
  const { problems, unknownKeys } = checkModelInput(inputs, body, label);
  for (const key of unknownKeys) logger?.warn(`${label} has no input "${key}"; sending it anyway (RunComfy may reject it).`);
  const [first] = problems;
  if (first) {
    const more = problems.length > 1 ? ` (${problems.length - 1} more: ${problems.slice(1).map((p) => p.field).join(', ')})` : '';
    throw new InvalidInputError(`${first.message}${more}`, { field: first.field });
  }
  return body;
}
