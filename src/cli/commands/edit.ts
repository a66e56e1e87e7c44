import * as path from 'node:path';
import type { JobSpec } from '../../core/jobs/jobRunner';
import { editResultBaseName } from '../../core/references/editNames';
import { referenceField } from '../../core/references/imageFields';
import { readReferences, referencePlan, ReferenceImageError, withReferences } from '../../core/references/referenceFiles';
import { InvalidInputError } from '../../runcomfy/errors';
import type { RunComfyHttpClient } from '../../runcomfy';
import { isValidModelId } from '../../runcomfy/origin';
import { commonOptions, jobOptions, parseCommandLine, timeoutOption } from '../args';
import { CliSession } from '../cliSession';
import type { Command } from '../command';
import { confirmCost, COST_THRESHOLD_VARIABLE, currentModelEntry, runEstimate } from '../costCheck';
import { createCliClient, loadProject, readApiConfig, requireToken } from '../environment';
import { EXIT, UsageError } from '../exitCodes';
import { resolveModel } from '../modelInputs';
import { displayPath } from '../output';
import { batchExitCode, failureMessage, jobJson } from '../report';

const options = { ...commonOptions, ...jobOptions, model: { type: 'string' }, image: { type: 'string', multiple: true }, out: { type: 'string', short: 'o' }, yes: { type: 'boolean', short: 'y' } } as const;

export const editCommand: Command = {
  name: 'edit',
  summary: 'edit a project image with an instruction and save the result beside it',
  help: `Usage: runcomfy-images edit [options] <image> <instruction…>

Sends the image (and any --image references) to a RunComfy edit model with the instruction, and saves the
result beside the original as <name>-edit.png (then <name>-edit-1.png, …): the original is never touched.
Images are checked before anything is sent: inside the project, PNG, JPEG or WebP by their bytes, at most
6 MiB and 32 MP each, 64 MiB per request, and the model's own limits. The saved path goes to stdout;
the estimated cost goes to stderr. An edit whose estimate is above $0.30 (or ${COST_THRESHOLD_VARIABLE}),
or whose price is unknown, asks first on a terminal and needs --yes otherwise.

Options:
  --model ID             edit model id (default: runcomfy.editModel, else google/nano-banana-2-lite/edit)
  --image FILE           another reference image (repeatable; up to the model's maximum)
  -o, --out DIR          save into DIR instead of beside the image
  -y, --yes              spend without asking, whatever the estimate
  --timeout SECONDS      stop waiting after this long (default: runcomfy.jobTimeoutMinutes, else 30 min)
  --root DIR             project root (default: nearest folder with .git, else the current folder)
  --json                 print one JSON document with the request id, files, timings, the estimate and
                         the job's cost in USD (null when RunComfy did not report one)
  -h, --help             show this help

Examples:
  runcomfy-images edit assets/hero.png "make the sky stormy"
  runcomfy-images edit product.jpg "on a white background" --image backdrop.png --out public/img`,

  async run(argv, context) {
    const { values, positionals } = parseCommandLine(argv, options);
    const [image, ...words] = positionals;
    const instruction = words.join(' ').trim();
    if (!image || !instruction) throw new UsageError('Give an image and an instruction: runcomfy-images edit assets/hero.png "make the sky stormy".');
    if (values.model !== undefined && !isValidModelId(values.model.trim())) throw new UsageError(`--model must be a RunComfy model id like owner/family/variant, got "${values.model}".`);
    const timeoutMs = timeoutOption(values.timeout);
    const api = readApiConfig(context.env);
    const { output, cwd } = context;
    const files = [image, ...(values.image ?? [])].map((file) => path.resolve(cwd, file));
    const project = await loadProject(cwd, values.root, (message) => output.warn(message), files);
    requireToken(api, true);
    const model = values.model?.trim() || project.settings.editModel;
    output.info(`Model: ${model} (${values.model?.trim() ? 'from --model' : project.fromFile.has('editModel') ? 'from .vscode/settings.json' : 'the default'})`);
    let client: RunComfyHttpClient | undefined;
    const getClient = async () => (client ??= createCliClient(api, project.settings, context.version));
    try {
      const resolved = await resolveModel(model, getClient);
      const field = referenceField(resolved.inputs);
      if (!field) throw new InvalidInputError(`${resolved.label} takes no image input, so it cannot edit. Choose an edit model with --model or runcomfy.editModel.`, { field: 'model' });
      const plan = referencePlan(field, resolved.label, files);
      try {
        withReferences({ prompt: instruction }, plan, await readReferences(plan, { workspaceFolders: [project.root], displayName: (file) => displayPath(file, cwd) }));
      } catch (error) {
        if (error instanceof ReferenceImageError) throw new InvalidInputError(error.message, { field: 'image' });
        throw error;
      }
      const outDir = values.out === undefined ? undefined : path.resolve(cwd, values.out);
      const spec: JobSpec = {
        source: 'edit',
        provider: 'runcomfy',
        prompt: instruction,
        model,
        input: { prompt: instruction },
        references: plan,
        save: {
          folder: outDir ?? path.dirname(files[0]!),
          baseName: editResultBaseName(files[0]!),
          // --out is the user's own choice on their command line; the images themselves stay inside the root.
          workspaceFolders: outDir ? [outDir, project.root] : [project.root],
          embedMetadata: project.settings.embedMetadata,
        },
      };
      // The price read right before spending, uncached (the embedded schema has none): the estimate decides whether to ask.
      const entry = resolved.entry ?? (await currentModelEntry(model, getClient, context));
      const estimate = runEstimate(model, entry, spec.input, 1);
      output.info(estimate.line);
      if (!(await confirmCost(estimate, values.yes, context))) {
        output.info('Nothing edited.');
        return EXIT.cancelled;
      }
      const estimatedCostUsd = estimate.estimate.known ? estimate.estimate.totalUsd : null;
      const session = new CliSession({ output, settings: project.settings, timeoutMs, onInterrupt: 'cancel', getClient });
      const batch = await session.run([spec], (report) => {
        if (report.exitCode === EXIT.ok) {
          if (!values.json) for (const file of report.job.files) output.result(displayPath(file, cwd));
        } else if (report.exitCode !== EXIT.cancelled || !session.wasInterrupted) {
          output.error(failureMessage(report));
        }
      });
      const exitCode = batchExitCode(batch);
      if (values.json) output.json({ exitCode, estimatedCostUsd, jobs: batch.reports.map(jobJson) });
      return exitCode;
    } finally {
      await client?.close();
    }
  },
};
