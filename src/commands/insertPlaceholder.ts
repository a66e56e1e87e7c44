import * as vscode from 'vscode';
import { shortAlt, relativeLink } from '../core/links';
import { clampToRange, inferSizeFromContext, parseSizeAndPrompt } from '../core/size';
import { snippetFor } from '../core/snippets';
import { knownModelSchema } from '../runcomfy/knownModels';
import { planSave } from '../editor/savePlanner';
import { promptArgument } from './generateImage';
import type { Services } from './services';

/**
 * RunComfy: Insert Placeholder Image…: asks for an optional size and a prompt (`800x600 cozy cafe`), the
 * size defaulting from the surrounding `<img>`/JSX attributes or the settings; generates with RunComfy when
 * a token is set, else renders an offline placeholder; inserts the snippet that fits the language.
 */
export async function insertPlaceholder(services: Services, args?: unknown): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void services.messages.show('info', 'Open a file to insert a placeholder image into.');
    return undefined;
  }
  const document = editor.document;
  const position = editor.selection.active;
  const s = services.settings.settings;
  const inferred = inferSizeFromContext(document.getText(), document.offsetAt(position), document.languageId);
  const defaultSize = inferred ?? { width: s.width, height: s.height };
  const raw = promptArgument(args) ?? await vscode.window.showInputBox({
    title: 'Insert Placeholder Image',
    prompt: 'Size (optional) and a short description, e.g. “800x600 cozy cafe interior”.',
    value: `${defaultSize.width}x${defaultSize.height} `,
    valueSelection: [String(defaultSize.width).length + String(defaultSize.height).length + 2, Number.MAX_SAFE_INTEGER],
    ignoreFocusOut: true,
    validateInput: (text) => {
      const parsed = parseSizeAndPrompt(text);
      if (!parsed.prompt.trim()) return 'Describe the placeholder, e.g. “hero banner”.';
      const { width = defaultSize.width, height = defaultSize.height } = parsed;
      if (width < 16 || height < 16 || width > 4096 || height > 4096) return 'Width and height must be between 16 and 4096 pixels.';
      return undefined;
    },
  });
  if (raw === undefined) return undefined;
  const parsed = parseSizeAndPrompt(raw);
  const wanted = { width: parsed.width ?? defaultSize.width, height: parsed.height ?? defaultSize.height };
  const provider = s.provider === 'offline' || !(await services.tokens.get()) ? 'offline' : 'runcomfy';
  let size = wanted;
  const schema = provider === 'runcomfy' ? knownModelSchema(s.model) : undefined;
  if (schema?.width && schema.height) {
    const clamped = clampToRange(wanted, { min: Math.max(schema.width.min, schema.height.min), max: Math.min(schema.width.max, schema.height.max) });
    if (clamped.adjusted && clamped.note) void services.messages.show('info', clamped.note);
    size = clamped;
  }
  const prompt = parsed.prompt.trim();
  const save = await planSave(services.settings, prompt, document);
  if (!save) return undefined;
  const outcome = await services.generation.generate({ prompt, source: 'placeholder', provider, save, width: size.width, height: size.height, notify: true });
  const file = outcome?.job.phase === 'saved' ? outcome.job.files[0] : undefined;
  if (!file) return undefined;
  const link = document.uri.scheme === 'file' ? relativeLink(document.uri.fsPath, file) : file;
  const snippet = snippetFor(document.languageId, { link, alt: shortAlt(prompt), width: wanted.width, height: wanted.height, insideEmptySrc: insideEmptySrc(document, position) });
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, position, snippet);
  await vscode.workspace.applyEdit(edit);
  return file;
}

/** The cursor sits between the quotes of an empty `src=""` (or `src=''`, or JSX `src={""}`). */
function insideEmptySrc(document: vscode.TextDocument, position: vscode.Position): boolean {
  const line = document.lineAt(position.line).text;
  const before = line.slice(0, position.character);
  const after = line.slice(position.character);
  return /\bsrc=\{?["']$/.test(before) && /^["']/.test(after);
}
