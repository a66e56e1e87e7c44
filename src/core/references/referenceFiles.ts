/**
 * Reads reference images from the workspace and turns them into the model's image input: each path must
 * resolve (symlinks followed) inside a workspace folder, each file passes {@link checkReference}, the count
 * fits the field and the whole body fits 64 MiB. Shared by the editor, the chat tool, the job runner and the
 * CLI. Only data URIs go into the body: never a local path.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { OutsideWorkspaceError, resolveInsideWorkspace } from '../files/containment';
import { IMAGE_SIZE_HEAD_BYTES } from '../images/imageSize';
import type { MediaValidation } from '../../runcomfy/inputSchema';
import type { ModelInput } from '../../runcomfy/types';
import { imageDataUri } from './dataUri';
import type { ImageInputField } from './imageFields';
import { checkReference, checkReferenceCount, checkRequestSize, MAX_REFERENCE_BYTES, type CheckedReference } from './referenceChecks';

/**
 * Which input the references go into and the rules they must meet, recorded with a job instead of the
 * encoded images (megabytes of base64 do not belong in workspace state): the files are read and checked
 * again right before the submit.
 */
export interface ReferencePlan {
  /** The input's name (`image_urls`, `image`, …). */
  field: string;
  /** The value is a list of data URIs, not one. */
  multiple: boolean;
  minItems: number;
  maxItems: number;
  validations: MediaValidation[];
  /** The model's name, for messages. */
  label: string;
  /** Absolute paths of the images, in order. */
  paths: string[];
  /**
   * The folders the images must lie in, when not the job's save folders (a Studio variant saves into its
   * staging folder, but its references are workspace files).
   */
  roots?: string[];
}

/** The plan for sending `paths` in `field` of the model called `label`. */
export function referencePlan(field: ImageInputField, label: string, paths: readonly string[]): ReferencePlan {
  return {
    field: field.field.name,
    multiple: field.multiple,
    minItems: field.minItems,
    maxItems: field.maxItems,
    validations: [...(field.field.media?.validations ?? [])],
    label,
    paths: [...paths],
  };
}

/** A refusal that is the user's to fix (a message for them), not a fault. */
export class ReferenceImageError extends Error {
  override readonly name = 'ReferenceImageError';
}

/** The file's bytes, or only its head when it is over the cap (enough to name its type; it is refused anyway). */
async function readCapped(file: string): Promise<{ bytes: Uint8Array; fileSize: number }> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(size > MAX_REFERENCE_BYTES ? IMAGE_SIZE_HEAD_BYTES : size);
    const { bytesRead } = await handle.read(bytes, 0, bytes.byteLength, 0);
    return { bytes: bytes.subarray(0, bytesRead), fileSize: size };
  } finally {
    await handle.close();
  }
}

/** Reads and checks every reference; throws {@link ReferenceImageError} naming the first problem. */
export async function readReferences(
  plan: ReferencePlan,
  options: { workspaceFolders: readonly string[]; displayName?: (file: string) => string },
): Promise<CheckedReference[]> {
  const name = options.displayName ?? ((file: string) => path.basename(file));
  const paths = plan.paths;
  const countProblem = checkReferenceCount(paths.length, plan, plan.label);
  if (countProblem) throw new ReferenceImageError(countProblem);
  const references: CheckedReference[] = [];
  for (const file of paths) {
    const real = await resolveInsideWorkspace(file, [...options.workspaceFolders]).catch((error: unknown) => {
      if (error instanceof OutsideWorkspaceError) throw new ReferenceImageError(l10n.t('{0} is outside the workspace; only workspace images are sent as references.', name(file)));
      throw error;
    });
    const { bytes, fileSize } = await readCapped(real).catch(() => {
      throw new ReferenceImageError(l10n.t('{0} cannot be read: it does not exist or is not a file.', name(file)));
    });
    const check = checkReference(name(file), bytes, plan, fileSize);
    if (!check.ok) throw new ReferenceImageError(check.message);
    references.push(check.reference);
  }
  return references;
}

/** The input with the references in their field (one data URI, or a list), after the 64 MiB check. */
export function withReferences(input: ModelInput, plan: Pick<ReferencePlan, 'field' | 'multiple'>, references: readonly CheckedReference[]): ModelInput {
  const otherBytes = Buffer.byteLength(JSON.stringify(input));
  const problem = checkRequestSize(references, otherBytes);
  if (problem) throw new ReferenceImageError(problem);
  const uris = references.map((reference) => imageDataUri(reference.bytes, reference.mime));
  return { ...input, [plan.field]: plan.multiple ? uris : uris[0] };
}

/** Reads, checks and encodes the plan's images into `input`: what is submitted, built at the last moment. */
export async function encodeReferences(input: ModelInput, plan: ReferencePlan, workspaceFolders: readonly string[]): Promise<ModelInput> {
  return withReferences(input, plan, await readReferences(plan, { workspaceFolders }));
}
