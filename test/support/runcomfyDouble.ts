/**
 * A RunComfy-compatible test double: real HTTP on 127.0.0.1 (random ports), Node built-ins only, so unit
 * tests, the extension's integration tests (inside VS Code) and `npm start` can all use it. The API
 * follows PROTOCOL.md §11; output files come from a second server on another origin, like a CDN, so tests
 * can prove downloads never carry the token. Scenarios: see `doubleScenarios.ts`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { catalogReply, isKnownModel, jobCostUsd, validationIssue } from './doubleCatalog';
import { fileUrl, serveFile } from './doubleFiles';
import { DOUBLE_MODELS } from './doubleModels';
import { readDoubleReferences } from './doubleReferences';
import {
  createJob,
  doubleNow,
  drawPictures,
  outputFilesOf,
  phaseAt,
  queuePosition,
  terminalAt,
  type DoubleJob,
} from './doubleJobs';
import { scenarioInPrompt, timelineInPrompt, type Scenario, type ScenarioName } from './doubleScenarios';

export type { DoubleJob } from './doubleJobs';
export type { DoubleReference } from './doubleReferences';
export { scenarioNames, type Scenario, type ScenarioName } from './doubleScenarios';

export interface RunComfyDoubleOptions {
  /** The API token the double accepts. Default: a random one (see `token`). */
  token?: string;
  /** Time a job spends queued, then running. Defaults 30 ms and 60 ms. */
  queueMs?: number;
  runMs?: number;
  /** The scenario for jobs whose prompt names none. Default `ok`. */
  scenario?: ScenarioName | Scenario;
  /** Accept any model id (inputs unchecked) instead of answering 400001 for unknown ones. */
  acceptAnyModel?: boolean;
  /**
   * Draw each job's PNG as a picture of it (short id, prompt, size), default true. The benchmark turns it off:
   * drawing costs the double's event loop milliseconds per job, which would count as the client's latency.
   */
  pictures?: boolean;
}

/** One request as the double saw it. */
export interface RecordedRequest {
  server: 'api' | 'files';
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Whether an Authorization header was present at all. */
  authorization: boolean;
  /** Epoch ms (sub-ms precision). */
  time: number;
}

export interface RunComfyDouble {
  /** The API base URL, e.g. `http://127.0.0.1:40123`. */
  baseUrl: string;
  /** The file host's base URL: another port, hence another origin. */
  filesBaseUrl: string;
  token: string;
  requests: RecordedRequest[];
  jobs: Map<string, DoubleJob>;
  /** Per request id: epoch ms when the job reached (or will reach) its terminal state. */
  readonly completions: Map<string, number>;
  setScenario(scenario: ScenarioName | Scenario | undefined): void;
  setTimeline(timeline: { queueMs?: number; runMs?: number }): void;
  close(): Promise<void>;
}

export async function startRunComfyDouble(options: RunComfyDoubleOptions = {}): Promise<RunComfyDouble> {
  const token = options.token ?? `double-${randomBytes(12).toString('hex')}`;
  const jobs = new Map<string, DoubleJob>();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const timeline = { queueMs: options.queueMs ?? 30, runMs: options.runMs ?? 60 };
  let scenario = asScenario(options.scenario);

  const record = (server: RecordedRequest['server'], req: IncomingMessage) =>
    requests.push({
      server,
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      authorization: req.headers.authorization !== undefined,
      time: doubleNow(),
    });

  const files = createServer((req, res) => {
    record('files', req);
    serveFile(req, res, jobs, timers);
  });
  const filesBaseUrl = await listen(files);

  const api = createServer((req, res) => {
    record('api', req);
    readBody(req)
      .then((body) => handleApi(req, res, body))
      .catch((error: unknown) => sendJson(res, 500, { error_code: 500001, error_message: String(error) }));
  });
  const baseUrl = await listen(api);

  function handleApi(req: IncomingMessage, res: ServerResponse, body: string): void {
    if (req.headers.authorization !== `Bearer ${token}`) {
      sendJson(res, 401, { error_code: 400004, error_message: 'UserAccountError', detail: 'Invalid or missing API token' });
      return;
    }
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    const catalog = req.method === 'GET' ? catalogReply(path, url.searchParams) : undefined;
    if (catalog) return sendJson(res, ...catalog);
    const submit = /^\/v1\/models\/(.+)$/.exec(path);
    if (submit && req.method === 'POST') return handleSubmit(res, decodeURIComponent(submit[1]!), body);
    const request = /^\/v1\/requests\/([^/]+)\/(status|result|cancel)$/.exec(path);
    if (!request) return sendJson(res, 404, { error_code: 404001, error_message: 'ResourceNotFound', detail: 'no such route' });
    const job = jobs.get(decodeURIComponent(request[1]!));
    if (!job) return sendJson(res, 404, { error_code: 404001, error_message: 'ResourceNotFound', detail: 'request_id not found' });
    if (request[2] === 'cancel' && req.method === 'POST') return handleCancel(res, job);
    if (req.method === 'GET' && injectPollFault(req, res, job)) return;
    if (request[2] === 'status' && req.method === 'GET') return sendJson(res, 200, statusBody(job), hintHeaders(job));
    if (request[2] === 'result' && req.method === 'GET') return sendJson(res, 200, resultBody(job, url.searchParams.get('include_cost') === 'true'), hintHeaders(job));
    sendJson(res, 405, { error_message: 'method not allowed' });
  }

  function handleSubmit(res: ServerResponse, model: string, body: string): void {
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return sendJson(res, 422, { error_code: 422001, detail: [{ loc: ['body'], msg: 'Invalid JSON', type: 'json_invalid' }] });
    }
    const jobScenario = scenarioInPrompt(input.prompt) ?? scenario;
    if (rejectSubmit(res, jobScenario.name)) return;
    if (!options.acceptAnyModel && !isKnownModel(model)) {
      return sendJson(res, 400, { error_code: 400001, error_message: 'InvalidResourceIdentifier', detail: `unknown model_id ${model}` });
    }
    const issue = options.acceptAnyModel ? undefined : validationIssue(model, input);
    if (issue) return sendJson(res, 422, { error_code: 422001, error_message: 'Validation Error', detail: [issue] });
    const known = DOUBLE_MODELS.find((candidate) => candidate.model_id === model);
    const read = known ? readDoubleReferences(known, input) : { references: [] };
    if ('issue' in read) return sendJson(res, 422, { error_code: 422001, error_message: 'Validation Error', detail: [read.issue] });
    const fromPrompt = timelineInPrompt(input.prompt);
    const job = createJob(randomUUID(), model, input, jobScenario, {
      queueMs: fromPrompt.queueMs ?? timeline.queueMs,
      runMs: fromPrompt.runMs ?? timeline.runMs,
    });
    if (read.references.length > 0) job.references = read.references;
    if (options.pictures === false) job.pictures = false;
    jobs.set(job.id, job);
    if (options.pictures !== false) setImmediate(() => drawPictures(job)).unref();
    if (jobScenario.name === 'submit-500') return sendJson(res, 500, { error_code: 500001, error_message: 'Internal Error' });
    if (jobScenario.name === 'submit-reset') return void res.socket?.destroy();
    sendJson(res, 200, { request_id: job.id, ...requestUrls(job) });
  }

  function handleCancel(res: ServerResponse, job: DoubleJob): void {
    const phase = phaseAt(job);
    if (phase === 'in_queue') {
      job.cancelledAt = doubleNow();
      return sendJson(res, 202, { request_id: job.id, status: 'cancelled', outcome: 'cancelled' });
    }
    const status = phase === 'in_progress' ? 'in_progress' : phase === 'cancelled' ? 'cancelled' : 'completed';
    sendJson(res, 202, { request_id: job.id, status, outcome: phase === 'cancelled' ? 'cancelled' : 'not_cancellable' });
  }

  /** Answers a poll with the job's fault, if it has one left; true when it did. */
  function injectPollFault(req: IncomingMessage, res: ServerResponse, job: DoubleJob): boolean {
    const name = job.scenario.name;
    if (name === 'expired') {
      sendJson(res, 404, { error_code: 404001, error_message: 'ResourceNotFound', detail: 'request expired' });
      return true;
    }
    const pollFaults: ScenarioName[] = ['rate-limited', 'rate-limited-date', 'server-errors', 'reset', 'malformed-json', 'html', 'huge-reply', 'echo-token-text'];
    if (!pollFaults.includes(name) || job.pollFaultsLeft <= 0) return false;
    job.pollFaultsLeft--;
    if (name === 'rate-limited') sendJson(res, 429, { error_message: 'rate limited' }, { 'retry-after': '1' });
    if (name === 'rate-limited-date') {
      const retryAt = new Date(Date.now() + 2000).toUTCString();
      sendJson(res, 429, { error_message: 'rate limited' }, { 'retry-after': retryAt });
    }
    if (name === 'server-errors') sendJson(res, 503, { error_code: 500001, error_message: 'Service Unavailable' });
    if (name === 'reset') req.socket.destroy();
    if (name === 'malformed-json') send(res, 200, 'application/json', `{"request_id":"${job.id}","status":"in_pro`);
    if (name === 'html') send(res, 200, 'text/html', '<!doctype html><html><body>Sign in to the network</body></html>');
    if (name === 'huge-reply') sendHugeJson(res, job.id, 8 * 1024 * 1024);
    if (name === 'echo-token-text') {
      const header = req.headers.authorization ?? '';
      send(res, 200, 'text/plain', `upstream echo {"authorization":${JSON.stringify(header)}} key=${encodeURIComponent(token)}`);
    }
    return true;
  }

  function requestUrls(job: DoubleJob) {
    const origin = job.scenario.name === 'foreign-urls' ? filesBaseUrl : baseUrl;
    const base = `${origin}/v1/requests/${job.id}`;
    return { status_url: `${base}/status`, result_url: `${base}/result`, cancel_url: `${base}/cancel` };
  }

  function hintHeaders(job: DoubleJob): Record<string, string> {
    return job.scenario.name === 'retry-after-hint' ? { 'retry-after': '1' } : {};
  }

  function statusBody(job: DoubleJob): Record<string, unknown> {
    const phase = phaseAt(job);
    const status =
      phase === 'succeeded' || (phase === 'failed' && job.scenario.name !== 'failed-on-status') ? 'completed' : phase;
    const position = phase === 'in_queue' ? { queue_position: queuePosition(job, jobs.values()) } : {};
    return { request_id: job.id, status, ...position, ...requestUrls(job) };
  }

  function resultBody(job: DoubleJob, includeCost: boolean): Record<string, unknown> {
    const phase = phaseAt(job);
    const times = { created_at: new Date(job.createdAt).toISOString(), finished_at: new Date(terminalAt(job)).toISOString() };
    switch (phase) {
      case 'in_queue':
        return { request_id: job.id, status: phase, queue_position: queuePosition(job, jobs.values()) };
      case 'in_progress':
        return { request_id: job.id, status: phase };
      case 'cancelled':
        return { request_id: job.id, status: 'cancelled', ...times };
      case 'failed': {
        const message =
          job.scenario.name === 'echo-token'
            ? `Upstream refused Authorization: Bearer ${token} (key=${encodeURIComponent(token)}).`
            : 'The prompt was flagged by the content policy.';
        const error = job.scenario.name === 'failed-string' ? message : { type: 'content_policy_violation', message };
        return { request_id: job.id, status: 'failed', error, ...times };
      }
      case 'succeeded': {
        const output = outputObject(job);
        const cost = includeCost && job.scenario.name !== 'no-cost' ? jobCostUsd(job, outputFilesOf(job).length) : undefined;
        return { request_id: job.id, status: 'succeeded', output, ...times, ...(cost === undefined ? {} : { cost }) };
      }
    }
  }

  function outputObject(job: DoubleJob): Record<string, string | string[]> {
    const output: Record<string, string | string[]> = {};
    for (const file of outputFilesOf(job)) {
      const url = fileUrl(filesBaseUrl, job.id, file.name);
      output[file.key] = file.key.endsWith('s') ? [...((output[file.key] as string[] | undefined) ?? []), url] : url;
    }
    return output;
  }

  return {
    baseUrl,
    filesBaseUrl,
    token,
    requests,
    jobs,
    get completions() {
      return new Map([...jobs.values()].map((job) => [job.id, terminalAt(job)]));
    },
    setScenario(next) {
      scenario = asScenario(next);
    },
    setTimeline(next) {
      Object.assign(timeline, next);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await Promise.all([api, files].map(closeServer));
    },
  };
}

/** Submit-level scenarios: answers the submit with its error; true when it did. */
function rejectSubmit(res: ServerResponse, name: ScenarioName): boolean {
  const rejections: Partial<Record<ScenarioName, [number, Record<string, unknown>]>> = {
    unauthorized: [401, { error_code: 400004, error_message: 'UserAccountError', detail: 'token revoked' }],
    'auth-400004': [400, { code: 400004, error: 'UserAccountError' }],
    'no-balance': [400, { error_code: 400002, error_message: 'InsufficientResources' }],
    'no-balance-402': [402, { error_message: 'Insufficient balance' }],
    'unknown-model': [400, { error_code: 400001, error_message: 'InvalidResourceIdentifier' }],
    'invalid-input': [
      422,
      { error_code: 422001, detail: [{ loc: ['body', 'width'], msg: 'Input should be less than or equal to 1536', type: 'less_than_equal' }] },
    ],
    'error-code-200': [200, { error_code: 400002, error_message: 'InsufficientResources' }],
  };
  const rejection = rejections[name];
  if (rejection) sendJson(res, ...rejection);
  return rejection !== undefined;
}

function asScenario(scenario: ScenarioName | Scenario | undefined): Scenario {
  if (scenario === undefined) return { name: 'ok' };
  return typeof scenario === 'string' ? { name: scenario } : scenario;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(res, status, 'application/json', JSON.stringify(body), headers);
}

function send(res: ServerResponse, status: number, type: string, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), ...headers }).end(text);
}

/** Valid JSON of about `bytes`, streamed in chunks with no Content-Length; stops early if the client hangs up. */
function sendHugeJson(res: ServerResponse, requestId: string, bytes: number): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write(`{"request_id":"${requestId}","status":"in_progress","padding":"`);
  const chunk = 'x'.repeat(64 * 1024);
  let sent = 0;
  const more = (): void => {
    while (sent < bytes && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', more);
    }
    if (!res.destroyed) res.end('"}');
  };
  res.on('error', () => undefined);
  more();
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
