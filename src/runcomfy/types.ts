/**
 * The shared RunComfy client's public contract. Every caller (editor commands, the Studio, the CLI, the
 * language model tool, the benchmark) goes through this interface; nothing here depends on `vscode`.
 */

import type { CatalogModel, ListModelsOptions, ModelList } from './catalog';
import type { ModelInputSchema } from './inputSchema';

/** Where log lines go. Implementations must never receive the token; the client never passes it. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Model input as sent in the submit body (the model's own schema, no wrapper). */
export type ModelInput = Record<string, unknown>;

export type { CatalogModel, ListModelsOptions, ModelList } from './catalog';

/** What submit returns: the request id and the URLs the service handed back (same-origin checked). */
export interface Submission {
  requestId: string;
  statusUrl?: string;
  resultUrl?: string;
  cancelUrl?: string;
  /**
   * When submit returned (epoch ms). Keep it with a persisted job: `wait` then knows how long the job has
   * been running, so it can poll around its expected end and learn from it. Absent for older records.
   */
  submittedAt?: number;
}

/** A job's state as seen while polling, normalised across `/status` and `/result` spellings. */
export type JobStatus =
  | { state: 'queued'; queuePosition?: number }
  | { state: 'running' }
  | { state: 'completed' }
  | { state: 'failed'; reason: string }
  | { state: 'cancelled' };

/** One output file named in a result's `output` object. */
export interface OutputFile {
  /** The key it came from: `image`, `images`, `video`, `videos` or a model-specific one. */
  key: string;
  url: string;
}

/** The final record of a request, from `/result`. */
export type JobResult =
  /** `costUsd`: what RunComfy says the job cost (asked with `include_cost=true`); absent when not reported. */
  | { state: 'succeeded'; requestId: string; outputs: OutputFile[]; createdAt?: string; finishedAt?: string; costUsd?: number }
  | { state: 'failed'; requestId: string; reason: string; createdAt?: string; finishedAt?: string; costUsd?: number }
  | { state: 'cancelled'; requestId: string }
  /** Not finished yet: `/result` returns the current state until the job ends. */
  | { state: 'pending'; requestId: string; status: JobStatus };

/** What a cancel request achieved. `not_cancellable`: the job is already running and will finish. */
export type CancelOutcome = 'cancelled' | 'not_cancellable' | 'already_finished';

/** Progress reported while `run`/`wait` polls. */
export interface JobUpdate {
  requestId: string;
  status: JobStatus;
  /** Milliseconds since submit (or since `wait` started, for resumed jobs). */
  elapsedMs: number;
}

/** Options of `submit`. */
export interface SubmitOptions {
  signal?: AbortSignal;
  /**
   * The model's normalised input schema (`normaliseInputSchema(model.inputSchema)`): the body is checked
   * against it before sending. Without it, only models of the embedded snapshot are checked.
   */
  inputSchema?: ModelInputSchema;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** As for `submit`. */
  inputSchema?: ModelInputSchema;
  onUpdate?: (update: JobUpdate) => void;
  /**
   * Called once with the request id as soon as the submit succeeded and *before* polling starts, so a
   * caller can record the job durably (a paid result must survive a reload).
   */
  onSubmitted?: (submission: Submission) => void | Promise<void>;
  /** Stop waiting after this long (the job keeps running remotely): throws `RunComfyTimeoutError`. */
  timeoutMs?: number;
}

/** The detected type of downloaded bytes, so callers choose the file extension. */
export type MediaType =
  | { kind: 'image'; extension: 'png' | 'jpg' | 'webp' | 'gif'; mime: string }
  | { kind: 'video'; extension: 'mp4' | 'webm'; mime: string };

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Refuse (and delete) anything larger; default from the client options. */
  maxBytes?: number;
  /**
   * Chooses the final path once the bytes' type is known (e.g. `hero.png` → `hero.webp` when the service
   * returned WebP). Called after the download completed and was verified, before the rename; the
   * temporary file lives beside `targetPath`, so return a path in the same folder. Default: `targetPath`.
   */
  resolveTargetPath?: (type: MediaType, targetPath: string) => string | Promise<string>;
}

export interface DownloadResult {
  /** Where the bytes were written (the target path given, or what `resolveTargetPath` chose). */
  path: string;
  bytes: number;
  type: MediaType;
}

export interface RunComfyClient {
  submit(model: string, input: ModelInput, options?: SubmitOptions): Promise<Submission>;
  status(requestId: string, options?: { signal?: AbortSignal }): Promise<JobStatus>;
  result(requestId: string, options?: { signal?: AbortSignal }): Promise<JobResult>;
  /**
   * Asks RunComfy to cancel (best effort; it cancels only queued jobs). Does not stop a `run`/`wait` in
   * progress: the caller decides what follows. On `cancelled`, abort the wait (or let it end with a remote
   * `CancelledError`); on `not_cancellable` the job runs on and may be charged, so keep waiting to keep the
   * result, or abort and discard it; on `already_finished`, fetch the result.
   */
  cancel(requestId: string, options?: { signal?: AbortSignal }): Promise<CancelOutcome>;
  /** Submit, poll until the job ends, and return the final result (throws typed errors on failure). */
  run(model: string, input: ModelInput, options?: RunOptions): Promise<Extract<JobResult, { state: 'succeeded' }>>;
  /** Poll an already submitted request (e.g. resumed after a reload) until it ends. */
  wait(
    submission: Submission,
    options?: Omit<RunOptions, 'onSubmitted'> & { model?: string; input?: ModelInput },
  ): Promise<Extract<JobResult, { state: 'succeeded' }>>;
  /**
   * Stream `url` to `targetPath` atomically (temp file beside it, verify, rename). Never sends the token.
   * The target's folder must exist; an existing file at the final path is replaced, so pick a free name
   * first. Throws `DownloadTooLargeError`, `UnsupportedMediaError`, `InsecureUrlError`, … and leaves no file.
   */
  download(url: string, targetPath: string, options?: DownloadOptions): Promise<DownloadResult>;
  /**
   * The catalog (`GET /v1/models`), one request per page of `limit` (default 100) from `offset` until
   * `total`; filters are passed to RunComfy. Schemas are left out unless `includeSchema`.
   */
  listModels(options?: ListModelsOptions): Promise<ModelList>;
  /** One model with its input schema (`GET /v1/models/{id}`); `UnknownModelError` when RunComfy has none. */
  getModel(modelId: string, options?: { signal?: AbortSignal }): Promise<CatalogModel>;
  /** The catalog's category names (`GET /v1/models/categories`). */
  listCategories(options?: { signal?: AbortSignal }): Promise<string[]>;
}
