import * as path from 'node:path';
import { resolveInsideWorkspace } from '../files/containment';
import type { SavePlan } from './jobRecord';

/**
 * Throws the {@link OutsideWorkspaceError} that saving would throw, for the same folder, so a destination
 * outside the workspace is refused before the job is paid for, with the very message saving gives.
 */
export async function checkSavePlanInside(plan: SavePlan): Promise<void> {
  const wanted = plan.exactTarget ?? path.join(plan.folder, plan.baseName);
  await resolveInsideWorkspace(path.dirname(wanted), plan.workspaceFolders);
}
