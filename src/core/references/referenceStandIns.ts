/**
 * A body is checked against the model's schema before anything is paid for, but reference images are only
 * read and encoded right before the submit (megabytes of base64 never sit in the job history). For the
 * check, the image field holds one empty data URI per reference: the schema's required-ness, `minItems`
 * and `maxItems` are checked against the real count; the job records the body without them.
 */
import type { ReferencePlan } from './referenceFiles';

const STAND_IN = 'data:image/png;base64,';

/** The image field filled with one stand-in per reference, to check a body with. */
export function referenceStandIns(plan: Pick<ReferencePlan, 'field' | 'multiple' | 'paths'>): Record<string, unknown> {
  return { [plan.field]: plan.multiple ? plan.paths.map(() => STAND_IN) : STAND_IN };
}

/** `input` without the image field the stand-ins filled (the runner encodes the real images into it). */
export function withoutReferenceField<T extends Record<string, unknown>>(input: T, plan: Pick<ReferencePlan, 'field'>): T {
  const { [plan.field]: _standIn, ...rest } = input;
  return rest as T;
}
