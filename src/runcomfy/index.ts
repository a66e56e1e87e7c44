/**
 * The shared RunComfy client: `createRunComfyClient`, the contract types, the typed errors, the catalog
 * model type, the embedded snapshot and input schema normalisation and checks. Nothing here imports `vscode`.
 */
export * from './types';
export * from './errors';
export { createRunComfyClient, DEFAULT_BASE_URL, type RunComfyClientOptions, type RunComfyHttpClient } from './client';
export { prepareModelInput, type PrepareOptions } from './models';
export { catalogModelJson, parseCatalogModel } from './catalog';
export { FLUX_2_FLASH, KLEIN_4B, KLEIN_9B, snapshotInputSchema, snapshotModel, snapshotModels } from './catalogSnapshot';
export * from './inputSchema';
export { checkModelInput, compileInputValidator, expectation, type InputCheck, type InputProblem } from './inputValidation';
export { detectMediaType } from './mediaType';
export { LearnedDurations, durationKey } from './learnedDurations';
export { defaultPollPolicy, nextPollDelayMs, type PollPolicy, type PollState } from './pollSchedule';
export { defaultRetryPolicy, abortableSleep, parseRetryAfterMs, type Clock, type RetryPolicy } from './retry';
export { isLoopbackUrl, isSameOrigin } from './origin';
