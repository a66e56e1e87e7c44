/**
 * `npm run bench`: the latency benchmark (our client against fixed-interval pollers, side by side in one
 * run) and the footprint figures, printed as tables and written to bench-results/latest.json.
 *
 * Options: --scale N (job counts × N; 0.25 for a quick look), --seed N, --jitter F (run time ± F, default
 * 0.05), --only latency|footprint|catalog|editor, --workloads "0.8 s,5 s" (a subset of the latency workloads), --check
 * (exit 1 when a target is missed).
 * See BENCHMARKS.md for what each figure means.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runCatalogBench } from './catalogBench';
import { runEditorBench, type EditorFigure } from './editorBench';
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
import { POLLERS, PROFILES, runLatencyBench, summarize, type GroupResult, type GroupSummary } from './latencyBench';
import { mean, median } from './stats';

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
    // `npm run bench -- --scale 1` hands the script a literal `--` before the options.
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: {
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: '7' },
      jitter: { type: 'string', default: '0.05' },
      only: { type: 'string' },
      workloads: { type: 'string' },
      check: { type: 'boolean', default: false },
    },
  });
  const options = { scale: Number(values.scale), seed: Number(values.seed), jitter: Number(values.jitter) };
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const started = Date.now();

  let latency: GroupResult[] = [];
  const wanted = values.workloads?.split(',').map((name) => name.trim());
  const profiles = wanted ? PROFILES.filter((p) => wanted.includes(p.name)) : PROFILES;
  if (values.only !== 'footprint') {
    log(`Latency: ${profiles.length} workloads × ${POLLERS.length} pollers, all at once (about 3 minutes)…`);
    latency = await runLatencyBench({ profiles, pollers: POLLERS, ...options, progress: log });
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
  const editor = values.only === undefined || values.only === 'editor' ? await runEditorBench(log) : [];
  const checks = [...targetChecks(latency, footprint), ...editorChecks(editor)];
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
  if (short) check('target', '0.8 s jobs: median added latency ≤ 50 ms', ms(short.medianAddedMs), short.medianAddedMs <= 50);
  for (const profile of PROFILES) {
    const mine = find(profile.name, ours);
    const fixed500 = find(profile.name, 'fixed 500 ms');
    if (!mine || !fixed500) continue;
    const [a, b] = [mine.summary, fixed500.summary];
    check('target', `${profile.name}: median added ≤ the fixed 500 ms poller's`, `${ms(a.medianAddedMs)} vs ${ms(b.medianAddedMs)}`, a.medianAddedMs <= b.medianAddedMs);
    check('target', `${profile.name}: p95 added ≤ the fixed 500 ms poller's`, `${ms(a.p95AddedMs)} vs ${ms(b.p95AddedMs)}`, a.p95AddedMs <= b.p95AddedMs);
    // SPEC §10: at most 60 % of its requests for jobs of 5 s and more, at most as many for shorter ones.
    // Every poller runs the same timeline, so the jobs compare one to one (the mix is split by kind).
    for (const [label, share, keep] of requestTargets(profile.name)) {
      const mineJobs = mine.jobs.filter((j) => keep(j.runMs));
      const fixedJobs = fixed500.jobs.filter((j) => keep(j.runMs));
      if (!mineJobs.length || !fixedJobs.length) continue;
      const [x, y] = [mean(mineJobs.map((j) => j.requests.total)), mean(fixedJobs.map((j) => j.requests.total))];
      const measured = `${x.toFixed(2)} vs ${y.toFixed(2)} (${((100 * x) / y).toFixed(0)} %)`;
      check('target', `${label}: requests/job ≤ ${share * 100} % of the fixed 500 ms poller's`, measured, x <= share * y);
    }
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
    const heap = Math.max(...main.map((d) => d.heapAddedBytes), larger.heapAddedBytes);
    // SPEC §10: streamed, so the peak must not grow with the size. RSS also holds socket chunks V8 has not
    // collected yet (they level off near its external-memory threshold), hence the 16 MiB allowance.
    check(
      'target',
      `peak memory does not grow with the file's size (${mib(main[0]!.bytes)} vs ${mib(larger.bytes)}: ≤ +16 MiB)`,
      `+${mib(peak)} for ${mib(main[0]!.bytes)}, +${mib(larger.rssAddedBytes)} for ${mib(larger.bytes)}; heap +${mib(heap)}`,
      larger.rssAddedBytes <= peak + 16 * 1024 * 1024,
    );
    check('info', 'download holds little on the JS heap (≤ 8 MiB)', `+${mib(heap)}`, heap <= 8 * 1024 * 1024);
    check('target', '1024×1024 placeholder renders well under 100 ms (median ≤ 50 ms)', ms(footprint.placeholder.medianMs), footprint.placeholder.medianMs <= 50);
    const loaded = footprint.activation.filesLoaded;
    check('info', 'activation loads neither the HTTP client nor zod', loaded.join(', '), !loaded.some((f) => f === 'runcomfy-client.js' || f === 'zod.js'));
  }
  return checks;
}

/** SPEC §10's editor targets, from the editor benchmark's "after" rows: each must meet it, so the slowest is shown. */
function editorChecks(figures: readonly EditorFigure[]): TargetCheck[] {
  const slowest = (prefix: string) =>
    figures.filter((f) => f.figure.startsWith(prefix) && f.figure.endsWith('(after)')).sort((a, b) => b.medianMs - a.medianMs)[0];
  const cursor = slowest('cursor move');
  const lens = slowest('CodeLens pass');
  const checks: TargetCheck[] = [];
  if (cursor) checks.push({ kind: 'target', target: 'cursor move on a 3 MB Markdown file ≤ 5 ms', measured: `${ms(cursor.medianMs)} (${cursor.figure.replace(/^cursor move, [\d.]+ MB Markdown, /, '')})`, met: cursor.medianMs <= 5 });
  if (lens) checks.push({ kind: 'target', target: 'CodeLens pass over 2,000 image links ≤ 50 ms', measured: ms(lens.medianMs), met: lens.medianMs <= 50 });
  return checks;
}

/** Which jobs of a workload a request target covers, and the share of the fixed 500 ms poller's it allows. */
function requestTargets(profile: string): [string, number, (runMs: number) => boolean][] {
  const longJob = (runMs: number) => runMs >= 4000; // 5 s ± jitter and longer
  if (profile === 'mix + queue') {
    return [
      ['mix + queue, its 5 s and 30 s jobs', 0.6, longJob],
      ['mix + queue, its 0.8 s jobs', 1, (runMs) => !longJob(runMs)],
    ];
  }
  return [[profile, profile === '0.8 s' ? 1 : 0.6, () => true]];
}

function latencyTable(groups: GroupResult[]): string {
  if (!groups.length) return '';
  const header = ['workload', 'poller', 'jobs', 'median added', 'p95 added', 'median % of job', 'req/job', 'status+result+dl', 'max req'];
  // Our client's jobs again, split by whether it had a learned duration for their kind when they were
  // submitted: the tail comes mostly from the cold ones.
  const split = groups.flatMap((g) => {
    if (g.summary.coldJobs === undefined) return [g];
    const part = (warm: boolean) => ({ ...g, poller: `  ours, ${warm ? 'warm' : 'cold'}`, summary: summarize(g.jobs.filter((j) => j.warm === warm), 0) });
    return [g, ...(g.summary.coldJobs ? [part(false)] : []), ...(g.summary.coldJobs < g.summary.jobs ? [part(true)] : [])];
  });
  const rows = split.map((g) => {
    const s: GroupSummary = g.summary;
    const b = s.requestBreakdown;
    const cold = s.coldJobs && s.coldJobs < s.jobs ? ` (${s.coldJobs} cold)` : '';
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
