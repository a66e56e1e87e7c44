import * as path from 'node:path';
import * as vscode from 'vscode';
import { jobCostText } from '../core/cost/money';
import type { JobRecord } from '../core/jobs/jobRecord';
import type { JobTracker } from '../core/jobs/jobTracker';
import { summarizeActiveJobs, truncate } from '../core/jobs/statusSummary';
import { COMMANDS } from '../core/commandIds';

const SUCCESS_MS = 5000;

/**
 * Hidden when idle; counts while busy (elapsed time in the tooltip, refreshed each second); "Saved x.png"
 * for a few seconds after success; an error icon after a failure until it is clicked or a later job saves
 * or is cancelled (then the failure is old news, and bringing it back after the flash would mislead). The
 * tooltip names the model the jobs use (display name and id).
 */
export class JobStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('runcomfy.jobs', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [];
  private ticker: NodeJS.Timeout | undefined;
  private flash: { text: string; tooltip: string; until: number } | undefined;
  private failure: { text: string; tooltip: string } | undefined;

  constructor(
    private readonly tracker: JobTracker,
    /** `FLUX.2 Klein 9B (blackforestlabs/…)` for a model id; asked only while the item shows. */
    private readonly describeModel: (modelId: string) => string,
  ) {
    this.item.name = vscode.l10n.t('RunComfy Images');
    this.item.command = COMMANDS.showJobs;
    this.disposables.push(tracker.onDidChange((job) => this.onJob(job)));
    this.render();
  }

  /** Called when the user opens the jobs list: the failure has been seen. */
  acknowledgeFailure(): void {
    this.failure = undefined;
    this.render();
  }

  private onJob(job: JobRecord): void {
    if (job.phase === 'saved' && isStagedVariant(job)) {
      // A Studio variant waiting for Keep/Discard is not a saved file yet: the panel shows it.
    } else if (job.phase === 'saved') {
      this.failure = undefined;
      const name = job.files[0] ? path.basename(job.files[0]) : 'image';
      const cost = jobCostText(job);
      this.flash = { text: vscode.l10n.t('$(check) Saved {0}', name), tooltip: [...job.files, '', this.modelLine([job]), ...(cost ? ['', vscode.l10n.t('Cost: {0}', cost)] : [])].join('\n'), until: Date.now() + SUCCESS_MS };
      setTimeout(() => this.render(), SUCCESS_MS + 50);
    } else if (job.phase === 'failed') {
      this.flash = undefined;
      this.failure = {
        text: vscode.l10n.t('$(error) Image generation failed'),
        tooltip: `${truncate(job.prompt, 60)}\n${job.error?.message ?? ''}\n\n${this.modelLine([job])}\n${vscode.l10n.t('Click for details.')}`,
      };
    } else if (job.phase === 'cancelled') {
      this.failure = undefined;
    }
    this.render();
  }

  private render(): void {
    const now = Date.now();
    const active = this.tracker.active();
    const busy = summarizeActiveJobs(active, now);
    this.setTicking(busy.text !== undefined);
    const shown = busy.text ? { text: busy.text, tooltip: `${this.modelLine(active)}\n${busy.tooltip ?? ''}` } : this.flash && this.flash.until > now ? this.flash : this.failure;
    if (!shown?.text) {
      this.item.hide();
      return;
    }
    this.item.text = shown.text;
    this.item.tooltip = shown.tooltip;
    this.item.backgroundColor = shown === this.failure ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  /** `Model: FLUX.2 Flash (blackforestlabs/flux-2/flash/text-to-image)`; offline jobs say so. */
  private modelLine(jobs: readonly JobRecord[]): string {
    const models = [...new Set(jobs.map((job) => (job.provider === 'offline' ? vscode.l10n.t('offline placeholders') : this.describeModel(job.model))))];
    return models.length > 1 ? vscode.l10n.t('Models: {0}', models.join(', ')) : vscode.l10n.t('Model: {0}', models.join(', '));
  }

  private setTicking(on: boolean): void {
    if (on && !this.ticker) this.ticker = setInterval(() => this.render(), 1000);
    if (!on && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  /** For tests: what the user sees now. */
  get snapshot(): { visible: boolean; text: string; tooltip: string } {
    return { visible: this.item.text !== '' && this.visible, text: this.item.text, tooltip: String(this.item.tooltip ?? '') };
  }

  private get visible(): boolean {
    return summarizeActiveJobs(this.tracker.active(), Date.now()).text !== undefined || (this.flash?.until ?? 0) > Date.now() || this.failure !== undefined;
  }

  dispose(): void {
    this.setTicking(false);
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** Studio variants are staged outside the workspace until the user keeps one. */
function isStagedVariant(job: JobRecord): boolean {
  const file = job.files[0];
  return job.source === 'studio' && file !== undefined && vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file)) === undefined;
}
