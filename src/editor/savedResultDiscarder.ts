import * as path from 'node:path';
import * as vscode from 'vscode';
import type { JobRecord } from '../core/jobs/jobRecord';
import type { Logger } from '../runcomfy/types';
import { revertLinkEdit, type AppliedLinkEdit } from './linkWriter';

/** What discarding an already saved result did, for the message to the user. */
export interface DiscardReport {
  files: string[];
  /** The files went to the trash (false: the host has none, so they were deleted). */
  trashed: boolean;
  /** A link edit was made and could not be taken back (the user changed it since). */
  linkKept: boolean;
}

/**
 * Undoes a result the user chose to discard after it was saved: its files go to the trash where the host
 * has one (deleted otherwise), and the link edit it made, if any, is taken back.
 */
export async function discardSavedResult(job: JobRecord, edit: AppliedLinkEdit | undefined, log: Logger): Promise<DiscardReport> {
  let trashed = true;
  for (const file of job.files) {
    const uri = vscode.Uri.file(file);
    try {
      await vscode.workspace.fs.delete(uri, { useTrash: true });
    } catch (error) {
      // No trash on this host (e.g. a remote or browser host): delete, as the user asked for the file to go.
      log.warn(`Job ${job.id}: could not move ${file} to the trash (${String(error)}); deleting it.`);
      trashed = false;
      await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, (e: unknown) => log.error(`Could not delete ${file}: ${String(e)}`));
    }
  }
  const linkKept = edit !== undefined && !(await revertLinkEdit(edit).catch(() => false));
  log.info(`Job ${job.id}: discarded after saving: ${job.files.map((f) => path.basename(f)).join(', ')}${linkKept ? ' (link left, it was changed)' : ''}`);
  return { files: job.files, trashed, linkKept };
}

/** The sentence telling the user what happened to a discarded result. */
export function discardMessage(report: DiscardReport): string {
  const names = report.files.map((f) => path.basename(f)).join(', ');
  const one = report.files.length === 1;
  const discarded = report.trashed
    ? one
      ? vscode.l10n.t('Result discarded: {0} was already saved and has been moved to the trash.', names)
      : vscode.l10n.t('Result discarded: {0} were already saved and have been moved to the trash.', names)
    : one
      ? vscode.l10n.t('Result discarded: {0} was already saved and has been deleted.', names)
      : vscode.l10n.t('Result discarded: {0} were already saved and have been deleted.', names);
  return report.linkKept ? `${discarded} ${vscode.l10n.t('Its link was edited since, so it was left in the document.')}` : discarded;
}
