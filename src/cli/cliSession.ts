/**
 * Runs a batch of jobs through the same pipeline as the editor (`JobRunner`: concurrency slots, submit or
 * offline render, request id recorded before polling, atomic saves) with an in-memory tracker, shows
 * progress, and turns Ctrl-C into a clean stop: queued jobs are cancelled on RunComfy, running ones are
 * left to finish remotely (their request ids printed for `result`), no partial file is left behind.
 */
import { JobRunner, type JobSpec } from '../core/jobs/jobRunner';
import type { JobPhase, JobRecord } from '../core/jobs/jobRecord';
import { JobTracker, type KeyValueStore } from '../core/jobs/jobTracker';
import { renderPlaceholder } from '../core/placeholders/placeholderImage';
import type { Settings } from '../core/settings';
import type { Logger, RunComfyClient } from '../runcomfy/types';
import { EXIT, exitCodeFor, type ExitCode } from './exitCodes';
import type { Output } from './output';
import { ProgressReporter } from './progressReporter';

export interface SessionOptions {
  output: Output;
  settings: Settings;
  /** Builds the client on first use; offline batches never call it. */
  getClient: () => Promise<RunComfyClient>;
  timeoutMs?: number;
  concurrency?: number;
  /**
   * On Ctrl-C: `cancel` jobs remotely (jobs this run started), or only `detach` (stop waiting for a job
   * that `result` merely fetches).
   */
  onInterrupt: 'cancel' | 'detach';
}

/** Milliseconds spent in each phase, as observed while polling, and in all. */
export interface Timings {
  totalMs: number;
  submitMs?: number;
  queuedMs?: number;
  runningMs?: number;
  savingMs?: number;
}

/** How one job ended, with the exit code it calls for. */
export interface JobReport {
  /** Position of the job's spec in the batch. */
  index: number;
  job: JobRecord;
  error?: unknown;
  exitCode: ExitCode;
  timings: Timings;
}

export interface BatchResult {
  reports: JobReport[];
  interrupted: boolean;
}

/** The tracker's store: nothing outlives the process (a stopped run prints its request ids instead). */
const memoryStore: KeyValueStore = { get: () => undefined, update: async () => undefined };
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
/** Longest wait for an in-flight submit to return its request id before cancelling it anyway. */
const SUBMIT_GRACE_MS = 15_000;

export class CliSession {
  private readonly tracker = new JobTracker(memoryStore);
  private readonly runner: JobRunner;
  private readonly phaseTimes = new Map<string, Partial<Record<JobPhase, number>>>();
  private interrupted = false;

  /** True once Ctrl-C (or SIGTERM) asked this run to stop. */
  get wasInterrupted(): boolean {
    return this.interrupted;
  }

  constructor(private readonly options: SessionOptions) {
    const { settings } = options;
    this.runner = new JobRunner({
      tracker: this.tracker,
      getClient: options.getClient,
      renderPlaceholder,
      settings: () => ({
        maxConcurrentJobs: options.concurrency ?? settings.maxConcurrentJobs,
        jobTimeoutMinutes: options.timeoutMs !== undefined ? options.timeoutMs / 60_000 : settings.jobTimeoutMinutes,
        maxDownloadMegabytes: settings.maxDownloadMegabytes,
      }),
      log: silent,
    });
  }

  /** Runs every spec (concurrency-limited) and reports each as it settles. */
  async run(specs: JobSpec[], onSettled: (report: JobReport) => void = () => undefined): Promise<BatchResult> {
    const progress = new ProgressReporter(this.options.output, specs.length);
    const listener = this.tracker.onDidChange((job) => {
      const times = this.phaseTimes.get(job.id) ?? {};
      times[job.phase] ??= Date.now();
      this.phaseTimes.set(job.id, times);
      progress.update(job);
    });
    const onSignal = () => void this.interrupt();
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const started = [];
      for (const spec of specs) {
        if (this.interrupted) break; // Ctrl-C between two starts: the rest never start
        started.push(await this.runner.start(spec));
      }
      const reports = await Promise.all(
        started.map(async ({ done }, index) => {
          const outcome = await done;
          const report = this.report(index, outcome.job, outcome.error);
          progress.update(outcome.job);
          onSettled(report);
          return report;
        }),
      );
      return { reports, interrupted: this.interrupted };
    } finally {
      progress.stop();
      listener.dispose();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }

  private report(index: number, job: JobRecord, error: unknown): JobReport {
    return { index, job, error, exitCode: this.exitCodeOf(job, error), timings: this.timingsOf(job) };
  }

  private exitCodeOf(job: JobRecord, error: unknown): ExitCode {
    if (job.phase === 'saved') return EXIT.ok;
    if (job.phase === 'cancelled') return EXIT.cancelled;
    if (error === undefined) return this.interrupted ? EXIT.cancelled : EXIT.failure;
    return exitCodeFor(error);
  }

  private timingsOf(job: JobRecord): Timings {
    const t = this.phaseTimes.get(job.id) ?? {};
    const end = job.finishedAt ?? Date.now();
    const span = (from: number | undefined, to: number | undefined) => (from !== undefined && to !== undefined ? Math.max(0, to - from) : undefined);
    const afterQueue = t.running ?? t.saving ?? end;
    return {
      totalMs: end - job.createdAt,
      submitMs: span(t.submitting, t.queued),
      queuedMs: span(t.queued, afterQueue),
      runningMs: span(t.running, t.saving ?? end),
      savingMs: span(t.saving, end),
    };
  }

  /** First Ctrl-C: stop cleanly. Second: quit at once. */
  private async interrupt(): Promise<void> {
    const { output } = this.options;
    if (this.interrupted) {
      output.info('Quitting without waiting.');
      process.exit(EXIT.cancelled);
    }
    this.interrupted = true;
    output.info('Stopping… (Ctrl-C again quits at once)');
    if (this.options.onInterrupt === 'cancel') {
      await Promise.all(this.tracker.active().map((job) => this.cancel(job.id)));
    }
    this.runner.detachAll();
  }

  private async cancel(jobId: string): Promise<void> {
    await this.pastSubmit(jobId);
    const requestId = this.tracker.get(jobId)?.requestId;
    const outcome = await this.runner.cancel(jobId);
    if (!requestId) return;
    const { output } = this.options;
    if (outcome === 'cancelled') output.info(`Cancelled request ${requestId} on RunComfy.`);
    else if (outcome === 'not_cancellable') {
      output.warn(`Request ${requestId} is already running on RunComfy; it will finish and may be charged. Fetch it later with: runcomfy-images result ${requestId}`);
    } else output.info(`Request ${requestId} already finished. Fetch it with: runcomfy-images result ${requestId}`);
  }

  /** A submit in flight is let finish, so the job it creates can be cancelled rather than orphaned. */
  private pastSubmit(jobId: string): Promise<void> {
    const submitting = () => this.tracker.get(jobId)?.phase === 'submitting';
    if (!submitting()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      };
      const timer = setTimeout(done, SUBMIT_GRACE_MS);
      const listener = this.tracker.onDidChange((job) => job.id === jobId && !submitting() && done());
    });
  }
}
