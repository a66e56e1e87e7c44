/**
 * RunComfy's per-image cap and the lower one a model may publish, apart from the checks themselves so the
 * Studio's form (and the webview's types) can state the limit without the image readers.
 */
import type { MediaValidation } from '../../runcomfy/inputSchema';

/** Per image, as RunComfy's own nodes cap it. */
export const MAX_REFERENCE_BYTES = 6 * 1024 * 1024;

/**
 * The largest file `validations` let through: RunComfy's 6 MiB, or less when the model's `file_size_mb<`
 * rule (read as decimal megabytes, like the check) is stricter.
 */
export function maxReferenceBytes(validations: readonly MediaValidation[]): number {
  const limits = validations.filter((v) => v.rule === 'file_size_mb<').map((v) => Number(v.value) * 1_000_000 - 1);
  return Math.min(MAX_REFERENCE_BYTES, ...limits.filter((limit) => Number.isFinite(limit) && limit > 0));
}
