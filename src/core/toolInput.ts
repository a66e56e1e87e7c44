import * as path from 'node:path';
import type { z } from 'zod';

/**
 * Input of the `runcomfy_generateImage` language model tool; `package.json` declares the same schema.
 * Built on first use (zod is required then, not at activation).
 */
export function generateImageToolInput() {
  return (schema ??= buildSchema());
}

function buildSchema() {
  const { z } = require('zod') as typeof import('zod');
  return z.object({
    prompt: z.string().trim().min(1, 'prompt must describe the image'),
    width: z.number().int().positive().optional(),
    height: z.number().int().positive().optional(),
    steps: z.number().int().positive().optional(),
    path: z.string().trim().min(1).optional(),
    referenceImages: z.array(z.string().trim().min(1)).min(1).max(16).optional(),
  });
}

let schema: ReturnType<typeof buildSchema> | undefined;

export type GenerateImageToolInput = z.infer<ReturnType<typeof buildSchema>>;

const IMAGE_EXTENSION = /\.(png|jpe?g|webp|gif)$/i;

/**
 * Where a tool call's `path` points: a file (`public/img/hero.png`) or a folder (`public/img/`), relative to
 * the first workspace folder, or to the folder it names first (`site/public/x.png` in a multi-root
 * workspace with a folder called `site`). Containment is checked later, on real paths.
 */
export function resolveToolTarget(requested: string, workspaceFolders: readonly { name: string; path: string }[]): { folder: string; fileName?: string } {
  const [first] = workspaceFolders;
  if (!first) throw new Error('No workspace folder is open.');
  const normalized = requested.replace(/\\/g, '/');
  const [head, ...rest] = normalized.split('/');
  const named = workspaceFolders.find((f) => f.name === head && rest.length > 0);
  const root = named ? named.path : first.path;
  const relative = named ? rest.join('/') : normalized;
  const absolute = path.resolve(root, relative.replace(/^\/+/, ''));
  if (normalized.endsWith('/') || !IMAGE_EXTENSION.test(absolute)) return { folder: absolute };
  return { folder: path.dirname(absolute), fileName: path.basename(absolute) };
}
