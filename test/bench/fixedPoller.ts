/**
 * The baseline: a fixed-interval poller as RunComfy's own clients poll (CLI ~2 s, MCP 3 s, ComfyUI nodes
 * 5 s; PROTOCOL.md §3): submit, then sleep the interval and GET the returned `status_url` until it says
 * the job ended, then GET `result_url` once. Same HTTP stack as the client (undici, keep-alive dispatcher).
 */
import { request, type Dispatcher } from 'undici';

export interface FixedPollerContext {
  baseUrl: string;
  token: string;
  dispatcher: Dispatcher;
  intervalMs: number;
}

const terminal = new Set(['completed', 'succeeded', 'failed', 'cancelled', 'canceled']);

/** Submits, polls `/status` every `intervalMs`, fetches `/result`; returns the first output URL. */
export async function runFixedPoller(
  context: FixedPollerContext,
  model: string,
  input: Record<string, unknown>,
): Promise<{ requestId: string; outputUrl: string }> {
  const submitted = await callJson(context, 'POST', `${context.baseUrl}/v1/models/${model}`, input);
  const requestId = String(submitted.request_id);
  const statusUrl = String(submitted.status_url ?? `${context.baseUrl}/v1/requests/${requestId}/status`);
  const resultUrl = String(submitted.result_url ?? `${context.baseUrl}/v1/requests/${requestId}/result`);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, context.intervalMs));
    const status = await callJson(context, 'GET', statusUrl);
    if (terminal.has(String(status.status).toLowerCase())) break;
  }
  const result = await callJson(context, 'GET', resultUrl);
  const output = (result.output ?? {}) as { image?: string; images?: string[] };
  const outputUrl = output.image ?? output.images?.[0];
  if (result.status !== 'succeeded' || !outputUrl) throw new Error(`request ${requestId} ended ${String(result.status)}`);
  return { requestId, outputUrl };
}

async function callJson(
  context: FixedPollerContext,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await request(url, {
    dispatcher: context.dispatcher,
    method,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${context.token}`,
      'user-agent': 'runcomfy-images-bench-fixed-poller',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`${method} ${url} → HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as Record<string, unknown>;
}
