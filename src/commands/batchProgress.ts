import * as vscode from 'vscode';
import type { Services } from './services';

/** What one item of a batch gets: where to report its job id (so Cancel reaches it), and whether to start at all. */
export interface BatchSlot {
  onStarted(jobId: string): void;
  cancelled(): boolean;
}

/**
 * One cancellable progress notification ("3 of 7") over a batch of jobs started side by side; Cancel
 * cancels every job started so far, and items not yet started are skipped. Shared by the batch commands.
 */
export async function withBatchProgress<T>(services: Services, title: string, items: readonly T[], runOne: (item: T, slot: BatchSlot) => Promise<void>): Promise<void> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    let finished = 0;
    progress.report({ message: `0 of ${items.length}` });
    const jobIds: string[] = [];
    const cancel = token.onCancellationRequested(() => {
      for (const id of jobIds) void services.runner.cancel(id);
    });
    const slot: BatchSlot = { onStarted: (id) => jobIds.push(id), cancelled: () => token.isCancellationRequested };
    try {
      await Promise.all(
        items.map(async (item) => {
          await runOne(item, slot);
          progress.report({ message: `${++finished} of ${items.length}`, increment: 100 / items.length });
        }),
      );
    } finally {
      cancel.dispose();
    }
  });
}
