import * as vscode from 'vscode';
import { imageLinkAt } from '../core/imageLinks';

export const CURSOR_ON_IMAGE = 'runcomfy.cursorOnImage';
const LANGUAGES = new Set(['markdown', 'html', 'javascriptreact', 'typescriptreact', 'vue', 'svelte', 'mdx']);

/** Keeps the `runcomfy.cursorOnImage` context key true while the cursor is inside an image link. */
export function trackCursorOnImage(): vscode.Disposable {
  let last = false;
  const update = (editor: vscode.TextEditor | undefined) => {
    const document = editor?.document;
    // Parse the document only when the cursor's line could hold an image: this runs on every cursor move.
    const line = editor && document ? document.lineAt(editor.selection.active.line).text : '';
    const on =
      !!editor &&
      !!document &&
      LANGUAGES.has(document.languageId) &&
      /!\[|<img/i.test(line) &&
      imageLinkAt(document.getText(), document.offsetAt(editor.selection.active), document.languageId) !== undefined;
    if (on === last) return;
    last = on;
    void vscode.commands.executeCommand('setContext', CURSOR_ON_IMAGE, on);
  };
  update(vscode.window.activeTextEditor);
  return vscode.Disposable.from(
    vscode.window.onDidChangeTextEditorSelection((e) => update(e.textEditor)),
    vscode.window.onDidChangeActiveTextEditor(update),
  );
}
