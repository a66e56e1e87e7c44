import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../core/files/atomicWrite';
import type { JobSpec } from '../../core/jobs/jobRunner';
import { rewriteImageLinkPaths } from '../../core/links/linkRewrite';
import { findMissingImages, refusalReason } from '../../core/links/missingImages';
import { commonOptions, generationOptions, jobOptions, parseCommandLine } from '../args';
import type { CliContext, Command } from '../command';
import { EXIT, UsageError } from '../exitCodes';
import { prepareGeneration } from '../generationSetup';
import { collectMarkdownFiles } from '../markdownFiles';
import { displayPath, plural } from '../output';
import { batchExitCode, failureMessage, jobJson } from '../report';
import type { JobReport } from '../cliSession';
import { isYes } from '../terminal';
import { batchNeedsConfirmation, batchQuestion, UNCONFIRMED_BATCH_LIMIT } from '../../core/consent/batchConsent';
import { costThresholdUsd, COST_THRESHOLD_VARIABLE, currentModelEntry, runEstimate, type RunEstimate } from '../costCheck';

const options = { ...commonOptions, ...jobOptions, ...generationOptions, 'dry-run': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } } as const;

/** Where a missing image is linked from. */
interface LinkSite {
  document: string;
  line: number;
  rawPath: string;
}

/** A missing image to generate: one per target, however many links name it. */
interface Wanted {
  target: string;
  prompt: string;
  sites: LinkSite[];
}

interface Refused {
  target: string;
  site: LinkSite;
  reason: string;
}

export const fillCommand: Command = {
  name: 'fill',
  summary: 'generate every missing image linked from Markdown files, from its alt text',
  help: `Usage: runcomfy-images fill [options] <markdown files or folders…>

Generates every missing local image linked from the given Markdown files (folders are searched for *.md
and *.markdown, skipping node_modules and dot-folders), using the link's alt text as the prompt and saving
to exactly the linked path. Remote URLs and existing files are left alone. A link without alt text is
reported, not generated; a link that points outside the project root is refused and nothing is written.
If RunComfy returns another format than the link names (hero.png → WebP), the file is saved as hero.webp
and the link is updated. Saved paths go to stdout; progress and refusals to stderr.

Options:
  --dry-run              list what would be generated (stdout) and refused (stderr), and the estimated
                         total (stderr; the price is read from RunComfy when a token is set); send nothing
  -y, --yes              start more than ${UNCONFIRMED_BATCH_LIMIT} paid jobs, or a batch estimated above $0.30
                         (${COST_THRESHOLD_VARIABLE}) or of unknown price, without asking (needed when stdin
                         or stderr is not a terminal; on a terminal fill asks first)
  --offline              render local placeholder PNGs instead: no network, no token, no cost
  --width N, --height N  size in pixels (default: runcomfy.width/height, else 1024)
  --steps N              diffusion steps (default: runcomfy.steps, else 25)
  --model ID             RunComfy model id (default: runcomfy.model, else FLUX.2 Klein 9B)
  --concurrency N        jobs sent at once (default: runcomfy.maxConcurrentJobs, else 4)
  --timeout SECONDS      stop waiting after this long (default: runcomfy.jobTimeoutMinutes, else 30 min)
  --root DIR             project root: links may only write inside it; a leading / in a link starts
                         here (default: nearest folder with .git above the files given, else the
                         current folder)
  --json                 print one JSON document with generated, refused and failed images, the
                         estimated total and each job's cost in USD
  -h, --help             show this help

Exit code: 0 when every missing image was generated; 11 when some links were refused or had no alt text;
2 when more than ${UNCONFIRMED_BATCH_LIMIT} paid jobs, or a batch above the cost threshold or of unknown price, would
start with no terminal to ask and no --yes; 130 when you
answered no; otherwise the code of the first failure (see runcomfy-images --help).

Examples:
  runcomfy-images fill --dry-run docs/
  runcomfy-images fill README.md docs/
  runcomfy-images fill --yes docs/          # in CI: no question, every missing image is generated
  runcomfy-images fill --offline --width 800 --height 450 content/blog`,

  async run(argv, context) {
    const { values, positionals } = parseCommandLine(argv, options);
    if (positionals.length === 0) throw new UsageError('Name the Markdown files or folders to fill: runcomfy-images fill docs/');
    const files = await collectMarkdownFiles(positionals, context.cwd);
    const setup = await prepareGeneration(values, context, values['dry-run'] === true, positionals);
    try {
      const { output, cwd } = context;
      const { wanted, refused } = await scan(files, setup.project.root);
      const site = (s: LinkSite) => `${displayPath(s.document, cwd)}:${s.line}`;
      for (const r of refused) output.warn(`not generating ${r.site.rawPath} (${site(r.site)}): ${r.reason}`);
      // The price read right before the batch (uncached); without a token (a dry run) it stays unknown.
      let cost: RunEstimate | undefined;
      if (setup.provider === 'runcomfy' && wanted.length > 0) {
        const dryRun = values['dry-run'] === true;
        const entry = setup.modelEntry ?? (setup.canReadPrices ? await currentModelEntry(setup.model, setup.getClient, context, dryRun) : undefined);
        cost = runEstimate(setup.model, entry, setup.inputFor(wanted[0]!.prompt), wanted.length);
      }
      const estimatedCostUsd = cost?.estimate.known ? cost.estimate.totalUsd : null;
      const nothingToRun = (summary: string) => {
        output.info(summary);
        const exitCode = refused.length > 0 ? EXIT.refused : EXIT.ok;
        if (values.json) output.json({ exitCode, estimatedCostUsd: values['dry-run'] ? estimatedCostUsd : null, wanted: values['dry-run'] ? wanted : [], generated: [], refused });
        return exitCode;
      };
      if (values['dry-run']) {
        if (!values.json) for (const w of wanted) output.result(`would generate ${displayPath(w.target, cwd)} from "${w.prompt}" (${w.sites.map(site).join(', ')})`);
        if (cost) output.info(`${cost.line}${setup.canReadPrices ? '' : ' (set RUNCOMFY_API_TOKEN to read the price)'}.`);
        return nothingToRun(`${plural(wanted.length, 'missing image')} to generate in ${plural(files.length, 'file')}; ${refused.length} refused.`);
      }
      if (wanted.length === 0) return nothingToRun(`Nothing to generate: every image linked from ${plural(files.length, 'file')} exists or was refused.`);
      if (cost) output.info(`${cost.line}.`);
      const threshold = costThresholdUsd(context);
      if (batchNeedsConfirmation(wanted.length, setup.provider, cost && { estimate: cost.estimate, thresholdUsd: threshold }) && !values.yes) {
        const price = cost && { modelLabel: cost.modelLabel, estimate: cost.estimate };
        const question = batchQuestion(wanted.map((w) => ({ prompt: w.prompt, target: displayPath(w.target, cwd) })), setup.model, price);
        if (!context.terminal?.interactive) {
          throw new UsageError(
            `fill would start ${wanted.length} paid RunComfy jobs (model ${setup.model}). Pass --yes to start them, --dry-run to list them, or --offline for free placeholders.${cost ? ` ${cost.line}.` : ''}`,
          );
        }
        output.info(`${question.title}\n${question.detail}`);
        if (!isYes(await context.terminal.ask('Generate them? [y/N] '))) {
          output.info('Nothing generated.');
          return EXIT.cancelled;
        }
      }
      const specs = wanted.map((w): JobSpec => ({
        source: 'missingImages',
        provider: setup.provider,
        prompt: w.prompt,
        model: setup.model,
        input: setup.inputFor(w.prompt),
        save: {
          folder: path.dirname(w.target),
          baseName: path.basename(w.target),
          exactTarget: w.target,
          workspaceFolders: [setup.project.root],
          documentPath: w.sites[0]!.document,
          embedMetadata: setup.project.settings.embedMetadata,
        },
      }));
      const batch = await setup.session.run(specs, (report) => {
        const w = wanted[report.index]!;
        if (report.exitCode === EXIT.ok) {
          if (!values.json) for (const file of report.job.files) output.result(displayPath(file, cwd));
        } else if (report.exitCode !== EXIT.cancelled || !setup.session.wasInterrupted) {
          output.error(`${displayPath(w.target, cwd)}: ${failureMessage(report)}`);
        }
      });
      await relinkChangedExtensions(batch.reports, wanted, context);
      const saved = batch.reports.filter((r) => r.exitCode === EXIT.ok).length;
      output.info(`Generated ${saved} of ${plural(wanted.length, 'missing image')}${refused.length ? `; ${refused.length} refused` : ''}.`);
      const exitCode = batchExitCode(batch);
      const final = exitCode === EXIT.ok && refused.length > 0 ? EXIT.refused : exitCode;
      if (values.json) {
        output.json({ exitCode: final, estimatedCostUsd, wanted, generated: batch.reports.map((r) => ({ target: wanted[r.index]!.target, sites: wanted[r.index]!.sites, ...jobJson(r) })), refused });
      }
      return final;
    } finally {
      await setup.close();
    }
  },
};

/** Every missing image in `files`, split into those to generate and those refused. */
async function scan(files: string[], root: string): Promise<{ wanted: Wanted[]; refused: Refused[] }> {
  const wanted = new Map<string, Wanted>();
  const refused: Refused[] = [];
  for (const document of files) {
    const text = await fs.readFile(document, 'utf8');
    for (const item of await findMissingImages(text, 'markdown', document, root)) {
      const site = { document, line: lineOf(text, item.link.start), rawPath: item.link.rawPath };
      const known = wanted.get(item.target);
      if (known) {
        known.sites.push(site);
        continue;
      }
      const refusal = await refusalReason(item, [root], { label: `the project root ${root}`, hint: 'pass --root to choose another root' });
      if (refusal) refused.push({ target: item.target, site, reason: refusal.message });
      else wanted.set(item.target, { target: item.target, prompt: item.link.alt.trim(), sites: [site] });
    }
  }
  return { wanted: [...wanted.values()], refused };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** A file saved under another extension than its link names (WebP for hero.png): point the links at it. */
async function relinkChangedExtensions(reports: JobReport[], wanted: Wanted[], context: CliContext): Promise<void> {
  for (const report of reports) {
    const file = report.job.files[0];
    const w = wanted[report.index]!;
    if (!file || path.extname(file) === path.extname(w.target)) continue;
    for (const site of w.sites) {
      const text = await fs.readFile(site.document, 'utf8');
      const { text: updated, changed } = rewriteImageLinkPaths(text, 'markdown', site.document, site.rawPath, file);
      if (changed === 0) continue;
      await writeFileAtomic(site.document, Buffer.from(updated, 'utf8'), { overwrite: true });
      context.output.info(`RunComfy returned ${path.extname(file).slice(1).toUpperCase()}: saved ${displayPath(file, context.cwd)} and updated the link in ${displayPath(site.document, context.cwd)}.`);
    }
  }
}
