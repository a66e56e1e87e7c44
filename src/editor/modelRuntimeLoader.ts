import type * as modelRuntime from '../core/models/modelRuntime';

/** The catalog and input code the editor loads on first use (see `src/core/models/modelRuntime.ts`). */
export type ModelRuntime = typeof modelRuntime;

/**
 * Loads the model runtime (snapshot, normaliser, zod validation, body builder) the first time a model is
 * needed, never at activation: the bundler keeps it in its own file (see `esbuild.mjs`).
 */
export function loadModelRuntime(): ModelRuntime {
  return require('../core/models/modelRuntime') as ModelRuntime;
}
