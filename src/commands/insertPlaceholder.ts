import * as path from 'node:path';
import * as vscode from 'vscode';
import { shortAlt, relativeLink } from '../core/links/links';
import { inferSizeFromContext, parseSizeAndPrompt, type Size } from '../core/images/size';
import { snippetFor } from '../core/links/snippets';
import { planSave } from '../editor/savePlanner';
import { promptArgument } from './generateImage';
import type { Services } from './services';

/**
 * RunComfy: Insert Placeholder Image…: asks for an optional size and a prompt (`800x600 cozy cafe`), the
 * size defaulting from the surrounding `<img>`/JSX attributes or the settings; always renders an offline
 * placeholder of exactly that size (no network, no cost); inserts the snippet that fits the language, then
 * offers a real image from RunComfy as a separate action.
 */
export async function insertPlaceholder(services: Services, args?: unknown): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void services.messages.show('info', vscode.l10n.t('Open a file to insert a placeholder image into.'));
    return undefined;
  }
  const document = editor.document;
  const position = editor.selection.active;
  const s = services.settings.settings;
  const inferred = inferSizeFromContext(document.getText(), document.offsetAt(position), document.languageId);
  const defaultSize = inferred ?? { width: s.width, height: s.height };
  const raw = promptArgument(args) ?? await vscode.window.showInputBox({
    title: vscode.l10n.t('Insert Placeholder Image'),
    prompt: vscode.l10n.t('Size (optional) and a short description, e.g. “800x600 cozy cafe interior”.'),
    value: `${defaultSize.width}x${defaultSize.height} `,
    valueSelection: [String(defaultSize.width).length + String(defaultSize.height).length + 2, Number.MAX_SAFE_INTEGER],
    ignoreFocusOut: true,
    validateInput: (text) => {
      const parsed = parseSizeAndPrompt(text);
      if (!parsed.prompt.trim()) return vscode.l10n.t('Describe the placeholder, e.g. “hero banner”.');
      const { width = defaultSize.width, height = defaultSize.height } = parsed;
      if (width < 16 || height < 16 || width > 4096 || height > 4096) return vscode.l10n.t('Width and height must be between 16 and 4096 pixels.');
      return undefined;
    },
  });
  if (raw === undefined) return undefined;
  const parsed = parseSizeAndPrompt(raw);
  const size = { width: parsed.width ?? defaultSize.width, height: parsed.height ?? defaultSize.height };
  const prompt = parsed.prompt.trim();
  const save = await planSave(services.settings, prompt, document);
  if (!save) return undefined;
  // A placeholder is a stand-in of exactly the slot's size, instantly and for free: always the offline
  // renderer, whatever the provider. A real image is a separate, explicit choice (below).
  const outcome = await services.generation.generate({ prompt, source: 'placeholder', provider: 'offline', save, width: size.width, height: size.height, notify: true });
  const file = outcome?.job.phase === 'saved' ? outcome.job.files[0] : undefined;
  if (!file) return undefined;
  const link = document.uri.scheme === 'file' ? relativeLink(document.uri.fsPath, file) : file;
  const snippet = snippetFor(document.languageId, { link, alt: shortAlt(prompt), width: size.width, height: size.height, insideEmptySrc: insideEmptySrc(document, position) });
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, position, snippet);
  await vscode.workspace.applyEdit(edit);
  void offerRealImage(services, document, file, prompt, size, position);
  return file;
}

/**
 * After a placeholder went in: "Generate with RunComfy Instead" replaces that file, at its own path, with a
 * real image at the model's nearest size (RunComfy may not take the slot's exact size); the link follows if
 * the format changes. Offered only when RunComfy can be used.
 */
async function offerRealImage(services: Services, document: vscode.TextDocument, file: string, prompt: string, size: Size, at: vscode.Position): Promise<void> {
  const action = vscode.l10n.t('Generate with RunComfy Instead');
  const canUseRunComfy = services.settings.settings.provider !== 'offline' && Boolean(await services.tokens.get());
  const choice = await services.messages.show('info', vscode.l10n.t('Inserted a {0}×{1} placeholder (rendered locally, free).', size.width, size.height), ...(canUseRunComfy ? [action] : []));
  if (choice !== action) return;
  const s = services.settings.settings;
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const linkText = document.uri.scheme === 'file' ? relativeLink(document.uri.fsPath, file) : file;
  await services.generation.generate({
    prompt,
    source: 'placeholder',
    provider: 'runcomfy',
    // The model's nearest size: fitted or mapped to its named sizes by the generation service, which says so.
    width: size.width,
    height: size.height,
    notify: true,
    save: { folder: path.dirname(file), baseName: path.basename(file), exactTarget: file, overwrite: true, workspaceFolders: roots, documentPath: document.uri.fsPath, embedMetadata: s.embedMetadata },
    link: { mode: 'rewritePath', documentUri: document.uri.toString(), oldPath: linkText, pathOffset: document.offsetAt(at) },
  });
}

/** The cursor sits between the quotes of an empty `src=""` (or `src=''`, or JSX `src={""}`). */
function insideEmptySrc(document: vscode.TextDocument, position: vscode.Position): boolean {
  const line = document.lineAt(position.line).text;
  const before = line.slice(0, position.character);
  const after = line.slice(position.character);
  return /\bsrc=\{?["']$/.test(before) && /^["']/.test(after);
}
