/**
 * `core/jobs/`: the job pipeline shared by the extension and the CLI: submit, poll, fetch, save atomically,
 * record in history, cancel and recover. This file runs one job from submit to saved files.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { resolveInsideWorkspace } from '../files/containment';
import type { CancelOutcome, JobStatus, Logger, OutputFile, RunComfyClient, Submission } from '../../runcomfy/types';
import { CancelledError, RunComfyError, TimeoutError } from '../../runcomfy/errors';
import { markPlaceholder } from '../placeholders/placeholderMark';
import { OFFLINE_MODEL_LABEL, SOFTWARE_LABEL } from '../images/productLabels';
import { encodeReferences } from '../references/referenceFiles';
import { isActive, type JobPhase, type JobRecord } from './jobRecord';
import { sweepJobTemporaries } from './jobTemporaries';
import { checkSavePlanInside } from './savePlanCheck';
import type { JobTracker } from './jobTracker';
import { MAX_OUTPUTS_PER_JOB, saveOutputs, type PendingOutput } from './saveOutputs';
import { Semaphore } from './semaphore';

/** What a job needs at start; the tracker adds id, phase and timestamps. */
export type JobSpec = Omit<JobRecord, 'id' | 'phase' | 'files' | 'createdAt'>;

/** Settings the runner reads at the moment it needs them, so changes apply to the next job. */
export interface RunnerSettings {
  maxConcurrentJobs: number;
  jobTimeoutMinutes: number;
  maxDownloadMegabytes: number;
}

export interface JobRunnerDeps {
  tracker: JobTracker;
  /** The RunComfy client built from the current settings and token (throws when there is no token). */
  getClient(): Promise<RunComfyClient>;
  /** The offline renderer: a PNG of exactly the requested size. */
  renderPlaceholder(args: { prompt: string; width: number; height: number }): Uint8Array;
  settings(): RunnerSettings;
  log: Logger;
}

/** How a job ended, with the error object (for the right message and buttons) when it did not save. */
export interface JobOutcome {
  job: JobRecord;
  error?: unknown;
}

interface Running {
  controller: AbortController;
  done: Promise<JobOutcome>;
}

/**
 * Runs jobs end to end: waits for a slot, submits (or renders offline), records the request id before
 * polling, polls, saves the files, and records the outcome. Also resumes jobs a reload interrupted.
 */
export class JobRunner {
  private readonly running = new Map<string, Running>();
  private readonly slots: Semaphore;

  constructor(private readonly deps: JobRunnerDeps) {
    this.slots = new Semaphore(() => this.deps.settings().maxConcurrentJobs);
  }

  /** Records the job and starts it; `done` settles when it has saved, failed, been cancelled or detached. */
  async start(spec: JobSpec): Promise<{ job: JobRecord; done: Promise<JobOutcome> }> {
    const job = await this.deps.tracker.add({ ...spec, phase: 'waiting' });
    return { job, done: this.launch(job.id) };
  }

  /**
   * Picks up every job a reload interrupted: those with a request id are polled again and saved (they are
   * paid). Paid jobs that never reached RunComfy are left for the user to decide on: see {@link unsentJobs}.
   */
  resumeUnfinished(): Promise<JobOutcome>[] {
    const outcomes: Promise<JobOutcome>[] = [];
    for (const job of this.deps.tracker.active()) {
      if (this.running.has(job.id) || isUnsent(job)) continue;
      if (job.provider === 'runcomfy' && !job.requestId && job.phase !== 'waiting') {
        // The submit may or may not have reached RunComfy; resubmitting could pay twice.
        void this.finish(job.id, 'failed', {
          error: { kind: 'interrupted', message: l10n.t('Interrupted while submitting. Check your RunComfy generations before trying again.') },
        });
        continue;
      }
      this.deps.log.info(`Resuming job ${job.id} (${job.requestId ?? 'not submitted yet'})`);
      outcomes.push(this.launch(job.id));
    }
    return outcomes;
  }

  /**
   * Removes temporary files a crash or kill left beside the targets of finished jobs (on activation).
   * Unfinished jobs sweep their own right before they save, so nothing a running job writes is touched.
   */
  async sweepTemporaries(): Promise<number> {
    const byFolder = new Map<string, { roots: string[]; ids: Set<string> }>();
    for (const job of this.deps.tracker.list()) {
      if (isActive(job.phase) || this.running.has(job.id)) continue;
      const folder = path.dirname(job.save.exactTarget ?? path.join(job.save.folder, job.save.baseName));
      const entry = byFolder.get(folder) ?? { roots: job.save.workspaceFolders, ids: new Set<string>() };
      entry.ids.add(job.id);
      byFolder.set(folder, entry);
    }
    let removed = 0;
    for (const [folder, { roots, ids }] of byFolder) {
      // A folder that now leads outside the workspace (a symlink swapped in) is left alone.
      const real = await resolveInsideWorkspace(folder, roots).catch(() => undefined);
      if (real) removed += await sweepJobTemporaries(real, ids);
    }
    if (removed > 0) this.deps.log.info(`Removed ${removed} temporary file(s) left by interrupted jobs`);
    return removed;
  }

  /** Paid jobs recorded before a reload that never reached RunComfy: sending them now would spend unasked. */
  unsentJobs(): JobRecord[] {
    return this.deps.tracker.active().filter((job) => isUnsent(job) && !this.running.has(job.id));
  }

  /** Starts a recorded job that is not running (an unsent job the user chose to generate). */
  resume(jobId: string): Promise<JobOutcome> {
    return this.launch(jobId);
  }

  /** Fetches the result of a detached (timed out) or failed-download job again and saves it. */
  retryDownload(jobId: string): Promise<JobOutcome> {
    const job = this.deps.tracker.get(jobId);
    if (!job?.requestId) return Promise.reject(new Error(l10n.t('This job has no RunComfy request id to fetch.')));
    return this.launch(jobId);
  }

  /**
   * Cancels a job. Waiting and offline jobs stop at once. A submitted job is cancelled remotely first: when
   * RunComfy answers `not_cancellable` the job keeps running and the caller asks whether to keep or discard it.
   */
  async cancel(jobId: string): Promise<CancelOutcome> {
    const job = this.deps.tracker.get(jobId);
    const running = this.running.get(jobId);
    if (!job || (!running && !isActive(job.phase))) return 'already_finished';
    if (job.provider === 'runcomfy' && job.requestId && (job.phase === 'queued' || job.phase === 'running' || job.phase === 'submitting')) {
      const client = await this.deps.getClient();
      const outcome = await client.cancel(job.requestId).catch((error: unknown) => {
        this.deps.log.warn(`Cancel of ${job.requestId} failed: ${describe(error)}`);
        return 'not_cancellable' as const;
      });
      if (outcome !== 'cancelled') return outcome;
    }
    running?.controller.abort(new CancelledError(l10n.t('Cancelled by the user.')));
    if (!running) await this.finish(jobId, 'cancelled', {});
    return 'cancelled';
  }

  /** After `not_cancellable`: discard the result when it arrives (nothing is saved), or keep it. */
  async setDiscardResult(jobId: string, discard: boolean): Promise<void> {
    await this.deps.tracker.update(jobId, { discardResult: discard });
  }

  /** Resolves when the job is not running (at once when it is not), so a caller can act on its final record. */
  async settled(jobId: string): Promise<JobRecord | undefined> {
    await this.running.get(jobId)?.done;
    return this.deps.tracker.get(jobId);
  }

  /** Stops waiting for every job (on deactivate); recorded jobs resume on the next activation. */
  detachAll(): void {
    for (const { controller } of this.running.values()) controller.abort(new DetachError());
  }

  private launch(jobId: string): Promise<JobOutcome> {
    const existing = this.running.get(jobId);
    if (existing) return existing.done;
    const controller = new AbortController();
    const done = this.execute(jobId, controller.signal).finally(() => this.running.delete(jobId));
    this.running.set(jobId, { controller, done });
    return done;
  }

  private async execute(jobId: string, signal: AbortSignal): Promise<JobOutcome> {
    let release: (() => void) | undefined;
    try {
      // Slots first: they serve jobs in the order they were started, and an asynchronous check ahead of them
      // would let a later job overtake an earlier one.
      release = await this.slots.acquire(signal);
      // Before any money is spent: a destination that cannot be saved to is refused now, not after payment.
      const recorded = this.mustGet(jobId);
      if (!recorded.requestId) await checkSavePlanInside(recorded.save);
      const job = this.mustGet(jobId);
      const outputs = job.provider === 'offline' ? this.renderOffline(job) : await this.generateRemote(job, signal);
      if (this.mustGet(jobId).discardResult) return await this.finish(jobId, 'cancelled', { error: { kind: 'discarded', message: l10n.t('Result discarded.') } });
      await this.deps.tracker.update(jobId, { phase: 'saving' });
      // Files an earlier attempt saved stay the job's; only the rest are fetched (Retry Download, resume).
      const files = [...this.mustGet(jobId).files];
      await saveOutputs(outputs.slice(files.length), {
        jobId,
        plan: job.save,
        metadata: metadataFor(this.mustGet(jobId)),
        signal,
        firstIndex: files.length,
        onSaved: async (file) => {
          files.push(file);
          await this.deps.tracker.update(jobId, { files: [...files] });
        },
      });
      return await this.finish(jobId, 'saved', { files });
    } catch (error) {
      // The client reports any abort as cancelled; the abort's reason says whether the user asked for it.
      return await this.fail(jobId, signal.reason instanceof DetachError ? signal.reason : error);
    } finally {
      release?.();
    }
  }

  private renderOffline(job: JobRecord): PendingOutput[] {
    const width = Number(job.input.width ?? 1024);
    const height = Number(job.input.height ?? 1024);
    // The offline provider's files are placeholders: marked as such (whatever `embedMetadata` says), so
    // "Generate Real Images for Placeholders" can find them and knows what to generate. The drawing
    // function itself marks nothing: the test double draws its stand-ins for real results with it.
    const drawn = this.deps.renderPlaceholder({ prompt: job.prompt, width, height });
    const png = markPlaceholder(Buffer.from(drawn.buffer, drawn.byteOffset, drawn.byteLength), { prompt: job.prompt, width, height });
    return [
      {
        async fetchTo(tempPath) {
          await fs.writeFile(tempPath, png);
          return { kind: 'image', extension: 'png', mime: 'image/png' };
        },
      },
    ];
  }

  private async generateRemote(job: JobRecord, signal: AbortSignal): Promise<PendingOutput[]> {
    const client = await this.deps.getClient();
    const settings = this.deps.settings();
    const options = {
      signal,
      timeoutMs: settings.jobTimeoutMinutes * 60_000,
      onUpdate: ({ status }: { status: JobStatus }) => void this.onStatus(job.id, status),
    };
    let result;
    if (job.requestId) {
      const submission: Submission = {
        requestId: job.requestId,
        statusUrl: job.statusUrl,
        resultUrl: job.resultUrl,
        cancelUrl: job.cancelUrl,
        submittedAt: job.submittedAt,
      };
      await this.deps.tracker.update(job.id, { phase: 'queued', error: undefined });
      result = await client.wait(submission, { ...options, model: job.model, input: job.input });
    } else {
      await this.deps.tracker.update(job.id, { phase: 'submitting' });
      const input = job.references ? await encodeReferences(job.input, job.references, job.references.roots ?? job.save.workspaceFolders) : job.input;
      result = await client.run(job.model, input, {
        ...options,
        onSubmitted: async (s) => {
          await this.deps.tracker.update(job.id, {
            phase: 'queued',
            requestId: s.requestId,
            statusUrl: s.statusUrl,
            resultUrl: s.resultUrl,
            cancelUrl: s.cancelUrl,
            submittedAt: s.submittedAt ?? Date.now(),
          });
          this.deps.log.info(`Job ${job.id}: submitted as RunComfy request ${s.requestId}`);
        },
      });
    }
    // Recorded before the download: the job was paid for whether or not its files arrive.
    if (result.costUsd !== undefined) await this.deps.tracker.update(job.id, { costUsd: result.costUsd });
    const maxBytes = settings.maxDownloadMegabytes * 1024 * 1024;
    if (result.outputs.length > MAX_OUTPUTS_PER_JOB) {
      this.deps.log.warn(
        `Job ${job.id}: RunComfy returned ${result.outputs.length} outputs; saving the first ${MAX_OUTPUTS_PER_JOB} ` +
          `(the most one job saves), skipping ${result.outputs.length - MAX_OUTPUTS_PER_JOB}.`,
      );
    }
    return result.outputs.slice(0, MAX_OUTPUTS_PER_JOB).map((output: OutputFile) => ({
      fetchTo: async (tempPath: string, downloadSignal?: AbortSignal) =>
        (await client.download(output.url, tempPath, { signal: downloadSignal, maxBytes })).type,
    }));
  }

  private async onStatus(jobId: string, status: JobStatus): Promise<void> {
    const phase: JobPhase | undefined = status.state === 'queued' ? 'queued' : status.state === 'running' ? 'running' : undefined;
    if (!phase) return;
    const current = this.deps.tracker.get(jobId);
    const transient = current?.phase === phase;
    await this.deps.tracker.update(jobId, { phase, queuePosition: status.state === 'queued' ? status.queuePosition : undefined }, { transient });
  }

  private async fail(jobId: string, error: unknown): Promise<JobOutcome> {
    if (error instanceof DetachError) {
      // Deactivation: leave the record as it is so the next activation resumes it.
      return { job: this.mustGet(jobId) };
    }
    if (error instanceof TimeoutError) {
      return this.finish(jobId, 'detached', { error: { kind: error.name, message: error.message } }, error);
    }
    if (error instanceof CancelledError || isAbort(error)) {
      return this.finish(jobId, 'cancelled', {}, error);
    }
    const kind = error instanceof Error ? error.name : 'Error';
    return this.finish(jobId, 'failed', { error: { kind, message: error instanceof Error ? error.message : String(error) } }, error);
  }

  private async finish(jobId: string, phase: JobPhase, patch: Partial<JobRecord>, error?: unknown): Promise<JobOutcome> {
    const job = (await this.deps.tracker.update(jobId, { ...patch, phase, queuePosition: undefined, finishedAt: Date.now() })) ?? this.mustGet(jobId);
    this.logEnd(job, error);
    return error === undefined ? { job } : { job, error };
  }

  /** Every ending passes through `finish`, so this is the one place the log records how each job ended. */
  private logEnd(job: JobRecord, error: unknown): void {
    const log = this.deps.log;
    const prefix = `Job ${job.id}`;
    if (job.phase === 'saved') log.info(`${prefix} saved ${job.files.join(', ')}`);
    else if (job.phase === 'cancelled' && job.error?.kind === 'discarded') log.info(`${prefix} discarded: the result arrived after cancel; nothing saved`);
    else if (job.phase === 'cancelled') log.info(`${prefix} cancelled`);
    else if (job.phase === 'detached') log.warn(`${prefix} stopped waiting: ${job.error?.message ?? ''} (request ${job.requestId ?? 'unknown'})`);
    else if (job.phase === 'failed') log.error(l10n.t('{0} failed: {1}', prefix, error === undefined ? job.error?.message ?? 'unknown error' : describe(error)));
  }

  private mustGet(jobId: string): JobRecord {
    const job = this.deps.tracker.get(jobId);
    if (!job) throw new Error(l10n.t('Job {0} is no longer recorded.', jobId));
    return job;
  }
}

/** Aborts polling on deactivate without marking the job as cancelled. */
class DetachError extends Error {
  override name = 'DetachError';
}

function isUnsent(job: JobRecord): boolean {
  return job.provider === 'runcomfy' && !job.requestId && job.phase === 'waiting';
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'CancelledError');
}

function describe(error: unknown): string {
  if (error instanceof RunComfyError) return `${error.name}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function metadataFor(job: JobRecord): Record<string, string> {
  const entries: Record<string, string> = {
    prompt: job.prompt,
    model: job.provider === 'offline' ? OFFLINE_MODEL_LABEL : job.model,
    Software: SOFTWARE_LABEL,
    date: new Date().toISOString(),
  };
  if (job.input.width && job.input.height) entries.size = `${job.input.width}x${job.input.height}`;
  if (job.input.steps !== undefined) entries.steps = String(job.input.steps);
  if (job.requestId) entries.request_id = job.requestId;
  return entries;
}
