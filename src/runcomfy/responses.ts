/**
 * Reading API responses: JSON parsed defensively (HTML from a proxy, truncated bodies), then statuses and
 * RunComfy error codes mapped to the typed errors, including an `error_code` inside a 2xx body.
 */
import type { z } from 'zod';
import {
  InsufficientBalanceError,
  InvalidInputError,
  RateLimitedError,
  RequestExpiredError,
  RunComfyAuthError,
  RunComfyError,
  ServerError,
  UnexpectedResponseError,
  UnknownModelError,
  type RunComfyErrorDetails,
} from './errors';
import type { HttpResponse } from './http';
import { redact } from './redact';
import { parseRetryAfterMs } from './retry';
import { errorBodySchema } from './schemas';

/** Which call a response answers: the same status means different things on submit and on a poll. */
export interface ResponseContext {
  operation: 'submit' | 'poll' | 'cancel' | 'catalog';
  requestId?: string;
  model?: string;
}

/** What an error body says, whichever of the documented fields carry it. */
export interface ErrorBodyInfo {
  code?: number | string;
  message?: string;
  field?: string;
}

/** The parsed JSON of a 2xx reply, checked against `schema`; throws a typed error for anything else. */
export function readJsonBody<T extends z.ZodType>(response: HttpResponse, schema: T, context: ResponseContext): z.output<T> {
  if (response.status < 200 || response.status >= 300) throw errorForResponse(response, context);
  const json = parseJson(response, context);
  const info = readErrorBody(json);
  // Some RunComfy APIs report errors as HTTP 200 plus `error_code` (PROTOCOL §6). A bare `code` counts only
  // when it looks like one of RunComfy's six-digit codes, so an innocent `code: "ok"` passes.
  const embeddedStatus = isErrorCode(info.code)
    ? (statusOfCode(info.code) ?? (hasErrorCodeField(json) ? 400 : undefined))
    : undefined;
  if (embeddedStatus !== undefined) throw errorForStatus(embeddedStatus, info, response, context);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new UnexpectedResponseError(
      `RunComfy's reply could not be read (${parsed.error.issues[0]?.message ?? 'wrong shape'}): ${snippet(response.body)}`,
      { status: response.status, requestId: context.requestId, submitOutcomeUnknown: context.operation === 'submit' },
    );
  }
  return parsed.data;
}

/** The typed error for a non-2xx response. */
export function errorForResponse(response: HttpResponse, context: ResponseContext): RunComfyError {
  const json = tryParseJson(response.body);
  const info = json === undefined ? { message: describeNonJson(response) } : readErrorBody(json);
  return errorForStatus(response.status, info, response, context);
}

export function readErrorBody(json: unknown): ErrorBodyInfo {
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return {};
  const body = parsed.data;
  const error = body.error;
  const issue = Array.isArray(body.detail) ? body.detail[0] : undefined;
  const field = issue?.loc?.filter((part) => part !== 'body').join('.') || undefined;
  const message =
    body.error_message ??
    body.message ??
    (typeof error === 'string' ? error : (error?.message ?? error?.type)) ??
    (typeof body.detail === 'string' ? body.detail : issue?.msg);
  const code = body.error_code ?? body.code ?? (typeof error === 'object' ? error?.code : undefined);
  return { code: typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : code, message, field };
}

function errorForStatus(
  status: number,
  info: ErrorBodyInfo,
  response: HttpResponse,
  context: ResponseContext,
): RunComfyError {
  const code = info.code;
  const details: RunComfyErrorDetails = {
    status,
    code,
    requestId: context.requestId,
    retryAfterMs: parseRetryAfterMs(response.headers['retry-after']),
    field: info.field,
  };
  const says = info.message ? ` (RunComfy says: ${redact(info.message, [])})` : '';
  if (code === 403001) {
    return new RunComfyAuthError(
      `Request ${context.requestId ?? ''} belongs to another RunComfy account; check the API token you set${says}.`,
      details,
    );
  }
  if (code === 400004 || status === 401 || status === 403) {
    return new RunComfyAuthError(
      `RunComfy rejected the API token (HTTP ${status})${says}. Run "RunComfy: Set API Token" with a token from runcomfy.com/profile.`,
      details,
    );
  }
  if (code === 400002 || status === 402) {
    return new InsufficientBalanceError(
      `Your RunComfy account has no remaining balance${says}. Add credit on runcomfy.com, then try again.`,
      details,
    );
  }
  const onModel = context.operation === 'submit' || (context.operation === 'catalog' && context.model !== undefined);
  if (onModel && (code === 400001 || status === 404)) {
    return new UnknownModelError(
      `RunComfy does not know the model "${context.model ?? ''}"${says}. Check the model id (setting runcomfy.model).`,
      { ...details, field: 'model' },
    );
  }
  if (context.operation !== 'catalog' && (code === 404001 || code === 400001 || status === 404)) {
    return new RequestExpiredError(
      `RunComfy no longer knows request ${context.requestId ?? ''}: it expired, was deleted or never existed${says}.`,
      details,
    );
  }
  if (status === 429) {
    return new RateLimitedError(`RunComfy is rate limiting requests${says}. Wait a moment and try again.`, details);
  }
  if (status === 408 || status >= 500) return serverError(status, says, details, context);
  if (status === 400 || status === 422) {
    const what = info.field ? `Input "${info.field}" was rejected` : 'The input was rejected';
    return new InvalidInputError(`${what} by the model${says}.`, details);
  }
  return new UnexpectedResponseError(`RunComfy answered HTTP ${status}${says}.`, details);
}

function serverError(status: number, says: string, details: RunComfyErrorDetails, context: ResponseContext): ServerError {
  if (context.operation === 'submit') {
    return new ServerError(
      `RunComfy answered HTTP ${status} to the submit${says}. The job may still have been created (and charged): ` +
        'check your generations on runcomfy.com before submitting again.',
      { ...details, submitOutcomeUnknown: true },
    );
  }
  return new ServerError(`RunComfy had a server error (HTTP ${status})${says}. Try again in a moment.`, details);
}

function parseJson(response: HttpResponse, context: ResponseContext): unknown {
  const json = tryParseJson(response.body);
  if (json === undefined) {
    throw new UnexpectedResponseError(`${describeNonJson(response)}.`, {
      status: response.status,
      requestId: context.requestId,
      submitOutcomeUnknown: context.operation === 'submit',
    });
  }
  return json;
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A sentence for a body that is not JSON, naming the likely culprit. */
function describeNonJson(response: HttpResponse): string {
  const type = String(response.headers['content-type'] ?? '');
  if (type.includes('html') || /^\s*<(!doctype|html)/i.test(response.body)) {
    return `RunComfy's address answered with an HTML page instead of JSON (HTTP ${response.status}); a proxy, firewall or captive portal may be in the way`;
  }
  return `RunComfy's reply was not valid JSON (HTTP ${response.status}): ${snippet(response.body)}`;
}

/**
 * The start of a body for messages; non-JSON bodies can be whole HTML pages. Bearer credentials are masked
 * here (the client also removes its known token from every message it throws).
 */
function snippet(text: string): string {
  const flat = redact(text, []).replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || '(empty)';
}

function hasErrorCodeField(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'error_code' in json && json.error_code != null;
}

function isErrorCode(code: number | string | undefined): code is number | string {
  return code !== undefined && code !== 0 && code !== '0' && code !== '';
}

/** RunComfy's six-digit codes start with an HTTP status (400004 → 400). */
function statusOfCode(code: number | string): number | undefined {
  const text = String(code);
  return /^[1-5]\d{5}$/.test(text) ? Number(text.slice(0, 3)) : undefined;
}
