/**
 * The commands about one existing request: `status`, `result` and `cancel`. They need a token and a request
 * id, nothing else.
 */
import * as path from 'node:path';
import { resolveDestination } from '../../core/files/destination';
import { DEFAULT_SETTINGS } from '../../core/settings';
import type { JobResult } from '../../runcomfy/types';
import { commonOptions, jobOptions, parseCommandLine, singlePositional, timeoutOption } from '../args';
import type { CliContext, Command } from '../command';
import { createCliClient, loadProject, readApiConfig, requireToken } from '../environment';
import { EXIT } from '../exitCodes';
import { displayPath, plural } from '../output';
import { batchExitCode, failureMessage, jobJson } from '../report';
import { CliSession } from '../cliSession';

const ENV_HELP = 'Needs RUNCOMFY_API_TOKEN (and RUNCOMFY_BASE_URL for another API address).';

export const statusCommand: Command = {
  name: 'status',
  summary: "show a request's state: queued (#position), running, succeeded, failed, cancelled",
  help: `Usage: runcomfy-images status [--json] <request-id>

Prints the request's state on stdout: "queued (#2)", "running", "succeeded (1 file)", "failed: <reason>"
or "cancelled". Exits 0 whatever the state; 10 when RunComfy does not know the request id.
${ENV_HELP}

Options:
  --json       print {"requestId", "state", "queuePosition", "reason", "outputs"}
  -h, --help   show this help

Examples:
  runcomfy-images status 0d6f3c2e-1b7a-4c55-9a0e-5f1f7f2a9c11
  runcomfy-images status --json 0d6f3c2e-1b7a-4c55-9a0e-5f1f7f2a9c11 | jq -r .state`,

  async run(argv, context) {
    const { values, positionals } = parseCommandLine(argv, commonOptions);
    const requestId = singlePositional(positionals, 'request id');
    const result = await withClient(context, (client) => client.result(requestId));
    if (values.json) context.output.json(statusJson(result));
    else context.output.result(statusLine(result));
    return EXIT.ok;
  },
};

export const cancelCommand: Command = {
  name: 'cancel',
  summary: 'cancel a queued request',
  help: `Usage: runcomfy-images cancel [--json] <request-id>

Asks RunComfy to cancel the request. RunComfy cancels only queued jobs. Prints "cancelled" (exit 0),
"not cancellable" when the job is already running: it will finish and may be charged (exit 13), or
"already finished" (exit 13).
${ENV_HELP}

Options:
  --json       print {"requestId", "outcome"}
  -h, --help   show this help

Examples:
  runcomfy-images cancel 0d6f3c2e-1b7a-4c55-9a0e-5f1f7f2a9c11`,

  async run(argv, context) {
    const { values, positionals } = parseCommandLine(argv, commonOptions);
    const requestId = singlePositional(positionals, 'request id');
    const outcome = await withClient(context, (client) => client.cancel(requestId));
    const { output } = context;
    if (values.json) output.json({ requestId, outcome });
    else output.result(outcome === 'cancelled' ? 'cancelled' : outcome === 'not_cancellable' ? 'not cancellable' : 'already finished');
    if (outcome === 'not_cancellable') output.info('The job is already running on RunComfy; it will finish and may be charged.');
    if (outcome === 'already_finished') output.info(`Fetch its files with: runcomfy-images result ${requestId}`);
    return outcome === 'cancelled' ? EXIT.ok : EXIT.notCancellable;
  },
};

export const resultCommand: Command = {
  name: 'result',
  summary: "wait for a request if needed, then save its files",
  help: `Usage: runcomfy-images result [options] <request-id>

Fetches the request's result and saves every output file (named <request-id>.png, -1, -2, … with the
extension the bytes call for). A job that has not finished yet is waited for, with progress on stderr;
Ctrl-C stops waiting without cancelling it. Saved paths go to stdout.
${ENV_HELP}

Options:
  -o, --out DIR       save into DIR (default: runcomfy.destination, else <root>/assets/generated/)
  --timeout SECONDS   stop waiting after this long (default: runcomfy.jobTimeoutMinutes, else 30 min)
  --root DIR          project root (default: nearest folder with .git, else the current folder)
  --json              print one JSON document with the files and timings
  -h, --help          show this help

Examples:
  runcomfy-images result 0d6f3c2e-1b7a-4c55-9a0e-5f1f7f2a9c11
  runcomfy-images result --out public/img 0d6f3c2e-1b7a-4c55-9a0e-5f1f7f2a9c11`,

  async run(argv, context) {
    const { values, positionals } = parseCommandLine(argv, { ...commonOptions, ...jobOptions, out: { type: 'string', short: 'o' } });
    const requestId = singlePositional(positionals, 'request id');
    const timeoutMs = timeoutOption(values.timeout);
    const api = readApiConfig(context.env);
    requireToken(api, false);
    const { output } = context;
    const project = await loadProject(context.cwd, values.root, (message) => output.warn(message));
    const client = createCliClient(api, project.settings, context.version);
    try {
      const fileName = `${requestId.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`;
      const outDir = values.out === undefined ? undefined : path.resolve(context.cwd, values.out);
      const target = outDir
        ? path.join(outDir, fileName)
        : resolveDestination({ workspaceFolder: project.root, fileName, template: project.settings.destination, now: new Date(), warn: (message) => context.output.warn(message) });
      const session = new CliSession({ output, settings: project.settings, timeoutMs, onInterrupt: 'detach', getClient: async () => client });
      const batch = await session.run([
        {
          source: 'palette',
          provider: 'runcomfy',
          prompt: '',
          model: '',
          input: {},
          requestId,
          save: {
            folder: path.dirname(target),
            baseName: path.basename(target),
            workspaceFolders: outDir ? [outDir] : [project.root],
            embedMetadata: project.settings.embedMetadata,
          },
        },
      ]);
      const [report] = batch.reports;
      const exitCode = batchExitCode(batch);
      if (values.json) output.json({ exitCode, jobs: batch.reports.map(jobJson) });
      else if (report && exitCode === EXIT.ok) for (const file of report.job.files) output.result(displayPath(file, context.cwd));
      else if (report && batch.interrupted) output.info(`Stopped waiting; request ${requestId} was not cancelled.`);
      else if (report) output.error(failureMessage(report));
      return exitCode;
    } finally {
      await client.close();
    }
  },
};

/** Runs one call with a client built from the environment, and closes it. */
async function withClient<T>(context: CliContext, call: (client: ReturnType<typeof createCliClient>) => Promise<T>): Promise<T> {
  const api = readApiConfig(context.env);
  requireToken(api, false);
  const client = createCliClient(api, DEFAULT_SETTINGS, context.version);
  try {
    return await call(client);
  } finally {
    await client.close();
  }
}

function statusLine(result: JobResult): string {
  switch (result.state) {
    case 'pending': {
      const s = result.status;
      if (s.state === 'queued') return s.queuePosition !== undefined ? `queued (#${s.queuePosition})` : 'queued';
      return s.state === 'failed' ? `failed: ${s.reason}` : s.state;
    }
    case 'succeeded':
      return `succeeded (${plural(result.outputs.length, 'file')})`;
    case 'failed':
      return `failed: ${result.reason}`;
    case 'cancelled':
      return 'cancelled';
  }
}

function statusJson(result: JobResult) {
  const pending = result.state === 'pending' ? result.status : undefined;
  return {
    requestId: result.requestId,
    state: pending ? pending.state : result.state,
    queuePosition: pending?.state === 'queued' ? (pending.queuePosition ?? null) : null,
    reason: result.state === 'failed' ? result.reason : pending?.state === 'failed' ? pending.reason : null,
    outputs: result.state === 'succeeded' ? result.outputs : [],
    createdAt: result.state === 'succeeded' || result.state === 'failed' ? (result.createdAt ?? null) : null,
    finishedAt: result.state === 'succeeded' || result.state === 'failed' ? (result.finishedAt ?? null) : null,
  };
}
