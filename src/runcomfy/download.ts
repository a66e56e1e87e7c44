/**
 * Downloading an output file: never with the token, `https` only, streamed to a temporary file beside the
 * target under a size cap, recognised by its magic number, checked for completeness, then renamed into
 * place. Any failure or abort removes the temporary file, so nothing partial is ever left behind.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Dispatcher } from 'undici';
import {
  DownloadFailedError,
  DownloadTooLargeError,
  IncompleteDownloadError,
  InsecureUrlError,
  RateLimitedError,
  RunComfyError,
  ServerError,
  UnsupportedMediaError,
} from './errors';
import { openRequest, transportError } from './http';
import { watchDownloadPace } from './downloadPace';
import { incompleteMediaReason, MEDIA_TAIL_BYTES } from './mediaCompleteness';
import { detectMediaType, MEDIA_SNIFF_BYTES } from './mediaType';
import { cancelledBy, errorCodes, isRetryableError, isTransientTransportError, parseRetryAfterMs, withRetries, type RetryContext } from './retry';
import type { DownloadOptions, DownloadResult, MediaType } from './types';

/** What the client hands the downloader. */
export interface DownloaderContext {
  dispatcher: Dispatcher;
  userAgent: string;
  /** True only when the API base URL is loopback (the test double); then plain `http` is accepted. */
  allowPlainHttp: boolean;
  /** Longest silence while waiting for headers or the next chunk. */
  idleTimeoutMs: number;
  /** Longest a download may take in all, retries included. */
  deadlineMs: number;
  /** Fewer bytes than `bytesPerSecond` over any `windowMs` fails the download, so a trickle cannot hold it. */
  minRate: { bytesPerSecond: number; windowMs: number };
  defaultMaxBytes: number;
  retry: Omit<RetryContext, 'signal' | 'what' | 'shouldRetry'>;
}

/** Streams `url` to `targetPath` atomically; see `RunComfyClient.download`. Retries transient failures from scratch. */
export async function downloadFile(
  url: string,
  targetPath: string,
  options: DownloadOptions,
  context: DownloaderContext,
): Promise<DownloadResult> {
  const source = checkedUrl(url, context.allowPlainHttp);
  const deadlineAt = Date.now() + context.deadlineMs;
  return withRetries(() => downloadOnce(source, targetPath, options, context, deadlineAt), {
    ...context.retry,
    signal: options.signal,
    what: `Download of ${source.host}${source.pathname}`,
    shouldRetry: (error) => error instanceof IncompleteDownloadError || isRetryableError(error),
  });
}

function checkedUrl(url: string, allowPlainHttp: boolean): URL {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.protocol === 'https:' || (parsed?.protocol === 'http:' && allowPlainHttp)) return parsed;
  throw new InsecureUrlError(`Refusing to download "${url.slice(0, 200)}": output files are only fetched over https.`);
}

async function downloadOnce(
  url: URL,
  targetPath: string,
  options: DownloadOptions,
  context: DownloaderContext,
  deadlineAt: number,
): Promise<DownloadResult> {
  const maxBytes = options.maxBytes ?? context.defaultMaxBytes;
  const received: Received = { bytes: 0, head: Buffer.alloc(0), tail: Buffer.alloc(0) };
  const guard = watchDownloadPace(received, deadlineAt, context);
  try {
    const signal = options.signal ? AbortSignal.any([options.signal, guard.signal]) : guard.signal;
    return await receive(url, targetPath, { ...options, signal }, context, maxBytes, received);
  } catch (error) {
    // The guard's own abort means too slow, unless the caller aborted too.
    throw guard.signal.aborted && !options.signal?.aborted ? guard.signal.reason : error;
  } finally {
    guard.stop();
  }
}

async function receive(
  url: URL,
  targetPath: string,
  options: DownloadOptions,
  context: DownloaderContext,
  maxBytes: number,
  received: Received,
): Promise<DownloadResult> {
  const response = await openFollowingRedirects(url, options.signal, context);
  received.responding = true;
  const declared = Number(response.headers['content-length'] ?? Number.NaN);
  const refusal =
    response.statusCode !== 200
      ? statusError(response, url)
      : declared > maxBytes
        ? tooLarge(declared, maxBytes)
        : undefined;
  if (refusal) {
    discard(response);
    throw refusal;
  }

  const tempPath = path.join(path.dirname(targetPath), `.${path.basename(targetPath)}.${randomBytes(6).toString('hex')}.part`);
  // Opened before streaming, not lazily by the stream: a stream destroyed early may still create the file
  // after our cleanup ran. `wx`: never reuse a file someone else made.
  const temp = await open(tempPath, 'wx').catch((error: unknown) => {
    discard(response);
    throw downloadError(error, url, options.signal);
  });
  try {
    await pipeline(response.body, inspectBytes(received, maxBytes), temp.createWriteStream(), { signal: options.signal });
    if (Number.isFinite(declared) && received.bytes !== declared) throw incomplete(received.bytes, declared);
    const type = received.type!;
    const unfinished = incompleteMediaReason(type, received.head, received.tail, received.bytes);
    if (unfinished) {
      throw new IncompleteDownloadError(`The downloaded ${type.extension.toUpperCase()} file is incomplete (${unfinished}); the file host sent only part of it.`);
    }
    const finalPath = options.resolveTargetPath ? await options.resolveTargetPath(type, targetPath) : targetPath;
    await rename(tempPath, finalPath);
    return { path: finalPath, bytes: received.bytes, type };
  } catch (error) {
    discard(response);
    await temp.close().catch(() => {}); // closed first: Windows cannot delete an open file
    await rm(tempPath, { force: true });
    throw downloadError(error, url, options.signal);
  }
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 5;

/**
 * GETs `url`, following redirects (pre-signed storage links often redirect) only to URLs that pass the same
 * https check, and never with the token.
 */
async function openFollowingRedirects(url: URL, signal: AbortSignal | undefined, context: DownloaderContext) {
  for (let current = url, hop = 0; ; hop++) {
    const response = await openRequest(context.dispatcher, {
      method: 'GET',
      url: current,
      // Deliberately no Authorization: output URLs are public or pre-signed, and the token stays with the API.
      headers: { 'user-agent': context.userAgent, accept: 'image/*,video/*;q=0.9,*/*;q=0.1' },
      signal,
      timeoutMs: context.idleTimeoutMs,
    });
    const location = response.headers.location;
    if (!redirectStatuses.has(response.statusCode) || typeof location !== 'string' || hop >= maxRedirects) return response;
    discard(response);
    current = checkedUrl(new URL(location, current).href, context.allowPlainHttp);
  }
}

/** Drops a body nobody will read; destroying it emits an abort error that must not go unhandled. */
function discard(response: Dispatcher.ResponseData): void {
  response.body.on('error', () => {}).destroy();
}

/** What has arrived so far: the count, the type once known, and the first and last bytes for the completeness check. */
interface Received {
  /** Set once the headers arrived; until then the idle timeout alone applies. */
  responding?: boolean;
  bytes: number;
  type?: MediaType;
  head: Buffer;
  tail: Buffer;
}

/**
 * Passes bytes through while counting them against the cap, and holds back the first few until they are
 * recognised, so not even the temporary file receives an HTML page. Keeps the first and last bytes for the
 * completeness check.
 */
function inspectBytes(received: Received, maxBytes: number) {
  return async function* (chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let head = Buffer.alloc(0);
    for await (const chunk of chunks) {
      received.bytes += chunk.length;
      if (received.bytes > maxBytes) throw tooLarge(received.bytes, maxBytes, 'at least ');
      received.tail = lastBytes(received.tail, chunk);
      if (received.type) {
        yield chunk;
        continue;
      }
      head = Buffer.concat([head, chunk]);
      if (head.length >= MEDIA_SNIFF_BYTES) {
        received.type = recognise(head);
        received.head = Buffer.from(head.subarray(0, MEDIA_SNIFF_BYTES));
        yield head;
      }
    }
    if (!received.type) {
      received.type = recognise(head);
      received.head = head;
      yield head;
    }
  };
}

/** The last {@link MEDIA_TAIL_BYTES} of `previous` followed by `chunk`, copying only those few bytes. */
function lastBytes(previous: Buffer, chunk: Buffer): Buffer {
  if (chunk.length >= MEDIA_TAIL_BYTES) return Buffer.from(chunk.subarray(chunk.length - MEDIA_TAIL_BYTES));
  const joined = Buffer.concat([previous, chunk]);
  return joined.subarray(Math.max(0, joined.length - MEDIA_TAIL_BYTES));
}

function recognise(head: Buffer): MediaType {
  const type = detectMediaType(head);
  if (type) return type;
  const text = head.toString('latin1').trimStart();
  const looksLikeText = /^(<|\{|\[)/.test(text);
  throw new UnsupportedMediaError(
    looksLikeText
      ? 'The output URL returned a web page or text instead of an image or video; the link may have expired.'
      : 'The downloaded file is not a PNG, JPEG, WebP, GIF, MP4 or WebM file.',
  );
}

function statusError(response: Dispatcher.ResponseData, url: URL): RunComfyError {
  const status = response.statusCode;
  const details = { status, retryAfterMs: parseRetryAfterMs(response.headers['retry-after']) };
  if (status === 429) return new RateLimitedError(`The file host ${url.host} is rate limiting downloads.`, details);
  if (status === 408 || status >= 500) return new ServerError(`The file host ${url.host} failed (HTTP ${status}).`, details);
  return new DownloadFailedError(
    `The output file could not be downloaded (HTTP ${status}); its link may have expired. Fetch the result again to get a fresh link.`,
    details,
  );
}

function tooLarge(bytes: number, maxBytes: number, qualifier = ''): DownloadTooLargeError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new DownloadTooLargeError(
    `The output file is ${qualifier}${mb(bytes)}, over the ${mb(maxBytes)} limit (setting runcomfy.maxDownloadMegabytes).`,
  );
}

function incomplete(bytes: number, declared: number): IncompleteDownloadError {
  return new IncompleteDownloadError(`The download stopped after ${bytes} of ${declared} bytes.`);
}

/** The typed error for whatever broke the stream: ours as is, aborts, cut connections, disk errors. */
function downloadError(error: unknown, url: URL, signal?: AbortSignal): unknown {
  if (signal?.aborted) return cancelledBy(signal);
  if (error instanceof RunComfyError) return error;
  if (isTransientTransportError(error) || errorCodes(error).some((code) => code.startsWith('UND_ERR'))) {
    return new IncompleteDownloadError('The connection closed before the whole file arrived.', {
      cause: transportError(error, { url }),
    });
  }
  return new RunComfyError(`Could not save the downloaded file: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
}
