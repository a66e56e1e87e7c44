import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { imageLinkAt, isLocalImagePath, type ImageLink } from '../core/links/imageLinks';
import type { LinkPlan, SavePlan } from '../core/jobs/jobRecord';
import { resolveLinkTarget } from '../core/links/linkTarget';
import { outsideRefusal, type Refusal } from '../core/links/missingImages';
import { planSave } from '../editor/savePlanner';
import { pricedAs } from './generateImage';
import type { Services } from './services';

/**
 * RunComfy: Generate Image for Alt Text: the alt text of the image under the cursor is the prompt (editable
 * first when `confirmPrompt`). A local relative image path is written exactly (folders created); otherwise
 * the default destination is used and the link rewritten. If the bytes are another format, the file and the
 * link follow them. Paths outside the workspace are refused.
 */
export async function generateForAltText(services: Services, uriArg?: unknown, offsetArg?: unknown, options?: AltTextOptions): Promise<string[] | undefined> {
  const document = await targetDocument(uriArg);
  if (!document) return undefined;
  const offset = typeof offsetArg === 'number' ? offsetArg : document.offsetAt(vscode.window.activeTextEditor?.selection.active ?? new vscode.Position(0, 0));
  const link = imageLinkAt(document.getText(), offset, document.languageId);
  if (!link) {
    void services.messages.show('info', vscode.l10n.t('Put the cursor inside an image link such as ![a red fox](images/fox.png) first.'));
    return undefined;
  }
  // Refuse a link that points outside the workspace before asking anything: the answer could not be used.
  const outside = await outsideWorkspace(document, link);
  if (outside) {
    void services.messages.show('error', vscode.l10n.t('Not generating: {0}', outside.message));
    return undefined;
  }
  const prompt = options?.prompt?.trim() || (await askPrompt(services, link));
  if (!prompt) return undefined;
  const planned = await planForLink(services, document, link, prompt, options?.ifExists);
  if (!planned) return undefined;
  const outcome = await services.generation.generate({ prompt, source: 'altText', save: planned.save, link: planned.link, notify: true });
  const saved = outcome?.job.phase === 'saved' ? outcome.job.files[0] : undefined;
  const target = planned.save.exactTarget;
  if (saved && target && path.extname(saved) !== path.extname(target)) {
    // "Replace" was agreed for the named file only; with another format nothing was replaced, and the user should know.
    const format = path.extname(saved).slice(1).toUpperCase();
    void services.messages.show('info', 
      planned.save.overwrite
        ? vscode.l10n.t('RunComfy returned {0}, so the image was saved as {1} and the link updated; {2} was not replaced.', format, path.basename(saved), path.basename(target))
        : vscode.l10n.t('RunComfy returned {0}, so the image was saved as {1} and the link updated.', format, path.basename(saved)),
    );
  }
  return outcome?.job.files;
}

/** Answers for the questions this command asks, for callers that run it without a person (keybindings, tests). */
export interface AltTextOptions {
  prompt?: string;
  ifExists?: 'replace' | 'saveAsNew';
}

async function targetDocument(uriArg: unknown): Promise<vscode.TextDocument | undefined> {
  if (uriArg instanceof vscode.Uri) return vscode.workspace.openTextDocument(uriArg);
  if (typeof uriArg === 'string') return vscode.workspace.openTextDocument(vscode.Uri.parse(uriArg));
  return vscode.window.activeTextEditor?.document;
}

async function askPrompt(services: Services, link: ImageLink): Promise<string | undefined> {
  const alt = link.alt.trim();
  if (alt && !services.settings.settings.confirmPrompt) return alt;
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Generate Image for Alt Text ({0})', await pricedAs(services)),
    prompt: alt ? vscode.l10n.t('Edit the prompt if you like, then press Enter.') : vscode.l10n.t('This image has no alt text. Describe the image to generate (it will not change the alt text).'),
    value: alt,
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Describe the image you want.')),
  });
  return value?.trim() || undefined;
}

/** Where the file goes and which link edit follows, asking before replacing an existing file. */
async function planForLink(
  services: Services,
  document: vscode.TextDocument,
  link: ImageLink,
  prompt: string,
  ifExists: AltTextOptions['ifExists'],
): Promise<{ save: SavePlan; link: LinkPlan } | undefined> {
  const rewrite: LinkPlan = { mode: 'rewritePath', documentUri: document.uri.toString(), oldPath: link.rawPath, pathOffset: link.pathStart };
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  if (link.isRemote || !link.path || !isLocalImagePath(link.path) || document.uri.scheme !== 'file') {
    const save = await planSave(services.settings, prompt, document);
    return save && { save, link: rewrite };
  }
  const target = resolveLinkTarget(document.uri.fsPath, link.path, folder?.uri.fsPath);
  // Checked again here: the link may have been edited while the prompt box was open.
  const outside = await outsideRefusal(link.path, target, roots);
  if (outside) {
    void services.messages.show('error', vscode.l10n.t('Not generating: {0}', outside.message));
    return undefined;
  }
  const save: SavePlan = {
    folder: path.dirname(target),
    baseName: path.basename(target),
    exactTarget: target,
    workspaceFolders: roots,
    documentPath: document.uri.fsPath,
    embedMetadata: services.settings.settings.embedMetadata,
  };
  if (await exists(target)) {
    const choice = ifExists ? (ifExists === 'replace' ? vscode.l10n.t('Replace') : vscode.l10n.t('Save as New and Update Link')) : await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} already exists.', path.basename(target)),
      { modal: true, detail: vscode.l10n.t('Replace it with the new image, or save the new image next to it and point the link there?') },
      vscode.l10n.t('Replace'),
      vscode.l10n.t('Save as New and Update Link'),
    );
    if (!choice) return undefined;
    save.overwrite = choice === vscode.l10n.t('Replace');
  }
  return { save, link: rewrite };
}

/** The refusal for a local link whose target lies outside every workspace folder (the same as the CodeLens and CLI use). */
async function outsideWorkspace(document: vscode.TextDocument, link: ImageLink): Promise<Refusal | undefined> {
  if (link.isRemote || !link.path || !isLocalImagePath(link.path) || document.uri.scheme !== 'file') return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  return outsideRefusal(link.path, resolveLinkTarget(document.uri.fsPath, link.path, folder?.uri.fsPath), roots);
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
