import * as path from 'node:path';
import * as vscode from 'vscode';
import { jobCostText } from '../core/cost/money';
import { isActive, type JobRecord } from '../core/jobs/jobRecord';
import { elapsed, phaseLabel, truncate } from '../core/jobs/statusSummary';
import type { Services } from './services';

const RECENT = 30;

type JobAction = 'cancel' | 'open' | 'reveal' | 'copyRequestId' | 'retryDownload' | 'showError';

/** RunComfy: Show Generation Jobs: running and recent jobs, and what can be done with each. */
export async function showJobs(services: Services): Promise<void> {
  services.statusBar.acknowledgeFailure();
  const jobs = services.tracker.list().slice(0, RECENT);
  if (jobs.length === 0) {
    void services.messages.show('info', vscode.l10n.t('No image generation jobs yet. Run “RunComfy: Generate Image…” to start one.'));
    return;
  }
  const now = Date.now();
  const picked = await vscode.window.showQuickPick(
    jobs.map((job) => ({
      label: `${icon(job)} ${truncate(job.prompt, 70)}`,
      description: [phaseLabel(job), elapsed((job.finishedAt ?? now) - (job.submittedAt ?? job.createdAt)), isActive(job.phase) ? undefined : jobCostText(job)]
        .filter((part) => part !== undefined)
        .join(' · '),
      detail: job.files.length > 0 ? job.files.map((f) => vscode.workspace.asRelativePath(f)).join(', ') : job.error?.message ?? job.requestId,
      job,
    })),
    { title: vscode.l10n.t('RunComfy Generation Jobs'), placeHolder: vscode.l10n.t('Pick a job to act on it'), matchOnDetail: true },
  );
  if (!picked) return;
  const action = await pickAction(picked.job);
  if (action) await runAction(services, picked.job, action);
}

function icon(job: JobRecord): string {
  if (isActive(job.phase)) return '$(sync~spin)';
  return job.phase === 'saved' ? '$(check)' : job.phase === 'failed' ? '$(error)' : job.phase === 'detached' ? '$(watch)' : '$(circle-slash)';
}

async function pickAction(job: JobRecord): Promise<JobAction | undefined> {
  const items: { label: string; action: JobAction }[] = [];
  if (isActive(job.phase)) items.push({ label: vscode.l10n.t('$(stop-circle) Cancel'), action: 'cancel' });
  if (job.files.length > 0) items.push({ label: vscode.l10n.t('$(file-media) Open'), action: 'open' }, { label: vscode.l10n.t('$(folder-opened) Reveal in Explorer'), action: 'reveal' });
  if (job.requestId && (job.phase === 'detached' || job.phase === 'failed')) items.push({ label: vscode.l10n.t('$(cloud-download) Retry Download'), action: 'retryDownload' });
  if (job.error) items.push({ label: vscode.l10n.t('$(info) Show Error'), action: 'showError' });
  if (job.requestId) items.push({ label: vscode.l10n.t('$(copy) Copy Request ID'), action: 'copyRequestId' });
  const picked = await vscode.window.showQuickPick(items, { title: truncate(job.prompt, 60) });
  return picked?.action;
}

async function runAction(services: Services, job: JobRecord, action: JobAction): Promise<void> {
  switch (action) {
    case 'cancel':
      return services.generation.cancelWithChoice(job.id);
    case 'open':
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(job.files[0]!));
      return;
    case 'reveal':
      await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(job.files[0]!));
      return;
    case 'copyRequestId':
      await vscode.env.clipboard.writeText(job.requestId ?? '');
      void services.messages.show('info', vscode.l10n.t('Copied request id {0}.', job.requestId ?? ''));
      return;
    case 'showError':
      void services.messages.show('error', job.error?.message ?? vscode.l10n.t('No error recorded.'));
      return;
    case 'retryDownload': {
      const outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Fetching “{0}”', truncate(job.prompt, 50)), cancellable: false },
        () => services.runner.retryDownload(job.id),
      );
      await services.generation.afterOutcome(outcome);
      if (outcome.job.phase === 'saved') void services.messages.show('info', vscode.l10n.t('Saved {0}', outcome.job.files.map((f) => path.basename(f)).join(', ')));
      return;
    }
    default: {
      const unreachable: never = action;
      throw new Error(`Unknown job action ${String(unreachable)}`);
    }
  }
}
