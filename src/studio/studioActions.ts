import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../core/commandIds';
import { OutsideWorkspaceError } from '../core/files/containment';
import { slugFromPrompt } from '../core/files/fileNames';
import { checkSavePlanInside } from '../core/jobs/savePlanCheck';
import type { JobRecord, SavePlan } from '../core/jobs/jobRecord';
import type { JobTracker } from '../core/jobs/jobTracker';
import { markdownImage, relativeLink, shortAlt } from '../core/links/links';
import { snippetFor } from '../core/links/snippets';
import type { GenerationService } from '../editor/generationService';
import { planSave } from '../editor/savePlanner';
import type { SettingsReader } from '../editor/settingsReader';
import type { Logger } from '../runcomfy/types';
import type { FileRef, StudioHandlers } from './dispatcher';
import type { ModelInputSchema } from '../runcomfy/inputSchema';
import { isOffline } from './formRules';
import type { LastEditor } from './lastEditor';
import type { EstimateRequestMessage, GenerateEstimate, GenerateMessage, ReferenceMessage, StudioConfig } from './protocol';
import { StudioCosts } from './studioCosts';
import { referenceField } from '../core/references/imageFields';
import type { StudioReferencePlan, StudioReferences } from './studioReferences';
import type { planStudioJobs } from './studioJobs';
import type { VariantStaging } from './variantStaging';

export interface StudioActionDeps {
  tracker: JobTracker;
  generation: GenerationService;
  settings: SettingsReader;
  log: Logger;
  staging: VariantStaging;
  editors: LastEditor;
  /** The references area's files: checked when added, and again on Generate. */
  references: StudioReferences;
  config(): Promise<StudioConfig>;
  /** The chosen model's normalised inputs (from the catalog; without fields when unknown). */
  inputSchema(model: string): Promise<ModelInputSchema>;
  /** From a Generate to checked jobs (loaded on first use: see `studioRuntime.ts`). */
  planJobs: typeof planStudioJobs;
  /** Makes `model` the one in use (the picker's choice). */
  chooseModel(model: string): Promise<void>;
  /** Keeps the form of the last Generate, so a new panel starts from it. */
  rememberForm(form: GenerateMessage): Thenable<void>;
  /** Sends the initial snapshot to a (re)loaded webview. */
  sendInit(): Promise<void>;
  /** Re-sends the gallery (after file changes the tracker does not see). */
  refreshGallery(): void;
  notice(message: string, level?: 'info' | 'error'): void;
  /** Sends the Generate button's price to the webview. */
  sendEstimate(estimate: GenerateEstimate): void;
  /** A problem shown beside the field it names (an input name or `prompt`), or above the form. */
  formError(field: string | undefined, message: string): void;
}

/**
 * What each Studio button does, on real files and real editors. Files are looked up in the job history
 * by job id and index; anything the webview names that is not there is refused.
 */
export class StudioActions implements StudioHandlers {
  private readonly costs: StudioCosts;

  constructor(private readonly deps: StudioActionDeps) {
    this.costs = new StudioCosts(deps.generation.costs, deps.settings);
  }

  ready(): Promise<void> {
    return this.deps.sendInit();
  }

  async generate(message: GenerateMessage): Promise<void> {
    const { deps } = this;
    const config = await deps.config();
    if (message.model !== config.model) {
      return deps.formError(undefined, vscode.l10n.t('The Studio now uses {0}; check the form and press Generate again.', config.modelLabel));
    }
    const offline = isOffline(config, message);
    const schema = await deps.inputSchema(config.model);
    const plan = deps.planJobs(schema, config, message, offline, deps.settings.settings.extraInputs);
    if (!plan.ok) return deps.formError(plan.field, plan.message);
    const references = await this.referencePlan(message, schema, config, offline);
    if (references && !references.ok) return deps.formError(references.field, references.message);
    await deps.rememberForm(message);
    const provider = offline ? 'offline' : await deps.generation.chooseProvider();
    if (!provider) return;
    const save = message.variants > 1 ? this.stagingPlan(message.prompt) : await planSave(deps.settings, message.prompt, deps.editors.document());
    if (!save) return;
    const refusal = message.variants > 1 ? await this.keptVariantRefusal(message.prompt) : undefined;
    if (refusal) return deps.notice(refusal.message, 'error');
    // One cost question for the whole Generate, before any variant is sent (then each job skips its own).
    const paid = provider === 'runcomfy';
    if (paid && !(await this.costs.approve(config.model, message.prompt, plan.jobs))) return;
    const what = message.variants > 1 ? vscode.l10n.t('{0} variants', message.variants) : vscode.l10n.t('an image');
    deps.log.info(`Studio: generating ${what} (${provider}) with ${config.model}`);
    for (const job of plan.jobs) {
      void deps.generation
        .generate({ prompt: message.prompt, source: 'studio', save, provider, costApproved: paid, ...job, ...(references ? { references: references.plan } : {}) })
        .catch((error: unknown) => {
          deps.log.error(`Studio generation failed: ${describe(error)}`);
          deps.notice(vscode.l10n.t('Could not generate: {0}', describe(error)), 'error');
        });
    }
  }

  async estimate(message: EstimateRequestMessage): Promise<void> {
    this.deps.sendEstimate(await this.costs.estimate(message));
  }

  references(message: ReferenceMessage): Promise<void> {
    return this.deps.references.handle(message);
  }

  /** The Generate's reference images, checked before anything is sent; undefined without any. */
  private async referencePlan(message: GenerateMessage, schema: ModelInputSchema, config: StudioConfig, offline: boolean): Promise<StudioReferencePlan | undefined> {
    if (!message.references?.length) return undefined;
    if (offline) return { ok: false, field: referenceField(schema)?.field.name, message: vscode.l10n.t('Offline placeholders cannot edit images: remove the reference images, or generate with RunComfy.') };
    return this.deps.references.plan(schema, config.modelLabel, message.references);
  }

  async chooseModel(model: string): Promise<void> {
    const config = await this.deps.config();
    if (!config.models.some((m) => m.id === model)) throw new StudioError(vscode.l10n.t('That model is not in the list; open the picker again.'));
    if (model !== config.model) await this.deps.chooseModel(model);
  }

  cancel(jobId: string): Promise<void> {
    return this.deps.generation.cancelWithChoice(jobId);
  }

  async open(ref: FileRef): Promise<void> {
    const { file } = await this.existingFile(ref);
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file), { viewColumn: this.besidePanel(), preview: true });
  }

  async reveal(ref: FileRef): Promise<void> {
    const { file } = await this.existingFile(ref);
    if (this.deps.staging.contains(file)) throw new StudioError(vscode.l10n.t('A staged variant is not in the workspace yet: keep it first.'));
    await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(file));
  }

  async insert(ref: FileRef): Promise<void> {
    const { job, file } = await this.existingFile(ref);
    if (this.deps.staging.contains(file)) throw new StudioError(vscode.l10n.t('Keep this variant first, then insert it.'));
    const editor = await this.deps.editors.reveal();
    if (!editor) throw new StudioError(vscode.l10n.t('Open the document you want the image in, then press Insert into Editor again.'));
    const document = editor.document;
    const link = document.uri.scheme === 'file' ? relativeLink(document.uri.fsPath, file) : vscode.workspace.asRelativePath(file, false);
    const position = editor.selection.active;
    const line = document.lineAt(position.line).text;
    const insideEmptySrc = /src=["']$/.test(line.slice(0, position.character)) && /^["']/.test(line.slice(position.character));
    const snippet = snippetFor(document.languageId, {
      link,
      alt: shortAlt(job.prompt),
      width: numberOr(job.input.width),
      height: numberOr(job.input.height),
      insideEmptySrc,
    });
    // Insert at the cursor without replacing any selected text.
    const done = await editor.edit((edit) => edit.insert(position, snippet));
    if (!done) throw new StudioError(vscode.l10n.t('Could not edit {0}.', path.basename(document.uri.path)));
    this.deps.notice(vscode.l10n.t('Inserted {0} into {1}.', path.basename(file), path.basename(document.uri.path)));
  }

  async copyLink(ref: FileRef): Promise<void> {
    const { job, file } = await this.existingFile(ref);
    const document = this.deps.editors.document();
    // Without a document, link as a file at the workspace folder's root would (any name does).
    const from = document?.uri.scheme === 'file' ? document.uri.fsPath : path.join(this.workspaceRootOf(file), 'document.md');
    const text = markdownImage(shortAlt(job.prompt), relativeLink(from, file));
    await vscode.env.clipboard.writeText(text);
    const relativeTo = document?.uri.scheme === 'file' ? path.basename(document.uri.fsPath) : vscode.l10n.t('the workspace folder');
    this.deps.notice(vscode.l10n.t('Copied {0} (relative to {1}).', text, relativeTo));
  }

  async copyPrompt(jobId: string): Promise<void> {
    const job = this.job(jobId);
    await vscode.env.clipboard.writeText(job.prompt);
    this.deps.notice(vscode.l10n.t('Copied the prompt.'));
  }

  async delete(ref: FileRef): Promise<void> {
    const { job, file } = this.fileOf(ref);
    const uri = vscode.Uri.file(file);
    const name = path.basename(file);
    if (await exists(uri)) {
      const trashed = await vscode.workspace.fs.delete(uri, { useTrash: true }).then(
        () => true,
        (error: unknown) => {
          this.deps.log.warn(`Could not move ${file} to the trash: ${describe(error)}`);
          return false;
        },
      );
      if (!trashed) {
        // A modal dialog focuses its first button, so the harmless choice comes first: Enter never deletes.
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('{0} cannot be moved to the trash here. Delete it permanently?', name),
          { modal: true, detail: vscode.l10n.t('This cannot be undone.') },
          { title: vscode.l10n.t('Keep File') },
          { title: vscode.l10n.t('Delete Permanently') },
        );
        if (choice?.title !== vscode.l10n.t('Delete Permanently')) return;
        await vscode.workspace.fs.delete(uri, { useTrash: false });
      }
      this.deps.notice(trashed ? vscode.l10n.t('Moved {0} to the trash.', name) : vscode.l10n.t('Deleted {0}.', name));
    } else {
      this.deps.notice(vscode.l10n.t('Removed {0} (already missing) from the history.', name));
    }
    await this.dropFile(job, file);
  }

  async keep(ref: FileRef): Promise<void> {
    const { job, file } = await this.existingFile(ref);
    if (!this.deps.staging.contains(file)) throw new StudioError(vscode.l10n.t('{0} is already in the workspace.', path.basename(file)));
    const plan = await planSave(this.deps.settings, job.prompt, this.deps.editors.document());
    if (!plan) return;
    const kept = await this.deps.staging.keep(file, plan);
    await this.deps.tracker.update(job.id, { files: job.files.map((f) => (f === file ? kept : f)) });
    this.deps.notice(vscode.l10n.t('Kept {0}.', vscode.workspace.asRelativePath(kept, false)));
  }

  async discard(ref: FileRef): Promise<void> {
    const { job, file } = this.fileOf(ref);
    if (!this.deps.staging.contains(file)) throw new StudioError(vscode.l10n.t('{0} is not a staged variant; use Delete.', path.basename(file)));
    await this.deps.staging.discard(file);
    await this.dropFile(job, file);
    this.deps.notice(vscode.l10n.t('Discarded the variant.'));
  }

  async removeEntry(jobId: string): Promise<void> {
    const job = this.job(jobId);
    if (job.files.length > 0) throw new StudioError(vscode.l10n.t('This entry still has files: delete them instead.'));
    await this.deps.tracker.remove(jobId);
  }

  async setApiToken(): Promise<void> {
    await vscode.commands.executeCommand(COMMANDS.setApiToken);
  }

  async openSettings(): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'runcomfy');
  }

  /** A variants batch saves into its own staging folder, which is also its only containment root. */
  /**
   * Variants are staged, but a kept one goes to the destination: a destination outside the workspace is
   * refused before any variant is paid for (the runner checks only the staging folder).
   */
  private async keptVariantRefusal(prompt: string): Promise<OutsideWorkspaceError | undefined> {
    if (!vscode.workspace.workspaceFolders?.length) return undefined; // planSave would ask for a folder; Keep asks then
    const destination = await planSave(this.deps.settings, prompt, this.deps.editors.document());
    if (!destination) return undefined;
    return checkSavePlanInside(destination).then(
      () => undefined,
      (error: unknown) => (error instanceof OutsideWorkspaceError ? error : Promise.reject(error)),
    );
  }

  private stagingPlan(prompt: string): SavePlan {
    const folder = this.deps.staging.newBatchFolder();
    return { folder, baseName: `${slugFromPrompt(prompt)}.png`, workspaceFolders: [folder], embedMetadata: this.deps.settings.settings.embedMetadata };
  }

  /** Removes one file from a job; a job left without files leaves the history. */
  private async dropFile(job: JobRecord, file: string): Promise<void> {
    const files = job.files.filter((f) => f !== file);
    if (files.length === 0) await this.deps.tracker.remove(job.id);
    else await this.deps.tracker.update(job.id, { files });
  }

  private job(jobId: string): JobRecord {
    const job = this.deps.tracker.get(jobId);
    if (!job) throw new StudioError(vscode.l10n.t('That entry is no longer in the history.'));
    return job;
  }

  private fileOf(ref: FileRef): { job: JobRecord; file: string } {
    const job = this.job(ref.jobId);
    const file = job.files[ref.file];
    if (!file) throw new StudioError(vscode.l10n.t('That image is no longer in the history.'));
    return { job, file };
  }

  private async existingFile(ref: FileRef): Promise<{ job: JobRecord; file: string }> {
    const found = this.fileOf(ref);
    if (!(await exists(vscode.Uri.file(found.file)))) {
      this.deps.refreshGallery();
      throw new StudioError(vscode.l10n.t('{0} no longer exists. Delete removes it from the history; Regenerate makes it again.', path.basename(found.file)));
    }
    return found;
  }

  private workspaceRootOf(file: string): string {
    return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath ?? path.dirname(file);
  }

  /** Opens files next to the Studio rather than on top of it. */
  private besidePanel(): vscode.ViewColumn {
    const editorColumn = vscode.window.visibleTextEditors.find((e) => e.document === this.deps.editors.document())?.viewColumn;
    return editorColumn ?? vscode.ViewColumn.Beside;
  }
}

/** A refusal with a message meant for the user (shown in the Studio, not as a crash). */
export class StudioError extends Error {
  override name = 'StudioError';
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
