/**
 * The ranges of the embedded models that take a pixel size (FLUX.2 Klein 9B and 4B), for the editor and
 * the Studio to show and check. Read from the embedded catalog snapshot's normalised schemas, so there is
 * one source for them; no zod and no HTTP client, so the activation bundle can use it.
 */
import { snapshotInputSchema, snapshotModel } from './catalogSnapshot';
import type { InputField } from './inputSchema';

export { KLEIN_4B, KLEIN_9B } from './catalogSnapshot';

/** An inclusive integer range with the model's default. */
export interface IntegerRange {
  min: number;
  max: number;
  default: number;
}

/** What the editor and the Studio need to show and check a known model's inputs. */
export interface KnownModelSchema {
  modelId: string;
  displayName: string;
  width: IntegerRange;
  height: IntegerRange;
  /** Absent for models without a `steps` input (FLUX.2 Klein 4B). */
  steps?: IntegerRange;
}

/** The schema of an embedded model with integer width and height, or undefined for any other model id. */
export function knownModelSchema(modelId: string): KnownModelSchema | undefined {
  const model = snapshotModel(modelId);
  const inputs = snapshotInputSchema(modelId);
  if (!model || !inputs) return undefined;
  const [width, height, steps] = (['width', 'height', 'steps'] as const).map((name) => integerRange(inputs.byName.get(name)));
  if (!width || !height) return undefined;
  return { modelId: model.modelId, displayName: model.displayName ?? model.modelId, width, height, ...(steps ? { steps } : {}) };
}

function integerRange(field: InputField | undefined): IntegerRange | undefined {
  if (field?.kind !== 'integer' || field.minimum === undefined || field.maximum === undefined) return undefined;
  const fallback = typeof field.default === 'number' ? field.default : field.minimum;
  return { min: field.minimum, max: field.maximum, default: fallback };
}
