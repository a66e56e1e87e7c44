/**
 * The Studio's model-dependent logic as one module loaded when the panel first needs it (`esbuild.mjs`
 * builds it as `dist/studio-runtime.js`): building the form from a schema and turning a Generate into
 * checked request bodies pull in the size mapping, the body builder and validation, which activation
 * must not load. The panel reaches them through {@link loadStudioRuntime} and imports only their types.
 */
export { buildStudioConfig } from './studioConfig';
export { planStudioJobs } from './studioJobs';
