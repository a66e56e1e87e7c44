/**
 * `core/models/`: RunComfy's model catalog: its cache and refresh plan, each model's normalised schema,
 * prices, the size mapping and the request body. This file is the folder's public face.
 *
 * Everything the editor needs to work with catalog models, as one module the activation bundle loads on
 * first use (`esbuild.mjs` builds it as `dist/model-runtime.js`): the cache format, the embedded snapshot,
 * schema normalisation, validation (zod), the size mapping and the request body builder. Keeping them out
 * of `dist/extension.js` is what keeps activation small; the editor reaches them through
 * `loadModelRuntime()` (`src/editor/modelRuntimeLoader.ts`) and imports only their types.
 */
export { loadCatalog, storeCatalog, findCatalogModel } from './catalogCache';
export { catalogFetchPlan, isImageModel, isStale, mayRetry, storedModel, storeModel } from './catalogPlan';
export { buildRequestBody } from './requestBody';
export { prepareModelRequest } from './modelRequest';
export { mapSizeToInputs, sizeStyleOf } from './sizeMapping';
export { normaliseInputSchema } from '../../runcomfy/inputSchema';
export { checkModelInput, expectation } from '../../runcomfy/inputValidation';
export { prepareModelInput } from '../../runcomfy/models';
export { snapshotInputSchema, snapshotModel, snapshotModels } from '../../runcomfy/catalogSnapshot';
