/**
 * The one place requests leave the client: undici over a keep-alive, proxy-aware dispatcher. Transport
 * failures become `NetworkError`, aborts become `CancelledError`; statuses are left to the caller.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { NetworkError, UnexpectedResponseError } from './errors';
import { cancelledBy, errorCodes } from './retry';

/** Keep connections open between polls so each poll is one round trip, not a new TCP/TLS handshake. */
const keepAliveMs = 30_000;

/**
 * A dispatcher that honours `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`, or the explicit `proxy` (e.g. VS Code's
 * `http.proxy`) for both schemes. Loopback never goes through a proxy: a proxy cannot reach our own host.
 */
export function createDispatcher(proxy?: string): Dispatcher {
  const noProxy = [process.env.NO_PROXY ?? process.env.no_proxy, 'localhost', '127.0.0.1', '[::1]']
    .filter(Boolean)
    .join(',');
  return new EnvHttpProxyAgent({
    keepAliveTimeout: keepAliveMs,
    noProxy,
    ...(proxy ? { httpProxy: proxy, httpsProxy: proxy } : {}),
  });
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Longest wait for the response headers, and for each chunk of the body after them. */
  timeoutMs: number;
}

/**
 * The most of an API reply `sendRequest` reads. RunComfy's replies are a few kB; anything near this is a
 * proxy or a fault, and reading it whole would hold it all in memory.
 */
export const MAX_REPLY_BYTES = 1024 * 1024;

/** A response whose body has been read as text. */
export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Sends `req` and returns the open response, body unread (downloads stream it). On a transport failure
 * throws `NetworkError` (cause kept so retries can inspect it) or, if the caller aborted, `CancelledError`.
 */
export async function openRequest(dispatcher: Dispatcher, req: HttpRequest): Promise<Dispatcher.ResponseData> {
  try {
    return await request(req.url, {
      dispatcher,
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: req.signal,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
  } catch (error) {
    throw transportError(error, req);
  }
}

/**
 * Like `openRequest`, and reads the body as text (API replies are small JSON), at most `maxBytes`: a longer
 * body throws `UnexpectedResponseError` and its connection is dropped rather than drained.
 */
export async function sendRequest(dispatcher: Dispatcher, req: HttpRequest, maxBytes = MAX_REPLY_BYTES): Promise<HttpResponse> {
  const response = await openRequest(dispatcher, req);
  const tooLarge = () => {
    response.body.destroy(); // an unfinished body closes its socket, so the rest is never read
    const megabytes = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
    return new UnexpectedResponseError(
      `RunComfy's reply to ${req.method} ${req.url.pathname} was larger than ${megabytes} MB, far more than an API reply; a proxy may be in the way.`,
      { status: response.statusCode },
    );
  };
  if (Number(response.headers['content-length']) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of response.body) {
      length += (chunk as Buffer).length;
      if (length > maxBytes) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof UnexpectedResponseError) throw error;
    throw transportError(error, req);
  }
  return { status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') };
}

/** Translates what undici/Node threw into the client's own error types. */
export function transportError(error: unknown, req: Pick<HttpRequest, 'url' | 'signal'>): Error {
  if (req.signal?.aborted) return cancelledBy(req.signal);
  const detail = describeTransportFailure(error);
  return new NetworkError(`Could not reach ${req.url.host}: ${detail}. Check your connection or proxy settings.`, {
    cause: error,
    code: errorCodes(error)[0],
  });
}

function describeTransportFailure(error: unknown): string {
  const code = errorCodes(error)[0];
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'no answer in time';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was closed unexpectedly';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found';
  return error instanceof Error ? error.message : String(error);
}

