import * as path from 'node:path';
import * as vscode from 'vscode';
import { editResultBaseName } from '../core/references/editNames';
import { referenceField } from '../core/references/imageFields';
import { readReferences, referencePlan, ReferenceImageError, withReferences, type ReferencePlan } from '../core/references/referenceFiles';
import { applyLinkPlan } from '../editor/linkWriter';
import { imageToEdit } from '../editor/imageToEdit';
import { replaceOriginal } from '../editor/replaceOriginal';
import type { Services } from './services';
import type { CostAnswer } from '../editor/costGuard';

/** What a caller (a keybinding, another extension, a test) may answer instead of the user. */
export interface EditImageOptions {
  instruction?: string;
  /** More reference images after the first (workspace files). */
  moreImages?: vscode.Uri[];
  /** The choice in the "Saved" message, made without showing it. */
  then?: 'Use in Document' | 'Replace Original' | 'Open' | 'none';
  /** Answers the cost question (above `runcomfy.confirmCostAbove`, or price unknown) without showing it. */
  costAnswer?: CostAnswer;
}

const USE_IN_DOCUMENT = vscode.l10n.t('Use in Document');
const REPLACE_ORIGINAL = vscode.l10n.t('Replace Original');

/**
 * RunComfy: Edit Image…: sends a workspace image with an instruction ("make the sky stormy") to the
 * `runcomfy.editModel` model and saves the result beside the original as `<name>-edit.png` (never over
 * it). Every check on the image runs before anything is sent. For an image link in a document the result
 * can replace the link (one undo), or, on explicit choice, the original file (which goes to the trash).
 */
export async function editImage(services: Services, invokedOn?: unknown, _selected?: unknown, options: EditImageOptions = {}): Promise<string[] | undefined> {
  const say = (message: string) => void services.messages.show('error', message);
  const target = await imageToEdit(invokedOn, say);
  if (!target) return undefined;
  const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
  const paths = [target.file, ...(options.moreImages ?? []).map((uri) => uri.fsPath)];
  const relative = (file: string) => vscode.workspace.asRelativePath(file, false);
  // What needs no model (inside the workspace, a real image, RunComfy's caps) is refused before any request.
  const anyModel: ReferencePlan = { field: 'images', multiple: true, minItems: 0, maxItems: Number.MAX_SAFE_INTEGER, validations: [], label: 'RunComfy', paths };
  const early = await checkNow(anyModel, folders, relative);
  if (early) return void say(early);
  if ((await services.generation.chooseProvider()) !== 'runcomfy') {
    if (services.settings.settings.provider === 'offline') say(vscode.l10n.t('Editing images needs RunComfy: offline placeholders cannot edit. Set runcomfy.provider to "runcomfy".'));
    return undefined;
  }
  const model = services.settings.settings.editModel;
  const label = (await services.catalog.model(model))?.displayName ?? model;
  const field = referenceField(await services.catalog.inputSchema(model));
  if (!field) {
    void services.messages.show('error', vscode.l10n.t('{0} takes no image input, so it cannot edit images. Set runcomfy.editModel to an edit model such as google/nano-banana-2-lite/edit.', label), vscode.l10n.t('Open Settings')).then(
      (choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'runcomfy.editModel'),
    );
    return undefined;
  }
  const plan = referencePlan(field, label, paths);
  // The model's own limits (count, validations), still before the instruction is asked for.
  const problem = await checkNow(plan, folders, relative);
  if (problem) return void say(problem);
  const instruction = (options.instruction ?? (await askInstruction(relative(target.file))))?.trim();
  if (!instruction) return undefined;
  // An edit is paid like any generation: above runcomfy.confirmCostAbove, or at an unknown price, ask first.
  if (!(await services.generation.costs.approve({ model, input: { prompt: instruction }, jobs: 1, what: vscode.l10n.t('an edit') }, options.costAnswer))) return undefined;
  const outcome = await services.generation.edit({
    instruction,
    model,
    input: { prompt: instruction },
    references: plan,
    save: {
      folder: path.dirname(target.file),
      baseName: editResultBaseName(target.file),
      workspaceFolders: folders,
      documentPath: target.link ? vscode.Uri.parse(target.link.documentUri).fsPath : undefined,
      embedMetadata: services.settings.settings.embedMetadata,
    },
    notify: true,
  });
  const saved = outcome.job.phase === 'saved' ? outcome.job.files[0] : undefined;
  if (!saved) return undefined;
  const actions = [...(target.link ? [USE_IN_DOCUMENT] : []), vscode.l10n.t('Open'), vscode.l10n.t('Reveal'), REPLACE_ORIGINAL];
  const message = vscode.l10n.t('Saved {0} beside {1} (the original is unchanged).', path.basename(saved), path.basename(target.file));
  // `then` names a button in English (callers without a person); its label is the localised one.
  const choice = options.then ? vscode.l10n.t(options.then) : await services.messages.show('info', message, ...actions);
  if (choice === USE_IN_DOCUMENT && target.link) {
    await applyLinkPlan({ ...outcome.job, link: { mode: 'rewritePath', ...target.link } }, services.log);
  } else if (choice === REPLACE_ORIGINAL) {
    const replaced = await replaceOriginal(target.file, saved, services.messages);
    return replaced ? [replaced] : outcome.job.files;
  } else if (choice === vscode.l10n.t('Open')) {
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(saved));
  } else if (choice === vscode.l10n.t('Reveal')) {
    await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(saved));
  }
  return outcome.job.files;
}

/** The first reason the images cannot be sent (file, type, limits, the 64 MiB body), or undefined. */
async function checkNow(plan: ReferencePlan, folders: string[], relative: (file: string) => string): Promise<string | undefined> {
  try {
    withReferences({ prompt: '' }, plan, await readReferences(plan, { workspaceFolders: folders, displayName: relative }));
    return undefined;
  } catch (error) {
    if (error instanceof ReferenceImageError) return error.message;
    throw error;
  }
}

function askInstruction(image: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Edit {0}', image),
    prompt: vscode.l10n.t('What should change? The result is saved beside the original; the original is kept.'),
    placeHolder: vscode.l10n.t('e.g. make the sky stormy'),
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Describe the change you want.')),
  });
}
