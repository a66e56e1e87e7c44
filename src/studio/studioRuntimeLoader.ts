import type * as studioRuntime from './studioRuntime';

/** The Studio's form and job logic (see `studioRuntime.ts`). */
export type StudioRuntime = typeof studioRuntime;

/** Loads the Studio runtime on first use, never at activation (the bundler keeps it in its own file). */
export function loadStudioRuntime(): StudioRuntime {
  return require('./studioRuntime') as StudioRuntime;
}
