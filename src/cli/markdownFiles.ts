import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './exitCodes';

const MARKDOWN = /\.(md|markdown)$/i;

/**
 * The Markdown files named on the command line: files as given (they must be Markdown), folders searched
 * recursively for `*.md` and `*.markdown`, skipping `node_modules` and dot-folders. Sorted, without repeats.
 */
export async function collectMarkdownFiles(args: string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) throw new UsageError(`${arg}: no such file or folder.`);
    if (stat.isDirectory()) {
      for (const file of await walkFiles(absolute, MARKDOWN)) found.add(file);
    } else if (MARKDOWN.test(absolute)) {
      found.add(absolute);
    } else {
      throw new UsageError(`${arg}: not a Markdown file (.md or .markdown).`);
    }
  }
  return [...found].sort();
}

/** The files below `folder` whose names match `names`, skipping `node_modules` and dot-folders. */
export async function walkFiles(folder: string, names: RegExp): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      files.push(...(await walkFiles(full, names)));
    } else if (entry.isFile() && names.test(entry.name)) {
      files.push(full);
    }
  }
  return files;
}
