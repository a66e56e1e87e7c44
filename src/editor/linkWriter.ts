import * as vscode from 'vscode';
import { markdownImage, relativeLink } from '../core/links';
import type { JobRecord, LinkPlan } from '../core/jobs/jobRecord';
import type { Logger } from '../runcomfy/types';

/**
 * Makes the document edit a job planned, once its file exists: insert a Markdown image after the text it
 * came from, or point an existing link at the saved file. Each is one undoable edit that never replaces what
 * the user wrote; if the document no longer has the anchor, nothing is edited and the log says why.
 */
export async function applyLinkPlan(job: JobRecord, log: Logger): Promise<boolean> {
  const plan = job.link;
  const file = job.files[0];
  if (!plan || !file) return false;
  const uri = vscode.Uri.parse(plan.documentUri);
  const document = await vscode.workspace.openTextDocument(uri);
  const link = relativeLink(uri.fsPath, file);
  const edit = new vscode.WorkspaceEdit();
  const range = plan.mode === 'insertAfter' ? insertionPoint(document, plan) : pathRange(document, plan);
  if (!range) {
    log.warn(`Job ${job.id}: ${document.uri.fsPath} no longer has the text the link belongs to; not editing it.`);
    return false;
  }
  if (plan.mode === 'rewritePath' && link === plan.oldPath) return true;
  if (plan.mode === 'insertAfter') {
    edit.insert(uri, range.start, `${document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'}${markdownImage(plan.alt, link)}`);
  } else {
    edit.replace(uri, range, link);
  }
  return vscode.workspace.applyEdit(edit);
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

/**
 * The range of the old link path inside an image link, so only the path is replaced. When the same path is
 * linked more than once, the occurrence nearest to where the job's link was is the one rewritten.
 */
function pathRange(document: vscode.TextDocument, plan: Extract<LinkPlan, { mode: 'rewritePath' }>): vscode.Range | undefined {
  const text = document.getText();
  let best: number | undefined;
  for (const opener of ['](', '](<', 'src="', "src='", ']: ']) {
    for (let index = text.indexOf(opener + plan.oldPath); index >= 0; index = text.indexOf(opener + plan.oldPath, index + 1)) {
      const start = index + opener.length;
      if (best === undefined || Math.abs(start - (plan.pathOffset ?? 0)) < Math.abs(best - (plan.pathOffset ?? 0))) best = start;
    }
  }
  if (best === undefined) return undefined;
  return new vscode.Range(document.positionAt(best), document.positionAt(best + plan.oldPath.length));
}
