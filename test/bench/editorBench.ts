/**
 * Editor responsiveness on big documents (SPEC §10, issue 16 §6), each figure per call, side by side with
 * the whole-document parse it replaces: the link under the cursor in a 3 MB Markdown file (what the
 * context key and the hover ask on every cursor move), and a missing-image CodeLens pass over 2,000 links
 * (parse + file checks). Run with `npm run bench`, or alone: `node out/test/bench/editorBench.js`.
 */
import { promises as fs, mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ImageLinkIndex, PerVersionCache } from '../../src/core/links/imageLinkIndex';
import { findImageLinks, imageLinkAt, isLocalImagePath } from '../../src/core/links/imageLinks';
import { resolveLinkTarget } from '../../src/core/links/linkTarget';
import { findMissingImages } from '../../src/core/links/missingImages';
import { figureTable, type CatalogFigure } from './catalogBench';
import { median, percentile } from './stats';

const root = path.resolve(__dirname, '../../..');

/** One row: what was timed, per call (the catalog benchmark's row shape). */
export type EditorFigure = CatalogFigure;

/** A Markdown document of about `bytes` with an image link every few lines, fenced code and inline code. */
function bigMarkdown(bytes: number, links: number): string {
  const parts: string[] = [];
  let size = 0;
  let made = 0;
  for (let i = 0; size < bytes; i++) {
    const block =
      i % 10 === 9
        ? '```js\nconst x = "![not a link](code.png)";\n```\n\n'
        : `## Section ${i}\n\nSome prose with \`inline code\` and words to make the paragraph realistic, long enough to wrap.\n${made < links ? `![Picture ${made}](img/picture-${made++}.png "Picture")\n` : ''}\n`;
    parts.push(block);
    size += block.length;
  }
  return parts.join('');
}

async function time(runs: number, call: (index: number) => unknown): Promise<{ medianMs: number; p95Ms: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await call(i);
    samples.push(performance.now() - started);
  }
  return { medianMs: median(samples), p95Ms: percentile(samples, 95) };
}

/** The missing-image lens pass as it was before: a whole parse and one file check after another. */
async function missingInSequence(text: string, documentPath: string, folder: string): Promise<number> {
  let missing = 0;
  const seen = new Set<string>();
  for (const link of findImageLinks(text, 'markdown')) {
    if (link.isRemote || !isLocalImagePath(link.path)) continue;
    const target = resolveLinkTarget(documentPath, link.path, folder);
    if (seen.has(target)) continue;
    seen.add(target);
    if (!(await fs.stat(target).then(() => true, () => false))) missing++;
  }
  return missing;
}

export async function editorFigures(): Promise<EditorFigure[]> {
  const figures: EditorFigure[] = [];
  const big = bigMarkdown(3 * 1024 * 1024, 20_000);
  const mib = (big.length / 1024 / 1024).toFixed(1);
  const linkOffsets = findImageLinks(big, 'markdown').map((l) => l.start + 3);
  const offsetAt = (i: number) => linkOffsets[(i * 7919) % linkOffsets.length]!;

  const whole = await time(30, (i) => imageLinkAt(big, offsetAt(i), 'markdown'));
  figures.push({ figure: `cursor move, ${mib} MB Markdown: whole-document parse (before)`, runs: 30, ...whole, detail: `${linkOffsets.length} links; what every cursor move on an image line cost` });
  const cache = new PerVersionCache<ImageLinkIndex>();
  const build = await time(10, (i) => cache.get('doc', i, () => ImageLinkIndex.of(big, 'markdown')));
  figures.push({ figure: `  once per document version: index build`, runs: 10, ...build, detail: 'the first cursor move, hover or lens after an edit' });
  cache.get('doc', 0, () => ImageLinkIndex.of(big, 'markdown'));
  const lookup = await time(2000, (i) => cache.get('doc', 0, () => ImageLinkIndex.of(big, 'markdown')).at(offsetAt(i)));
  figures.push({ figure: `cursor move, ${mib} MB Markdown: per-version index (after)`, runs: 2000, ...lookup, detail: 'every further move on the same version: a binary search' });

  const folder = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'editor-bench-')));
  try {
    // As in the issue: 2,000 links in about 120 KB (a link-heavy gallery page).
    const text = Array.from({ length: 2000 }, (_, i) => `Photo ${i} of the gallery, with a caption.\n![Picture ${i}](img/picture-${i}.png)\n\n`).join('');
    const links = findImageLinks(text, 'markdown');
    await fs.mkdir(path.join(folder, 'img'));
    // Half the images exist: every link needs its check.
    await Promise.all(links.filter((_, i) => i % 2 === 0).map((l) => fs.writeFile(path.join(folder, l.path), '')));
    const documentPath = path.join(folder, 'page.md');
    const kib = (text.length / 1024).toFixed(0);
    const before = await time(20, () => missingInSequence(text, documentPath, folder));
    figures.push({ figure: `CodeLens pass, ${links.length} links (${kib} KB): parse + checks in sequence (before)`, runs: 20, ...before, detail: 'the missing-image lens on main' });
    const index = ImageLinkIndex.of(text, 'markdown');
    const after = await time(20, () => findMissingImages(text, 'markdown', documentPath, folder, index.links));
    figures.push({ figure: `CodeLens pass, ${links.length} links (${kib} KB): per-version links + concurrent checks (after)`, runs: 20, ...after, detail: '32 file checks in flight' });
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
  return figures;
}

/** The hook `main.ts` calls: prints the table and writes bench-results/editor.json. */
export async function runEditorBench(log: (line: string) => void): Promise<EditorFigure[]> {
  log('Editor: cursor moves on a 3 MB Markdown file, CodeLens pass over 2,000 links…');
  const figures = await editorFigures();
  process.stdout.write(`${figureTable('Editor responsiveness:', figures)}\n\n`);
  const file = path.join(root, 'bench-results/editor.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), figures }, null, 2)}\n`);
  return figures;
}

if (require.main === module) void runEditorBench((line) => process.stderr.write(`${line}\n`));
