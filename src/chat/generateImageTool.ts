import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { OutsideWorkspaceError, resolveInsideWorkspace } from '../core/files/containment';
import { toolConfirmation } from '../core/consent/toolConfirmation';
import { formatEstimate } from '../core/cost/money';
import { adviseOnError } from '../core/errorAdvice';
import { slugFromPrompt } from '../core/files/fileNames';
import { truncate } from '../core/jobs/statusSummary';
import { markdownImage, shortAlt } from '../core/links/links';
import { placeholderSizeProblem } from '../core/placeholders/placeholderImage';
import { readImageFacts } from '../core/images/imageFacts';
import { editResultBaseName } from '../core/references/editNames';
import { referenceField } from '../core/references/imageFields';
import { readReferences, referencePlan, ReferenceImageError, withReferences } from '../core/references/referenceFiles';
import { thumbnailOf } from '../core/images/thumbnail';
import { generateImageToolInput, resolveToolTarget, type GenerateImageToolInput } from '../core/toolInput';
import type { SavePlan } from '../core/jobs/jobRecord';
import type { JobOutcome } from '../core/jobs/jobRunner';
import { planSave } from '../editor/savePlanner';
import type { Services } from '../commands/services';
import type { GenerationOutcome } from '../editor/generationService';

export const GENERATE_IMAGE_TOOL = 'runcomfy_generateImage';

/**
 * Lets chat agents generate an image into the workspace. The user confirms first (prompt, size, target,
 * and whose account pays); the job runs through the normal pipeline; the model gets back the saved path and
 * the Markdown to link it, or what to do about an error.
 */
export class GenerateImageTool implements vscode.LanguageModelTool<GenerateImageToolInput> {
  constructor(private readonly services: Services) {}

  async prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<GenerateImageToolInput>): Promise<vscode.PreparedToolInvocation> {
    const input = generateImageToolInput().safeParse(options.input);
    if (!input.success) return { invocationMessage: vscode.l10n.t('Checking the image request') };
    const { width, height } = this.size(input.data);
    const offline = await this.offline();
    const references = input.data.referenceImages;
    if (references?.length) {
      const target = input.data.path ?? path.posix.join(path.posix.dirname(references[0]!.replace(/\\/g, '/')), editResultBaseName(references[0]!));
      const { title, lines } = toolConfirmation({ prompt: input.data.prompt, width, height, target, offline: false, model: this.services.settings.settings.editModel, extraInputs: {}, referenceImages: references });
      const message = new vscode.MarkdownString();
      message.appendText(lines.join('\n\n'));
      return { invocationMessage: references.length === 1 ? vscode.l10n.t('Editing {0}', references[0]!) : vscode.l10n.t('Editing {0} images', references.length), confirmationMessages: { title, message } };
    }
    const target = input.data.path ?? `${this.services.settings.settings.destination.replace(/^\//, '')}${slugFromPrompt(input.data.prompt)}.png`;
    const spending = this.services.generation.spending.current();
    const usersModel = spending.overrides.find((o) => o.key === 'model' && spending.settings.model === o.workspaceValue)?.userValue;
    const steps = input.data.steps ?? this.services.settings.settings.steps;
    const { costs } = this.services.generation;
    // The body the job would send (its count input decides the estimate); a body the model refuses is
    // refused again when the job starts, so the estimate falls back to one image.
    const prepared = await this.services.generation.prepare({ prompt: input.data.prompt, width, height, steps }, spending.settings);
    const body = prepared.ok ? prepared.input : { prompt: input.data.prompt };
    const { estimate } = await costs.estimateNow({ model: spending.settings.model, input: body, jobs: 1 });
    const price = { line: await costs.priceLine(spending.settings.model), estimate: formatEstimate(estimate) };
    const { title, lines } = toolConfirmation({
      prompt: input.data.prompt,
      width,
      height,
      steps,
      target,
      offline,
      ...spending.settings,
      usersModel: typeof usersModel === 'string' ? usersModel : undefined,
      price,
    });
    const message = new vscode.MarkdownString();
    message.appendText(lines.join('\n\n'));
    return { invocationMessage: vscode.l10n.t('Generating “{0}”', truncate(input.data.prompt, 60)), confirmationMessages: { title, message } };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<GenerateImageToolInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const saved: string[] = [];
    const text = await this.run(options.input, token, saved);
    // A vision-capable model can look at what was saved and iterate; the text keeps the path and Markdown.
    const thumbnail = saved[0] ? await fs.readFile(saved[0]).then(thumbnailOf, () => undefined) : undefined;
    const parts: unknown[] = [new vscode.LanguageModelTextPart(text)];
    // LanguageModelDataPart is newer than the VS Code this extension supports at least (1.101): used where the host has it.
    const dataPart = (vscode as unknown as { LanguageModelDataPart?: { image(data: Uint8Array, mime: string): unknown } }).LanguageModelDataPart;
    if (thumbnail && dataPart) parts.push(dataPart.image(thumbnail.bytes, thumbnail.mime));
    return new vscode.LanguageModelToolResult(parts as vscode.LanguageModelTextPart[]);
  }

  private async run(raw: unknown, token: vscode.CancellationToken, saved: string[]): Promise<string> {
    const parsed = generateImageToolInput().safeParse(raw);
    if (!parsed.success) return `Error: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`;
    const input = parsed.data;
    if (input.referenceImages?.length) return this.runEdit(input, input.referenceImages, token, saved);
    const { width, height } = this.size(input);
    const offline = await this.offline();
    if (!offline && !(await this.services.tokens.get())) {
      return 'Error: no RunComfy API token is set. Ask the user to run “RunComfy: Set API Token”, or to set runcomfy.provider to "offline" for placeholder images.';
    }
    if (!offline) {
      // Checked against the model's schema before the user's account is charged: a bad extra input or
      // value names its field, and the model can tell the user what to change.
      const prepared = await this.services.generation.prepare({ prompt: input.prompt, width, height, steps: input.steps });
      if (!prepared.ok) return `Error: ${prepared.problem} Nothing was sent. Ask the user to change that setting (runcomfy.extraInputs or runcomfy.model).`;
    } else if (placeholderSizeProblem(width, height)) {
      return `Error: ${placeholderSizeProblem(width, height)} Choose a size inside that range.`;
    }
    const save = await this.savePlan(() => this.plan(input));
    if (typeof save === 'string') return save;
    return this.runJob(input.prompt, token, saved, (onStarted) =>
      this.services.generation.generate({
        prompt: input.prompt,
        source: 'tool',
        provider: offline ? 'offline' : 'runcomfy',
        save,
        width,
        height,
        steps: input.steps,
        onStarted,
      }),
    );
  }

  /** An edit: the references are contained like `path`, checked before anything is sent, and go to runcomfy.editModel. */
  private async runEdit(input: GenerateImageToolInput, references: string[], token: vscode.CancellationToken, saved: string[]): Promise<string> {
    if (!(await this.services.tokens.get())) return 'Error: editing images needs a RunComfy API token. Ask the user to run “RunComfy: Set API Token”.';
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) return 'Error: no workspace folder is open.';
    const roots = folders.map((f) => f.uri.fsPath);
    const named = folders.map((f) => ({ name: f.name, path: f.uri.fsPath }));
    const files = references.map((reference) => {
      const target = resolveToolTarget(reference, named);
      return path.join(target.folder, target.fileName ?? '');
    });
    const model = this.services.settings.settings.editModel;
    const label = (await this.services.catalog.model(model))?.displayName ?? model;
    const field = referenceField(await this.services.catalog.inputSchema(model));
    if (!field) return `Error: ${label} (runcomfy.editModel) takes no image input, so it cannot edit. Ask the user to choose an edit model.`;
    const plan = referencePlan(field, label, files);
    try {
      withReferences({ prompt: input.prompt }, plan, await readReferences(plan, { workspaceFolders: roots, displayName: (file) => vscode.workspace.asRelativePath(file, false) }));
    } catch (error) {
      if (error instanceof ReferenceImageError) return `Error: ${error.message}`;
      throw error;
    }
    const save = await this.savePlan(async () =>
      input.path ? this.plan(input) : { folder: path.dirname(files[0]!), baseName: editResultBaseName(files[0]!), workspaceFolders: roots, embedMetadata: this.services.settings.settings.embedMetadata },
    );
    if (typeof save === 'string') return save;
    return this.runJob(input.prompt, token, saved, (onStarted) =>
      this.services.generation.edit({ instruction: input.prompt, model, input: { prompt: input.prompt }, references: plan, save, source: 'tool', onStarted }),
    );
  }

  /** Where the file goes, or the error to answer (a path outside the workspace, no folder open). */
  private async savePlan(plan: () => Promise<SavePlan | undefined>): Promise<SavePlan | string> {
    try {
      return (await plan()) ?? 'Error: no workspace folder is open to save the image into.';
    } catch (error) {
      if (error instanceof OutsideWorkspaceError) return `Error: ${error.message} Use a path inside the workspace, such as assets/images/hero.png.`;
      throw error;
    }
  }

  /** Runs one job with the chat's cancellation wired to it; answers with what was saved or what went wrong. */
  private async runJob(
    prompt: string,
    token: vscode.CancellationToken,
    saved: string[],
    start: (onStarted: (jobId: string) => void) => Promise<JobOutcome | undefined>,
  ): Promise<string> {
    let jobId: string | undefined;
    const cancel = token.onCancellationRequested(() => jobId && void this.services.runner.cancel(jobId));
    try {
      const outcome = await start((id) => {
        jobId = id;
        if (token.isCancellationRequested) void this.services.runner.cancel(id);
      });
      if (!outcome) return 'Error: the image was not generated.';
      if (outcome.job.phase === 'cancelled') return 'Cancelled: no image was saved.';
      if (outcome.job.phase !== 'saved') return `Error: ${adviseOnError(outcome.error ?? new Error(outcome.job.error?.message)).message}`;
      saved.push(...outcome.job.files);
      const notes = ((outcome as Partial<GenerationOutcome>).notes ?? []).map((note) => `Note: ${note}.`);
      return [await this.describeSaved(outcome.job.files, prompt), ...notes].join('\n');
    } finally {
      cancel.dispose();
    }
  }

  private size(input: GenerateImageToolInput): { width: number; height: number } {
    const s = this.services.settings.settings;
    return { width: input.width ?? s.width, height: input.height ?? s.height };
  }

  private async offline(): Promise<boolean> {
    return this.services.settings.settings.provider === 'offline';
  }

  private async plan(input: GenerateImageToolInput): Promise<SavePlan | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!input.path) return planSave(this.services.settings, input.prompt, undefined);
    if (folders.length === 0) return undefined;
    const roots = folders.map((f) => f.uri.fsPath);
    const target = resolveToolTarget(input.path, folders.map((f) => ({ name: f.name, path: f.uri.fsPath })));
    await resolveInsideWorkspace(path.join(target.folder, target.fileName ?? 'x.png'), roots);
    const fileName = target.fileName ?? `${slugFromPrompt(input.prompt)}.png`;
    return {
      folder: target.folder,
      baseName: fileName,
      exactTarget: target.fileName ? path.join(target.folder, fileName) : undefined,
      workspaceFolders: roots,
      embedMetadata: this.services.settings.settings.embedMetadata,
    };
  }

  private async describeSaved(files: string[], prompt: string): Promise<string> {
    const lines: string[] = [];
    for (const file of files) {
      const relative = vscode.workspace.asRelativePath(file, false);
      // The size of the file itself: a model may take named sizes or round the one asked for.
      const size = (await readImageFacts(file).catch(() => undefined))?.size;
      lines.push(`Saved ${relative}${size ? ` (${size.width}×${size.height})` : ''}.`);
      lines.push(`Markdown, with the path relative to the workspace root: ${markdownImage(shortAlt(prompt), encodeURI(relative))}`);
    }
    return lines.join('\n');
  }
}
