import * as path from 'node:path';
import * as vscode from 'vscode';
import { batchNeedsConfirmation, batchQuestion } from '../core/consent/batchConsent';
import { adviseOnError } from '../core/errorAdvice';
import type { JobOutcome } from '../core/jobs/jobRunner';
import { truncate } from '../core/jobs/statusSummary';
import { formatEstimate } from '../core/cost/money';
import { formatSize, planUpgrades, type PlannedUpgrade } from '../core/placeholders/upgradePlan';
import { documentPlaceholders, linkingDocuments, workspacePlaceholders, type FoundPlaceholder } from '../editor/placeholderFinder';
import { relinkMovedImages, type MovedImage } from '../editor/placeholderRelinker';
import type { WorkspaceSettingsAnswer } from '../editor/workspaceSettingsConsent';
import { COMMANDS } from '../core/commandIds';
import { withBatchProgress } from './batchProgress';
import type { ModelInput } from '../runcomfy/types';
import type { Services } from './services';

/** Answers for the questions this command asks, for callers that run it without a person (tests, the CodeLens). */
export interface UpgradeOptions {
  /** Exactly these placeholder files (absolute paths), without the list: the CodeLens names its one. */
  files?: string[];
  /** Answers the list: the placeholder files (absolute, or relative to the workspace folder) left checked. */
  pick?: string[];
  /** Answers "Generate N real images for placeholders with RunComfy?". */
  confirm?: 'generate' | 'cancel';
  /** Answers "This workspace sets runcomfy.model to …". */
  workspaceSettings?: WorkspaceSettingsAnswer;
}

/** What the command did, for its callers (tests) to check. */
export interface UpgradeResult {
  saved: string[];
  failed: string[];
  /** Placeholders whose real image came in another format, so it has another name and the links followed. */
  moved: MovedImage[];
}

type Scope = 'document' | 'workspace';

/** RunComfy: Generate Real Images for Placeholders in This File. */
export async function upgradeDocumentPlaceholders(services: Services, uriArg?: unknown, options: UpgradeOptions = {}): Promise<UpgradeResult | undefined> {
  // A hover's command link passes the document's URI as a string.
  const uri = uriArg instanceof vscode.Uri ? uriArg : typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : undefined;
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document || document.uri.scheme !== 'file') {
    void services.messages.show('info', vscode.l10n.t('Open a file that links placeholder images first, or run “Generate Real Images for Placeholders in Workspace”.'));
    return undefined;
  }
  return upgrade(services, 'document', () => documentPlaceholders(document), options);
}

/** RunComfy: Generate Real Images for Placeholders in Workspace. */
export async function upgradeWorkspacePlaceholders(services: Services, options: UpgradeOptions = {}): Promise<UpgradeResult | undefined> {
  return upgrade(services, 'workspace', (token) => workspacePlaceholders(token), options);
}

/**
 * Finds the placeholders (by their metadata), lets the user choose which to replace (prompt, asked size,
 * path, the documents that link each, its thumbnail), asks before more than a few paid jobs, then generates
 * each from its prompt at the model's nearest size through the ordinary job pipeline, written at the
 * placeholder's own path. When a result comes in another format, every link to it in the workspace follows
 * in one undoable edit, and the user is told.
 */
async function upgrade(services: Services, scope: Scope, find: (token?: vscode.CancellationToken) => Promise<FoundPlaceholder[]>, options: UpgradeOptions): Promise<UpgradeResult | undefined> {
  const scan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Looking for placeholder images') }, async () => {
    const found = await find();
    return { found, documents: found.length ? await linkingDocuments() : [] };
  });
  const wanted = options.files ? scan.found.filter((p) => options.files!.includes(p.file)) : scan.found;
  if (wanted.length === 0) {
    void services.messages.show('info', options.files ? vscode.l10n.t('That image is no longer a placeholder.') : scope === 'document' ? vscode.l10n.t('No placeholder images: none that this file links was made by Insert Placeholder Image.') : vscode.l10n.t('No placeholder images: none that the workspace has was made by Insert Placeholder Image.'));
    return { saved: [], failed: [], moved: [] };
  }
  if (!(await hasToken(services))) return undefined;
  const planned = planUpgrades(wanted, scan.documents);
  const chosen = options.files ? planned : await choose(services, planned, options);
  if (!chosen || chosen.length === 0) return undefined;
  if (!(await confirmBatch(services, chosen, options))) return undefined;
  const result = await generateAll(services, chosen, options);
  if (result.moved.length) await relinkMovedImages(result.moved, services.log);
  summarize(services, result, chosen.length);
  return result;
}

/** Real images need RunComfy: without a token, offer to set one (the placeholders are already the offline answer). */
async function hasToken(services: Services): Promise<boolean> {
  if (await services.tokens.get()) return true;
  const choice = await services.messages.show('warning', vscode.l10n.t('Generating real images for placeholders needs a RunComfy API token (runcomfy.com → Profile → API Token).'), vscode.l10n.t('Set API Token'));
  if (choice !== vscode.l10n.t('Set API Token')) return false;
  await vscode.commands.executeCommand(COMMANDS.setApiToken);
  return Boolean(await services.tokens.get());
}

function workspaceRelative(file: string): string {
  return vscode.workspace.asRelativePath(file, false);
}

/** The list: every placeholder checked; the user unchecks the ones to keep. */
async function choose(services: Services, planned: PlannedUpgrade[], options: UpgradeOptions): Promise<PlannedUpgrade[] | undefined> {
  if (options.pick) {
    const picked = new Set(options.pick);
    return planned.filter((p) => picked.has(p.file) || picked.has(workspaceRelative(p.file)));
  }
  const spending = services.generation.spending.current().settings;
  const { model } = spending;
  // What is known now, no request: the per-image price in the title, the estimate for all of them below it.
  const { costs } = services.generation;
  const priceLine = await costs.priceLine(model);
  const all = await costs.estimateNow({ model, input: await batchInput(services, planned, spending), jobs: planned.length });
  const total = all.estimate.known ? vscode.l10n.t('{0} for all {1}', formatEstimate(all.estimate), planned.length) : vscode.l10n.t('total unknown');
  const items = planned.map((plan) => ({
    label: truncate(plan.mark.prompt, 80),
    description: `${formatSize(plan.mark)} · ${workspaceRelative(plan.file)}`,
    detail: plan.linkedFrom.length ? vscode.l10n.t('Linked from {0}', plan.linkedFrom.map(workspaceRelative).join(', ')) : vscode.l10n.t('Not linked from any Markdown, HTML, JSX or CSS file'),
    iconPath: vscode.Uri.file(plan.file),
    picked: true,
    plan,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('Generate real images for placeholders ({0}, {1})', priceLine, total),
    placeHolder: vscode.l10n.t('Uncheck the placeholders to keep, then press Enter. Each checked one is a paid RunComfy generation, saved at its own path.'),
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return picked?.map((p) => p.plan);
}

/**
 * The body the first job would send (its count input decides the estimate), built the jobs' own way; a
 * placeholder's own size, since that is what each job asks for.
 */
async function batchInput(services: Services, plans: readonly PlannedUpgrade[], spending: { model: string; extraInputs: Record<string, unknown> }): Promise<ModelInput> {
  const first = plans[0];
  if (!first) return { prompt: '' };
  const size = { width: first.mark.width, height: first.mark.height };
  const prepared = await services.generation.prepare({ prompt: first.mark.prompt, ...size, steps: services.settings.settings.steps }, spending);
  return prepared.ok ? prepared.input : { prompt: '' };
}

/**
 * More than a few paid jobs, or a total above `runcomfy.confirmCostAbove` (or unknown): the same question as
 * Generate Missing Images, with the price read again and the total, naming what will be replaced.
 */
async function confirmBatch(services: Services, chosen: PlannedUpgrade[], options: UpgradeOptions): Promise<boolean> {
  const spending = await services.generation.spending.forPaidJob(options.workspaceSettings);
  if (!spending) return false;
  const { costs } = services.generation;
  const input = await batchInput(services, chosen, spending);
  const priced = await costs.estimateBeforeSpending({ model: spending.model, input, jobs: chosen.length }, { reread: true });
  if (!batchNeedsConfirmation(chosen.length, 'runcomfy', { estimate: priced.estimate, thresholdUsd: costs.thresholdUsd })) return true;
  const items = chosen.map((p) => ({ prompt: p.mark.prompt, target: workspaceRelative(p.file) }));
  const question = batchQuestion(items, spending.model, { modelLabel: priced.label, estimate: priced.estimate }, 'real images for placeholders');
  const preset = options.confirm === 'generate' ? question.confirm : options.confirm;
  return (await services.messages.ask(question.title, vscode.l10n.t('{0}\n\nEach replaces its placeholder at the same path.', question.detail), [question.confirm], preset)) === question.confirm;
}

async function generateAll(services: Services, chosen: PlannedUpgrade[], options: UpgradeOptions): Promise<UpgradeResult> {
  const result: UpgradeResult = { saved: [], failed: [], moved: [] };
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  await withBatchProgress(services, chosen.length === 1 ? vscode.l10n.t('Generating 1 real image for placeholders') : vscode.l10n.t('Generating {0} real images for placeholders', chosen.length), chosen, async (plan, slot) => {
    if (slot.cancelled()) return;
    // The model's nearest size: the shared mapping fits it (and says so) when the model cannot take it.
    const size = { width: plan.mark.width, height: plan.mark.height };
    const outcome = await services.generation.generate({
      prompt: plan.mark.prompt,
      source: 'placeholder',
      provider: 'runcomfy',
      width: size.width,
      height: size.height,
      save: {
        folder: path.dirname(plan.file),
        baseName: path.basename(plan.file),
        exactTarget: plan.file,
        // The user chose this placeholder to be replaced by its real image.
        overwrite: true,
        workspaceFolders: roots,
        documentPath: plan.linkedFrom[0],
        embedMetadata: services.settings.settings.embedMetadata,
      },
      onStarted: slot.onStarted,
      workspaceSettings: options.workspaceSettings,
      // The batch's total was estimated (and asked about when above the threshold) before any job started.
      costApproved: true,
    });
    record(result, plan, outcome);
  });
  return result;
}

function record(result: UpgradeResult, plan: PlannedUpgrade, outcome: JobOutcome | undefined): void {
  const saved = outcome?.job.phase === 'saved' ? outcome.job.files[0] : undefined;
  if (!saved) {
    const why = !outcome ? vscode.l10n.t('not started (a question was cancelled or the size does not fit the model)') : outcome.job.phase === 'cancelled' ? vscode.l10n.t('cancelled') : outcome.error ? adviseOnError(outcome.error).message : outcome.job.error?.message ?? outcome.job.phase;
    result.failed.push(`${workspaceRelative(plan.file)}: ${why}`);
    return;
  }
  result.saved.push(saved);
  if (saved !== plan.file) result.moved.push({ from: plan.file, to: saved });
}

function summarize(services: Services, result: UpgradeResult, total: number): void {
  const done = total === 1 ? vscode.l10n.t("Generated {0} of 1 real image for placeholders, each at its placeholder's path.", result.saved.length) : vscode.l10n.t("Generated {0} of {1} real images for placeholders, each at its placeholder's path.", result.saved.length, total);
  const moved = result.moved.map((m) => vscode.l10n.t('{0} came back as {1}: saved as {2} and its links updated', path.basename(m.from), path.extname(m.to).slice(1).toUpperCase(), path.basename(m.to)));
  const failed = result.failed.length ? [vscode.l10n.t('Not generated: {0}', result.failed.map((f) => truncate(f, 160)).join('; '))] : [];
  const text = [done, ...moved.map((m) => `${m}.`), ...failed].join(' ');
  void services.messages.show(result.failed.length ? 'warning' : 'info', text);
}
