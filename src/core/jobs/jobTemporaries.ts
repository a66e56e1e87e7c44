/**
 * Names of a job's temporary files, and the sweep that removes those a crash or kill left behind. Every
 * temporary file of a job carries its id (`.runcomfy-<jobId>-<i>.tmp`, and the downloader's
 * `..runcomfy-<jobId>-<i>.tmp.<hex>.part` beside it), so a sweep removes only ours, never a user's file or
 * another program's.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** The hidden temporary file output `index` of job `jobId` is fetched into, in the target folder. */
export function jobTemporaryName(jobId: string, index: number): string {
  return `.runcomfy-${jobId}-${index}.tmp`;
}

/** True for a temporary file of one of `jobIds`: ours, or the downloader's `.part` beside it. */
export function isJobTemporary(name: string, jobIds: ReadonlySet<string>): boolean {
  const match = /^\.\.?runcomfy-(.+)-\d+\.tmp(?:\.[0-9a-f]+\.part)?$/.exec(name);
  return match !== null && jobIds.has(match[1]!);
}

/** Removes the temporary files of `jobIds` in `folder`; resolves to how many it removed. A missing folder has none. */
export async function sweepJobTemporaries(folder: string, jobIds: ReadonlySet<string>): Promise<number> {
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    if (!isJobTemporary(name, jobIds)) continue;
    await fs.rm(path.join(folder, name), { force: true });
    removed++;
  }
  return removed;
}
