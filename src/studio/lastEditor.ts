import * as vscode from 'vscode';

/**
 * Remembers the text editor the user last worked in. The Studio panel takes focus (and may hide that
 * editor, which disposes its `TextEditor`), so the document, column and selection are kept rather than
 * the editor object, and the editor is brought back when something is inserted.
 */
export class LastEditor implements vscode.Disposable {
  private last: { uri: vscode.Uri; languageId: string; column?: vscode.ViewColumn; selection: vscode.Selection } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor() {
    this.remember(vscode.window.activeTextEditor);
    this.subscriptions.push(
      this.emitter,
      vscode.window.onDidChangeActiveTextEditor((editor) => this.remember(editor)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.remember(e.textEditor);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.last && document.uri.toString() === this.last.uri.toString()) {
          this.last = undefined;
          this.emitter.fire();
        }
      }),
    );
  }

  /** The document to insert into or plan paths for: the last active one, else a visible one. */
  document(): vscode.TextDocument | undefined {
    const uri = this.last?.uri ?? vscode.window.visibleTextEditors.find(isUserDocument)?.document.uri;
    return uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : undefined;
  }

  /** The editor for {@link document}, shown again (with its selection) if the panel hid it. */
  async reveal(): Promise<vscode.TextEditor | undefined> {
    const document = this.document();
    if (!document) return undefined;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? this.last?.column,
      preserveFocus: false,
      selection: visible ? undefined : this.last?.selection,
    });
    return editor;
  }

  private remember(editor: vscode.TextEditor | undefined): void {
    if (!editor || !isUserDocument(editor)) return;
    const changed = this.last?.uri.toString() !== editor.document.uri.toString();
    this.last = { uri: editor.document.uri, languageId: editor.document.languageId, column: editor.viewColumn, selection: editor.selection };
    if (changed) this.emitter.fire();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Text editors the user writes in (not the output panel or other virtual documents). */
function isUserDocument(editor: vscode.TextEditor): boolean {
  return editor.document.uri.scheme === 'file' || editor.document.uri.scheme === 'untitled';
}
