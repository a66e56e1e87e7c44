import * as l10n from '@vscode/l10n';
import type { LiveJob } from '../studio/protocol';
import { byId, el, icon, iconButton } from './dom';
import { elapsedText, shorten } from './format';
import { vscode } from './vscodeApi';

interface Row {
  job: LiveJob;
  item: HTMLLIElement;
  label: HTMLElement;
  time: HTMLElement;
  state: HTMLElement;
  /** When the host measured `job.elapsedMs`, on this page's clock. */
  receivedAt: number;
}

/**
 * Running and waiting jobs with their state, queue position, a ticking elapsed time and Cancel. Rows are
 * kept per job so focus on a Cancel button survives updates; phase changes are announced (the ticking
 * clock is not, which would be noise).
 */
export class LiveJobs {
  private readonly section = byId('live-section');
  private readonly list = byId<HTMLUListElement>('live');
  private readonly rows = new Map<string, Row>();
  private ticker: number | undefined;

  constructor(private readonly announce: (text: string) => void) {}

  render(jobs: readonly LiveJob[]): void {
    const now = performance.now();
    const seen = new Set<string>();
    jobs.forEach((job, index) => {
      seen.add(job.id);
      let row = this.rows.get(job.id);
      if (!row) {
        row = this.createRow(job, now);
        this.rows.set(job.id, row);
        this.announce(l10n.t('Started: {0}. {1}.', shorten(job.prompt, 60), job.label));
      } else if (row.job.label !== job.label) {
        this.announce(`${shorten(job.prompt, 40)}: ${job.label}.`);
      }
      this.updateRow(row, job, now);
      if (this.list.children[index] !== row.item) this.list.insertBefore(row.item, this.list.children[index] ?? null);
    });
    for (const [id, row] of this.rows) {
      if (seen.has(id)) continue;
      const hadFocus = row.item.contains(document.activeElement);
      row.item.remove();
      this.rows.delete(id);
      if (hadFocus) byId('prompt').focus();
    }
    // With nothing running, the last "…: Saving." is stale: clear it so a screen reader does not find it later.
    if (jobs.length === 0 && this.section.hidden === false) this.announce('');
    this.section.hidden = jobs.length === 0;
    this.setTicking(jobs.length > 0);
  }

  private createRow(job: LiveJob, now: number): Row {
    const state = el('span', { className: 'live-icon' });
    const label = el('span', { className: 'live-label' });
    const time = el('span', { className: 'live-time', attrs: { 'aria-label': l10n.t('elapsed') } });
    const cancel = iconButton('stop-circle', l10n.t('Cancel “{0}”', shorten(job.prompt, 40)), () => vscode.postMessage({ type: 'cancel', jobId: job.id }));
    const item = el(
      'li',
      { className: 'live-item', attrs: { 'data-job': job.id } },
      state,
      el(
        'div',
        { className: 'live-text' },
        el('span', { className: 'live-prompt', text: job.prompt, attrs: { title: job.prompt } }),
        el('span', { className: 'live-meta' }, label, el('span', { text: ' · ' }), time, el('span', { text: ` · ${job.size}${job.offline ? ' · offline' : ''}${job.variant ? ' · variant' : ''}` })),
      ),
      cancel,
    );
    return { job, item, label, time, state, receivedAt: now };
  }

  private updateRow(row: Row, job: LiveJob, now: number): void {
    row.job = job;
    row.receivedAt = now;
    row.label.textContent = job.label;
    row.item.dataset.phase = job.phase;
    const waiting = job.phase === 'waiting' || job.phase === 'queued';
    row.state.replaceChildren(icon(waiting ? 'watch' : 'sync', waiting ? '' : 'codicon-modifier-spin'));
    this.tick(row, now);
  }

  private tick(row: Row, now: number): void {
    row.time.textContent = elapsedText(row.job.elapsedMs + (now - row.receivedAt));
  }

  private setTicking(on: boolean): void {
    if (on && this.ticker === undefined) {
      this.ticker = window.setInterval(() => {
        const now = performance.now();
        for (const row of this.rows.values()) this.tick(row, now);
      }, 1000);
    } else if (!on && this.ticker !== undefined) {
      window.clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }
}
