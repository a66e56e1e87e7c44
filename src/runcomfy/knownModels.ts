/**
 * The ranges of FLUX.2 Klein 9B and 4B (PROTOCOL §7), for the editor and the Studio to show and check
 * until they read the catalog. Plain data with no dependencies, so the activation bundle stays as small as
 * it was: deriving it from the embedded snapshot (`catalogSnapshot.ts`, which `models.ts` checks bodies
 * against) would add the snapshot and the normaliser to it. A unit test keeps the two in agreement.
 */

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

export const KLEIN_9B = 'blackforestlabs/flux-2-klein/9b/text-to-image';
export const KLEIN_4B = 'blackforestlabs/flux-2-klein/4b/text-to-image';

const knownModels: readonly KnownModelSchema[] = [
  {
    modelId: KLEIN_9B,
    displayName: 'FLUX.2 Klein 9B',
    width: { min: 512, max: 1536, default: 1024 },
    height: { min: 512, max: 1536, default: 1024 },
    steps: { min: 1, max: 100, default: 25 },
  },
  {
    modelId: KLEIN_4B,
    displayName: 'FLUX.2 Klein 4B',
    width: { min: 64, max: 2048, default: 1024 },
    height: { min: 64, max: 2048, default: 1024 },
  },
];

/** The schema of a known model, or undefined for any other model id (then nothing is checked). */
export function knownModelSchema(modelId: string): KnownModelSchema | undefined {
  return knownModels.find((model) => model.modelId === modelId.trim().replace(/^\/+|\/+$/g, ''));
}
