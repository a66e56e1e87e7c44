import * as path from 'node:path';
import { resolveDestination } from '../../core/files/destination';
import { slugFromPrompt } from '../../core/files/fileNames';
import type { JobSpec } from '../../core/jobs/jobRunner';
import { commonOptions, generationOptions, integerOption, jobOptions, parseCommandLine } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../exitCodes';
import { confirmCost, COST_THRESHOLD_VARIABLE, currentModelEntry, runEstimate } from '../costCheck';
import { prepareGeneration } from '../generationSetup';
import { inputOptions } from '../modelInputs';
import { displayPath } from '../output';
import { batchExitCode, failureMessage, jobJson } from '../report';

const options = { ...commonOptions, ...jobOptions, ...generationOptions, ...inputOptions, count: { type: 'string', short: 'n' }, out: { type: 'string', short: 'o' }, yes: { type: 'boolean', short: 'y' } } as const;

export const generateCommand: Command = {
  name: 'generate',
  summary: 'generate images from a prompt and save them',
  help: `Usage: runcomfy-images generate [options] <prompt…>

Generates an image from the prompt with RunComfy (or renders an offline placeholder) and saves it.
Saved paths go to stdout, one per line; progress and the estimated cost go to stderr. A run whose estimate
is above $0.30 (or ${COST_THRESHOLD_VARIABLE}), or whose price is unknown, asks first on a terminal and
needs --yes otherwise.

Options:
  --width N, --height N  size in pixels (default: runcomfy.width/height, else 1024)
  --steps N              diffusion steps (default: runcomfy.steps, else 25)
  --model ID             RunComfy model id (default: runcomfy.model, else FLUX.2 Klein 9B); the size
                         becomes the model's own inputs (width/height in range, or its size enums)
  --input KEY=VALUE      a model input, typed from the model's schema (repeatable; see "models show ID")
  --input-file FILE      model inputs from a JSON object (--input values win)
  -n, --count N          generate N images, as N concurrent jobs (1–16, default 1)
  --concurrency N        jobs sent at once (default: runcomfy.maxConcurrentJobs, else 4)
  -o, --out DIR          save into DIR (default: runcomfy.destination, else <root>/assets/generated/)
  -y, --yes              spend without asking, whatever the estimate
  --offline              render local placeholder PNGs: no network, no token, no cost
  --timeout SECONDS      stop waiting after this long (default: runcomfy.jobTimeoutMinutes, else 30 min)
  --root DIR             project root (default: nearest folder with .git, else the current folder)
  --json                 print one JSON document with request ids, files, timings, the estimate and
                         each job's cost in USD (null when RunComfy did not report one)
  -h, --help             show this help

Examples:
  runcomfy-images generate "a hummingbird sipping nectar, watercolor"
  runcomfy-images generate --width 1536 --height 864 -n 4 --out public/img "cozy cafe interior"
  runcomfy-images generate --offline --width 800 --height 600 "hero banner"
  runcomfy-images generate --model blackforestlabs/flux-2/flash/text-to-image --input output_format=jpeg --input seed=7 "cozy cafe"
  runcomfy-images generate --json "isometric city at night" | jq -r '.jobs[].files[]'`,

  async run(argv, context) {
    const { values, positionals } = parseCommandLine(argv, options);
    const prompt = positionals.join(' ').trim();
    if (!prompt) throw new UsageError('Give a prompt: runcomfy-images generate "a hummingbird sipping nectar".');
    const count = integerOption(values.count, 'count', 1, 16) ?? 1;
    const setup = await prepareGeneration(values, context);
    try {
      const { project } = setup;
      const fileName = `${slugFromPrompt(prompt)}.png`;
      const outDir = values.out === undefined ? undefined : path.resolve(context.cwd, values.out);
      const target = outDir
        ? path.join(outDir, fileName)
        : resolveDestination({ workspaceFolder: project.root, fileName, template: project.settings.destination, now: new Date(), warn: (message) => context.output.warn(message) });
      const spec: JobSpec = {
        source: 'palette',
        provider: setup.provider,
        prompt,
        model: setup.model,
        input: setup.inputFor(prompt),
        save: {
          folder: path.dirname(target),
          baseName: path.basename(target),
          // --out is the user's own choice on their command line; settings and links stay inside the root.
          workspaceFolders: outDir ? [outDir] : [project.root],
          embedMetadata: project.settings.embedMetadata,
        },
      };
      const { output, cwd } = context;
      let estimatedCostUsd: number | null = null;
      if (setup.provider === 'runcomfy') {
        // The price read right before spending, uncached: the estimate decides whether to ask.
        const entry = setup.modelEntry ?? (await currentModelEntry(setup.model, setup.getClient, context));
        const run = runEstimate(setup.model, entry, spec.input, count);
        output.info(run.line);
        if (run.estimate.known) estimatedCostUsd = run.estimate.totalUsd;
        if (!(await confirmCost(run, values.yes, context))) {
          output.info('Nothing generated.');
          return EXIT.cancelled;
        }
      }
      const batch = await setup.session.run(Array.from({ length: count }, () => spec), (report) => {
        if (report.exitCode === EXIT.ok) {
          if (!values.json) for (const file of report.job.files) output.result(displayPath(file, cwd));
        } else if (report.exitCode !== EXIT.cancelled || !setup.session.wasInterrupted) {
          output.error(failureMessage(report));
        }
      });
      const exitCode = batchExitCode(batch);
      if (values.json) output.json({ exitCode, estimatedCostUsd, jobs: batch.reports.map(jobJson) });
      return exitCode;
    } finally {
      await setup.close();
    }
  },
};
