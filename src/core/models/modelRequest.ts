/**
 * One request as every editor path prepares it: the body built from the model's normalised schema
 * (`buildRequestBody`: size mapped, steps where the model has them, `extraInputs` last) and then checked
 * against that schema, so a value the model would refuse is caught before anything is sent or paid for,
 * with a message naming the field and what it allows.
 */
import type { ModelInputSchema } from '../../runcomfy/inputSchema';
import { checkModelInput } from '../../runcomfy/inputValidation';
import type { ModelInput } from '../../runcomfy/types';
import { buildRequestBody, type GenerationIntent } from './requestBody';

/** A body ready to send, or the reason it must not be. */
export interface PreparedModelRequest {
  body: ModelInput;
  /** What was adjusted to meet the model (size fitted or mapped to an enum, steps clamped). */
  notes: string[];
  /** Sent, but worth saying: keys the model does not know, inputs replaced by `runcomfy.extraInputs`. */
  warnings: string[];
  /** Set when the body must not be sent: the first problem, naming the field and what it allows. */
  problem?: { field: string; message: string };
}

/** Builds and checks the body for `label` (the model's name in messages). */
export function prepareModelRequest(schema: ModelInputSchema, label: string, intent: GenerationIntent): PreparedModelRequest {
  const built = buildRequestBody(schema, intent);
  const { problems } = checkModelInput(schema, built.body, label);
  const [first] = problems;
  const prepared: PreparedModelRequest = { body: built.body, notes: built.notes, warnings: built.warnings };
  if (first) {
    const more = problems.length > 1 ? ` (also: ${problems.slice(1).map((p) => p.field).join(', ')})` : '';
    prepared.problem = { field: first.field, message: `${first.message}${more}` };
  }
  return prepared;
}
