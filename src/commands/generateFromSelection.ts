import * as path from 'node:path';
import * as vscode from 'vscode';
import { relativeLink, shortAlt } from '../core/links/links';
import { planSave } from '../editor/savePlanner';
import { promptArgument, pricedAs } from './generateImage';
import type { Services } from './services';

/**
 * RunComfy: Generate Image from Selection: the selected text is the prompt (editable first when
 * `confirmPrompt`). In Markdown the image link goes on a new line after the selection, as one undoable edit
 * that never replaces the text and leaves the selection as it was, followed by a "Saved … and linked it below
 * the selection" message; elsewhere the usual Open / Reveal / Insert Link / Copy Path choices follow.
 */
export async function generateFromSelection(services: Services, args?: unknown): Promise<string[] | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) {
    void services.messages.show('info', vscode.l10n.t('Select the text that describes the image first.'));
    return undefined;
  }
  const selection = editor.selection;
  const document = editor.document;
  const selected = document.getText(selection);
  let prompt = promptArgument(args)?.trim() || selected.trim();
  if (services.settings.settings.confirmPrompt && promptArgument(args) === undefined) {
    const edited = await vscode.window.showInputBox({
      title: vscode.l10n.t('Generate Image from Selection ({0})', await pricedAs(services)),
      prompt: vscode.l10n.t('Edit the prompt if you like, then press Enter.'),
      value: prompt,
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Describe the image you want.')),
    });
    if (edited === undefined) return undefined;
    prompt = edited.trim();
  }
  const save = await planSave(services.settings, prompt, document);
  if (!save) return undefined;
  const inMarkdown = document.languageId === 'markdown';
  const outcome = await services.generation.generate({
    prompt,
    source: 'selection',
    save,
    notify: true,
    link: inMarkdown
      ? { mode: 'insertAfter', documentUri: document.uri.toString(), line: selection.end.line, anchorText: selected, alt: shortAlt(prompt) }
      : undefined,
  });
  const file = outcome?.job.phase === 'saved' ? outcome.job.files[0] : undefined;
  if (file && inMarkdown && document.getText().includes(relativeLink(document.uri.fsPath, file))) {
    // The link went in below the selection; say so, since it may be off screen.
    void services.generation.offerFileActions(file, prompt, { message: vscode.l10n.t('Saved {0} and linked it below the selection.', path.basename(file)), actions: [vscode.l10n.t('Open'), vscode.l10n.t('Reveal')] });
  } else if (file) {
    void services.generation.offerFileActions(file, prompt);
  }
  return outcome?.job.files;
}
