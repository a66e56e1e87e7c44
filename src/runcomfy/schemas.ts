/**
 * Zod schemas for every RunComfy response body, written to accept every plausible variant (PROTOCOL.md
 * leaves status codes, error shapes and output keys partly undocumented), plus the small normalisers that
 * turn a parsed body into the contract's types.
 */
import { z } from 'zod';
import type { JobResult, JobStatus, OutputFile } from './types';

/** A field we only read when it has the expected type; anything else is treated as absent, not fatal. */
function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

const identifier = z.union([z.string().min(1), z.number()]).transform(String);
const numericCode = z.union([z.number(), z.string().min(1)]);
const integerLike = z.coerce.number().int().nonnegative();

/** `{type, message}` as in the Serverless webhook docs; other fields are kept for the log. */
const errorObject = z.looseObject({ type: lenient(z.string()), message: lenient(z.string()), code: lenient(numericCode) });

/** One entry of a 422 `detail` array: `{loc: ["body", "width"], msg: "...", type: "..."}`. */
const validationIssue = z.looseObject({
  loc: lenient(z.array(z.union([z.string(), z.number()]))),
  msg: lenient(z.string()),
  type: lenient(z.string()),
});

/** The error fields RunComfy (and its siblings) use, all optional. */
export const errorBodySchema = z.looseObject({
  error_code: lenient(numericCode),
  code: lenient(numericCode),
  error_message: lenient(z.string()),
  message: lenient(z.string()),
  error: lenient(z.union([z.string(), errorObject])),
  detail: lenient(z.union([z.string(), z.array(validationIssue)])),
});

/** `POST /v1/models/{model}`: `request_id` (some clients read `id`) and the three URLs. */
export const submitBodySchema = z
  .looseObject({
    request_id: lenient(identifier),
    id: lenient(identifier),
    status_url: lenient(z.string()),
    result_url: lenient(z.string()),
    cancel_url: lenient(z.string()),
  })
  .refine((body) => (body.request_id ?? body.id) !== undefined, { message: 'the reply has no request_id' });

/** `/status` and `/result` share one shape: a status word, maybe a queue position, output or error. */
export const jobBodySchema = z.looseObject({
  request_id: lenient(identifier),
  id: lenient(identifier),
  status: z.string().min(1),
  queue_position: lenient(integerLike),
  output: lenient(z.record(z.string(), z.unknown())),
  error: lenient(z.union([z.string(), errorObject])),
  error_message: lenient(z.string()),
  message: lenient(z.string()),
  created_at: lenient(z.union([z.string(), z.number()]).transform(String)),
  finished_at: lenient(z.union([z.string(), z.number()]).transform(String)),
  /** What the job cost in USD, present with `?include_cost=true` (PROTOCOL §12); read by `reportedCostUsd`. */
  cost: z.unknown().optional(),
});
export type JobBody = z.infer<typeof jobBodySchema>;

/** `POST /v1/requests/{id}/cancel`: `{request_id, status, outcome}` (status alone on Serverless). */
export const cancelBodySchema = z.looseObject({
  status: lenient(z.string()),
  outcome: lenient(z.string()),
});

/** Status words normalised: lower-case, every spelling RunComfy or its clients have been seen to use. */
export type StatusWord = 'queued' | 'running' | 'completed' | 'succeeded' | 'failed' | 'cancelled' | 'unknown';

const statusWords: Record<string, StatusWord> = {
  in_queue: 'queued',
  queued: 'queued',
  pending: 'queued',
  in_progress: 'running',
  running: 'running',
  processing: 'running',
  completed: 'completed',
  complete: 'completed',
  succeeded: 'succeeded',
  success: 'succeeded',
  failed: 'failed',
  failure: 'failed',
  error: 'failed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

export function normaliseStatusWord(word: string): StatusWord {
  return statusWords[word.trim().toLowerCase().replace(/[\s-]+/g, '_')] ?? 'unknown';
}

/** The server's reason for a failure, from whichever field carries it. */
export function failureReason(body: Pick<JobBody, 'error' | 'error_message' | 'message'>): string {
  const error = body.error;
  const fromError = typeof error === 'string' ? error : (error?.message ?? error?.type);
  return fromError?.trim() || body.error_message?.trim() || body.message?.trim() || 'RunComfy gave no reason';
}

/**
 * Maps a `/status` or `/result` body to the contract's `JobStatus`. Unknown words count as still running
 * (PROTOCOL habit 3): the poll loop's timeout bounds them.
 */
export function jobStatusOf(body: JobBody): JobStatus {
  switch (normaliseStatusWord(body.status)) {
    case 'queued':
      return body.queue_position === undefined
        ? { state: 'queued' }
        : { state: 'queued', queuePosition: body.queue_position };
    case 'running':
    case 'unknown':
      return { state: 'running' };
    case 'completed':
    case 'succeeded':
      return { state: 'completed' };
    case 'failed':
      return { state: 'failed', reason: failureReason(body) };
    case 'cancelled':
      return { state: 'cancelled' };
  }
}

/** Output keys listed first, in this order; any other key holding URLs follows. */
const preferredOutputKeys = ['image', 'images', 'video', 'videos'];

function urlsIn(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => {
    // `{url: ...}` items are how fal-style outputs look; accepting them costs nothing.
    const candidate = typeof item === 'object' && item !== null && 'url' in item ? item.url : item;
    return typeof candidate === 'string' && /^https?:\/\//i.test(candidate) && URL.canParse(candidate)
      ? [candidate]
      : [];
  });
}

/** Every output file URL in a result's `output` object (only `output` is scanned, never echoed inputs). */
export function outputFilesOf(output: Record<string, unknown> | undefined): OutputFile[] {
  if (!output) return [];
  const keys = Object.keys(output).sort((a, b) => rank(a) - rank(b));
  return keys.flatMap((key) => urlsIn(output[key]).map((url) => ({ key, url })));
}

function rank(key: string): number {
  const index = preferredOutputKeys.indexOf(key);
  return index === -1 ? preferredOutputKeys.length : index;
}

/**
 * Maps a `/result` body to the contract's `JobResult`. Success is decided here, from the result's own
 * status: `succeeded`, or `completed` (a spelling some clients report) on the result record itself.
 */
export function jobResultOf(body: JobBody, requestId: string): JobResult {
  const id = body.request_id ?? body.id ?? requestId;
  const costUsd = reportedCostUsd(body.cost);
  const times = { createdAt: body.created_at, finishedAt: body.finished_at, ...(costUsd === undefined ? {} : { costUsd }) };
  const status = jobStatusOf(body);
  switch (status.state) {
    case 'completed':
      return { state: 'succeeded', requestId: id, outputs: outputFilesOf(body.output), ...times };
    case 'failed':
      return { state: 'failed', requestId: id, reason: status.reason, ...times };
    case 'cancelled':
      return { state: 'cancelled', requestId: id };
    default:
      return { state: 'pending', requestId: id, status };
  }
}

/**
 * The `cost` of a `/result` body in USD: a finite, non-negative number (or such a number as text). Anything
 * else (absent, null, negative, NaN, an object) is "not reported", never zero: a job is not free because its
 * reply forgot to say.
 */
export function reportedCostUsd(raw: unknown): number | undefined {
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}
