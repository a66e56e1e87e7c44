import * as path from 'node:path';
import * as vscode from 'vscode';
import { batchNeedsConfirmation, batchQuestion } from '../core/consent/batchConsent';
import { adviseOnError } from '../core/errorAdvice';
import type { JobOutcome } from '../core/jobs/jobRunner';
import { truncate } from '../core/jobs/statusSummary';
import { findMissingImages, refusalReason, type MissingImage } from '../core/links/missingImages';
import type { WorkspaceSettingsAnswer } from '../editor/workspaceSettingsConsent';
import { withBatchProgress } from './batchProgress';
import type { Services } from './services';

/** Answers for the questions this command asks, for callers that run it without a person (tests). */
export interface MissingImagesOptions {
  /** Answers "Generate N missing images with FLUX.2 Klein 9B, ≈ $0.06?": start them all, or cancel. */
  confirm?: 'generate' | 'cancel';
  /** Answers "Review List…" instead: the link paths, as written, to generate; the rest are skipped. */
  pick?: string[];
  /** Answers "This workspace sets runcomfy.model to …". */
  workspaceSettings?: WorkspaceSettingsAnswer;
}

const REVIEW = vscode.l10n.t('Review List…');

/**
 * RunComfy: Generate Missing Images in This File: every local image link whose file is missing is
 * generated from its alt text into exactly its path. More than a few paid jobs need a yes first (the count,
 * the model, the first alt texts, and a list to review). One cancellable progress ("3 of 7"), jobs limited by
 * `maxConcurrentJobs` (the runner's slots), and a summary naming each failure and its reason.
 */
export async function generateMissingImages(
  services: Services,
  uriArg?: unknown,
  options: MissingImagesOptions = {},
): Promise<{ saved: string[]; failed: string[] } | undefined> {
  const document = uriArg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uriArg) : vscode.window.activeTextEditor?.document;
  if (!document || document.uri.scheme !== 'file') {
    void services.messages.show('info', vscode.l10n.t('Open a Markdown file with image links first.'));
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
  const missing = await findMissingImages(document.getText(), document.languageId, document.uri.fsPath, folder);
  if (missing.length === 0) {
    void services.messages.show('info', vscode.l10n.t('Every local image linked from this file exists.'));
    return { saved: [], failed: [] };
  }
  const provider = await services.generation.chooseProvider();
  if (!provider) return undefined;
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const label = (item: MissingImage) => path.relative(path.dirname(document.uri.fsPath), item.target);
  const failed: string[] = [];
  const allowed: MissingImage[] = [];
  for (const item of missing) {
    const problem = await refusalReason(item, roots);
    if (problem) failed.push(`${label(item)}: ${problem.message}`);
    else allowed.push(item);
  }
  const chosen = await confirmBatch(services, provider, allowed, label, options);
  if (!chosen) return undefined;
  const total = chosen.length + failed.length;
  const saved: string[] = [];
  await withBatchProgress(services, chosen.length === 1 ? vscode.l10n.t('Generating 1 missing image') : vscode.l10n.t('Generating {0} missing images', chosen.length), chosen, async (item, slot) => {
    if (slot.cancelled()) return;
    const outcome = await startOne(services, provider, document, item, roots, slot.onStarted, options.workspaceSettings);
    if (outcome?.job.phase === 'saved') saved.push(...outcome.job.files);
    else failed.push(`${label(item)}: ${outcome ? reason(outcome) : vscode.l10n.t('not started (the size does not fit the model, or a question was cancelled)')}`);
  });
  summarize(services, saved, failed, total);
  return { saved, failed };
}

/**
 * The images to generate: all of them when the batch is small, within `runcomfy.confirmCostAbove` or free;
 * otherwise what the user agreed to, having seen the total
 * (all, or those left checked in the review list). `undefined` when they cancelled: nothing is sent.
 */
async function confirmBatch(
  services: Services,
  provider: 'runcomfy' | 'offline',
  items: MissingImage[],
  label: (item: MissingImage) => string,
  options: MissingImagesOptions,
): Promise<MissingImage[] | undefined> {
  if (provider === 'offline' || items.length === 0) return items;
  // The workspace question first, so the batch question names the model that will really run.
  const spending = await services.generation.spending.forPaidJob(options.workspaceSettings);
  if (!spending) return undefined;
  // The price read again right before a batch: the total decides whether to ask, and the question names it.
  const { costs } = services.generation;
  const s = services.settings.settings;
  // The body each job would send (its count input decides the estimate), built the jobs' own way.
  const prepared = await services.generation.prepare({ prompt: items[0]?.link.alt ?? '', width: s.width, height: s.height, steps: s.steps }, spending);
  const input = prepared.ok ? prepared.input : { prompt: '' };
  const priced = await costs.estimateBeforeSpending({ model: spending.model, input, jobs: items.length }, { reread: true });
  if (!batchNeedsConfirmation(items.length, provider, { estimate: priced.estimate, thresholdUsd: costs.thresholdUsd })) return items;
  const prompts = items.map((item) => ({ prompt: item.link.alt, target: label(item) }));
  const question = batchQuestion(prompts, spending.model, { modelLabel: priced.label, estimate: priced.estimate });
  const preset = options.pick ? REVIEW : options.confirm === 'generate' ? question.confirm : options.confirm;
  const choice = await services.messages.ask(question.title, question.detail, [question.confirm, REVIEW], preset);
  if (choice === question.confirm) return items;
  if (choice !== REVIEW) return undefined;
  if (options.pick) return items.filter((item) => options.pick!.includes(item.link.rawPath));
  const picks = items.map((item) => ({ label: item.link.alt.trim(), description: label(item), picked: true, item }));
  const picked = await vscode.window.showQuickPick(picks, {
    canPickMany: true,
    title: vscode.l10n.t('Choose the images to generate ({0})', spending.model),
    placeHolder: vscode.l10n.t('Uncheck the images you do not want, then press Enter. Each checked image is a paid generation.'),
    ignoreFocusOut: true,
  });
  return picked && picked.length > 0 ? picked.map((p) => p.item) : undefined;
}

async function startOne(
  services: Services,
  provider: 'runcomfy' | 'offline',
  document: vscode.TextDocument,
  item: MissingImage,
  roots: string[],
  onStarted: (jobId: string) => void,
  workspaceSettings: WorkspaceSettingsAnswer | undefined,
): Promise<JobOutcome | undefined> {
  const s = services.settings.settings;
  return services.generation.generate({
    prompt: item.link.alt.trim(),
    source: 'missingImages',
    provider,
    save: {
      folder: path.dirname(item.target),
      baseName: path.basename(item.target),
      exactTarget: item.target,
      workspaceFolders: roots,
      documentPath: document.uri.fsPath,
      embedMetadata: s.embedMetadata,
    },
    link: { mode: 'rewritePath', documentUri: document.uri.toString(), oldPath: item.link.rawPath, pathOffset: item.link.pathStart },
    onStarted,
    workspaceSettings,
    // The batch's total was estimated (and asked about when above the threshold) before any job started.
    costApproved: provider === 'runcomfy',
  });
}

function reason(outcome: JobOutcome): string {
  if (outcome.job.phase === 'cancelled') return 'cancelled';
  return outcome.error ? adviseOnError(outcome.error).message : outcome.job.error?.message ?? outcome.job.phase;
}

function summarize(services: Services, saved: string[], failed: string[], total: number): void {
  const done = total === 1 ? vscode.l10n.t('Generated {0} of 1 missing image.', saved.length) : vscode.l10n.t('Generated {0} of {1} missing images.', saved.length, total);
  if (failed.length === 0) {
    void services.messages.show('info', done);
    return;
  }
  void services.messages.show('warning', `${done} ${vscode.l10n.t('Not generated: {0}', failed.map((f) => truncate(f, 160)).join('; '))}`);
}
