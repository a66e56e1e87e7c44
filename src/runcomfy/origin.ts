/**
 * Which URLs the client may talk to, and with what: the token goes only to the API's own origin, returned
 * URLs are trusted only on that origin, and plain `http` downloads only when the API itself is loopback.
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

/** The API endpoints of one request, relative to the configured base URL. */
export type RequestEndpoint = 'status' | 'result' | 'cancel';

/**
 * The URL for a request endpoint: the one RunComfy returned when it is on the API's origin (their docs
 * prefer returned URLs), else one built from the request id, so a foreign URL never receives the token.
 */
export function requestEndpointUrl(
  baseUrl: URL,
  requestId: string,
  endpoint: RequestEndpoint,
  returnedUrl?: string,
): URL {
  if (returnedUrl && URL.canParse(returnedUrl) && isSameOrigin(returnedUrl, baseUrl)) return new URL(returnedUrl);
  return new URL(`v1/requests/${encodeURIComponent(requestId)}/${endpoint}`, withTrailingSlash(baseUrl));
}

/** The submit URL; model ids contain slashes, which stay path separators. */
export function submitUrl(baseUrl: URL, model: string): URL {
  const path = model
    .split('/')
    .filter((segment) => segment.length > 0)
    .map(encodeURIComponent)
    .join('/');
  return new URL(`v1/models/${path}`, withTrailingSlash(baseUrl));
}

/** A base URL with a path (`https://host/proxy`) must keep that path when endpoints are resolved against it. */
function withTrailingSlash(url: URL): URL {
  return url.pathname.endsWith('/') ? url : new URL(`${url.href}/`);
}
