/**
 * Editor responsiveness on big documents (SPEC §10, issue 16 §6), each figure per call, the old way measured
 * in the same run beside the new one, with the ratio: the link under the cursor in a 3 MB Markdown file (what
 * the context key asks on every cursor move), on the first move after an edit and on further moves, and a
 * missing-image CodeLens pass over 2,000 links. Run with `npm run bench`, or alone:
 * `node out/test/bench/editorBench.js`.
 */
import { promises as fs, mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { outsideRefusal } from '../../src/core/links/missingImages';
import { MarkdownCursorLinks } from '../../src/core/links/cursorLinks';
import { ImageLinkIndex } from '../../src/core/links/imageLinkIndex';
import { findImageLinks, imageLinkAt, isLocalImagePath, type ImageLink } from '../../src/core/links/imageLinks';
import { LinkedFileChecks } from '../../src/core/links/linkedFileChecks';
import { resolveLinkTarget } from '../../src/core/links/linkTarget';
import { missingImagesToOffer } from '../../src/core/links/missingImages';
import { mapConcurrently } from '../../src/core/files/mapConcurrently';
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

/** Each of `runs` calls timed alone; `prepare` runs before each, untimed. */
async function time(runs: number, call: (index: number) => unknown, prepare?: (index: number) => void): Promise<{ medianMs: number; p95Ms: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    prepare?.(i);
    const started = performance.now();
    await call(i);
    samples.push(performance.now() - started);
  }
  return { medianMs: median(samples), p95Ms: percentile(samples, 95) };
}

/**
 * The missing-image lens pass as it was before this change, kept here only to be measured beside the new
 * one: one `stat` per distinct target, 32 in flight, then the containment check (realpaths) per missing one.
 */
async function lensPassByStat(links: readonly ImageLink[], documentPath: string, folder: string): Promise<number> {
  const seen = new Set<string>();
  const targets: { link: ImageLink; target: string }[] = [];
  for (const link of links) {
    if (link.isRemote || !link.path || !isLocalImagePath(link.path)) continue;
    const target = resolveLinkTarget(documentPath, link.path, folder);
    if (!seen.has(target)) seen.add(target), targets.push({ link, target });
  }
  const present = await mapConcurrently(targets, 32, (t) => fs.stat(t.target).then(() => true, () => false));
  const missing = targets.filter((_, i) => !present[i]);
  const refused = await Promise.all(missing.map((m) => outsideRefusal(m.link.path, m.target, [folder])));
  return refused.filter((r) => !r).length;
}

/** `before ÷ after`, for the detail column: `144×`. */
function ratio(before: { medianMs: number }, after: { medianMs: number }): string {
  const times = before.medianMs / after.medianMs;
  return `${times.toFixed(times >= 10 ? 0 : 1)}×`;
}

/** The same document with one character typed at `at`, as each keystroke makes a new version. */
function typed(text: string, at: number, i: number): string {
  return `${text.slice(0, at)}${'abcdefghij'[i % 10]}${text.slice(at)}`;
}

export async function editorFigures(): Promise<EditorFigure[]> {
  const figures: EditorFigure[] = [];
  const big = bigMarkdown(3 * 1024 * 1024, 20_000);
  const mib = (big.length / 1024 / 1024).toFixed(1);
  const linkOffsets = findImageLinks(big, 'markdown').map((l) => l.start + 3);
  const offsetAt = (i: number) => linkOffsets[(i * 7919) % linkOffsets.length]!;
  const cursorMove = `cursor move, ${mib} MB Markdown`;

  // The first move after an edit: a character typed into the link's alt text, then the cursor asks.
  const edits = Array.from({ length: 20 }, (_, i) => ({ offset: offsetAt(i), text: typed(big, offsetAt(i), i) }));
  const wholeFirst = await time(edits.length, (i) => ImageLinkIndex.of(edits[i]!.text, 'markdown').at(edits[i]!.offset));
  // The version before the keystroke, as the cursor left it: scanned down to the cursor's paragraph.
  let previous = new MarkdownCursorLinks(big);
  const paragraphFirst = await time(
    edits.length,
    (i) => new MarkdownCursorLinks(edits[i]!.text, previous).at(edits[i]!.offset, () => ImageLinkIndex.of(edits[i]!.text, 'markdown')),
    (i) => {
      previous = new MarkdownCursorLinks(big);
      previous.at(edits[i]!.offset, () => ImageLinkIndex.of(big, 'markdown'));
    },
  );
  figures.push({ figure: `${cursorMove}, first move after an edit: whole-document parse (before)`, runs: edits.length, ...wholeFirst, detail: `${linkOffsets.length} links; the per-version index built on main` });
  figures.push({ figure: `${cursorMove}, first move after an edit: paragraph parse (after)`, runs: edits.length, ...paragraphFirst, detail: `code-block scan resumed above the edit; ${ratio(wholeFirst, paragraphFirst)} faster than before` });

  // The worst first move: an edit at the top, the cursor at the end (the code-block scan reads the whole file).
  const top = typed(big, 0, 0);
  const far = linkOffsets[linkOffsets.length - 1]! + 1;
  const wholeFar = await time(5, () => ImageLinkIndex.of(top, 'markdown').at(far));
  const paragraphFar = await time(5, () => new MarkdownCursorLinks(top, new MarkdownCursorLinks(big)).at(far, () => ImageLinkIndex.of(top, 'markdown')));
  figures.push({ figure: `${cursorMove}, edit at the top, cursor at the end: whole-document parse (before)`, runs: 5, ...wholeFar, detail: 'the worst case for the paragraph parse' });
  figures.push({ figure: `${cursorMove}, edit at the top, cursor at the end: paragraph parse (after, worst case)`, runs: 5, ...paragraphFar, detail: `code blocks scanned through the whole file; ${ratio(wholeFar, paragraphFar)} faster than before` });

  // Further moves on the same version.
  const whole = await time(30, (i) => imageLinkAt(big, offsetAt(i), 'markdown'));
  figures.push({ figure: `${cursorMove}, further moves: whole-document parse each move (before)`, runs: 30, ...whole, detail: 'what every cursor move on an image line cost before the per-version index' });
  const index = ImageLinkIndex.of(big, 'markdown');
  const lookup = await time(2000, (i) => index.at(offsetAt(i)));
  figures.push({ figure: `${cursorMove}, further moves: per-version index (before)`, runs: 2000, ...lookup, detail: 'on main, once the index of the version is built: a binary search' });
  const cursor = new MarkdownCursorLinks(big);
  const paragraph = await time(2000, (i) => cursor.at(offsetAt(i), () => index));
  figures.push({ figure: `${cursorMove}, further moves: paragraph parse (after)`, runs: 2000, ...paragraph, detail: `the paragraph around the cursor each move; ${ratio(whole, paragraph)} faster than a whole parse per move` });

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
    const lens = `CodeLens pass, ${links.length} links (${kib} KB)`;
    const edited = Array.from({ length: 20 }, (_, i) => typed(text, (i * 7919) % text.length, i));
    const before = await time(20, (i) => lensPassByStat(findImageLinks(edited[i]!, 'markdown'), documentPath, folder));
    figures.push({ figure: `${lens} after an edit: parse + a stat per link (before)`, runs: 20, ...before, detail: 'the lens on main: 32 stats in flight, realpaths per missing image' });
    const checks = new LinkedFileChecks();
    await missingImagesToOffer(links, documentPath, folder, [folder], checks);
    const after = await time(20, (i) => missingImagesToOffer(findImageLinks(edited[i]!, 'markdown'), documentPath, folder, [folder], checks));
    figures.push({ figure: `${lens} after an edit: parse + kept file checks (after)`, runs: 20, ...after, detail: `no file read again until the watcher reports a change; ${ratio(before, after)} faster than before` });
    const listed = await time(20, () => {
      checks.changed(path.join(folder, 'img', 'picture-1.png'));
      return missingImagesToOffer(links, documentPath, folder, [folder], checks);
    });
    figures.push({ figure: `${lens} after a file changed: one readdir (after)`, runs: 20, ...listed, detail: `the folder listed again, containment once per folder; ${ratio(before, listed)} faster than before` });
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
