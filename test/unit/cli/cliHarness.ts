/**
 * Runs the built CLI (`dist/cli.js`, bundled by `npm test` before mocha) as a child process against the
 * RunComfy test double started in the test process, in a temporary copy of a fixture tree.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startRunComfyDouble, type RunComfyDouble, type RunComfyDoubleOptions } from '../../support/runcomfyDouble';

export const REPO = path.resolve(__dirname, '../../../..');
export const CLI = path.join(REPO, 'dist', 'cli.js');
export const KLEIN_9B = 'blackforestlabs/flux-2-klein/9b/text-to-image';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Called with the child as soon as it starts (e.g. to send it SIGINT later). */
  onSpawn?: (child: ChildProcess, output: { stdout: () => string; stderr: () => string }) => void;
}

/** Runs `node dist/cli.js …args` with only the variables given (plus PATH), and collects its output. */
export function runCli(args: string[], options: RunOptions): Promise<CliRun> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
  for (const [key, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[key] = value;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    options.onSpawn?.(child, { stdout: () => stdout, stderr: () => stderr });
  });
}

/** A temporary folder holding `project/` (a copy of the fixture, or empty) with room beside it. */
export async function tempProject(fixture?: string): Promise<{ base: string; project: string; dispose(): Promise<void> }> {
  const base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'runcomfy-cli-')));
  const project = path.join(base, 'project');
  if (fixture) await fs.cp(path.join(REPO, 'test', 'fixtures', fixture), project, { recursive: true });
  else await fs.mkdir(project);
  return { base, project, dispose: () => fs.rm(base, { recursive: true, force: true }) };
}

/** Every file below `dir`, relative, sorted, with `/` separators (hidden temporaries included). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** The double plus the environment that points the CLI at it. */
export async function startDouble(options: RunComfyDoubleOptions = {}): Promise<{ double: RunComfyDouble; env: Record<string, string> }> {
  const double = await startRunComfyDouble(options);
  return { double, env: { RUNCOMFY_BASE_URL: double.baseUrl, RUNCOMFY_API_TOKEN: double.token } };
}

/** The double's API requests as `METHOD path` lines. */
export function apiRequests(double: RunComfyDouble): string[] {
  return double.requests.filter((r) => r.server === 'api').map((r) => `${r.method} ${r.path}`);
}

/** The requests that could cost money: submits (reading the catalog or a price is free). */
export function paidRequests(double: RunComfyDouble): string[] {
  return apiRequests(double).filter((line) => line.startsWith('POST /v1/models/'));
}

/** Resolves when `read()` matches `pattern`, polling every 20 ms; rejects after `timeoutMs`. */
export async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 10_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(read());
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${pattern} in:\n${read()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export type TempProject = Awaited<ReturnType<typeof tempProject>>;

/** Per test: a fresh double and a fresh project (a fixture copy, or empty), both cleaned up after. */
export function withDoubleAndProject(fixture?: string): { double: RunComfyDouble; env: Record<string, string>; temp: TempProject } {
  const t = {} as { double: RunComfyDouble; env: Record<string, string>; temp: TempProject };
  beforeEach(async () => {
    Object.assign(t, await startDouble(), { temp: await tempProject(fixture) });
  });
  afterEach(async () => {
    await t.double.close();
    await t.temp.dispose();
  });
  return t;
}

/**
 * Runs the CLI on a real pseudo-terminal (util-linux `script`), so stdin and stderr are TTYs as on a
 * developer's machine. When the output shows `waitFor`, `answer` is typed (with Enter). The terminal merges
 * stdout and stderr into `output`; `requestsWhenAsked` is what `whenAsked` returned at that moment.
 */
export function runCliInTerminal<T>(
  args: string[],
  options: RunOptions & { waitFor: RegExp; answer: string; whenAsked?: () => T },
): Promise<{ code: number | null; output: string; asked: boolean; whenAsked?: T }> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', TERM: 'dumb' };
  for (const [key, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[key] = value;
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let asked = false;
    let whenAsked: T | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (!asked && options.waitFor.test(output)) {
        asked = true;
        whenAsked = options.whenAsked?.();
        child.stdin.write(`${options.answer}\r`);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, asked, whenAsked }));
  });
}

/** Runs the CLI on a terminal and answers its [y/N] question with no, noting how many paid requests were sent by then. */
export function answerNo(args: string[], t: { double: RunComfyDouble; env: Record<string, string>; temp: TempProject }) {
  return runCliInTerminal(args, { cwd: t.temp.project, env: t.env, waitFor: /\[y\/N\]/, answer: 'n', whenAsked: () => paidRequests(t.double).length });
}
