import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { resolveInsideWorkspace } from '../containment';
import { publishExclusively } from '../atomicWrite';
import { replaceExtension } from '../fileNames';
import { addPngTextChunks } from '../png';
import type { MediaType } from '../../runcomfy/types';
import type { SavePlan } from './jobRecord';

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
}

/**
 * Saves each output beside its final place: fetch into a hidden temporary file in the target folder, learn
 * the real type from the bytes, add metadata, then publish it under a free name without ever replacing an
 * existing file (unless the plan says so for that exact target). Whatever fails, no temporary file remains.
 */
export async function saveOutputs(outputs: readonly PendingOutput[], context: SaveContext): Promise<string[]> {
  const { plan } = context;
  const saved: string[] = [];
  for (const [index, output] of outputs.entries()) {
    const wanted = plan.exactTarget ?? path.join(plan.folder, plan.baseName);
    const folder = await resolveInsideWorkspace(path.dirname(wanted), plan.workspaceFolders);
    await fs.mkdir(folder, { recursive: true });
    const temp = path.join(folder, `.runcomfy-${context.jobId}-${index}.tmp`);
    try {
      const type = await output.fetchTo(temp, context.signal);
      if (plan.embedMetadata && type.extension === 'png') await embedPngMetadata(temp, context.metadata);
      context.signal?.throwIfAborted();
      const base = replaceExtension(path.join(folder, path.basename(wanted)), type.extension);
      const replace = plan.overwrite === true && index === 0 && plan.exactTarget !== undefined;
      // The folder's real path was checked; a name in it cannot lead elsewhere, since link() never follows
      // or replaces an existing entry, and a replaced target is checked on its own.
      if (replace) await resolveInsideWorkspace(base, plan.workspaceFolders);
      saved.push(await publish(temp, base, replace));
    } finally {
      await fs.rm(temp, { force: true });
    }
  }
  return saved;
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
