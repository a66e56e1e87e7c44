/**
 * `createRunComfyClient`: the RunComfy Model API client every caller shares. It composes the pieces:
 * `http` (transport), `responses` (typed errors), `retry`, `models` (input checks), `poller` and `download`.
 */
import type { Dispatcher } from 'undici';
import { createCatalogCalls } from './catalogCalls';
import { InsecureUrlError, InvalidInputError, NetworkError, NoOutputError, RunComfyAuthError, UnexpectedResponseError } from './errors';
import { downloadFile } from './download';
import { createDispatcher, sendRequest, type HttpResponse } from './http';
import { durationKey, LearnedDurations } from './learnedDurations';
import { prepareModelInput } from './models';
import { baseUrlProblem, isLoopbackUrl, isUnderBaseUrl, isValidModelId, MODEL_ID_HINT, requestEndpointUrl, submitUrl, type RequestEndpoint } from './origin';
import { PollPeers } from './pollPeers';
import { PollRateLimiter } from './pollRateLimit';
import { defaultPollPolicy, type PollPolicy } from './pollSchedule';
import { checkTimeoutMs, pollUntilDone } from './poller';
import { redact } from './redact';
import { errorForResponse, readJsonBody, type ResponseContext } from './responses';
import { defaultRetryPolicy, errorCodes, parseRetryAfterMs, systemClock, withRetries, type Clock, type RetryPolicy } from './retry';
import { cancelBodySchema, jobBodySchema, jobResultOf, jobStatusOf, normaliseStatusWord, submitBodySchema } from './schemas';
import type { CancelOutcome, Logger, ModelInput, RunComfyClient, RunOptions, Submission } from './types';

export const DEFAULT_BASE_URL = 'https://model-api.runcomfy.net';

/** Options of `createRunComfyClient`. Only `getToken` is required. */
export interface RunComfyClientOptions {
  /**
   * The Model API address; the token is only ever sent under it (origin and path). `https`, or plain `http`
   * on a loopback host; anything else throws `InsecureUrlError`. Default `https://model-api.runcomfy.net`.
   */
  baseUrl?: string;
  /** Read before every API request, so a token set or cleared later takes effect at once. */
  getToken: () => string | undefined | Promise<string | undefined>;
  /** Sent as `User-Agent`, e.g. `runcomfy-images/0.1.0 vscode/1.101.0`. */
  userAgent?: string;
  /** Receives detail (statuses, request ids, retries, timings); never the token. Default: silent. */
  logger?: Logger;
  /** Time seam for tests: `now` for elapsed times, `sleep` for every wait (polls and backoff). */
  clock?: Clock;
  /** Longest wait for an API reply's headers or its next body chunk. Default 30 s. */
  requestTimeoutMs?: number;
  /** Longest silence while downloading a file. Default 60 s. */
  downloadTimeoutMs?: number;
  /** Longest a whole download may take, however steadily bytes arrive. Default 15 min. */
  downloadDeadlineMs?: number;
  /** Slowest acceptable download: fewer bytes than this rate over any window fails it. Default 8 KiB/s over 30 s. */
  minDownloadRate?: { bytesPerSecond: number; windowMs: number };
  /** Default cap for `download` (per call `maxBytes` overrides). Default 50 MB. */
  maxDownloadBytes?: number;
  /** Explicit proxy URL (e.g. VS Code's `http.proxy`); otherwise HTTPS_PROXY/HTTP_PROXY/NO_PROXY apply. */
  proxy?: string;
  /** Tuning of the adaptive poller (see `pollSchedule.ts`). */
  pollPolicy?: Partial<PollPolicy>;
  /** Tuning of retries of GETs, cancel and downloads (see `retry.ts`). */
  retryPolicy?: Partial<RetryPolicy>;
  /** Learned job durations persisted from an earlier session (`learnedDurations.snapshot()`). */
  learnedDurations?: Record<string, number>;
  /** Transport override (tests, custom agents). The client closes only a dispatcher it created itself. */
  dispatcher?: Dispatcher;
}

/** The client as `createRunComfyClient` returns it: the shared contract plus what only it has. */
export interface RunComfyHttpClient extends RunComfyClient {
  /** The learned job durations that shape polling; persist `snapshot()`, reload with `restore()`. */
  readonly learnedDurations: LearnedDurations;
  /** Closes kept-alive connections. The client is unusable afterwards. */
  close(): Promise<void>;
}

const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
/** Submissions remembered so status/result/cancel can use the URLs RunComfy returned. */
const rememberedSubmissions = 200;
/** Transport failures that prove a submit never reached the server, so saying "check your generations" would mislead. */
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'ENETUNREACH', 'EHOSTUNREACH']);

export function createRunComfyClient(options: RunComfyClientOptions): RunComfyHttpClient {
  const problem = baseUrlProblem(options.baseUrl ?? DEFAULT_BASE_URL);
  if (problem) {
    throw new InsecureUrlError(`The RunComfy base URL ${JSON.stringify(options.baseUrl)} cannot carry the API token: ${problem}.`);
  }
  const baseUrl = new URL(options.baseUrl ?? DEFAULT_BASE_URL);
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const userAgent = options.userAgent ?? 'runcomfy-images';
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const dispatcher = options.dispatcher ?? createDispatcher(options.proxy);
  const pollPolicy = { ...defaultPollPolicy, ...options.pollPolicy };
  const retryPolicy = { ...defaultRetryPolicy, ...options.retryPolicy };
  const learnedDurations = new LearnedDurations(options.learnedDurations);
  // Shared by every job this client polls: who runs beside whom, and the cap on polls per second.
  const pollPeers = new PollPeers();
  const pollRateLimiter = new PollRateLimiter(pollPolicy.maxPollsPerSecond);
  const submissions = new Map<string, Submission>();
  /** The token as last sent, so messages built from replies (which may echo it) are cleaned at the source. */
  let sentToken: string | undefined;
  const clean = (text: string) => redact(text, [sentToken]);

  /** Runs `read` (a reply to a value or a typed error) and removes the token from any error it throws. */
  function scrubbed<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (error instanceof Error) error.message = clean(error.message);
      throw error;
    }
  }

  /** Sends one API request; the Authorization header goes only under the base URL (origin and path). */
  async function callApi(method: 'GET' | 'POST', url: URL, signal: AbortSignal | undefined, body?: ModelInput) {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': userAgent };
    if (isUnderBaseUrl(url, baseUrl)) {
      const token = (await options.getToken())?.trim();
      if (!token) {
        throw new RunComfyAuthError('No RunComfy API token is set. Run "RunComfy: Set API Token" with a token from runcomfy.com/profile.');
      }
      headers.authorization = `Bearer ${token}`;
      sentToken = token;
    }
    if (body) headers['content-type'] = 'application/json';
    const started = clock.now();
    const response = await sendRequest(dispatcher, {
      method,
      url,
      headers,
      body: body && JSON.stringify(body),
      signal,
      timeoutMs: requestTimeoutMs,
    });
    logger.debug(`${method} ${url.pathname} → ${response.status} in ${Math.round(clock.now() - started)} ms`);
    return response;
  }

  /** A GET (or the idempotent cancel POST) with retries on 408/429/5xx and transport failures. */
  function callWithRetries<T>(
    method: 'GET' | 'POST',
    url: URL,
    signal: AbortSignal | undefined,
    read: (response: HttpResponse) => T,
  ): Promise<T> {
    return withRetries(async () => {
      const response = await callApi(method, url, signal);
      return scrubbed(() => read(response));
    }, {
      policy: retryPolicy,
      clock,
      logger,
      signal,
      what: `${method} ${url.pathname}`,
    });
  }

  function endpoint(requestId: string, which: RequestEndpoint): URL {
    const remembered = submissions.get(requestId);
    const returned = { status: remembered?.statusUrl, result: remembered?.resultUrl, cancel: remembered?.cancelUrl }[which];
    return requestEndpointUrl(baseUrl, requestId, which, returned);
  }

  function remember(submission: Submission): void {
    submissions.set(submission.requestId, submission);
    if (submissions.size > rememberedSubmissions) submissions.delete(submissions.keys().next().value!);
  }

  async function readResult(requestId: string, signal: AbortSignal | undefined) {
    const context: ResponseContext = { operation: 'poll', requestId };
    const url = endpoint(requestId, 'result');
    // Adds the job's real cost to the record (PROTOCOL §12), kept with the job and shown after it.
    url.searchParams.set('include_cost', 'true');
    return callWithRetries('GET', url, signal, (response) => {
      const result = jobResultOf(readJsonBody(response, jobBodySchema, context), requestId);
      // The failure reason is the service's own text, shown to the user and kept in job records.
      return {
        result: result.state === 'failed' ? { ...result, reason: clean(result.reason) } : result,
        retryAfterHintMs: parseRetryAfterMs(response.headers['retry-after']),
      };
    });
  }

  const client: RunComfyHttpClient = {
    learnedDurations,

    async submit(model, input, submitOptions = {}) {
      if (!isValidModelId(model)) {
        throw new InvalidInputError(`"${model}" is not a RunComfy model id: ${MODEL_ID_HINT}.`, { field: 'model' });
      }
      const body = prepareModelInput(model, input, logger, { inputSchema: submitOptions.inputSchema });
      const context: ResponseContext = { operation: 'submit', model };
      let response: HttpResponse;
      try {
        // Never retried: RunComfy has no idempotency key, so a second POST could be a second paid job.
        response = await callApi('POST', submitUrl(baseUrl, model), submitOptions.signal, body);
      } catch (error) {
        throw submitTransportError(error);
      }
      const reply = scrubbed(() => readJsonBody(response, submitBodySchema, context));
      const requestId = (reply.request_id ?? reply.id)!;
      const submission: Submission = {
        requestId,
        statusUrl: sameOriginOrUndefined(reply.status_url),
        resultUrl: sameOriginOrUndefined(reply.result_url),
        cancelUrl: sameOriginOrUndefined(reply.cancel_url),
        submittedAt: Date.now(),
      };
      remember(submission);
      logger.info(`Submitted ${model} as request ${requestId}`);
      return submission;
    },

    async status(requestId, statusOptions = {}) {
      const context: ResponseContext = { operation: 'poll', requestId };
      return callWithRetries('GET', endpoint(requestId, 'status'), statusOptions.signal, (response) => {
        const status = jobStatusOf(readJsonBody(response, jobBodySchema, context));
        return status.state === 'failed' ? { ...status, reason: clean(status.reason) } : status;
      });
    },

    async result(requestId, resultOptions = {}) {
      return (await readResult(requestId, resultOptions.signal)).result;
    },

    async cancel(requestId, cancelOptions = {}) {
      const context: ResponseContext = { operation: 'cancel', requestId };
      // Cancelling twice is harmless, so unlike submit this POST may be retried.
      return callWithRetries('POST', endpoint(requestId, 'cancel'), cancelOptions.signal, (response) =>
        cancelOutcomeOf(response, context),
      );
    },

    async run(model, input, runOptions: RunOptions = {}) {
      checkTimeoutMs(runOptions.timeoutMs); // before the paid submit, not after it
      const submission = await client.submit(model, input, { signal: runOptions.signal, inputSchema: runOptions.inputSchema });
      await runOptions.onSubmitted?.(submission);
      return client.wait(submission, { ...runOptions, model, input });
    },

    async wait(submission, waitOptions = {}) {
      remember({ ...submissions.get(submission.requestId), ...submission });
      const since = submission.submittedAt === undefined ? undefined : Math.max(0, Date.now() - submission.submittedAt);
      const result = await pollUntilDone(
        {
          requestId: submission.requestId,
          signal: waitOptions.signal,
          onUpdate: waitOptions.onUpdate,
          timeoutMs: waitOptions.timeoutMs,
          sinceSubmitMs: since,
          durationKey: waitOptions.model ? durationKey(waitOptions.model, waitOptions.input) : undefined,
        },
        {
          clock,
          policy: pollPolicy,
          learned: learnedDurations,
          peers: pollPeers,
          rateLimiter: pollRateLimiter,
          readResult: (signal) => readResult(submission.requestId, signal),
        },
      );
      // Success with nothing to fetch must not look like a saved image; the id lets the user look it up.
      if (result.outputs.length === 0) {
        throw new NoOutputError(
          `RunComfy finished request ${result.requestId} but its result has no image or video file to download. ` +
            'Check the generation on runcomfy.com with this request id.',
          { requestId: result.requestId },
        );
      }
      return result;
    },

    download(url, targetPath, downloadOptions = {}) {
      return downloadFile(url, targetPath, downloadOptions, {
        dispatcher,
        userAgent,
        allowPlainHttp: isLoopbackUrl(baseUrl),
        idleTimeoutMs: options.downloadTimeoutMs ?? 60_000,
        deadlineMs: options.downloadDeadlineMs ?? 15 * 60_000,
        minRate: options.minDownloadRate ?? { bytesPerSecond: 8 * 1024, windowMs: 30_000 },
        defaultMaxBytes: options.maxDownloadBytes ?? 50 * 1024 * 1024,
        retry: { policy: retryPolicy, clock, logger },
      });
    },

    ...createCatalogCalls(baseUrl, (url, signal, read) => callWithRetries('GET', url, signal, read)),

    async close() {
      if (!options.dispatcher) await dispatcher.close();
    },
  };

  function sameOriginOrUndefined(url: string | undefined): string | undefined {
    if (!url || !URL.canParse(url)) return undefined;
    if (isUnderBaseUrl(url, baseUrl)) return url;
    logger.warn(`Ignoring a returned URL outside the API base URL (${new URL(url).origin}); using ${baseUrl.href} instead.`);
    return undefined;
  }

  return client;
}

/** A transport failure on submit: unless it provably never left, the job may exist and be charged. */
function submitTransportError(error: unknown): unknown {
  if (error instanceof UnexpectedResponseError) {
    // An oversized reply: the server did answer, so the job may well exist.
    return new UnexpectedResponseError(`${error.message} The submit may have created a job (and be charged): check your generations on runcomfy.com before submitting again.`, {
      status: error.status,
      submitOutcomeUnknown: true,
    });
  }
  if (!(error instanceof NetworkError) || errorCodes(error).some((code) => notSentCodes.has(code))) return error;
  return new NetworkError(
    `${error.message} The submit may still have reached RunComfy (and be charged): check your generations on ` +
      'runcomfy.com before submitting again.',
    { cause: error.cause, code: error.code, submitOutcomeUnknown: true },
  );
}

/**
 * What a cancel achieved. RunComfy cancels only queued jobs: `outcome: "cancelled"` (or a `cancelled`
 * status) means it worked; `not_cancellable` means the job runs on and will be charged, unless its status
 * shows it already ended. 409 (already completed, as other queue APIs answer) maps to `already_finished`;
 * a plain 400 (no account error code) to `not_cancellable`.
 */
function cancelOutcomeOf(response: HttpResponse, context: ResponseContext): CancelOutcome {
  if (response.status === 409) return 'already_finished';
  if (response.status === 400) {
    const error = errorForResponse(response, context);
    if (error instanceof InvalidInputError) return 'not_cancellable';
    throw error;
  }
  const body = readJsonBody(response, cancelBodySchema, context);
  const outcome = body.outcome?.trim().toLowerCase();
  const status = body.status ? normaliseStatusWord(body.status) : 'unknown';
  if (outcome === 'cancelled' || outcome === 'canceled' || status === 'cancelled') return 'cancelled';
  if (status === 'completed' || status === 'succeeded' || status === 'failed') return 'already_finished';
  return 'not_cancellable';
}
