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
import { runCatalogBench } from './catalogBench';
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
import { median } from './stats';

const root = path.resolve(__dirname, '../../..');

interface Footprint {
  bundle: BundleFigures;
  activation: ActivationFigures;
  download: DownloadMemoryFigures;
  placeholder: PlaceholderFigures;
}

interface TargetCheck {
  /** `target`: SPEC §10 (what --check enforces); `info`: a comparison worth watching, not a target. */
  kind: 'target' | 'info';
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

  if (values.only === undefined || values.only === 'catalog') runCatalogBench(log);
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
  if (values.check && checks.some((c) => c.kind === 'target' && !c.met)) process.exitCode = 1;
}

function targetChecks(latency: GroupResult[], footprint: Footprint | undefined): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const check = (kind: TargetCheck['kind'], target: string, measured: string, met: boolean) => checks.push({ kind, target, measured, met });
  const find = (profile: string, poller: string) => latency.find((g) => g.profile === profile && g.poller === poller);
  const ours = POLLERS[0]!.name;
  const short = find('0.8 s', ours)?.summary;
  if (short) check('target', '0.8 s jobs: median added latency ≤ 100 ms', ms(short.medianAddedMs), short.medianAddedMs <= 100);
  const long = find('30 s', ours)?.summary;
  if (long) {
    const measured = `${long.medianAddedPercent.toFixed(2)} % (${ms(long.medianAddedMs)})`;
    check('target', '30 s jobs: median added latency ≤ 5 % of job time', measured, long.medianAddedPercent <= 5);
  }
  for (const profile of PROFILES) {
    const mine = find(profile.name, ours)?.summary;
    const fixed500 = find(profile.name, 'fixed 500 ms')?.summary;
    if (!mine || !fixed500) continue;
    const requests = `${mine.requestsPerJob.toFixed(2)} vs ${fixed500.requestsPerJob.toFixed(2)}`;
    check('target', `${profile.name}: requests/job ≤ the fixed 500 ms poller's`, requests, mine.requestsPerJob <= fixed500.requestsPerJob);
  }
  for (const profile of PROFILES) {
    const mine = find(profile.name, ours);
    const others = latency.filter((g) => g.profile === profile.name && g.poller !== ours);
    if (!mine || !others.length) continue;
    const best = others.reduce((a, b) => (a.summary.medianAddedMs <= b.summary.medianAddedMs ? a : b));
    const measured = `${ms(mine.summary.medianAddedMs)} vs ${ms(best.summary.medianAddedMs)} (${best.poller})`;
    check('info', `${profile.name}: median added latency below every fixed poller's`, measured, mine.summary.medianAddedMs < best.summary.medianAddedMs);
  }
  for (const group of latency) {
    if (group.failures.length) check('target', `${group.profile} / ${group.poller}: every job saved`, group.failures[0]!, false);
  }
  if (footprint) {
    const { larger, main } = footprint.download;
    const peak = Math.max(...main.map((d) => d.rssAddedBytes));
    const heap = Math.max(...main.map((d) => d.heapAddedBytes));
    check('target', `${mib(main[0]!.bytes)} download adds at most a few MB (peak RSS ≤ 8 MiB)`, `+${mib(peak)}`, peak <= 8 * 1024 * 1024);
    check('info', 'download holds little on the JS heap (≤ 8 MiB)', `+${mib(heap)}`, heap <= 8 * 1024 * 1024);
    check(
      'info',
      'download is streamed: peak RSS does not grow with the file (4× larger: ≤ +16 MiB)',
      `+${mib(larger.rssAddedBytes)} for ${mib(larger.bytes)} vs +${mib(peak)} for ${mib(main[0]!.bytes)}`,
      larger.rssAddedBytes <= peak + 16 * 1024 * 1024,
    );
    check('target', '1024×1024 placeholder renders well under 100 ms (median ≤ 50 ms)', ms(footprint.placeholder.medianMs), footprint.placeholder.medianMs <= 50);
    const loaded = footprint.activation.filesLoaded;
    check('info', 'activation loads neither the HTTP client nor zod', loaded.join(', '), !loaded.some((f) => f === 'runcomfy-client.js' || f === 'zod.js'));
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
  const size = (files: string[]) => files.reduce((sum, file) => sum + (f.bundle.files[file] ?? 0), 0);
  const loaded = f.activation.filesLoaded;
  // dist/cli.js is the command line's own bundle, never loaded by the extension.
  const later = Object.keys(f.bundle.files).filter((file) => !loaded.includes(file) && file !== 'cli.js');
  const { main, larger } = f.download;
  const worst = main.reduce((a, b) => (a.rssAddedBytes >= b.rssAddedBytes ? a : b));
  const rows = [
    ['loaded at activation (production build)', kib(size(loaded)), `${loaded.map((file) => `${file} ${kib(f.bundle.files[file]!)}`).join(', ')}; extension.js: ${heavy}`],
    ['loaded on first use', kib(size(later)), later.map((file) => `${file} ${kib(f.bundle.files[file]!)}`).join(', ')],
    [`.vsix (${f.bundle.vsixFile})`, kib(f.bundle.vsixBytes), f.bundle.files['cli.js'] ? `includes the CLI, dist/cli.js ${kib(f.bundle.files['cli.js'])}` : ''],
    [
      'require + activate() with a vscode host double',
      ms(f.activation.medianTotalMs),
      `median of ${f.activation.runs} fresh processes: require ${ms(f.activation.medianRequireMs)}, activate ${ms(f.activation.medianActivateMs)}; p95 ${ms(f.activation.p95TotalMs)}`,
    ],
    [
      `${mib(main[0]!.bytes)} download, peak added`,
      `+${mib(median(main.map((d) => d.rssAddedBytes)))} RSS`,
      `worst of ${main.length} +${mib(worst.rssAddedBytes)}; heap +${mib(worst.heapAddedBytes)}, buffers +${mib(worst.externalAddedBytes)} (socket chunks V8 collects late); ${ms(median(main.map((d) => d.ms)))}`,
    ],
    [`${mib(larger.bytes)} download, peak added`, `+${mib(larger.rssAddedBytes)} RSS`, `heap +${mib(larger.heapAddedBytes)}, buffers +${mib(larger.externalAddedBytes)}; ${ms(larger.ms)}`],
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
  const rows = checks.map((c) => [c.met ? 'met' : c.kind === 'target' ? 'MISSED' : 'no', c.kind, c.target, c.measured]);
  return ['Targets (SPEC §10) and comparisons:', table(['', 'kind', 'check', 'measured'], rows)].join('\n');
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
