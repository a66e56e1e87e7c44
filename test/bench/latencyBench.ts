/**
 * The latency benchmark: the real client and fixed-interval pollers side by side, in one process, each
 * against its own test double on loopback, all started together on the same job timeline. For every job it
 * measures the *added latency* (file saved on disk minus the double's completion time for that job, both
 * on the double's epoch clock) and counts the requests the double saw for that job.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createRunComfyClient, durationKey, type RunComfyHttpClient } from '../../src/runcomfy';
import { createDispatcher } from '../../src/runcomfy/http';
import { startRunComfyDouble, type RunComfyDouble } from '../support/runcomfyDouble';
import { runFixedPoller } from './fixedPoller';
import { epochNow, mean, median, percentile, seededRandom } from './stats';

export const MODEL = 'blackforestlabs/flux-2-klein/9b/text-to-image';

/** A kind of job: its nominal run time and the inputs that (for the learned durations) identify it. */
export interface JobKind {
  name: string;
  runMs: number;
  width: number;
  height: number;
  steps: number;
}

export const JOB_KINDS = {
  short: { name: '0.8 s', runMs: 800, width: 512, height: 512, steps: 4 },
  medium: { name: '5 s', runMs: 5_000, width: 1024, height: 1024, steps: 25 },
  long: { name: '30 s', runMs: 30_000, width: 1536, height: 1536, steps: 50 },
  video: { name: '2 min', runMs: 120_000, width: 1536, height: 1536, steps: 100 },
} satisfies Record<string, JobKind>;

/** One workload: how many jobs, how far apart they start, what they are and how long they queue. */
export interface Profile {
  name: string;
  jobs: number;
  spacingMs: number;
  kinds: { kind: JobKind; weight: number }[];
  /** Queue time of each job: uniform in [0, queueMaxMs]. */
  queueMaxMs: number;
}

export const PROFILES: Profile[] = [
  { name: '0.8 s', jobs: 60, spacingMs: 500, kinds: [{ kind: JOB_KINDS.short, weight: 1 }], queueMaxMs: 0 },
  { name: '5 s', jobs: 40, spacingMs: 1500, kinds: [{ kind: JOB_KINDS.medium, weight: 1 }], queueMaxMs: 0 },
  { name: '30 s', jobs: 40, spacingMs: 2000, kinds: [{ kind: JOB_KINDS.long, weight: 1 }], queueMaxMs: 0 },
  // Long jobs (video-like): the tail of a long wait, where sparse polls used to miss the end by seconds.
  { name: '2 min', jobs: 20, spacingMs: 3000, kinds: [{ kind: JOB_KINDS.video, weight: 1 }], queueMaxMs: 0 },
  {
    name: 'mix + queue',
    jobs: 60,
    spacingMs: 1500,
    kinds: [
      { kind: JOB_KINDS.short, weight: 0.4 },
      { kind: JOB_KINDS.medium, weight: 0.4 },
      { kind: JOB_KINDS.long, weight: 0.2 },
    ],
    queueMaxMs: 8000,
  },
];

/** Our client (no interval) or a fixed poller. */
export interface Poller {
  name: string;
  intervalMs?: number;
}

export const POLLERS: Poller[] = [
  { name: 'ours (adaptive)' },
  { name: 'fixed 500 ms', intervalMs: 500 },
  { name: 'fixed 1 s', intervalMs: 1000 },
  { name: 'fixed 2 s', intervalMs: 2000 },
  { name: 'fixed 5 s', intervalMs: 5000 },
];

export interface JobSpec {
  index: number;
  startMs: number;
  kind: JobKind;
  queueMs: number;
  runMs: number;
}

/** Requests the double saw for one job, by kind. */
export interface RequestCounts {
  submit: number;
  status: number;
  result: number;
  download: number;
  total: number;
}

export interface JobMeasurement {
  index: number;
  kind: string;
  queueMs: number;
  runMs: number;
  /** File saved minus the double's completion time, ms. */
  addedMs: number;
  requests: RequestCounts;
  /** Ours only: whether the client had a learned duration for this kind of job when it was submitted. */
  warm?: boolean;
}

export interface GroupSummary {
  jobs: number;
  failed: number;
  medianAddedMs: number;
  p95AddedMs: number;
  /** Median of added latency as a share of the job's service time (queue + run), in percent. */
  medianAddedPercent: number;
  requestsPerJob: number;
  /** Mean per job, by kind of request. */
  requestBreakdown: Omit<RequestCounts, 'total'>;
  maxRequestsPerJob: number;
  /** Ours only: jobs that started without a learned duration, and the median over the others. */
  coldJobs?: number;
  warmMedianAddedMs?: number;
}

export interface GroupResult {
  profile: string;
  poller: string;
  summary: GroupSummary;
  jobs: JobMeasurement[];
  failures: string[];
}

export interface LatencyOptions {
  profiles: Profile[];
  pollers: Poller[];
  /** Multiplies every profile's job count (quick runs: 0.25). */
  scale: number;
  /** Run time of each job is nominal × (1 ± jitter), uniformly. */
  jitter: number;
  seed: number;
  progress: (line: string) => void;
}

/** The job timeline of a profile: the same for every poller (seeded). */
export function jobSpecs(profile: Profile, scale: number, jitter: number, seed: number): JobSpec[] {
  const random = seededRandom(seed);
  const count = Math.max(1, Math.round(profile.jobs * scale));
  const totalWeight = profile.kinds.reduce((sum, k) => sum + k.weight, 0);
  return Array.from({ length: count }, (_, index) => {
    let pick = random() * totalWeight;
    const kind = profile.kinds.find((k) => (pick -= k.weight) < 0)?.kind ?? profile.kinds[0]!.kind;
    const runMs = Math.round(kind.runMs * (1 + (random() * 2 - 1) * jitter));
    const queueMs = Math.round(random() * profile.queueMaxMs);
    return { index, startMs: index * profile.spacingMs, kind, queueMs, runMs };
  });
}

export async function runLatencyBench(options: LatencyOptions): Promise<GroupResult[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'runcomfy-bench-'));
  const groups = await Promise.all(
    options.profiles.flatMap((profile, p) =>
      options.pollers.map(async (poller) => ({
        profile,
        poller,
        specs: jobSpecs(profile, options.scale, options.jitter, options.seed + p),
        // Plain PNGs: drawing a picture per job would load the double's event loop, counted as our latency.
        double: await startRunComfyDouble({ pictures: false }),
      })),
    ),
  );
  const total = groups.reduce((sum, g) => sum + g.specs.length, 0);
  let done = 0;
  const ticker = setInterval(() => options.progress(`  latency: ${done}/${total} jobs done`), 15_000);
  const startedAt = epochNow() + 200; // every group shares one time zero
  try {
    return await Promise.all(
      groups.map(async ({ profile, poller, specs, double }, g) => {
        const runner = await groupRunner(poller, double, path.join(dir, String(g)));
        const outcomes = await Promise.all(
          specs.map(async (spec) => {
            await sleep(startedAt + spec.startMs - epochNow());
            const outcome = await runner.run(spec).catch((error: unknown) => ({ error: String(error) }));
            done++;
            return { spec, outcome };
          }),
        );
        await runner.close();
        const result = measure(profile.name, poller.name, double, outcomes);
        await double.close();
        return result;
      }),
    );
  } finally {
    clearInterval(ticker);
    await rm(dir, { recursive: true, force: true });
  }
}

type Outcome = { requestId: string; savedAt: number; warm?: boolean } | { error: string };

interface GroupRunner {
  run(spec: JobSpec): Promise<Outcome>;
  close(): Promise<void>;
}

/** Runs one job start to file on disk, for our client or a fixed poller; both download with `client.download`. */
async function groupRunner(poller: Poller, double: RunComfyDouble, dir: string): Promise<GroupRunner> {
  await mkdir(dir, { recursive: true });
  const dispatcher = createDispatcher();
  const client: RunComfyHttpClient = createRunComfyClient({
    baseUrl: double.baseUrl,
    getToken: () => double.token,
    userAgent: 'runcomfy-images-bench',
    dispatcher,
  });
  return {
    async run(spec) {
      const input = {
        prompt: `bench job ${spec.index} [queue:${spec.queueMs}] [run:${spec.runMs}]`,
        width: spec.kind.width,
        height: spec.kind.height,
        steps: spec.kind.steps,
      };
      let requestId: string;
      let outputUrl: string;
      let warm: boolean | undefined;
      if (poller.intervalMs === undefined) {
        warm = client.learnedDurations.get(durationKey(MODEL, input)) !== undefined;
        const result = await client.run(MODEL, input);
        requestId = result.requestId;
        outputUrl = result.outputs[0]!.url;
      } else {
        ({ requestId, outputUrl } = await runFixedPoller(
          { baseUrl: double.baseUrl, token: double.token, dispatcher, intervalMs: poller.intervalMs },
          MODEL,
          input,
        ));
      }
      const target = path.join(dir, `${spec.index}.png`);
      await client.download(outputUrl, target);
      const savedAt = epochNow();
      await rm(target, { force: true });
      return { requestId, savedAt, warm };
    },
    async close() {
      await client.close();
      await dispatcher.close();
    },
  };
}

/** Turns outcomes and the double's request log into measurements and a summary. */
function measure(
  profile: string,
  poller: string,
  double: RunComfyDouble,
  outcomes: { spec: JobSpec; outcome: Outcome }[],
): GroupResult {
  const completions = double.completions;
  const counts = requestCountsByJob(double);
  const jobs: JobMeasurement[] = [];
  const failures: string[] = [];
  for (const { spec, outcome } of outcomes) {
    if ('error' in outcome) {
      failures.push(`job ${spec.index}: ${outcome.error}`);
      continue;
    }
    const completedAt = completions.get(outcome.requestId)!;
    jobs.push({
      index: spec.index,
      kind: spec.kind.name,
      queueMs: spec.queueMs,
      runMs: spec.runMs,
      addedMs: outcome.savedAt - completedAt,
      requests: counts.get(outcome.requestId) ?? { submit: 1, status: 0, result: 0, download: 0, total: 1 },
      warm: outcome.warm,
    });
  }
  return { profile, poller, summary: summarize(jobs, failures.length), jobs, failures };
}

/** Per request id: the submit (one per job: each group has its own double), polls, result reads, downloads. */
function requestCountsByJob(double: RunComfyDouble): Map<string, RequestCounts> {
  const counts = new Map<string, RequestCounts>();
  const of = (id: string) => {
    let entry = counts.get(id);
    if (!entry) counts.set(id, (entry = { submit: 1, status: 0, result: 0, download: 0, total: 1 }));
    return entry;
  };
  for (const request of double.requests) {
    const api = /^\/v1\/requests\/([^/?]+)\/(status|result)/.exec(request.path);
    const file = /^\/files\/([^/?]+)\//.exec(request.path);
    if (api && request.server === 'api') {
      const entry = of(decodeURIComponent(api[1]!));
      entry[api[2] as 'status' | 'result']++;
      entry.total++;
    } else if (file && request.server === 'files') {
      const entry = of(decodeURIComponent(file[1]!));
      entry.download++;
      entry.total++;
    }
  }
  return counts;
}

export function summarize(jobs: JobMeasurement[], failed: number): GroupSummary {
  const added = jobs.map((j) => j.addedMs);
  const perJob = (key: keyof RequestCounts) => mean(jobs.map((j) => j.requests[key]));
  const summary: GroupSummary = {
    jobs: jobs.length,
    failed,
    medianAddedMs: median(added),
    p95AddedMs: percentile(added, 95),
    medianAddedPercent: median(jobs.map((j) => (100 * j.addedMs) / (j.queueMs + j.runMs))),
    requestsPerJob: perJob('total'),
    requestBreakdown: { submit: perJob('submit'), status: perJob('status'), result: perJob('result'), download: perJob('download') },
    maxRequestsPerJob: Math.max(...jobs.map((j) => j.requests.total)),
  };
  if (jobs.some((j) => j.warm !== undefined)) {
    summary.coldJobs = jobs.filter((j) => j.warm === false).length;
    summary.warmMedianAddedMs = median(jobs.filter((j) => j.warm).map((j) => j.addedMs));
  }
  return summary;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
