import { knownModelSchema } from '../runcomfy/knownModels';
import type { ModelInput } from '../runcomfy/types';

/** What a caller asks for; the size and steps already resolved from its own defaults. */
export interface ModelInputRequest {
  prompt: string;
  width: number;
  height: number;
  steps: number;
}

/**
 * The request body for `model`, built the same way by every caller (editor, Studio, CLI): `extraInputs`
 * first so prompt and size always win, and `steps` only for models that have it (or unknown models, which
 * RunComfy validates itself).
 */
export function buildModelInput(model: string, extraInputs: Record<string, unknown>, request: ModelInputRequest): ModelInput {
  const input: ModelInput = { ...extraInputs, prompt: request.prompt, width: request.width, height: request.height };
  const schema = knownModelSchema(model);
  if (!schema || schema.steps) input.steps = request.steps;
  return input;
}
