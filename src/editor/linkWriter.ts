import * as vscode from 'vscode';
import { imageLinkPathEdits } from '../core/links/linkRewrite';
import { markdownImage, relativeLink } from '../core/links/links';
import type { JobRecord, LinkPlan } from '../core/jobs/jobRecord';
import type { Logger } from '../runcomfy/types';

/** An edit `applyLinkPlan` made: at `offset`, `oldText` became `newText` (so it can be taken back). */
export interface AppliedLinkEdit {
  documentUri: string;
  offset: number;
  oldText: string;
  newText: string;
}

/**
 * Makes the document edit a job planned, once its file exists: insert a Markdown image after the text it
 * came from, or point an existing link at the saved file. Each is one undoable edit that never replaces what
 * the user wrote; if the document no longer has the anchor, nothing is edited and the log says why.
 * Resolves to the edit made, or undefined when none was needed or possible.
 */
export async function applyLinkPlan(job: JobRecord, log: Logger): Promise<AppliedLinkEdit | undefined> {
  const plan = job.link;
  const file = job.files[0];
  if (!plan || !file) return undefined;
  const uri = vscode.Uri.parse(plan.documentUri);
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  if (plan.mode === 'insertAfter') {
    const range = insertionPoint(document, plan);
    if (!range) return noAnchor(job, document, log);
    const link = markdownImage(plan.alt, relativeLink(uri.fsPath, file));
    const inserted = `${document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'}${link}`;
    edit.insert(uri, range.start, inserted);
    const made = { documentUri: plan.documentUri, offset: document.offsetAt(range.start), oldText: '', newText: inserted };
    if (!(await vscode.workspace.applyEdit(edit))) return undefined;
    keepSelectionsBefore(document, range.start, inserted.length);
    return made;
  } else {
    // The shared link parser finds the path, so text in code spans or fences is never taken for the link.
    const [change] = imageLinkPathEdits(document.getText(), document.languageId, uri.fsPath, plan.oldPath, file, { nearOffset: plan.pathOffset });
    if (!change) return noAnchor(job, document, log);
    if (change.replacement === plan.oldPath) return undefined;
    edit.replace(uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.replacement);
    const made = { documentUri: plan.documentUri, offset: change.start, oldText: document.getText().slice(change.start, change.end), newText: change.replacement };
    return (await vscode.workspace.applyEdit(edit)) ? made : undefined;
  }
}

/**
 * Takes back an edit `applyLinkPlan` made, when the document still has it where it was put (or, if text
 * moved, at its only other place). Resolves to false when the user changed it since.
 */
export async function revertLinkEdit(applied: AppliedLinkEdit): Promise<boolean> {
  const uri = vscode.Uri.parse(applied.documentUri);
  const document = await vscode.workspace.openTextDocument(uri);
  const text = document.getText();
  const at = text.startsWith(applied.newText, applied.offset) ? applied.offset : text.indexOf(applied.newText);
  if (at < 0 || (at !== applied.offset && text.indexOf(applied.newText, at + 1) >= 0)) return false;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(document.positionAt(at), document.positionAt(at + applied.newText.length)), applied.oldText);
  return vscode.workspace.applyEdit(edit);
}

/**
 * A selection that ended where the link went in grows over it (the insertion lands at its end); put its end
 * back so the user keeps the selection they had.
 */
function keepSelectionsBefore(document: vscode.TextDocument, at: vscode.Position, insertedLength: number): void {
  const grownEnd = document.positionAt(document.offsetAt(at) + insertedLength);
  for (const editor of vscode.window.visibleTextEditors) {
    if (editor.document !== document) continue;
    const grown = editor.selections.some((s) => s.end.isEqual(grownEnd) && s.start.isBeforeOrEqual(at));
    if (!grown) continue;
    editor.selections = editor.selections.map((s) =>
      s.end.isEqual(grownEnd) && s.start.isBeforeOrEqual(at) ? new vscode.Selection(s.isReversed ? at : s.start, s.isReversed ? s.start : at) : s,
    );
  }
}

function noAnchor(job: JobRecord, document: vscode.TextDocument, log: Logger): undefined {
  log.warn(`Job ${job.id}: ${document.uri.fsPath} no longer has the text the link belongs to; not editing it.`);
  return undefined;
}

/** End of the line where the anchor text ends: its recorded line if still there, else where it moved. */
function insertionPoint(document: vscode.TextDocument, plan: Extract<LinkPlan, { mode: 'insertAfter' }>): vscode.Range | undefined {
  const text = document.getText();
  const anchorLines = plan.anchorText.split(/\r?\n/).length;
  const expectedStart = document.offsetAt(new vscode.Position(Math.max(0, plan.line - anchorLines + 1), 0));
  let index = text.indexOf(plan.anchorText, expectedStart);
  if (index < 0) index = text.indexOf(plan.anchorText);
  if (index < 0) return undefined;
  const endLine = document.positionAt(index + plan.anchorText.length).line;
  const end = document.lineAt(endLine).range.end;
  return new vscode.Range(end, end);
}
