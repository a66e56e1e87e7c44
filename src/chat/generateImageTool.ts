import * as path from 'node:path';
import * as vscode from 'vscode';
import { OutsideWorkspaceError, resolveInsideWorkspace } from '../core/containment';
import { toolConfirmation } from '../core/consent/toolConfirmation';
import { formatEstimate } from '../core/cost/money';
import { adviseOnError } from '../core/errorAdvice';
import { slugFromPrompt } from '../core/fileNames';
import { truncate } from '../core/jobs/statusSummary';
import { markdownImage, shortAlt } from '../core/links';
import { placeholderSizeProblem } from '../core/placeholder';
import { readImageFacts } from '../core/imageFacts';
import { generateImageToolInput, resolveToolTarget, type GenerateImageToolInput } from '../core/toolInput';
import type { SavePlan } from '../core/jobs/jobRecord';
import { planSave } from '../editor/savePlanner';
import type { Services } from '../commands/services';

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
    if (!input.success) return { invocationMessage: 'Checking the image request' };
    const { width, height } = this.size(input.data);
    const offline = await this.offline();
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
    return { invocationMessage: `Generating “${truncate(input.data.prompt, 60)}”`, confirmationMessages: { title, message } };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<GenerateImageToolInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(await this.run(options.input, token))]);
  }

  private async run(raw: unknown, token: vscode.CancellationToken): Promise<string> {
    const parsed = generateImageToolInput().safeParse(raw);
    if (!parsed.success) return `Error: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`;
    const input = parsed.data;
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
    let save: SavePlan | undefined;
    try {
      save = await this.plan(input);
    } catch (error) {
      if (error instanceof OutsideWorkspaceError) return `Error: ${error.message} Use a path inside the workspace, such as assets/images/hero.png.`;
      throw error;
    }
    if (!save) return 'Error: no workspace folder is open to save the image into.';
    let jobId: string | undefined;
    const cancel = token.onCancellationRequested(() => jobId && void this.services.runner.cancel(jobId));
    try {
      const outcome = await this.services.generation.generate({
        prompt: input.prompt,
        source: 'tool',
        provider: offline ? 'offline' : 'runcomfy',
        save,
        width,
        height,
        steps: input.steps,
        onStarted: (id) => {
          jobId = id;
          if (token.isCancellationRequested) void this.services.runner.cancel(id);
        },
      });
      if (!outcome) return 'Error: the image was not generated.';
      if (outcome.job.phase === 'cancelled') return 'Cancelled: no image was saved.';
      if (outcome.job.phase !== 'saved') return `Error: ${adviseOnError(outcome.error ?? new Error(outcome.job.error?.message)).message}`;
      const notes = outcome.notes.map((note) => `Note: ${note}.`);
      return [await this.describeSaved(outcome.job.files, input.prompt), ...notes].join('\n');
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
