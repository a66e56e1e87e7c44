/**
 * Which URLs the client may talk to, and with what: the token goes only under the API's base URL (its
 * origin and path), returned URLs are trusted only there, plain `http` only for a loopback API, and model
 * ids are plain path segments, so no id can steer the authenticated submit to another endpoint.
 */
import { isIP } from 'node:net';

/** True when both URLs share scheme, host and port. */
export function isSameOrigin(a: URL | string, b: URL | string): boolean {
  return new URL(a).origin === new URL(b).origin;
}

/** True for 127.0.0.0/8, ::1 and `localhost`: the only hosts where plain `http` is acceptable. */
export function isLoopbackUrl(url: URL | string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

/**
 * True when `url` is on the base URL's origin and under its path (`https://host/proxy/` covers
 * `/proxy/v1/...`, not `/other/...`). URL parsing has already resolved `.`/`..` segments of both.
 */
export function isUnderBaseUrl(url: URL | string, baseUrl: URL | string): boolean {
  const target = new URL(url);
  const base = withTrailingSlash(new URL(baseUrl));
  return target.origin === base.origin && target.pathname.startsWith(base.pathname);
}

/**
 * Why a base URL may not carry the token, or undefined when it may: it must be `https`, or plain `http`
 * on a loopback host (a local proxy or test double); a typo like `http://model-api…` would send the
 * token in clear text.
 */
export function baseUrlProblem(url: string): string | undefined {
  if (!URL.canParse(url)) return 'it is not a URL';
  const parsed = new URL(url);
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:') return isLoopbackUrl(parsed) ? undefined : 'plain http is allowed only for localhost, 127.0.0.1 or ::1; use https';
  return 'it must use https (plain http only for localhost, 127.0.0.1 or ::1)';
}

/** What a model id looks like, for messages. */
export const MODEL_ID_HINT = 'a model id looks like owner/family/variant: segments of letters, digits, _ . - (no "." or ".." segment)';

/**
 * True for `owner/…/name`: two or more segments of `[A-Za-z0-9_.-]`, none `.` or `..`. Anything else
 * could turn the submit URL into another endpoint (`x/../../v1/requests/ID/cancel`).
 */
export function isValidModelId(model: string): boolean {
  const segments = model.split('/');
  return segments.length >= 2 && segments.every((segment) => /^[A-Za-z0-9_.-]+$/.test(segment) && segment !== '.' && segment !== '..');
}

/** The API endpoints of one request, relative to the configured base URL. */
export type RequestEndpoint = 'status' | 'result' | 'cancel';

/**
 * The URL for a request endpoint: the one RunComfy returned when it is under the base URL (their docs
 * prefer returned URLs), else one built from the request id, so a foreign URL never receives the token.
 */
export function requestEndpointUrl(
  baseUrl: URL,
  requestId: string,
  endpoint: RequestEndpoint,
  returnedUrl?: string,
): URL {
  if (returnedUrl && URL.canParse(returnedUrl) && isUnderBaseUrl(returnedUrl, baseUrl)) return new URL(returnedUrl);
  return new URL(`v1/requests/${encodeURIComponent(requestId)}/${endpoint}`, withTrailingSlash(baseUrl));
}

/** The submit URL; model ids contain slashes, which stay path separators. Callers check `isValidModelId` first. */
export function submitUrl(baseUrl: URL, model: string): URL {
  if (!isValidModelId(model)) throw new RangeError(`Not a model id: ${JSON.stringify(model)}`);
  return new URL(`v1/models/${model}`, withTrailingSlash(baseUrl));
}

/** A base URL with a path (`https://host/proxy`) must keep that path when endpoints are resolved against it. */
function withTrailingSlash(url: URL): URL {
  return url.pathname.endsWith('/') ? url : new URL(`${url.href}/`);
}
