/**
 * Turning finished jobs into what the user reads: one message per error (with the CLI's own advice where
 * the client's message names an editor command), JSON records for `--json`, and the batch's exit code.
 */
import { RunComfyAuthError, TimeoutError } from '../runcomfy';
import { EXIT, type ExitCode } from './exitCodes';
import { TOKEN_VARIABLE } from './environment';
import type { BatchResult, JobReport } from './cliSession';

/** A one-paragraph message for an error, saying what to do next. */
export function describeError(error: unknown, requestId?: string): string {
  if (error instanceof RunComfyAuthError) {
    const status = error.status ? ` (HTTP ${error.status})` : '';
    return `RunComfy rejected the API token${status}. Set ${TOKEN_VARIABLE} to a valid token from runcomfy.com → Profile → API Token.`;
  }
  if (error instanceof TimeoutError) {
    const id = error.requestId ?? requestId;
    return id ? `${error.message} Fetch it later with: runcomfy-images result ${id}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The message for a job that did not save. */
export function failureMessage(report: JobReport): string {
  const { job, error } = report;
  if (error !== undefined) return describeError(error, job.requestId);
  if (job.phase === 'cancelled') return 'Cancelled; nothing was saved.';
  if (job.requestId) return `Stopped waiting; request ${job.requestId} may still finish: runcomfy-images result ${job.requestId}`;
  return job.error?.message ?? `Ended as ${job.phase}.`;
}

/** A job as `--json` prints it. Paths are absolute. */
export function jobJson(report: JobReport) {
  const { job } = report;
  return {
    requestId: job.requestId ?? null,
    prompt: job.prompt,
    model: job.provider === 'offline' ? 'offline' : job.model,
    width: job.input.width ?? null,
    height: job.input.height ?? null,
    state: stateOf(job),
    files: job.files,
    /** USD as RunComfy reported it; null when it did not (never 0 for "unknown"). */
    costUsd: job.costUsd ?? null,
    error: report.exitCode === EXIT.ok ? null : { kind: errorKind(report), message: failureMessage(report), exitCode: report.exitCode },
    timings: report.timings,
  };
}

/** `detached`: we stopped waiting (timeout, Ctrl-C on a running job); it may still finish on RunComfy. */
function stateOf(job: JobReport['job']): 'saved' | 'cancelled' | 'failed' | 'detached' {
  if (job.phase === 'saved' || job.phase === 'cancelled' || job.phase === 'failed') return job.phase;
  return 'detached';
}

function errorKind(report: JobReport): string {
  if (report.error instanceof Error) return report.error.name;
  return report.job.error?.kind ?? report.job.phase;
}

/** 130 when interrupted, else the first failure's code in the order the jobs were given, else 0. */
export function batchExitCode(batch: BatchResult): ExitCode {
  if (batch.interrupted) return EXIT.cancelled;
  return batch.reports.find((r) => r.exitCode !== EXIT.ok)?.exitCode ?? EXIT.ok;
}
