/**
 * Shows how jobs progress on stderr: on a terminal one live line (`\r` updates with queue position and
 * elapsed time, a spinner so a long queue still looks alive); elsewhere (CI logs, pipes) one plain line per
 * change of phase or queue position.
 */
import type { JobRecord } from '../core/jobs/jobRecord';
import { elapsed, phaseLabel, truncate } from '../core/jobs/statusSummary';
import type { Output } from './output';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const TICK_MS = 250;

export class ProgressReporter {
  private readonly jobs = new Map<string, { job: JobRecord; index: number; shown: string }>();
  private readonly started = Date.now();
  private ticker: NodeJS.Timeout | undefined;
  private frame = 0;

  constructor(
    private readonly output: Output,
    private readonly total: number,
  ) {
    if (output.interactive) {
      this.ticker = setInterval(() => this.draw(), TICK_MS);
      this.ticker.unref();
    }
  }

  /** Called for every change of a job the session runs. */
  update(job: JobRecord): void {
    const known = this.jobs.get(job.id);
    const entry = known ?? { job, index: this.jobs.size + 1, shown: '' };
    if (job.requestId && !known?.job.requestId) {
      this.output.info(`${this.prefix(entry.index)}request ${job.requestId}${job.prompt ? `: ${truncate(job.prompt, 60)}` : ''}`);
    }
    entry.job = job;
    this.jobs.set(job.id, entry);
    const label = phaseLabel(job);
    if (label !== entry.shown) {
      entry.shown = label;
      // "Waiting for a free slot" is usually over at once; a job still waiting shows up when it starts.
      if (!this.output.interactive && job.phase !== 'waiting') this.output.info(`${this.prefix(entry.index)}${label} · ${this.elapsed(job)}${this.total > 1 ? ` · ${truncate(job.prompt, 40)}` : ''}`);
    }
    this.draw();
  }

  /** Removes the live line for good. */
  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    this.output.live(undefined);
  }

  private draw(): void {
    if (!this.ticker) return;
    const jobs = [...this.jobs.values()].map((e) => e.job);
    const active = jobs.filter((j) => j.phase !== 'saved' && j.phase !== 'failed' && j.phase !== 'cancelled' && j.phase !== 'detached');
    if (active.length === 0) return this.output.live(undefined);
    const spinner = SPINNER[this.frame++ % SPINNER.length];
    const time = elapsed(Date.now() - this.started);
    if (this.total === 1) {
      const job = active[0]!;
      this.output.live(`${spinner} ${phaseLabel(job)} · ${time} · ${truncate(job.prompt, 60)}`);
      return;
    }
    const count = (...phases: JobRecord['phase'][]) => jobs.filter((j) => phases.includes(j.phase)).length;
    const queued = jobs.filter((j) => j.phase === 'queued');
    const positions = queued.map((j) => j.queuePosition).filter((p): p is number => p !== undefined);
    const parts = [`${count('saved')}/${this.total} saved`];
    if (count('submitting', 'running', 'saving')) parts.push(`${count('submitting', 'running', 'saving')} generating`);
    if (queued.length) parts.push(`${queued.length} queued${positions.length ? ` (#${Math.min(...positions)})` : ''}`);
    if (count('waiting')) parts.push(`${count('waiting')} waiting`);
    if (count('failed')) parts.push(`${count('failed')} failed`);
    this.output.live(`${spinner} ${parts.join(' · ')} · ${time}`);
  }

  private prefix(index: number): string {
    return this.total > 1 ? `[${index}/${this.total}] ` : '';
  }

  private elapsed(job: JobRecord): string {
    return elapsed((job.finishedAt ?? Date.now()) - job.createdAt);
  }
}
