import * as vscode from 'vscode';
import { shortAlt } from '../core/links';
import { planSave } from '../editor/savePlanner';
import { promptArgument } from './generateImage';
import type { Services } from './services';

/**
 * RunComfy: Generate Image from Selection: the selected text is the prompt (editable first when
 * `confirmPrompt`). In Markdown the image link goes on a new line after the selection, as one undoable edit
 * that never replaces the text; elsewhere the usual Open / Reveal / Insert Link / Copy Path choices follow.
 */
export async function generateFromSelection(services: Services, args?: unknown): Promise<string[] | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) {
    void services.messages.show('info', 'Select the text that describes the image first.');
    return undefined;
  }
  const selection = editor.selection;
  const document = editor.document;
  const selected = document.getText(selection);
  let prompt = promptArgument(args)?.trim() || selected.trim();
  if (services.settings.settings.confirmPrompt && promptArgument(args) === undefined) {
    const edited = await vscode.window.showInputBox({
      title: 'Generate Image from Selection',
      prompt: 'Edit the prompt if you like, then press Enter.',
      value: prompt,
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim() ? undefined : 'Describe the image you want.'),
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
  if (outcome?.job.phase === 'saved' && outcome.job.files[0] && !inMarkdown) {
    void services.generation.offerFileActions(outcome.job.files[0], prompt);
  }
  return outcome?.job.files;
}
