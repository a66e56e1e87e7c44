import * as path from 'node:path';
import * as vscode from 'vscode';
import { adviseOnError } from '../core/errorAdvice';
import type { JobOutcome } from '../core/jobs/jobRunner';
import { truncate } from '../core/jobs/statusSummary';
import { findMissingImages, refusalReason, type MissingImage } from '../core/missingImages';
import type { Services } from './services';

/**
 * RunComfy: Generate Missing Images in This File: every local image link whose file is missing is
 * generated from its alt text into exactly its path. One cancellable progress ("3 of 7"), jobs limited by
 * `maxConcurrentJobs` (the runner's slots), and a summary naming each failure and its reason.
 */
export async function generateMissingImages(services: Services, uriArg?: unknown): Promise<{ saved: string[]; failed: string[] } | undefined> {
  const document = uriArg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uriArg) : vscode.window.activeTextEditor?.document;
  if (!document || document.uri.scheme !== 'file') {
    void services.messages.show('info', 'Open a Markdown file with image links first.');
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
  const missing = await findMissingImages(document.getText(), document.languageId, document.uri.fsPath, folder);
  if (missing.length === 0) {
    void services.messages.show('info', 'Every local image linked from this file exists.');
    return { saved: [], failed: [] };
  }
  const provider = await services.generation.chooseProvider();
  if (!provider) return undefined;
  const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  const saved: string[] = [];
  const failed: string[] = [];
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Generating ${missing.length} missing image${missing.length === 1 ? '' : 's'}`, cancellable: true },
    async (progress, token) => {
      let finished = 0;
      const report = () => progress.report({ message: `${finished} of ${missing.length}`, increment: 100 / missing.length });
      progress.report({ message: `0 of ${missing.length}` });
      const jobIds: string[] = [];
      const cancel = token.onCancellationRequested(() => {
        for (const id of jobIds) void services.runner.cancel(id);
      });
      try {
        await Promise.all(
          missing.map(async (item) => {
            const label = path.relative(path.dirname(document.uri.fsPath), item.target);
            const problem = await refusalReason(item, roots);
            if (problem) {
              failed.push(`${label}: ${problem.message}`);
            } else if (!token.isCancellationRequested) {
              const outcome = await startOne(services, provider, document, item, roots, (id) => jobIds.push(id));
              if (outcome?.job.phase === 'saved') saved.push(...outcome.job.files);
              else failed.push(`${label}: ${outcome ? reason(outcome) : 'the size does not fit the model'}`);
            }
            finished++;
            report();
          }),
        );
      } finally {
        cancel.dispose();
      }
    },
  );
  summarize(services, saved, failed, missing.length);
  return { saved, failed };
}

async function startOne(
  services: Services,
  provider: 'runcomfy' | 'offline',
  document: vscode.TextDocument,
  item: MissingImage,
  roots: string[],
  onStarted: (jobId: string) => void,
): Promise<JobOutcome | undefined> {
  const s = services.settings.settings;
  return services.generation.generate({
    prompt: item.link.alt.trim(),
    source: 'missingImages',
    provider,
    save: {
      folder: path.dirname(item.target),
      baseName: path.basename(item.target),
      exactTarget: item.target,
      workspaceFolders: roots,
      documentPath: document.uri.fsPath,
      embedMetadata: s.embedMetadata,
    },
    link: { mode: 'rewritePath', documentUri: document.uri.toString(), oldPath: item.link.rawPath, pathOffset: item.link.pathStart },
    onStarted,
  });
}

function reason(outcome: JobOutcome): string {
  if (outcome.job.phase === 'cancelled') return 'cancelled';
  return outcome.error ? adviseOnError(outcome.error).message : outcome.job.error?.message ?? outcome.job.phase;
}

function summarize(services: Services, saved: string[], failed: string[], total: number): void {
  const done = `Generated ${saved.length} of ${total} missing image${total === 1 ? '' : 's'}.`;
  if (failed.length === 0) {
    void services.messages.show('info', done);
    return;
  }
  void services.messages.show('warning', `${done} Not generated: ${failed.map((f) => truncate(f, 160)).join('; ')}`);
}
