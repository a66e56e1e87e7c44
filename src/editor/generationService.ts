import * as path from 'node:path';
import * as vscode from 'vscode';
import { adviseOnError, type ErrorAction } from '../core/errorAdvice';
import { readImageFacts } from '../core/images/imageFacts';
import type { JobOutcome, JobRunner } from '../core/jobs/jobRunner';
import type { JobRecord, JobSource, LinkPlan, SavePlan } from '../core/jobs/jobRecord';
import type { JobTracker } from '../core/jobs/jobTracker';
import { phaseLabel, truncate } from '../core/jobs/statusSummary';
import { relativeLink, shortAlt } from '../core/links/links';
import { modelLabel } from '../core/models/modelLabel';
import { placeholderSizeProblem } from '../core/placeholders/placeholderImage';
import { snippetFor } from '../core/links/snippets';
import type { ModelInputSchema } from '../runcomfy/inputSchema';
import type { Logger, ModelInput } from '../runcomfy/types';
import type { ReferencePlan } from '../core/references/referenceFiles';
import { referenceStandIns, withoutReferenceField } from '../core/references/referenceStandIns';
import { COMMANDS } from '../core/commandIds';
import type { CostAnswer, CostGuard } from './costGuard';
import { applyLinkPlan, type AppliedLinkEdit } from './linkWriter';
import type { ModelCatalog } from './modelCatalog';
import { loadModelRuntime } from './modelRuntimeLoader';
import { discardMessage, discardSavedResult } from './savedResultDiscarder';
import type { SettingsReader } from './settingsReader';
import type { TokenStore } from './tokenStore';
import type { UserMessages } from './userMessages';
import type { WorkspaceSettingsAnswer, WorkspaceSettingsConsent } from './workspaceSettingsConsent';

/** VS Code's minimum display time for a progress notification (800 ms), plus a margin for the round trip. */
const PROGRESS_MIN_VISIBLE_MS = 1000;

/** One generation request from any command. */
export interface GenerationRequest {
  prompt: string;
  source: JobSource;
  save: SavePlan;
  link?: LinkPlan;
  /** The wanted size (default: `runcomfy.width`/`height`), mapped to what the model takes. */
  width?: number;
  height?: number;
  /** Default `runcomfy.steps`; sent only to models with a `steps` input. */
  steps?: number;
  /** Values chosen for this model's own inputs (e.g. an edit's images); `runcomfy.extraInputs` still win. */
  inputs?: Record<string, unknown>;
  /** Show a cancellable progress notification and error messages (user-started single jobs). */
  notify?: boolean;
  /** Told the job id as soon as the job is recorded (for batch cancel). */
  onStarted?: (jobId: string) => void;
  /** Force the provider (e.g. the user picked "Use Offline Placeholders" for this run). */
  provider?: 'runcomfy' | 'offline';
  /** Answers "This workspace sets runcomfy.model to …" for callers without a person (tests). */
  workspaceSettings?: WorkspaceSettingsAnswer;
  /** The caller already showed this job's cost and the user agreed (a batch question, the Studio's batch). */
  costApproved?: boolean;
  /** Answers the cost question (above `runcomfy.confirmCostAbove`, or price unknown) for callers without a person. */
  costAnswer?: CostAnswer;
  /**
   * The model's own inputs as a form showed them (the Studio), already checked against `schema`: the body
   * is built from them with the defaults the form showed, and `runcomfy.extraInputs` merged last. Refused
   * when the model to use is not the one the form was built for.
   */
  form?: StudioFormInputs;
  /**
   * Reference images (the Studio's references area), already checked by the caller: the body is checked
   * with stand-ins of their count, and the runner encodes the real images right before the submit.
   * RunComfy only: offline placeholders cannot edit.
   */
  references?: ReferencePlan;
}

/** A form's inputs for one model (see {@link GenerationRequest.form}). */
export interface StudioFormInputs {
  model: string;
  schema: ModelInputSchema;
  inputs: Record<string, unknown>;
}

/** How a generation ended, with what was adjusted to meet the model (for the caller to report). */
export interface GenerationOutcome extends JobOutcome {
  notes: string[];
}

/** The body for a RunComfy job, or why it must not be sent. */
export type PreparedGeneration =
  | { ok: true; model: string; label: string; input: ModelInput; notes: string[]; warnings: string[] }
  | { ok: false; model: string; label: string; problem: string; field: string };

/** An edit of workspace images: the model and its input, the images going in as data URIs at submit time. */
export interface EditRequest {
  instruction: string;
  model: string;
  /** The input without the images (the prompt, and nothing the user did not choose). */
  input: ModelInput;
  references: ReferencePlan;
  save: SavePlan;
  source?: JobSource;
  notify?: boolean;
  /** Told the job id as soon as the job is recorded (to cancel it). */
  onStarted?: (jobId: string) => void;
}

/**
 * The editor side of a job: picks the provider (offering a token or offline placeholders when there is no
 * token), builds the body from the model's catalog schema and checks it before anything is sent, starts
 * the job, shows cancellable progress, applies the planned link and turns errors into short messages with
 * buttons.
 */
export class GenerationService {
  /** Jobs whose keep-or-discard question is open, with the link edit made meanwhile (to take it back). */
  private readonly awaitingChoice = new Map<string, Promise<AppliedLinkEdit | undefined> | undefined>();
  /** Jobs the user discarded: their link edit is never made. Checked synchronously, so no race with saving. */
  private readonly discarded = new Set<string>();
  /** Warnings already shown this session (each is logged every time, shown once). */
  private readonly shownWarnings = new Set<string>();

  constructor(
    private readonly runner: JobRunner,
    private readonly tracker: JobTracker,
    private readonly settings: SettingsReader,
    private readonly tokens: TokenStore,
    private readonly log: Logger,
    private readonly messages: UserMessages,
    /** Model and extra inputs for paid jobs, asking first when the workspace overrides the user's. */
    readonly spending: WorkspaceSettingsConsent,
    private readonly catalog: ModelCatalog,
    /** Estimates and the `runcomfy.confirmCostAbove` question, before anything paid is sent. */
    readonly costs: CostGuard,
  ) {}

  /** Which provider to use now; `undefined` when the user dismissed the no-token question. */
  async chooseProvider(): Promise<'runcomfy' | 'offline' | undefined> {
    if (this.settings.settings.provider === 'offline') return 'offline';
    if (await this.tokens.get()) return 'runcomfy';
    const choice = await this.messages.show(
      'warning',
      vscode.l10n.t('Generating with RunComfy needs an API token (runcomfy.com → Profile → API Token). You can also render local placeholder images of the exact size.'),
      vscode.l10n.t('Set API Token'),
      vscode.l10n.t('Use Offline Placeholders'),
    );
    if (choice === vscode.l10n.t('Set API Token')) {
      await vscode.commands.executeCommand(COMMANDS.setApiToken);
      return (await this.tokens.get()) ? 'runcomfy' : undefined;
    }
    return choice === vscode.l10n.t('Use Offline Placeholders') ? 'offline' : undefined;
  }

  /**
   * The body `model` gets for `request`: built from the model's catalog schema (size mapped to what it
   * takes, steps where it has them, `runcomfy.extraInputs` last) and checked against it. Nothing is sent.
   */
  async prepare(
    request: Pick<GenerationRequest, 'prompt' | 'width' | 'height' | 'steps' | 'inputs' | 'form'>,
    spending: { model: string; extraInputs: Record<string, unknown> } = this.spending.current().settings,
  ): Promise<PreparedGeneration> {
    const s = this.settings.settings;
    const { model, extraInputs } = spending;
    const { form } = request;
    const schema = form?.schema ?? (await this.catalog.inputSchema(model));
    const name = this.catalog.knownName(model);
    const label = name ?? model;
    // A form (the Studio) showed the model's own inputs with their defaults: they are sent as seen.
    const intent = form
      ? { prompt: request.prompt, inputs: { ...form.inputs, ...request.inputs }, defaultsShown: true, extraInputs }
      : {
          prompt: request.prompt,
          size: { width: request.width ?? s.width, height: request.height ?? s.height },
          steps: request.steps ?? s.steps,
          inputs: request.inputs,
          extraInputs,
        };
    const prepared = loadModelRuntime().prepareModelRequest(schema, label, intent);
    const shown = modelLabel(model, name ? { displayName: name } : undefined);
    if (prepared.problem) return { ok: false, model, label: shown, problem: prepared.problem.message, field: prepared.problem.field };
    return { ok: true, model, label: shown, input: prepared.body, notes: prepared.notes, warnings: prepared.warnings };
  }

  async generate(request: GenerationRequest): Promise<GenerationOutcome | undefined> {
    const provider = request.provider ?? (await this.chooseProvider());
    if (!provider) return undefined;
    const s = this.settings.settings;
    const width = request.width ?? s.width;
    const height = request.height ?? s.height;
    let model = s.model;
    let input: ModelInput;
    let notes: string[] = [];
    if (provider === 'runcomfy') {
      const spending = await this.spending.forPaidJob(request.workspaceSettings);
      if (!spending) return undefined;
      const form = request.form;
      if (form && form.model !== spending.model) {
        void this.messages.show('error', vscode.l10n.t('The form is for {0}, but this job would use {1}. Check the form and press Generate again.', form.model, spending.model));
        return undefined;
      }
      const references = request.references;
      const checked = references ? { ...request, inputs: { ...request.inputs, ...referenceStandIns(references) } } : request;
      const prepared = await this.prepare(checked, spending);
      if (!prepared.ok) {
        this.log.warn(`Not sent to RunComfy (${prepared.model}): ${prepared.problem}`);
        void this.messages.show('error', vscode.l10n.t('{0} Nothing was sent.', prepared.problem), vscode.l10n.t('Open Settings')).then((b) => b && openSettings());
        return undefined;
      }
      ({ model, input, notes } = prepared);
      if (references) input = withoutReferenceField(input, references);
      this.report(prepared.notes, prepared.warnings, request.notify === true);
    } else if (request.references) {
      void this.messages.show('error', vscode.l10n.t('Offline placeholders cannot edit images: remove the reference images, or generate with RunComfy.'));
      return undefined;
    } else {
      // The offline renderer has its own range; checked here too for callers that skip the prompt box.
      const problem = placeholderSizeProblem(width, height);
      if (problem) {
        void this.messages.show('error', problem, vscode.l10n.t('Open Settings')).then((b) => b && openSettings());
        return undefined;
      }
      input = { prompt: request.prompt, width, height };
    }
    if (provider === 'runcomfy' && !request.costApproved && !(await this.costs.approve({ model, input, jobs: 1, what: request.references ? vscode.l10n.t('an edit') : vscode.l10n.t('an image') }, request.costAnswer))) {
      return undefined;
    }
    const { job, done } = await this.runner.start({
      source: request.source,
      provider,
      prompt: request.prompt,
      model,
      input,
      save: request.save,
      link: request.link,
      ...(request.references ? { references: request.references } : {}),
    });
    request.onStarted?.(job.id);
    this.log.info(`Job ${job.id}: ${provider} ${model} ${JSON.stringify({ ...input, prompt: undefined })} "${truncate(request.prompt, 80)}"`);
    const outcome = request.notify ? await this.withProgress(job, done) : await done;
    await this.afterOutcome(outcome, { showErrors: request.notify === true, retry: request });
    return { ...outcome, notes };
  }

  /**
   * Notes (what was adjusted) go to the log, and to the user for a job they started; warnings (inputs the
   * model does not know, inputs replaced by extraInputs) to the log each time and to the user once.
   */
  private report(notes: readonly string[], warnings: readonly string[], userStarted: boolean): void {
    for (const note of notes) this.log.info(`Adjusted for the model: ${note}`);
    if (userStarted && notes.length > 0) void this.messages.show('info', `${capitalise(notes.join('; '))}.`);
    for (const warning of warnings) {
      this.log.warn(warning);
      if (this.shownWarnings.has(warning)) continue;
      this.shownWarnings.add(warning);
      void this.messages.show('warning', warning, vscode.l10n.t('Open Settings')).then((b) => b && openSettings());
    }
  }

  /**
   * Starts an edit with RunComfy (there is no offline edit): the images were checked by the caller and are
   * read, checked and encoded again by the runner right before the submit.
   */
  async edit(request: EditRequest): Promise<JobOutcome> {
    const { job, done } = await this.runner.start({
      source: request.source ?? 'edit',
      provider: 'runcomfy',
      prompt: request.instruction,
      model: request.model,
      input: request.input,
      save: request.save,
      references: request.references,
    });
    request.onStarted?.(job.id);
    this.log.info(`Job ${job.id}: edit of ${request.references.paths.length} image(s) with ${request.model} "${truncate(request.instruction, 80)}"`);
    const outcome = request.notify ? await this.withProgress(job, done) : await done;
    await this.afterOutcome(outcome, { showErrors: request.notify === true });
    return outcome;
  }

  /** Shared by new and resumed jobs: make the planned edit once the file exists, report failures. */
  async afterOutcome(outcome: JobOutcome, options: { showErrors?: boolean; retry?: GenerationRequest } = {}): Promise<void> {
    const { job } = outcome;
    if (job.phase === 'saved' && job.link && !this.discarded.has(job.id)) {
      const applying = applyLinkPlan(job, this.log).catch((e: unknown) => {
        this.log.error(`Could not update the document: ${String(e)}`);
        return undefined;
      });
      if (this.awaitingChoice.has(job.id)) this.awaitingChoice.set(job.id, applying);
      await applying;
    }
    // Not awaited: the command is done; the message waits for the user on its own.
    if ((job.phase === 'failed' || job.phase === 'detached') && options.showErrors !== false) void this.showError(outcome, options.retry);
  }

  private async withProgress(job: JobRecord, done: Promise<JobOutcome>): Promise<JobOutcome> {
    const shownAt = Date.now();
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Generating “{0}”', truncate(job.prompt, 50)), cancellable: true },
      async (progress, token) => {
        const listener = this.tracker.onDidChange((j) => {
          if (j.id === job.id) progress.report({ message: phaseLabel(j) });
        });
        const cancel = token.onCancellationRequested(() => void this.cancelWithChoice(job.id));
        try {
          return await done;
        } finally {
          listener.dispose();
          cancel.dispose();
        }
      },
    );
    // VS Code keeps a progress notification up for at least 800 ms. A quick job would otherwise show its
    // "Saved" message beside a still-live Cancel; wait until the notification has closed.
    const lingering = PROGRESS_MIN_VISIBLE_MS - (Date.now() - shownAt);
    if (lingering > 0) await new Promise((resolve) => setTimeout(resolve, lingering));
    return outcome;
  }

  /** Cancel; when RunComfy says the job already runs, explain and let the user keep or discard the result. */
  async cancelWithChoice(jobId: string): Promise<void> {
    const outcome = await this.runner.cancel(jobId);
    if (outcome !== 'not_cancellable') return;
    this.awaitingChoice.set(jobId, undefined);
    const choice = await this.messages.show(
      'warning',
      vscode.l10n.t('This image is already running on RunComfy; it will finish and may be charged.'),
      vscode.l10n.t('Keep Result'),
      vscode.l10n.t('Discard Result'),
    );
    await this.resolveResultChoice(jobId, choice === vscode.l10n.t('Discard Result') ? 'discard' : 'keep');
  }

  /**
   * Acts on the keep-or-discard answer, whenever it comes. Before the result is saved, nothing will be;
   * after, its files go to the trash, the link edit is taken back, and the user is told.
   */
  async resolveResultChoice(jobId: string, choice: 'keep' | 'discard'): Promise<void> {
    const edit = this.awaitingChoice.get(jobId);
    this.awaitingChoice.delete(jobId);
    if (choice === 'keep') return this.runner.setDiscardResult(jobId, false);
    this.discarded.add(jobId);
    await this.runner.setDiscardResult(jobId, true);
    const job = await this.runner.settled(jobId);
    if (job?.phase !== 'saved' || job.files.length === 0) return;
    const report = await discardSavedResult(job, await edit, this.log);
    await this.tracker.update(jobId, { phase: 'cancelled', files: [], error: { kind: 'discarded', message: vscode.l10n.t('Result discarded after it was saved.') } });
    void this.messages.show('info', discardMessage(report));
  }

  /** The "Saved" message with what to do next (a caller that already linked the file says so and offers fewer actions). */
  async offerFileActions(file: string, prompt: string, options: { message?: string; actions?: string[] } = {}): Promise<void> {
    const actions = options.actions ?? [vscode.l10n.t('Open'), vscode.l10n.t('Reveal'), ...(vscode.window.activeTextEditor ? [vscode.l10n.t('Insert Link')] : []), vscode.l10n.t('Copy Path')];
    const choice = await this.messages.show('info', options.message ?? (await savedMessage(file)), ...actions);
    const uri = vscode.Uri.file(file);
    if (choice === vscode.l10n.t('Open')) await vscode.commands.executeCommand('vscode.open', uri);
    if (choice === vscode.l10n.t('Reveal')) await vscode.commands.executeCommand('revealInExplorer', uri);
    if (choice === vscode.l10n.t('Copy Path')) await vscode.env.clipboard.writeText(vscode.workspace.asRelativePath(uri, false));
    if (choice === vscode.l10n.t('Insert Link')) await insertLinkAtCursor(file, prompt);
  }

  /** `retry`: the request that started the job, when known (a resumed job is retried from its record). */
  private async showError(outcome: JobOutcome, retry?: GenerationRequest): Promise<void> {
    const advice = adviseOnError(outcome.error ?? new Error(outcome.job.error?.message ?? vscode.l10n.t('unknown error')));
    const labels: Record<ErrorAction, string> = {
      setToken: vscode.l10n.t('Set API Token'),
      openSettings: vscode.l10n.t('Open Settings'),
      showLog: vscode.l10n.t('Show Log'),
      retry: vscode.l10n.t('Retry'),
      showJobs: vscode.l10n.t('Show Generation Jobs'),
      openBilling: vscode.l10n.t('Open RunComfy Billing'),
    };
    const choice = await this.messages.show('error', advice.message, ...advice.actions.map((a) => labels[a]));
    const action = advice.actions.find((a) => labels[a] === choice);
    if (action === 'setToken') await vscode.commands.executeCommand(COMMANDS.setApiToken);
    if (action === 'openSettings') openSettings();
    if (action === 'showLog') await vscode.commands.executeCommand(COMMANDS.showLog);
    if (action === 'showJobs') await vscode.commands.executeCommand(COMMANDS.showJobs);
    if (action === 'openBilling') await vscode.env.openExternal(vscode.Uri.parse('https://www.runcomfy.com/profile'));
    if (action === 'retry' && outcome.job.references) {
      const { job } = outcome;
      await this.edit({ instruction: job.prompt, model: job.model, input: job.input, references: job.references!, save: job.save, source: job.source, notify: true });
    } else if (action === 'retry') {
      const { job } = outcome;
      // Rebuilt through the model's schema like the first time (settings may have changed since).
      const again: GenerationRequest = retry ?? { prompt: job.prompt, source: job.source, save: job.save, link: job.link, width: whole(job.input.width), height: whole(job.input.height) };
      await this.generate({ ...again, onStarted: undefined, notify: true });
    }
  }
}

/** Inserts a link to `file` at the cursor of the active editor, in the form its language uses. */
async function insertLinkAtCursor(file: string, prompt: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const link = editor.document.uri.scheme === 'file' ? relativeLink(editor.document.uri.fsPath, file) : file;
  const snippet = snippetFor(editor.document.languageId, { link, alt: shortAlt(prompt) });
  await editor.edit((edit) => edit.insert(editor.selection.active, snippet));
}

/** `Saved hero.jpg (1024×768)`: the size of the file itself, which a model may choose for a named size. */
async function savedMessage(file: string): Promise<string> {
  const size = (await readImageFacts(file))?.size;
  return size ? vscode.l10n.t('Saved {0} ({1}×{2})', path.basename(file), size.width, size.height) : vscode.l10n.t('Saved {0}', path.basename(file));
}

function whole(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function openSettings(): void {
  void vscode.commands.executeCommand('workbench.action.openSettings', 'runcomfy');
}
