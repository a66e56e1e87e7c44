import * as vscode from 'vscode';
import type { DocumentLinkIndexes } from './documentLinkIndexes';

export const CURSOR_ON_IMAGE = 'runcomfy.cursorOnImage';
const LANGUAGES = new Set(['markdown', 'html', 'javascriptreact', 'typescriptreact', 'vue', 'svelte', 'mdx']);

/** Keeps the `runcomfy.cursorOnImage` context key true while the cursor is inside an image link. */
export function trackCursorOnImage(indexes: DocumentLinkIndexes): vscode.Disposable {
  let last = false;
  const update = (editor: vscode.TextEditor | undefined) => {
    const document = editor?.document;
    // This runs on every cursor move: only a line that could hold an image looks at the links, and then
    // only the paragraph around the cursor is parsed.
    const line = editor && document ? document.lineAt(editor.selection.active.line).text : '';
    const on =
      !!editor &&
      !!document &&
      LANGUAGES.has(document.languageId) &&
      /!\[|<img/i.test(line) &&
      indexes.atCursor(document, document.offsetAt(editor.selection.active)) !== undefined;
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
