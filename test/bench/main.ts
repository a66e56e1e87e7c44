/**
 * `npm run bench`: the latency benchmark (our client against fixed-interval pollers, side by side in one
 * run) and the footprint figures, printed as tables and written to bench-results/latest.json.
 *
 * Options: --scale N (job counts × N; 0.25 for a quick look), --seed N, --jitter F (run time ± F, default
 * 0.05), --only latency|footprint, --check (exit 1 when a target is missed).
 * See BENCHMARKS.md for what each figure means.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  activationFigures,
  bundleFigures,
  downloadMemoryFigures,
  placeholderFigures,
  restoreDevelopmentBuild,
  type ActivationFigures,
  type BundleFigures,
  type DownloadMemoryFigures,
  type PlaceholderFigures,
} from './footprint';
import { POLLERS, PROFILES, runLatencyBench, type GroupResult } from './latencyBench';

const root = path.resolve(__dirname, '../../..');

interface Footprint {
  bundle: BundleFigures;
  activation: ActivationFigures;
  download: DownloadMemoryFigures;
  placeholder: PlaceholderFigures;
}

interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: '7' },
      jitter: { type: 'string', default: '0.05' },
      only: { type: 'string' },
      check: { type: 'boolean', default: false },
    },
  });
  const options = { scale: Number(values.scale), seed: Number(values.seed), jitter: Number(values.jitter) };
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const started = Date.now();

  let latency: GroupResult[] = [];
  if (values.only !== 'footprint') {
    log(`Latency: ${PROFILES.length} workloads × ${POLLERS.length} pollers, all at once (about 2 minutes)…`);
    latency = await runLatencyBench({ profiles: PROFILES, pollers: POLLERS, ...options, progress: log });
  }
  let footprint: Footprint | undefined;
  if (values.only !== 'latency') {
    log('Footprint: production bundle and .vsix, activation, 50 MiB download, placeholder…');
    try {
      const bundle = await bundleFigures();
      const activation = await activationFigures(21);
      const download = await downloadMemoryFigures(50, 3);
      const placeholder = placeholderFigures(30);
      footprint = { bundle, activation, download, placeholder };
    } finally {
      await restoreDevelopmentBuild();
    }
  }

  const checks = targetChecks(latency, footprint);
  const report = [latencyTable(latency), footprint ? footprintTable(footprint) : '', checksTable(checks)].filter(Boolean).join('\n\n');
  process.stdout.write(`${report}\n`);

  const machine = machineDescription();
  const file = path.join(root, 'bench-results/latest.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), durationSeconds: (Date.now() - started) / 1000, machine, options, checks, footprint, latency }, null, 2)}\n`,
  );
  log(`\nWrote ${path.relative(root, file)} (${((Date.now() - started) / 1000).toFixed(0)} s).`);
  if (values.check && checks.some((c) => !c.met)) process.exitCode = 1;
}

function targetChecks(latency: GroupResult[], footprint: Footprint | undefined): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const find = (profile: string, poller: string) => latency.find((g) => g.profile === profile && g.poller === poller);
  const ours = POLLERS[0]!.name;
  const short = find('0.8 s', ours);
  if (short) {
    checks.push({ target: '0.8 s jobs: median added latency ≤ 100 ms', measured: `${ms(short.summary.medianAddedMs)}`, met: short.summary.medianAddedMs <= 100 });
  }
  const long = find('30 s', ours);
  if (long) {
    checks.push({
      target: '30 s jobs: median added latency ≤ 5 % of job time',
      measured: `${long.summary.medianAddedPercent.toFixed(2)} % (${ms(long.summary.medianAddedMs)})`,
      met: long.summary.medianAddedPercent <= 5,
    });
  }
  for (const profile of PROFILES) {
    const mine = find(profile.name, ours);
    const fixed500 = find(profile.name, 'fixed 500 ms');
    if (!mine || !fixed500) continue;
    checks.push({
      target: `${profile.name}: requests/job ≤ fixed 500 ms poller's`,
      measured: `${mine.summary.requestsPerJob.toFixed(2)} vs ${fixed500.summary.requestsPerJob.toFixed(2)}`,
      met: mine.summary.requestsPerJob <= fixed500.summary.requestsPerJob,
    });
    const others = latency.filter((g) => g.profile === profile.name && g.poller !== ours);
    const best = others.reduce((a, b) => (a.summary.medianAddedMs <= b.summary.medianAddedMs ? a : b));
    checks.push({
      target: `${profile.name}: median added latency below every fixed poller's`,
      measured: `${ms(mine.summary.medianAddedMs)} vs best ${ms(best.summary.medianAddedMs)} (${best.poller})`,
      met: mine.summary.medianAddedMs < best.summary.medianAddedMs,
    });
  }
  for (const group of latency) {
    if (group.failures.length) checks.push({ target: `${group.profile} / ${group.poller}: every job saved`, measured: group.failures[0]!, met: false });
  }
  if (footprint) {
    checks.push({
      target: '50 MiB download adds at most a few MB of RSS (≤ 8 MiB)',
      measured: mib(footprint.download.maxRssAddedBytes),
      met: footprint.download.maxRssAddedBytes <= 8 * 1024 * 1024,
    });
    checks.push({
      target: '1024×1024 placeholder renders well under 100 ms (median ≤ 50 ms)',
      measured: ms(footprint.placeholder.medianMs),
      met: footprint.placeholder.medianMs <= 50,
    });
  }
  return checks;
}

function latencyTable(groups: GroupResult[]): string {
  if (!groups.length) return '';
  const header = ['workload', 'poller', 'jobs', 'median added', 'p95 added', 'median % of job', 'req/job', 'status+result+dl', 'max req'];
  const rows = groups.map((g) => {
    const s = g.summary;
    const b = s.requestBreakdown;
    const cold = s.coldJobs ? ` (${s.coldJobs} cold)` : '';
    return [
      g.profile,
      g.poller,
      `${s.jobs}${s.failed ? ` +${s.failed} failed` : ''}${cold}`,
      ms(s.medianAddedMs),
      ms(s.p95AddedMs),
      `${s.medianAddedPercent.toFixed(2)} %`,
      s.requestsPerJob.toFixed(2),
      `${b.status.toFixed(1)}+${b.result.toFixed(1)}+${b.download.toFixed(1)}`,
      String(s.maxRequestsPerJob),
    ];
  });
  return [
    'Added latency (file saved − job completed on the double) and requests per job (1 submit + status + result + download):',
    table(header, rows),
  ].join('\n');
}

function footprintTable(f: Footprint): string {
  const heavy = Object.entries(f.bundle.composition)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, bytes]) => `${name} ${kib(bytes)}`)
    .join(', ');
  const rows = [
    ['activation bundle dist/extension.js (production)', kib(f.bundle.bundleBytes), heavy],
    [`.vsix (${f.bundle.vsixFile})`, kib(f.bundle.vsixBytes), ''],
    [
      'require + activate() with a vscode host double',
      ms(f.activation.medianTotalMs),
      `median of ${f.activation.runs} fresh processes: require ${ms(f.activation.medianRequireMs)}, activate ${ms(f.activation.medianActivateMs)}; p95 ${ms(f.activation.medianTotalMs > 0 ? f.activation.p95TotalMs : 0)}`,
    ],
    [
      `${mib(f.download.fileBytes)} download through client.download`,
      `+${mib(f.download.medianRssAddedBytes)} RSS`,
      `peak heap +${mib(f.download.medianHeapAddedBytes)}, buffers +${mib(f.download.medianExternalAddedBytes)}, worst RSS +${mib(f.download.maxRssAddedBytes)}; ${ms(f.download.medianMs)} (median of ${f.download.runs})`,
    ],
    [
      `placeholder ${f.placeholder.width}×${f.placeholder.height}`,
      ms(f.placeholder.medianMs),
      `median of ${f.placeholder.runs}, p95 ${ms(f.placeholder.p95Ms)}, ${kib(f.placeholder.pngBytes)} PNG`,
    ],
  ];
  return ['Footprint:', table(['figure', 'value', 'detail'], rows)].join('\n');
}

function checksTable(checks: TargetCheck[]): string {
  if (!checks.length) return '';
  const rows = checks.map((c) => [c.met ? 'met' : 'MISSED', c.target, c.measured]);
  return ['Targets (SPEC §10):', table(['', 'target', 'measured'], rows)].join('\n');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function machineDescription() {
  const sh = (command: string, args: string[]) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8' }).trim();
    } catch {
      return 'unavailable';
    }
  };
  return {
    nproc: sh('nproc', []),
    memory: sh('free', ['-h']),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    loadAverage: os.loadavg(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
