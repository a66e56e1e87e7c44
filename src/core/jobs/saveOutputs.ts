import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { resolveInsideWorkspace } from '../files/containment';
import { publishExclusively } from '../files/atomicWrite';
import { replaceExtension } from '../files/fileNames';
import { addPngTextChunks } from '../images/png';
import type { MediaType } from '../../runcomfy/types';
import type { SavePlan } from './jobRecord';
import { jobTemporaryName, sweepJobTemporaries } from './jobTemporaries';

/**
 * The most outputs one job saves. RunComfy's image models return at most a handful per request (a batch of
 * 4–8 at most), so 16 leaves room for any real model while a wrong or hostile answer with thousands of URLs
 * cannot fill the disk or hold a job for minutes (16 × the download cap at worst).
 */
export const MAX_OUTPUTS_PER_JOB = 16;

/** One output to save: something that can put its bytes into a temporary file and say what they are. */
export interface PendingOutput {
  fetchTo(tempPath: string, signal?: AbortSignal): Promise<MediaType>;
}

export interface SaveContext {
  jobId: string;
  plan: SavePlan;
  /** Written into PNG text chunks when `plan.embedMetadata`. */
  metadata: Record<string, string>;
  signal?: AbortSignal;
  /** Position of the first of `outputs` among the job's outputs (earlier ones were saved by an earlier attempt). */
  firstIndex?: number;
  /** Told each file as soon as it has its name, so a later failure cannot orphan it. */
  onSaved?: (file: string) => Promise<void> | void;
}

/**
 * Saves each output beside its final place: fetch into a hidden temporary file in the target folder, learn
 * the real type from the bytes, add metadata, then publish it under a free name without ever replacing an
 * existing file (unless the plan says so for that exact target, in the same format). Whatever fails, no
 * temporary file remains; temporary files an interrupted earlier attempt of this job left are swept first.
 */
export async function saveOutputs(outputs: readonly PendingOutput[], context: SaveContext): Promise<string[]> {
  const { plan } = context;
  const saved: string[] = [];
  const wanted = plan.exactTarget ?? path.join(plan.folder, plan.baseName);
  const folder = await resolveInsideWorkspace(path.dirname(wanted), plan.workspaceFolders);
  await fs.mkdir(folder, { recursive: true });
  await sweepJobTemporaries(folder, new Set([context.jobId]));
  for (const [offset, output] of outputs.entries()) {
    const index = (context.firstIndex ?? 0) + offset;
    const temp = path.join(folder, jobTemporaryName(context.jobId, index));
    try {
      const type = await output.fetchTo(temp, context.signal);
      if (plan.embedMetadata && type.extension === 'png') await embedPngMetadata(temp, context.metadata);
      context.signal?.throwIfAborted();
      const named = path.join(folder, path.basename(wanted));
      const base = extensionFits(named, type) ? named : replaceExtension(named, type.extension);
      // "Replace" was agreed for exactly one file. When the bytes bring another extension, the file of
      // that name was never mentioned, so the new one takes a free name and nothing is replaced.
      const replace = plan.overwrite === true && index === 0 && plan.exactTarget !== undefined && base === named;
      // The folder's real path was checked; a name in it cannot lead elsewhere, since link() never follows
      // or replaces an existing entry, and a replaced target is checked on its own.
      if (replace) await resolveInsideWorkspace(base, plan.workspaceFolders);
      const file = await publish(temp, base, replace);
      saved.push(file);
      await context.onSaved?.(file);
    } finally {
      await fs.rm(temp, { force: true });
    }
  }
  return saved;
}

/** True when `file`'s extension already names the bytes' type (`.JPEG` fits JPEG), so its name can stay. */
function extensionFits(file: string, type: MediaType): boolean {
  const ext = path.extname(file).slice(1).toLowerCase();
  return ext === type.extension || (type.extension === 'jpg' && ext === 'jpeg');
}

async function embedPngMetadata(file: string, metadata: Record<string, string>): Promise<void> {
  const png = await fs.readFile(file);
  await fs.writeFile(file, addPngTextChunks(png, metadata));
}

/** Gives `temp` its final name: the next free `-n` name, or exactly `target` when replacing was chosen. */
async function publish(temp: string, target: string, replace: boolean): Promise<string> {
  if (!replace) return publishExclusively(temp, target, true);
  await fs.rename(temp, target);
  return target;
}
